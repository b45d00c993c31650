using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// Rules for the tag or digest that pins a container image. Deployments must be reproducible and reviewable, so a
/// mutable alias such as <c>latest</c> (in any casing) and empty tags are rejected.
/// </summary>
public static partial class ContainerImageReference
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

    /// <summary>Whether <paramref name="tagOrDigest"/> is a <c>sha256:</c> digest (with or without a leading <c>@</c>).</summary>
    public static bool IsDigest(string tagOrDigest) => Digest().IsMatch(tagOrDigest);

    /// <summary>Appends <paramref name="tagOrDigest"/> to <paramref name="repositoryUrl"/>: <c>url:tag</c> or <c>url@sha256:...</c>.</summary>
    public static string Format(string repositoryUrl, string tagOrDigest) =>
        IsDigest(tagOrDigest) ? $"{repositoryUrl}@{tagOrDigest.TrimStart('@')}" : $"{repositoryUrl}:{tagOrDigest}";

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();

    [GeneratedRegex("^@?sha256:[a-f0-9]{64}$")]
    private static partial Regex Digest();
}
