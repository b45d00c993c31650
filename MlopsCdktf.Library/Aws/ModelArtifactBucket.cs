using Constructs;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using HashiCorp.Cdktf.Providers.Aws.S3BucketLifecycleConfiguration;
using HashiCorp.Cdktf.Providers.Aws.S3BucketLogging;
using HashiCorp.Cdktf.Providers.Aws.S3BucketServerSideEncryptionConfiguration;
using MlopsCdktf.Core;
using S3BucketResource = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3Bucket;
using S3BucketResourceConfig = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3BucketConfig;

namespace MlopsCdktf.Aws;

/// <summary>
/// An S3 bucket for model artifacts (trained models, checkpoints, evaluation output), secure by default:
/// versioned; SSE-KMS with a customer managed key (created with rotation, or passed in) and an S3 bucket key;
/// all public access blocked; ACLs disabled (<c>BucketOwnerEnforced</c>); a bucket policy denying requests without
/// TLS or with TLS older than 1.2; lifecycle rules that abort stale multipart uploads, expire noncurrent versions and
/// tier models to STANDARD_IA then GLACIER; optional access logging; destroy guarded by <see cref="DeletionPolicy"/>.
/// </summary>
/// <example>
/// <code>
/// var artifacts = new ModelArtifactBucket(this, "ModelArtifacts", new ModelArtifactBucketProps
/// {
///     BucketName = "acme-ml-prod-model-artifacts",
///     Lifecycle = new ModelArtifactLifecycle { NoncurrentVersionExpirationDays = 365 },
/// });
/// artifacts.GrantRead(inferenceRole, keyPrefix: "models/");
/// </code>
/// </example>
public sealed class ModelArtifactBucket : ModelArtifactBucketBase
{
    private readonly ModelArtifactBucketProps _props;

    /// <summary>Validates <paramref name="props"/> and declares the bucket and its companions.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ModelArtifactBucket(Construct scope, string id, ModelArtifactBucketProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ModelArtifactBucket)))
    {
        new InputValidator(this).RequireMembers(props);
        _props = props;
        Validate(props);

        var tags = TerraformMaps.OrNull(props.Tags);
        (Key, KeyArn) = CustomerManagedKeys.UseOrCreate(this, props.KmsKeyArn, $"Encrypts model artifacts in s3://{props.BucketName}",
            props.BucketName, props.KeyDeletionWindowDays, tags, props.DeletionPolicy,
            // S3 for objects; SageMaker for the ML storage volumes of endpoints, which use the artifact key by default.
            KeyUse.ThroughWithGrants("s3", "sagemaker"));

        Bucket = new S3BucketResource(this, "Bucket", new S3BucketResourceConfig
        {
            Bucket = props.BucketName,
            ForceDestroy = props.DeletionPolicy.AllowsForceDestroy(),
            Tags = tags,
            Lifecycle = props.DeletionPolicy.ToLifecycle(),
        });

        new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", new S3BucketServerSideEncryptionConfigurationAConfig
        {
            Bucket = Bucket.Id,
            Rule = new[]
            {
                new S3BucketServerSideEncryptionConfigurationRuleA
                {
                    ApplyServerSideEncryptionByDefault = new S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA
                    {
                        SseAlgorithm = "aws:kms",
                        KmsMasterKeyId = KeyArn,
                    },
                    BucketKeyEnabled = true,
                },
            },
        });

        var versioning = S3BucketBaseline.Apply(this, Bucket);

        new S3BucketLifecycleConfiguration(this, "Lifecycle", new S3BucketLifecycleConfigurationConfig
        {
            Bucket = Bucket.Id,
            Rule = LifecycleRules(props.Lifecycle),
            // Noncurrent-version rules need versioning in place first.
            DependsOn = [versioning],
        });

