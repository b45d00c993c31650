using System.Globalization;
using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Google.ArtifactRegistryRepository;
using HashiCorp.Cdktf.Providers.Google.ArtifactRegistryRepositoryIamMember;
using MlopsCdktf.Core;
using RepositoryIamMember = HashiCorp.Cdktf.Providers.Google.ArtifactRegistryRepositoryIamMember.ArtifactRegistryRepositoryIamMember;
using RepositoryResource = HashiCorp.Cdktf.Providers.Google.ArtifactRegistryRepository.ArtifactRegistryRepository;

namespace MlopsCdktf.Gcp;

/// <summary>
/// The Artifact Registry Docker repository holding the images GKE serves and trains with, secure by default: immutable tags
/// (a pinned tag always means the reviewed image); vulnerability scanning of every push; optional cleanup policies and CMEK;
/// readers granted on the repository only (<see cref="GrantRead"/>); destroy guarded by <see cref="DeletionPolicy"/>.
/// </summary>
/// <example>
/// <code>
/// var images = new ModelImageRegistry(this, "Images", new ModelImageRegistryProps
/// {
///     ProjectId = "acme-ml-prod",
///     Location = "europe-west4",
///     RepositoryId = "models",
/// });
/// images.GrantRead("Nodes", cluster.NodeServiceAccount.Member); // GKE nodes pull the images
/// // images.ImageReference("churn-serving", "1.0.0") == "europe-west4-docker.pkg.dev/acme-ml-prod/models/churn-serving:1.0.0"
/// </code>
/// </example>
public sealed partial class ModelImageRegistry : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the repository.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ModelImageRegistry(Construct scope, string id, ModelImageRegistryProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ModelImageRegistry)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        ProjectId = props.ProjectId;
        Location = props.Location;
        Repository = new RepositoryResource(this, "Repository", new ArtifactRegistryRepositoryConfig
        {
            Project = props.ProjectId,
            Location = props.Location,
            RepositoryId = props.RepositoryId,
            Format = "DOCKER",
            Mode = "STANDARD_REPOSITORY",
            Description = props.Description,
            DockerConfig = new ArtifactRegistryRepositoryDockerConfig { ImmutableTags = props.ImmutableTags },
            VulnerabilityScanningConfig = new ArtifactRegistryRepositoryVulnerabilityScanningConfig
            {
                EnablementConfig = props.VulnerabilityScanning ? "INHERITED" : "DISABLED",
            },
            CleanupPolicies = props.Cleanup is { } cleanup ? CleanupPolicies(cleanup) : null,
            CleanupPolicyDryRun = props.Cleanup?.DryRun,
            KmsKeyName = props.KmsKeyName,
            Labels = TerraformMaps.OrNull(props.Labels),
            Lifecycle = props.DeletionPolicy.ToLifecycle(),
        });
        RepositoryId = props.RepositoryId;
    }

    /// <summary>The underlying <c>google_artifact_registry_repository</c>, for attributes this construct does not surface.</summary>
    public RepositoryResource Repository { get; }

    /// <summary>The project holding the repository.</summary>
    public string ProjectId { get; }

    /// <summary>The repository's location.</summary>
    public string Location { get; }

    /// <summary>The repository id (a plain value: image paths are known at synth time).</summary>
    public string RepositoryId { get; }

    /// <summary>The repository's Docker URL, <c>&lt;location&gt;-docker.pkg.dev/&lt;project&gt;/&lt;id&gt;</c>, for <c>docker push</c>.</summary>
    public string RepositoryUrl => ArtifactRegistryImage.RepositoryUrlOf(Location, ProjectId, RepositoryId);

    /// <summary>The full reference of <paramref name="image"/> pinned to <paramref name="tagOrDigest"/> in this repository.</summary>
    public string ImageReference(string image, string tagOrDigest) => ContainerImageReference.Format($"{RepositoryUrl}/{image}", tagOrDigest);

    /// <summary>Whether <paramref name="imageReference"/> names an image in this repository.</summary>
    public bool Holds(string imageReference) =>
        ArtifactRegistryImage.TryParse(imageReference, out var image) && image.RepositoryUrl == RepositoryUrl;

    /// <summary>
    /// Lets <paramref name="member"/> (e.g. <c>serviceAccount:nodes@p.iam.gserviceaccount.com</c>, or a reference to a service
    /// account's <c>member</c>) pull images: <c>roles/artifactregistry.reader</c> on this repository only.
    /// </summary>
    /// <param name="grantId">Names the grant in the construct tree (<c>Reader-&lt;grantId&gt;</c>), unique per repository.</param>
    /// <param name="member">The IAM member.</param>
    /// <exception cref="ConstructInputException">When the id or member is blank.</exception>
    public RepositoryIamMember GrantRead(string grantId, string member)
    {
        var v = new InputValidator(this);
        v.NotBlank(grantId, nameof(grantId)).NotBlank(member, nameof(member));
        v.ThrowIfInvalid();
        return new RepositoryIamMember(this, $"Reader-{grantId}", new ArtifactRegistryRepositoryIamMemberConfig
        {
            Project = Repository.Project,
            Location = Repository.Location,
            Repository = Repository.Name,
            Role = ModelImageRegistryDefaults.ReaderRole,
            Member = member,
        });
    }

    private static ArtifactRegistryRepositoryCleanupPolicies[] CleanupPolicies(ImageCleanup cleanup) =>
    [
        new()
        {
            Id = "delete-untagged",
            Action = "DELETE",
            Condition = new ArtifactRegistryRepositoryCleanupPoliciesCondition
            {
                TagState = "UNTAGGED",
                OlderThan = string.Create(CultureInfo.InvariantCulture, $"{cleanup.DeleteUntaggedAfterDays * 86_400}s"),
            },
        },
        new()
        {
            Id = "keep-recent-versions",
            Action = "KEEP",
            MostRecentVersions = new ArtifactRegistryRepositoryCleanupPoliciesMostRecentVersions { KeepCount = cleanup.KeepMostRecentVersions },
        },
    ];

    private void Validate(ModelImageRegistryProps props)
    {
        var v = new InputValidator(this);
        v.ValidateProjectId(props.ProjectId);
        v.Require(props.Location is not null && (InputValidator.IsUnresolved(props.Location) || CloudRegions.Gcp.Contains(props.Location)
                || ModelImageRegistryDefaults.MultiRegions.Contains(props.Location)),
            nameof(props.Location), props.Location,
            $"must be a Google Cloud region such as europe-west4 or a multi-region ({string.Join(", ", ModelImageRegistryDefaults.MultiRegions)}) ({CloudRegions.HowToExtend})");
        v.Matches(props.RepositoryId, nameof(props.RepositoryId), RepositoryIdPattern(),
            "must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen");
        v.ValidateKmsKeyName(props.KmsKeyName, nameof(props.KmsKeyName));
        v.ValidateKmsKeyLocation(props.KmsKeyName, nameof(props.KmsKeyName), props.Location, nameof(props.Location));
        if (props.Cleanup is { } cleanup)
        {
            v.InRange(cleanup.DeleteUntaggedAfterDays, "Cleanup.DeleteUntaggedAfterDays", 1, 3650, "days");
            v.InRange(cleanup.KeepMostRecentVersions, "Cleanup.KeepMostRecentVersions", 1, 1000, "versions");
        }

        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateGcpLabels(props.Labels);
        v.ThrowIfInvalid();
    }

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex RepositoryIdPattern();
}
