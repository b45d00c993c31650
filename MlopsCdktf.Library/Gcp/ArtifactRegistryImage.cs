using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>
/// A Docker image reference in Artifact Registry, split into the parts the API addresses:
/// <c>&lt;location&gt;-docker.pkg.dev/&lt;project&gt;/&lt;repository&gt;/&lt;image&gt;:&lt;tag&gt;</c> or <c>…@sha256:&lt;digest&gt;</c>.
/// </summary>
/// <param name="Location">The repository's location, e.g. <c>europe-west4</c>.</param>
/// <param name="ProjectId">The project holding the repository.</param>
/// <param name="RepositoryId">The repository id, e.g. <c>models</c>.</param>
/// <param name="ImageName">The image (package) name inside the repository, e.g. <c>churn-serving</c> (may contain <c>/</c>).</param>
/// <param name="TagOrDigest">The pinned tag (<c>1.0.0</c>) or digest (<c>sha256:…</c>).</param>
public sealed partial record ArtifactRegistryImage(string Location, string ProjectId, string RepositoryId, string ImageName, string TagOrDigest)
{
    /// <summary>What a reference must look like, for validation messages.</summary>
    public const string Allowed =
        "must be a pinned Artifact Registry image: <location>-docker.pkg.dev/<project>/<repository>/<image>:<tag> (never \"latest\") "
        + "or …/<image>@sha256:<64 hex digits>";

    /// <summary>The repository's Docker URL: <c>&lt;location&gt;-docker.pkg.dev/&lt;project&gt;/&lt;repository&gt;</c>.</summary>
    public string RepositoryUrl => RepositoryUrlOf(Location, ProjectId, RepositoryId);

    /// <summary>Whether the reference pins a digest rather than a tag.</summary>
    public bool IsDigest => ContainerImageReference.IsDigest(TagOrDigest);

    /// <summary>The Docker URL of a repository.</summary>
    public static string RepositoryUrlOf(string location, string projectId, string repositoryId) => $"{location}-docker.pkg.dev/{projectId}/{repositoryId}";

    /// <summary>Parses <paramref name="reference"/>; false unless it is a pinned image in an Artifact Registry Docker repository.</summary>
    public static bool TryParse(string? reference, [NotNullWhen(true)] out ArtifactRegistryImage? image)
    {
        image = null;
        if (reference is null || !ContainerImageReference.IsPinnedImage(reference) || Shape().Match(reference) is not { Success: true } match)
        {
            return false;
        }

        image = new ArtifactRegistryImage(match.Groups["location"].Value, match.Groups["project"].Value, match.Groups["repository"].Value,
            match.Groups["image"].Value, match.Groups["pin"].Value);
        return true;
    }

    /// <summary>The full reference, as a container runtime pulls it.</summary>
    public override string ToString() => ContainerImageReference.Format($"{RepositoryUrl}/{ImageName}", TagOrDigest);

    [GeneratedRegex("^(?<location>[a-z][a-z0-9-]*[a-z0-9])-docker\\.pkg\\.dev/(?<project>[a-z][a-z0-9-]{4,28}[a-z0-9])/(?<repository>[a-z][a-z0-9-]{0,61}[a-z0-9])/(?<image>[a-z0-9][a-z0-9._/-]*[a-z0-9]|[a-z0-9])(:|@)(?<pin>.+)$")]
    private static partial Regex Shape();
}