        if (props.AccessLogs is { } logs)
        {
            new S3BucketLoggingA(this, "AccessLogging", new S3BucketLoggingAConfig
            {
                Bucket = Bucket.Id,
                TargetBucket = logs.BucketName,
                TargetPrefix = logs.Prefix,
            });
        }
    }

    /// <summary>The underlying <c>aws_s3_bucket</c> resource, for attributes this construct does not surface.</summary>
    public S3BucketResource Bucket { get; }

    /// <summary>The bucket name (a reference to the bucket resource, so dependents wait for it).</summary>
    public override string BucketName => Bucket.Bucket;

    /// <summary>The bucket ARN.</summary>
    public override string BucketArn => Bucket.Arn;

    /// <summary>The created KMS key, or null when <see cref="ModelArtifactBucketProps.KmsKeyArn"/> was passed in.</summary>
    public KmsKey? Key { get; }

    /// <summary>ARN of the KMS key encrypting the bucket (created or passed in): never null.</summary>
    public override string KeyArn { get; }

    private protected override string GivenBucketName => _props.BucketName;

    /// <summary>
    /// A bucket created elsewhere (another stack, another tool, another team), imported by name: grants, URLs and the
    /// SageMaker constructs work on it as on a bucket created here; nothing is declared for the bucket itself.
    /// </summary>
    /// <example>
    /// <code>
    /// var shared = ModelArtifactBucket.FromBucketName(this, "SharedArtifacts", new ImportedModelArtifactBucketProps
    /// {
    ///     BucketName = "acme-shared-model-artifacts",
    ///     KmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    /// });
    /// shared.GrantRead(RoleReference.FromArn("arn:aws:iam::123456789012:role/ml/batch-scorer"), keyPrefix: "models/");
    /// </code>
    /// </example>
    /// <exception cref="ConstructInputException">When the name or key ARN is invalid; the message lists every problem.</exception>
    public static IModelArtifactBucket FromBucketName(Construct scope, string id, ImportedModelArtifactBucketProps props) =>
        new ImportedModelArtifactBucket(scope, id, props);

    private static S3BucketLifecycleConfigurationRule[] LifecycleRules(ModelArtifactLifecycle lifecycle)
    {
        var rules = new List<S3BucketLifecycleConfigurationRule>
        {
            new()
            {
                Id = "abort-incomplete-multipart-uploads",
                Status = "Enabled",
                Filter = new[] { new S3BucketLifecycleConfigurationRuleFilter { Prefix = string.Empty } },
                AbortIncompleteMultipartUpload = new[]
                {
                    new S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = lifecycle.AbortIncompleteMultipartUploadDays },
                },
            },
            new()
            {
                Id = "expire-noncurrent-versions",
                Status = "Enabled",
                Filter = new[] { new S3BucketLifecycleConfigurationRuleFilter { Prefix = string.Empty } },
                NoncurrentVersionExpiration = new[]
                {
                    new S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration { NoncurrentDays = lifecycle.NoncurrentVersionExpirationDays },
                },
            },
        };

        var transitions = new List<S3BucketLifecycleConfigurationRuleTransition>();
        if (lifecycle.InfrequentAccessAfterDays is { } iaDays)
        {
            transitions.Add(new S3BucketLifecycleConfigurationRuleTransition { Days = iaDays, StorageClass = "STANDARD_IA" });
        }

        if (lifecycle.GlacierInstantRetrievalAfterDays is { } glacierDays)
        {
            transitions.Add(new S3BucketLifecycleConfigurationRuleTransition { Days = glacierDays, StorageClass = "GLACIER_IR" });
        }

        if (transitions.Count > 0)
        {
            rules.Add(new S3BucketLifecycleConfigurationRule
            {
                Id = "tier-models",
                Status = "Enabled",
                Filter = new[] { new S3BucketLifecycleConfigurationRuleFilter { Prefix = lifecycle.ModelsPrefix } },
                Transition = transitions.ToArray(),
            });
        }

        return rules.ToArray();
    }

    private void Validate(ModelArtifactBucketProps props)
    {
        var v = new InputValidator(this);
        v.ValidateS3BucketName(props.BucketName);
        v.Matches(props.KmsKeyArn, nameof(props.KmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateArnRegion(this, props.KmsKeyArn, nameof(props.KmsKeyArn), "the bucket");
        if (props.KmsKeyArn is null)
        {
            v.ValidateKeyDeletionWindow(props.KeyDeletionWindowDays);
        }

        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        ValidateLifecycle(v, props.Lifecycle);
        if (props.AccessLogs is { } logs)
        {
            v.ValidateS3BucketName(logs.BucketName, "AccessLogs.BucketName");
            v.Require(logs.BucketName != props.BucketName, "AccessLogs.BucketName", logs.BucketName,
                "must differ from BucketName: a bucket logging to itself logs its own log writes forever");
            v.Require(logs.Prefix.Length > 0 && logs.Prefix.EndsWith('/'), "AccessLogs.Prefix", logs.Prefix, "must be non-empty and end with '/'");
        }

        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();
    }

    private static void ValidateLifecycle(InputValidator v, ModelArtifactLifecycle lifecycle)
    {
        const string p = "Lifecycle.";
        v.Require(lifecycle.AbortIncompleteMultipartUploadDays >= 1, p + nameof(lifecycle.AbortIncompleteMultipartUploadDays),
            lifecycle.AbortIncompleteMultipartUploadDays, "must be at least 1 day");
        v.Require(lifecycle.NoncurrentVersionExpirationDays >= 1, p + nameof(lifecycle.NoncurrentVersionExpirationDays),
            lifecycle.NoncurrentVersionExpirationDays, "must be at least 1 day");
        v.Require(lifecycle.ModelsPrefix.Length > 0 && lifecycle.ModelsPrefix.EndsWith('/') && !lifecycle.ModelsPrefix.StartsWith('/'),
            p + nameof(lifecycle.ModelsPrefix), lifecycle.ModelsPrefix, "must be non-empty, end with '/' and not start with '/' (e.g. \"models/\")");
        if (lifecycle.InfrequentAccessAfterDays is { } ia)
        {
            v.Require(ia >= ModelArtifactBucketDefaults.MinimumInfrequentAccessDays, p + nameof(lifecycle.InfrequentAccessAfterDays), ia,
                $"S3 requires at least {ModelArtifactBucketDefaults.MinimumInfrequentAccessDays} days before a STANDARD_IA transition (or null to disable it)");
        }

        if (lifecycle.GlacierInstantRetrievalAfterDays is { } glacier)
        {
            const string property = p + nameof(lifecycle.GlacierInstantRetrievalAfterDays);
            v.Require(glacier >= 1, property, glacier, "must be at least 1 day (or null to disable it)");
            if (lifecycle.InfrequentAccessAfterDays is { } iaDays)
            {
                var earliest = iaDays + ModelArtifactBucketDefaults.MinimumInfrequentAccessDays;
                v.Require(glacier >= earliest, property, glacier,
                    $"must be at least {earliest}: S3 keeps objects {ModelArtifactBucketDefaults.MinimumInfrequentAccessDays} days in STANDARD_IA " +
                    $"(from day {iaDays}) before they move to GLACIER_IR");
            }
        }
    }
}
