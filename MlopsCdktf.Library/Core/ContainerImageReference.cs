using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>
/// Rules for the tag or digest that pins a container image. Deployments must be reproducible and reviewable, so a
/// mutable alias such as <c>latest</c> (in any casing) and empty tags are rejected.
/// </summary>
internal static partial class ContainerImageReference
{
    /// <summary>The tag that always means "whatever was pushed last"; never accepted.</summary>
    public const string MutableLatestTag = "latest";

    /// <summary>What is allowed, for validation messages.</summary>
    public const string Allowed =
        "must be a pinned image tag (1 to 128 of letters, digits, '_', '.', '-', not starting with '.' or '-', never \"latest\") " +
        "or a digest \"sha256:<64 hex digits>\" (optionally prefixed with '@')";

    /// <summary>Records a problem unless <paramref name="tagOrDigest"/> is a pinned tag or a sha256 digest.</summary>
    public static InputValidator ValidateImageTagOrDigest(this InputValidator validator, string? tagOrDigest, string property)
    {
        if (tagOrDigest is not null && InputValidator.IsUnresolved(tagOrDigest))
        {
            return validator;
        }

        var valid = tagOrDigest is not null
            && (IsDigest(tagOrDigest) || (Tag().IsMatch(tagOrDigest) && !string.Equals(tagOrDigest, MutableLatestTag, StringComparison.OrdinalIgnoreCase)));
        return validator.Require(valid, property, tagOrDigest, Allowed);
    }

    /// <summary>What a full image reference must look like, for validation messages.</summary>
    public const string AllowedImage =
        "must be a pinned image: \"<repository>:<tag>\" (never \"latest\") or \"<repository>@sha256:<64 hex digits>\"; an untagged image means latest";

    /// <summary>
    /// Records a problem unless <paramref name="image"/> is a full image reference pinned by tag or digest:
    /// <c>registry/repo:1.2.0</c> or <c>registry/repo@sha256:…</c>. Untagged references and <c>:latest</c> are rejected.
    /// </summary>
    public static InputValidator ValidatePinnedImage(this InputValidator validator, string? image, string property)
    {
        if (image is not null && InputValidator.IsUnresolved(image))
        {
            return validator;
        }

        return validator.Require(image is not null && IsPinnedImage(image), property, image, AllowedImage);
    }

    /// <summary>Whether <paramref name="image"/> is <c>repository:tag</c> (tag not <c>latest</c>) or <c>repository@sha256:digest</c>.</summary>
    public static bool IsPinnedImage(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return at > 0 && Repository().IsMatch(image[..at].Split(':')[0]) && Digest().IsMatch(image[(at + 1)..]);
        }

        var colon = image.LastIndexOf(':');
        if (colon <= image.LastIndexOf('/'))
        {
            return false; // no tag: the runtime pulls "latest"
        }

        var tag = image[(colon + 1)..];
        return Repository().IsMatch(image[..colon]) && Tag().IsMatch(tag) && !string.Equals(tag, MutableLatestTag, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="tagOrDigest"/> is a <c>sha256:</c> digest (with or without a leading <c>@</c>).</summary>
    public static bool IsDigest(string tagOrDigest) => Digest().IsMatch(tagOrDigest);

    /// <summary>Appends <paramref name="tagOrDigest"/> to <paramref name="repositoryUrl"/>: <c>url:tag</c> or <c>url@sha256:...</c>.</summary>
    public static string Format(string repositoryUrl, string tagOrDigest) =>
        IsDigest(tagOrDigest) ? $"{repositoryUrl}@{tagOrDigest.TrimStart('@')}" : $"{repositoryUrl}:{tagOrDigest}";

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9._:-]*[a-z0-9])?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$")]
    private static partial Regex Repository();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();

    [GeneratedRegex("^@?sha256:[a-f0-9]{64}$")]
    private static partial Regex Digest();
}
