using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="ModelArtifactBucket"/>. Every optional member documents its default and why.</summary>
public sealed record ModelArtifactBucketProps
{
    /// <summary>
    /// The globally unique bucket name: 3–63 characters of lowercase letters, digits, hyphens and dots, beginning and
    /// ending with a letter or digit, not an IP address, without the reserved prefixes (<c>xn--</c>, <c>sthree-</c>,
    /// <c>amzn-s3-demo-</c>) or suffixes (<c>-s3alias</c>, <c>--ol-s3</c>, <c>.mrap</c>, <c>--x-s3</c>, <c>--table-s3</c>).
    /// Changing it replaces the bucket.
    /// </summary>
    public required string BucketName { get; init; }

    /// <summary>
    /// ARN of an existing customer managed KMS key to encrypt objects with (SSE-KMS). The caller owns its key policy
    /// and rotation.
    /// </summary>
    /// <value>
    /// The default value is null: a key dedicated to this bucket is created, with yearly rotation on and a
    /// <see cref="KeyDeletionWindowDays"/>-day deletion window, so access to artifacts can be audited and revoked per bucket.
    /// </value>
    public string? KmsKeyArn { get; init; }

    /// <summary>Days a created key waits before deletion after it is scheduled for deletion (7–30). Ignored when <see cref="KmsKeyArn"/> is set.</summary>
    /// <value>The default value is 30, the longest window: a deleted key makes every artifact unreadable.</value>
    public int KeyDeletionWindowDays { get; init; } = ModelArtifactBucketDefaults.KeyDeletionWindowDays;

    /// <summary>What destroy may do to the bucket: <c>force_destroy</c> only with <see cref="DeletionPolicy.ForceDestroy"/>,
    /// <c>prevent_destroy</c> on the bucket and its key with <see cref="DeletionPolicy.PreventDestroy"/>.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>: model artifacts are production data.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Lifecycle rules: multipart cleanup, noncurrent version expiry and storage-class tiering of models.</summary>
    /// <value>The default value is <see cref="ModelArtifactLifecycle"/> with its own defaults.</value>
    public ModelArtifactLifecycle Lifecycle { get; init; } = new();

    /// <summary>Where S3 server access logs go. The target bucket must already accept log delivery.</summary>
    /// <value>The default value is null (no access logging): CloudTrail data events are the preferred audit trail;
    /// set this where access logs are required.</value>
    public AccessLogTarget? AccessLogs { get; init; }

    /// <summary>Tags for the bucket and the created key, merged over the provider's <c>default_tags</c>. Keys and values must be non-empty.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>Lifecycle rules of a <see cref="ModelArtifactBucket"/>. Days count from object creation (or from becoming noncurrent).</summary>
public sealed record ModelArtifactLifecycle
{
    /// <summary>Days after which incomplete multipart uploads are aborted, whole bucket (≥ 1).</summary>
    /// <value>The default value is 7: failed uploads of large checkpoints otherwise cost storage forever.</value>
    public int AbortIncompleteMultipartUploadDays { get; init; } = ModelArtifactBucketDefaults.AbortIncompleteMultipartUploadDays;

    /// <summary>Days after which noncurrent (overwritten or deleted) object versions expire, whole bucket (≥ 1).</summary>
    /// <value>The default value is 90: long enough to roll back a model, short enough to bound cost.</value>
    public int NoncurrentVersionExpirationDays { get; init; } = ModelArtifactBucketDefaults.NoncurrentVersionExpirationDays;

    /// <summary>The key prefix holding trained models, tiered by <see cref="InfrequentAccessAfterDays"/> and
    /// <see cref="GlacierInstantRetrievalAfterDays"/>.
    /// Non-empty, ends with <c>/</c>, no leading <c>/</c>.</summary>
    /// <value>The default value is <c>models/</c>.</value>
    public string ModelsPrefix { get; init; } = ModelArtifactBucketDefaults.ModelsPrefix;

    /// <summary>Days after which objects under <see cref="ModelsPrefix"/> move to STANDARD_IA; null disables it.
    /// S3 requires at least 30.</summary>
    /// <value>The default value is 30, the earliest S3 allows.</value>
    public int? InfrequentAccessAfterDays { get; init; } = ModelArtifactBucketDefaults.InfrequentAccessAfterDays;

    /// <summary>
    /// Days after which objects under <see cref="ModelsPrefix"/> move to GLACIER_IR (Glacier Instant Retrieval); null
    /// disables it. At least <see cref="InfrequentAccessAfterDays"/> + 30 when both are set (S3 keeps objects 30 days in
    /// STANDARD_IA before the next transition), and ≥ 1. Only instant-retrieval classes are used for current model
    /// objects: SageMaker downloads the archive on every scale-out, instance replacement and rollback, and an object in
    /// GLACIER (Flexible Retrieval) or DEEP_ARCHIVE fails that download with <c>InvalidObjectState</c> until restored.
    /// </summary>
    /// <value>The default value is 90.</value>
    public int? GlacierInstantRetrievalAfterDays { get; init; } = ModelArtifactBucketDefaults.GlacierInstantRetrievalAfterDays;
}

/// <summary>An S3 server access log destination.</summary>
public sealed record AccessLogTarget
{
    /// <summary>Name of the bucket receiving the logs (not the artifact bucket itself).</summary>
    public required string BucketName { get; init; }

    /// <summary>Key prefix for this bucket's logs; must end with <c>/</c>.</summary>
    /// <value>The default value is <c>s3-access-logs/</c>.</value>
    public string Prefix { get; init; } = ModelArtifactBucketDefaults.AccessLogPrefix;
}

/// <summary>The one home of <see cref="ModelArtifactBucket"/>'s default values.</summary>
internal static class ModelArtifactBucketDefaults
{
    public const int KeyDeletionWindowDays = 30;
    public const int AbortIncompleteMultipartUploadDays = 7;
    public const int NoncurrentVersionExpirationDays = 90;
    public const string ModelsPrefix = "models/";
    public const int InfrequentAccessAfterDays = 30;
    public const int GlacierInstantRetrievalAfterDays = 90;
    public const string AccessLogPrefix = "s3-access-logs/";

    /// <summary>S3's minimum age for a STANDARD_IA transition.</summary>
    public const int MinimumInfrequentAccessDays = 30;
}
