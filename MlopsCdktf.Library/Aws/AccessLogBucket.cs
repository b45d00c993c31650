using Constructs;
using HashiCorp.Cdktf.Providers.Aws.S3BucketLifecycleConfiguration;
using HashiCorp.Cdktf.Providers.Aws.S3BucketServerSideEncryptionConfiguration;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;
using S3BucketResource = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3Bucket;
using S3BucketResourceConfig = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3BucketConfig;

namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="AccessLogBucket"/>.</summary>
public sealed record AccessLogBucketProps
{
    /// <summary>The bucket name (S3 naming rules, as for <see cref="ModelArtifactBucketProps.BucketName"/>).</summary>
    public required string BucketName { get; init; }

    /// <summary>Days access log objects are kept (≥ 1).</summary>
    /// <value>The default value is 365: a year of access history for audits, then expired.</value>
    public int RetentionDays { get; init; } = 365;

    /// <summary>Whether the bucket may be destroyed, and with it the access history.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Tags of the bucket, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The target of S3 server access logs, created with the buckets that log to it so logging never points at a name
/// only. S3 log delivery (<c>logging.s3.amazonaws.com</c>) may write, from this account's buckets only, and only under
/// <see cref="LogPrefix"/>; objects are encrypted with SSE-S3, the only default encryption log delivery supports (an
/// SSE-KMS target silently receives nothing). The library's bucket baseline applies: versioning, public access blocked,
/// ACLs off, TLS 1.2+ only; logs expire after <see cref="AccessLogBucketProps.RetentionDays"/>.
/// </summary>
/// <example>
/// <code>
/// var logs = new AccessLogBucket(this, "AccessLogs", new AccessLogBucketProps { BucketName = "acme-ml-prod-s3-access-logs" });
/// // new ModelArtifactBucketProps { ..., AccessLogs = logs.Target }
/// </code>
/// </example>
public sealed class AccessLogBucket : Construct
{
    /// <summary>The key prefix log delivery writes under (one folder per source bucket below it is up to the source).</summary>
    public const string LogPrefix = "s3-access-logs/";

    /// <summary>Validates <paramref name="props"/> and declares the bucket, its encryption, baseline and lifecycle.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public AccessLogBucket(Construct scope, string id, AccessLogBucketProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(AccessLogBucket)))
    {
        new InputValidator(this).RequireMembers(props);
        new InputValidator(this)
            .ValidateS3BucketName(props.BucketName)
            .Require(props.RetentionDays >= 1, nameof(props.RetentionDays), props.RetentionDays, "must be at least 1 day")
            .Defined(props.DeletionPolicy, nameof(props.DeletionPolicy))
            .ValidateAwsTags(props.Tags)
            .ThrowIfInvalid();

        Bucket = new S3BucketResource(this, "Bucket", new S3BucketResourceConfig
        {
            Bucket = props.BucketName,
            ForceDestroy = props.DeletionPolicy.AllowsForceDestroy(),
            Tags = TerraformMaps.OrNull(props.Tags),
            Lifecycle = props.DeletionPolicy.ToLifecycle(),
        });

        new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", new S3BucketServerSideEncryptionConfigurationAConfig
        {
            Bucket = Bucket.Id,
            Rule = new[]
            {
                new S3BucketServerSideEncryptionConfigurationRuleA
                {
                    ApplyServerSideEncryptionByDefault = new S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA { SseAlgorithm = "AES256" },
                },
            },
        });

        var account = AccountContext.In(this);
        var versioning = S3BucketBaseline.Apply(this, Bucket,
        [
            new PolicyStatement
            {
                Sid = "S3LogDeliveryWrites",
                Actions = ["s3:PutObject"],
                Resources = [$"{Bucket.Arn}/{LogPrefix}*"],
                Principals = [PolicyPrincipal.Service("logging.s3.amazonaws.com")],
                Conditions =
                [
                    new PolicyCondition("StringEquals", "aws:SourceAccount", [account.AccountId]),
                    new PolicyCondition("ArnLike", "aws:SourceArn", [$"arn:{account.Partition}:s3:::*"]),
                ],
            },
        ]);

        new S3BucketLifecycleConfiguration(this, "Lifecycle", new S3BucketLifecycleConfigurationConfig
        {
            Bucket = Bucket.Id,
            Rule = new[]
            {
                new S3BucketLifecycleConfigurationRule
                {
                    Id = "expire-access-logs",
                    Status = "Enabled",
                    Filter = new[] { new S3BucketLifecycleConfigurationRuleFilter { Prefix = string.Empty } },
                    Expiration = new[] { new S3BucketLifecycleConfigurationRuleExpiration { Days = props.RetentionDays } },
                    NoncurrentVersionExpiration = new[] { new S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration { NoncurrentDays = 1 } },
                    AbortIncompleteMultipartUpload = new[] { new S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = 1 } },
                },
            },
            DependsOn = [versioning],
        });
    }

    /// <summary>The underlying <c>aws_s3_bucket</c> resource.</summary>
    public S3BucketResource Bucket { get; }

    /// <summary>The bucket name (a reference, so logging configurations wait for the bucket).</summary>
    public string BucketName => Bucket.Bucket;

    /// <summary>The logging target for <see cref="ModelArtifactBucketProps.AccessLogs"/>.</summary>
    public AccessLogTarget Target => new() { BucketName = BucketName, Prefix = LogPrefix };
}
