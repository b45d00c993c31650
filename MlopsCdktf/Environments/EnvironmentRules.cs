using System.Text.RegularExpressions;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;

namespace MlopsCdktf.Environments;

/// <summary>
/// Validates the environment definitions before any stack is declared, so a wrong value is reported against the
/// environment field that holds it (<c>Aws.AccountId</c> of 'prod'), not against a construct named after it — and every
/// problem of every environment at once.
/// </summary>
public static partial class EnvironmentRules
{
    /// <summary>Throws one <see cref="ConstructInputException"/> listing every problem of every environment.</summary>
    /// <exception cref="ConstructInputException">When any environment is invalid, or two share a name.</exception>
    public static void Validate(IReadOnlyList<DeploymentEnvironment> environments)
    {
        var v = new InputValidator(nameof(DeploymentEnvironment), "Catalog");
        v.RequireMembers(environments, "environments");
        foreach (var duplicate in environments.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Add("Name", duplicate.Key, $"is used by {duplicate.Count()} environments: stack and resource names would collide; names must be unique");
        }

        foreach (var environment in environments)
        {
            Validate(v, environment);
        }

        v.ThrowIfInvalid();
    }

    private static void Validate(InputValidator v, DeploymentEnvironment e)
    {
        var at = $"[{e.Name}] ";
        v.Matches(e.Name, at + nameof(e.Name), ShortName(), "must be 1 to 12 lowercase letters and digits, starting with a letter (it is part of every stack and resource name)");
        v.Matches(e.Project, at + nameof(e.Project), ShortName(), "must be 1 to 12 lowercase letters and digits, starting with a letter (it prefixes every stack and resource name)");
        v.Matches(e.Aws.AccountId, at + "Aws.AccountId", AccountId(), "must be exactly 12 digits");
        v.ValidateAwsRegion(e.Aws.Region, at + "Aws.Region");
        v.Matches(e.Gcp.ProjectId, at + "Gcp.ProjectId", GcpProjectId(), "must be 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen");
        v.ValidateGcpRegion(e.Gcp.Region, at + "Gcp.Region");
        v.ValidateGcpZoneOf(e.Gcp.Zone, e.Gcp.Region, at + "Gcp.Zone");
        v.Matches(e.Gcp.ImageRepository, at + "Gcp.ImageRepository", ArtifactRepositoryId(),
            "must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (an Artifact Registry repository id)");
        if (CloudRegions.Gcp.Contains(e.Gcp.Region) && e.Gcp.Zone.StartsWith(e.Gcp.Region + "-", StringComparison.Ordinal))
        {
            // The GPU pool is pinned to Gcp.Zone: its GPU must be offered there for certain, or every scale-up from zero fails.
            v.ValidateGpuZone(e.Training.Gpu, e.Gcp.Zone, at + "Gcp.Zone", requireListed: true);
            ValidateImages(v, e, at);
        }

        // The cost center is an AWS tag value and, normalised, a GCP label value on every resource.
        v.Matches(e.CostCenter, at + nameof(e.CostCenter), CostCenter(),
            "must be 1 to 63 lowercase letters, digits, hyphens and underscores: it is an AWS tag value and a GCP label value on every resource");
        v.Defined(e.DataDeletionPolicy, at + nameof(e.DataDeletionPolicy));
        v.ValidateS3BucketName(e.State.AwsBucket, at + "State.AwsBucket");
        v.ValidateGcsBucketName(e.State.GcsBucket, at + "State.GcsBucket");
        v.Defined(e.Delivery.State, at + "Delivery.State");
        v.Matches(e.Delivery.InfraVersion, at + "Delivery.InfraVersion", InfraVersion(),
            $"must be a git commit (7 to 40 lowercase hex digits) or \"{DeliveryOptions.Unversioned}\": it is a tag and label value on every resource");
        if (e.Review is { } review)
        {
            v.Require(review.PullRequest > 0, at + "Review.PullRequest", review.PullRequest, "must be a pull request number (positive)");
            v.Require(e.Name == $"pr{review.PullRequest}", at + nameof(e.Name), e.Name, $"must be \"pr{review.PullRequest}\": review environments are named after their pull request");
            v.InRange(review.TimeToLiveHours, at + "Review.TimeToLiveHours", 1, 24 * 30, "hours");
            v.Require(e.DataDeletionPolicy == DeletionPolicy.ForceDestroy, at + nameof(e.DataDeletionPolicy), e.DataDeletionPolicy,
                "must be ForceDestroy in a review environment: closing the pull request destroys everything it created");
        }
    }

    /// <summary>GKE pulls the workload images from the repository the GCP stack creates, and the Kubernetes plan checks them there.</summary>
    private static void ValidateImages(InputValidator v, DeploymentEnvironment e, string at)
    {
        var repository = ArtifactRegistryImage.RepositoryUrlOf(e.Gcp.Region, e.Gcp.ProjectId, e.Gcp.ImageRepository);
        foreach (var (field, image) in new[]
                 {
                     ("ClusterWorkloads.ServingImage", e.ClusterWorkloads.ServingImage),
                     ("ClusterWorkloads.TrainingImage", e.ClusterWorkloads.TrainingImage),
                 })
        {
            v.Require(ArtifactRegistryImage.TryParse(image, out var parsed) && parsed.RepositoryUrl == repository, at + field, image,
                $"must be a pinned image in the repository the GCP stack creates, {repository}/<image>:<tag> or @sha256:<digest> "
                + "(Gcp.Region, Gcp.ProjectId, Gcp.ImageRepository): the nodes are granted read on it, and the Kubernetes plan checks the image is published there");
        }
    }

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex ArtifactRepositoryId();

    [GeneratedRegex("^[a-z][a-z0-9]{0,11}$")]
    private static partial Regex ShortName();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex GcpProjectId();

    [GeneratedRegex("^[a-z0-9_-]{1,63}$")]
    private static partial Regex CostCenter();

    /// <summary>A git commit (7 to 40 lowercase hex digits) or <c>unversioned</c>.</summary>
    [GeneratedRegex("^([0-9a-f]{7,40}|unversioned)$")]
    internal static partial Regex InfraVersion();
}
