using Constructs;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The AWS side of one environment (<c>mlops-aws-{env}</c>): the provider pinned to the environment's account and
/// region with default tags, and the model artifact bucket. Composition only; resource details live in constructs.
/// </summary>
public sealed class AwsPlatformStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "aws";

    /// <summary>Declares the AWS stack of <paramref name="environment"/>.</summary>
    public AwsPlatformStack(Construct scope, DeploymentEnvironment environment)
        : base(scope, Cloud, environment)
    {
        new AwsProvider(this, "aws", new AwsProviderConfig
        {
            Region = environment.Aws.Region,
            AllowedAccountIds = [environment.Aws.AccountId],
            DefaultTags = new[] { new AwsProviderDefaultTags { Tags = StandardTags() } },
        });
        QualifyProviderSource("aws");

        var storage = environment.ArtifactStorage;
        ModelArtifacts = new ModelArtifactBucket(this, "ModelArtifacts", new ModelArtifactBucketProps
        {
            BucketName = $"{environment.Project}-{environment.Name}-model-artifacts-{environment.Aws.AccountId}",
            DeletionPolicy = environment.DataDeletionPolicy,
            Lifecycle = new ModelArtifactLifecycle { NoncurrentVersionExpirationDays = storage.NoncurrentVersionExpirationDays },
            AccessLogs = storage.AccessLogBucket is null ? null : new AccessLogTarget { BucketName = storage.AccessLogBucket },
        });
    }

    /// <summary>The environment's model artifact bucket.</summary>
    public ModelArtifactBucket ModelArtifacts { get; }
}
