using Constructs;
using HashiCorp.Cdktf.Providers.Google.StorageBucket;
using MlopsCdktf.Core;
using StorageBucketResource = HashiCorp.Cdktf.Providers.Google.StorageBucket.StorageBucket;

namespace MlopsCdktf.Gcp;

/// <summary>
/// A Cloud Storage bucket for the model registry (trained models, checkpoints, evaluation reports), secure by default:
/// uniform bucket-level access (no object ACLs); public access prevention enforced; versioning on, with noncurrent
/// versions deleted after N newer versions or N days; incomplete multipart uploads aborted; soft delete; optional CMEK;
/// destroy guarded by <see cref="DeletionPolicy"/>.
/// </summary>
/// <example>
/// <code>
/// var registry = new ModelRegistryBucket(this, "ModelRegistry", new ModelRegistryBucketProps
/// {
///     BucketName = "acme-ml-prod-model-registry",
///     Location = "europe-west4",
///     NoncurrentVersions = new NoncurrentVersionRetention { KeepNewerVersions = 10, DeleteAfterDays = 365 },
/// });
/// </code>
/// </example>
public sealed class ModelRegistryBucket : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the bucket.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ModelRegistryBucket(Construct scope, string id, ModelRegistryBucketProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ModelRegistryBucket)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        Bucket = new StorageBucketResource(this, "Bucket", new StorageBucketConfig
        {
            Name = props.BucketName,
            Location = props.Location,
            Project = props.ProjectId,
            UniformBucketLevelAccess = true,
            PublicAccessPrevention = "enforced",
            Versioning = new StorageBucketVersioning { Enabled = true },
            LifecycleRule = LifecycleRules(props.NoncurrentVersions),
            SoftDeletePolicy = new StorageBucketSoftDeletePolicy { RetentionDurationSeconds = props.SoftDeleteRetentionDays * 86_400 },
            Encryption = props.KmsKeyName is null ? null : new StorageBucketEncryption { DefaultKmsKeyName = props.KmsKeyName },
            ForceDestroy = props.DeletionPolicy.AllowsForceDestroy(),
            Labels = TerraformMaps.OrNull(props.Labels),
            Lifecycle = props.DeletionPolicy.ToLifecycle(),
        });
    }

    /// <summary>The underlying <c>google_storage_bucket</c> resource, for attributes this construct does not surface.</summary>
    public StorageBucketResource Bucket { get; }

    /// <summary>The bucket name (a reference to the bucket, so dependents wait for it).</summary>
    public string BucketName => Bucket.Name;

    /// <summary>The bucket's <c>gs://</c> URL.</summary>
    public string Url => Bucket.Url;

    private static StorageBucketLifecycleRule[] LifecycleRules(NoncurrentVersionRetention retention) =>
    [
        new()
        {
            Action = new StorageBucketLifecycleRuleAction { Type = "Delete" },
            Condition = new StorageBucketLifecycleRuleCondition { NumNewerVersions = retention.KeepNewerVersions, WithState = "ARCHIVED" },
        },
        new()
        {
            Action = new StorageBucketLifecycleRuleAction { Type = "Delete" },
            Condition = new StorageBucketLifecycleRuleCondition { DaysSinceNoncurrentTime = retention.DeleteAfterDays, WithState = "ARCHIVED" },
        },
        new()
        {
            Action = new StorageBucketLifecycleRuleAction { Type = "AbortIncompleteMultipartUpload" },
            Condition = new StorageBucketLifecycleRuleCondition { Age = ModelRegistryBucketDefaults.AbortIncompleteMultipartUploadDays },
        },
    ];

    private void Validate(ModelRegistryBucketProps props)
    {
        var v = new InputValidator(this);
        v.ValidateGcsBucketName(props.BucketName);
        v.ValidateGcsLocation(props.Location, nameof(props.Location));
        if (props.ProjectId is not null)
        {
            v.ValidateProjectId(props.ProjectId);
        }

        v.ValidateKmsKeyName(props.KmsKeyName, nameof(props.KmsKeyName));
        v.ValidateKmsKeyLocation(props.KmsKeyName, nameof(props.KmsKeyName), props.Location, nameof(props.Location));
        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.Require(props.NoncurrentVersions.KeepNewerVersions >= 1, "NoncurrentVersions.KeepNewerVersions",
            props.NoncurrentVersions.KeepNewerVersions, "must be at least 1 version");
        v.Require(props.NoncurrentVersions.DeleteAfterDays >= 1, "NoncurrentVersions.DeleteAfterDays",
            props.NoncurrentVersions.DeleteAfterDays, "must be at least 1 day");
        v.Require(props.SoftDeleteRetentionDays == 0 || props.SoftDeleteRetentionDays is >= ModelRegistryBucketDefaults.MinSoftDeleteDays and <= ModelRegistryBucketDefaults.MaxSoftDeleteDays,
            nameof(props.SoftDeleteRetentionDays), props.SoftDeleteRetentionDays,
            $"must be 0 (soft delete off) or {ModelRegistryBucketDefaults.MinSoftDeleteDays} to {ModelRegistryBucketDefaults.MaxSoftDeleteDays} days");
        v.ValidateGcpLabels(props.Labels);
        v.ThrowIfInvalid();
    }
}
