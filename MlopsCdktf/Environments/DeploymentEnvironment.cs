using MlopsCdktf.Core;

namespace MlopsCdktf.Environments;

/// <summary>
/// One deployment environment (dev, staging, prod): where it runs, how it is named and sized, and how its data may
/// be destroyed. The single source of truth the stacks read; constructs never see this type.
/// </summary>
public sealed record DeploymentEnvironment
{
    /// <summary>Short lowercase name used in stack and resource names, e.g. <c>dev</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The AWS account and region of this environment.</summary>
    public required AwsTarget Aws { get; init; }

    /// <summary>Cost center tag value for every resource.</summary>
    public required string CostCenter { get; init; }

    /// <summary>What destroy may do to stateful resources (buckets, keys, file shares, clusters).</summary>
    public required DeletionPolicy DataDeletionPolicy { get; init; }

    /// <summary>Model artifact storage settings.</summary>
    public required ArtifactStorageSettings ArtifactStorage { get; init; }

    /// <summary>Model serving (SageMaker endpoint) settings.</summary>
    public required ServingSettings Serving { get; init; }

    /// <summary>Project name prefixed to resource names.</summary>
    public string Project { get; init; } = "mlops";
}

/// <summary>An AWS account and region.</summary>
public sealed record AwsTarget
{
    /// <summary>The 12-digit account id; the provider refuses to run against any other account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The region, e.g. <c>eu-west-1</c>.</summary>
    public required string Region { get; init; }
}

/// <summary>How an environment keeps model artifacts.</summary>
public sealed record ArtifactStorageSettings
{
    /// <summary>Days noncurrent artifact versions are kept.</summary>
    public required int NoncurrentVersionExpirationDays { get; init; }

    /// <summary>Bucket receiving S3 server access logs, or null for none.</summary>
    public string? AccessLogBucket { get; init; }
}
