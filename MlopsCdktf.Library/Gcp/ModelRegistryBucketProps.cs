using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>Input of <see cref="ModelRegistryBucket"/>. Every optional member documents its default and why.</summary>
public sealed record ModelRegistryBucketProps
{
    /// <summary>
    /// The globally unique bucket name: 3–63 characters of lowercase letters, digits, <c>-</c>, <c>_</c> and <c>.</c>,
    /// beginning and ending with a letter or digit, not starting with <c>goog</c>, not containing <c>google</c>, not an
    /// IP address. Changing it replaces the bucket.
    /// </summary>
    public required string BucketName { get; init; }

    /// <summary>Where the bucket lives: a region (<c>europe-west4</c>), dual-region or multi-region (<c>EU</c>). Changing it replaces the bucket.</summary>
    public required string Location { get; init; }

    /// <summary>The project owning the bucket.</summary>
    /// <value>The default value is null: the provider's project.</value>
    public string? ProjectId { get; init; }

    /// <summary>A Cloud KMS key (<c>projects/…/cryptoKeys/…</c>) encrypting new objects (CMEK). The Cloud Storage service
    /// agent needs <c>roles/cloudkms.cryptoKeyEncrypterDecrypter</c> on it.</summary>
    /// <value>The default value is null: Google-managed encryption; set it where keys must be customer controlled.</value>
    public string? KmsKeyName { get; init; }

    /// <summary>What destroy may do to the bucket: <c>force_destroy</c> only with <see cref="DeletionPolicy.ForceDestroy"/>,
    /// <c>lifecycle.prevent_destroy</c> with <see cref="DeletionPolicy.PreventDestroy"/>.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>: registered models are production data.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>How long noncurrent (overwritten or deleted) object versions are kept.</summary>
    /// <value>The default value is <see cref="NoncurrentVersionRetention"/> with its own defaults.</value>
    public NoncurrentVersionRetention NoncurrentVersions { get; init; } = new();

    /// <summary>Days deleted objects stay restorable by Cloud Storage soft delete: 0 (off) or 7–90.</summary>
    /// <value>The default value is 7, GCS's own default: a mistaken delete of a model is recoverable for a week.</value>
    public int SoftDeleteRetentionDays { get; init; } = ModelRegistryBucketDefaults.SoftDeleteRetentionDays;

    /// <summary>Labels for the bucket, merged over the provider's <c>default_labels</c>; must follow GCP's label rules.</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>When noncurrent model versions are deleted; a version goes as soon as either limit is passed.</summary>
public sealed record NoncurrentVersionRetention
{
    /// <summary>Noncurrent versions kept per object (≥ 1): older ones are deleted (<c>num_newer_versions</c>).</summary>
    /// <value>The default value is 5: enough to roll a model back several releases.</value>
    public int KeepNewerVersions { get; init; } = ModelRegistryBucketDefaults.KeepNewerVersions;

    /// <summary>Days a version may stay noncurrent before it is deleted (≥ 1, <c>days_since_noncurrent_time</c>).</summary>
    /// <value>The default value is 90: long enough to investigate a regression, short enough to bound cost.</value>
    public int DeleteAfterDays { get; init; } = ModelRegistryBucketDefaults.NoncurrentDeleteAfterDays;
}

/// <summary>The one home of <see cref="ModelRegistryBucket"/>'s default values.</summary>
internal static class ModelRegistryBucketDefaults
{
    public const int SoftDeleteRetentionDays = 7;
    public const int KeepNewerVersions = 5;
    public const int NoncurrentDeleteAfterDays = 90;
    public const int AbortIncompleteMultipartUploadDays = 7;

    /// <summary>Cloud Storage's soft-delete bounds, in days (0 turns it off).</summary>
    public const int MinSoftDeleteDays = 7;
    public const int MaxSoftDeleteDays = 90;
}
