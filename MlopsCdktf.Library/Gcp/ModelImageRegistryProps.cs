using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>Input of <see cref="ModelImageRegistry"/>. Every optional member documents its default and why.</summary>
public sealed record ModelImageRegistryProps
{
    /// <summary>The project holding the repository (part of every image path).</summary>
    public required string ProjectId { get; init; }

    /// <summary>Where the repository lives: a region (<c>europe-west4</c>, next to the cluster: pulls stay in the region) or a
    /// multi-region (<c>europe</c>, <c>us</c>, <c>asia</c>). Changing it replaces the repository.</summary>
    public required string Location { get; init; }

    /// <summary>The repository id, e.g. <c>models</c>: 1–63 lowercase letters, digits and hyphens, starting with a letter and
    /// not ending with a hyphen. Images are <c>&lt;location&gt;-docker.pkg.dev/&lt;project&gt;/&lt;id&gt;/&lt;image&gt;:&lt;tag&gt;</c>.
    /// Changing it replaces the repository.</summary>
    public required string RepositoryId { get; init; }

    /// <summary>A description shown in the console.</summary>
    /// <value>The default value is null: none.</value>
    public string? Description { get; init; }

    /// <summary>Whether a pushed tag can never be moved to another image (<c>docker_config.immutable_tags</c>).</summary>
    /// <value>The default value is true: a deployment pinned to <c>churn-serving:1.0.0</c> keeps running the image that was
    /// reviewed and scanned; a new build is a new tag.</value>
    public bool ImmutableTags { get; init; } = true;

    /// <summary>Whether pushed images are scanned for vulnerabilities (<c>vulnerability_scanning_config.enablement_config</c>
    /// <c>INHERITED</c>: scanning runs while the Container Scanning API is enabled in the project; false sets <c>DISABLED</c>).</summary>
    /// <value>The default value is true: known CVEs in serving and training images show up before they are deployed.</value>
    public bool VulnerabilityScanning { get; init; } = true;

    /// <summary>Automatic deletion of old images (cleanup policies).</summary>
    /// <value>The default value is null: nothing is deleted automatically (deployed versions must stay pullable).</value>
    public ImageCleanup? Cleanup { get; init; }

    /// <summary>A Cloud KMS key (<c>projects/…/cryptoKeys/…</c>, in the repository's location) encrypting the images (CMEK).
    /// The Artifact Registry service agent needs <c>roles/cloudkms.cryptoKeyEncrypterDecrypter</c> on it. Changing it
    /// replaces the repository.</summary>
    /// <value>The default value is null: Google-managed encryption; set it where keys must be customer controlled.</value>
    public string? KmsKeyName { get; init; }

    /// <summary>What destroy may do to the repository (and every image in it): <c>lifecycle.prevent_destroy</c> with
    /// <see cref="DeletionPolicy.PreventDestroy"/>; otherwise destroy deletes it with its images.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>: the images of deployed model versions are
    /// production artifacts.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Labels for the repository, merged over the provider's <c>default_labels</c>; must follow GCP's label rules.</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Cleanup policies of a <see cref="ModelImageRegistry"/>: untagged images (left behind by re-pushes and multi-arch builds)
/// are deleted after <see cref="DeleteUntaggedAfterDays"/>; the newest <see cref="KeepMostRecentVersions"/> versions are always
/// kept. Tagged images are never deleted by these policies.
/// </summary>
public sealed record ImageCleanup
{
    /// <summary>Days after which untagged images are deleted (1–3650).</summary>
    /// <value>The default value is 30.</value>
    public int DeleteUntaggedAfterDays { get; init; } = ModelImageRegistryDefaults.DeleteUntaggedAfterDays;

    /// <summary>How many of the most recent versions of each image are kept whatever their age (1–1000).</summary>
    /// <value>The default value is 10.</value>
    public int KeepMostRecentVersions { get; init; } = ModelImageRegistryDefaults.KeepMostRecentVersions;

    /// <summary>Whether the policies only report what they would delete (<c>cleanup_policy_dry_run</c>).</summary>
    /// <value>The default value is false: the policies delete.</value>
    public bool DryRun { get; init; }
}

/// <summary>The one home of <see cref="ModelImageRegistry"/>'s default values.</summary>
internal static class ModelImageRegistryDefaults
{
    public const int DeleteUntaggedAfterDays = 30;
    public const int KeepMostRecentVersions = 10;
    public const string ReaderRole = "roles/artifactregistry.reader";
    public static readonly string[] MultiRegions = ["asia", "europe", "us"];
}
