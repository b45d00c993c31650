using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using HashiCorp.Cdktf.Providers.Aws.KmsAlias;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using HashiCorp.Cdktf.Providers.Aws.S3BucketLifecycleConfiguration;
using HashiCorp.Cdktf.Providers.Aws.S3BucketLogging;
using HashiCorp.Cdktf.Providers.Aws.S3BucketServerSideEncryptionConfiguration;
using MlopsCdktf.Aws.Iam;
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
public sealed partial class ModelArtifactBucket : Construct
{
    private readonly ModelArtifactBucketProps _props;

    /// <summary>Validates <paramref name="props"/> and declares the bucket and its companions.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ModelArtifactBucket(Construct scope, string id, ModelArtifactBucketProps props)
        : base(scope, id)
    {
        new InputValidator(this).RequireMembers(props);
        _props = props;
        Validate(props);

        var tags = TerraformMaps.OrNull(props.Tags);
        (Key, KeyArn) = CustomerManagedKeys.UseOrCreate(this, props.KmsKeyArn, $"Encrypts model artifacts in s3://{props.BucketName}",
            props.BucketName, props.KeyDeletionWindowDays, tags, props.DeletionPolicy);

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
    public string BucketName => Bucket.Bucket;

    /// <summary>The bucket ARN.</summary>
    public string BucketArn => Bucket.Arn;

    /// <summary>The created KMS key, or null when <see cref="ModelArtifactBucketProps.KmsKeyArn"/> was passed in.</summary>
    public KmsKey? Key { get; }

    /// <summary>ARN of the KMS key encrypting the bucket (created or passed in).</summary>
    public string KeyArn { get; }

    /// <summary>The <c>s3://</c> URL of <paramref name="key"/> in this bucket, e.g. for a SageMaker <c>model_data_url</c>.</summary>
    public string S3Url(string key) => $"s3://{BucketName}/{key.TrimStart('/')}";

    /// <summary>The ARN pattern of the objects under <paramref name="keyPrefix"/> (all objects when null).</summary>
    public string ObjectsArn(string? keyPrefix = null) => $"{BucketArn}/{keyPrefix ?? string.Empty}*";

    /// <summary>
    /// Lets <paramref name="role"/> list and read objects (under <paramref name="keyPrefix"/> when given) and
    /// decrypt them with the bucket's key. Emits one inline role policy with no wildcard resources.
    /// </summary>
    /// <param name="role">The role to grant to.</param>
    /// <param name="keyPrefix">Limit to keys under this prefix, e.g. <c>models/</c>; null grants the whole bucket.</param>
    /// <exception cref="ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    public IamRolePolicy GrantRead(IamRole role, string? keyPrefix = null) => Grant(role, ArtifactAccess.Read, keyPrefix);

    /// <summary>
    /// Lets <paramref name="role"/> write objects (under <paramref name="keyPrefix"/> when given), encrypting with the
    /// bucket's key, without listing or reading: for producers such as data capture.
    /// </summary>
    /// <inheritdoc cref="GrantRead" path="/param"/>
    /// <exception cref="ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    public IamRolePolicy GrantWrite(IamRole role, string? keyPrefix = null) => Grant(role, ArtifactAccess.Write, keyPrefix);

    /// <summary>
    /// Lets <paramref name="role"/> list, read, write and delete objects (under <paramref name="keyPrefix"/> when
    /// given) and use the bucket's key. Deletes add delete markers; object history cannot be erased.
    /// </summary>
    /// <inheritdoc cref="GrantRead" path="/param"/>
    /// <exception cref="ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    public IamRolePolicy GrantReadWrite(IamRole role, string? keyPrefix = null) => Grant(role, ArtifactAccess.ReadWrite, keyPrefix);

    /// <summary>The least-privilege statements for <paramref name="access"/> under <paramref name="keyPrefix"/>,
    /// for callers that assemble a role policy themselves.</summary>
    /// <exception cref="ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    public IReadOnlyList<PolicyStatement> StatementsFor(ArtifactAccess access, string? keyPrefix = null)
    {
        ValidateKeyPrefix(keyPrefix, "keyPrefix");
        var statements = new List<PolicyStatement>();
        var reads = access is ArtifactAccess.Read or ArtifactAccess.ReadWrite;
        var writes = access is ArtifactAccess.Write or ArtifactAccess.ReadWrite;
        if (reads)
        {
            statements.Add(new PolicyStatement
            {
                Sid = "ListArtifacts",
                Actions = Actions.S3.List,
                Resources = [BucketArn],
                Conditions = keyPrefix is null ? [] : [new PolicyCondition("StringLike", "s3:prefix", [keyPrefix, $"{keyPrefix}*"])],
            });
        }

        var objectActions = (reads ? Actions.S3.ReadObjects : [])
            .Concat(writes ? Actions.S3.PutObjects : [])
            .Concat(access == ArtifactAccess.ReadWrite ? Actions.S3.DeleteObjects : [])
            .ToArray();
        statements.Add(new PolicyStatement { Sid = $"{access}Artifacts", Actions = objectActions, Resources = [ObjectsArn(keyPrefix)] });
        statements.Add(new PolicyStatement
        {
            Sid = "UseArtifactKey",
            Actions = writes ? Actions.Kms.EncryptDecrypt : Actions.Kms.Decrypt,
            Resources = [KeyArn],
            // The key is usable for this bucket's objects only through S3, never directly.
            Conditions = [new PolicyCondition("StringEquals", "kms:ViaService", [$"s3.{AccountContext.RegionOf(this)}.amazonaws.com"])],
        });
        return statements;
    }

    private IamRolePolicy Grant(IamRole role, ArtifactAccess access, string? keyPrefix)
    {
        var statements = StatementsFor(access, keyPrefix);
        var scopeSuffix = keyPrefix is null ? string.Empty : "-" + PrefixSlug().Replace(keyPrefix, "-").Trim('-');
        var namePrefix = InputValidator.IsUnresolved(_props.BucketName) ? Node.Id : _props.BucketName;
        return PolicyDocuments.GrantOnce(this, $"Grant{access}", role, $"{namePrefix}-{access.ToString().ToLowerInvariant()}{scopeSuffix}",
            () => statements, scopeSuffix);
    }

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

    private void ValidateKeyPrefix(string? keyPrefix, string property)
    {
        if (keyPrefix is null)
        {
            return;
        }

        new InputValidator(this)
            .Require(keyPrefix.Length > 0 && !keyPrefix.StartsWith('/') && !keyPrefix.Contains('*', StringComparison.Ordinal),
                property, keyPrefix, "must be a non-empty key prefix without a leading '/' or wildcards (e.g. \"models/\"); pass null for the whole bucket")
            .ThrowIfInvalid();
    }

    [GeneratedRegex(@"[^A-Za-z0-9+=,.@_-]+")]
    private static partial Regex PrefixSlug();
}
