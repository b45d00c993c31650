using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The AWS side of one environment (<c>mlops-aws-{env}</c>): the provider pinned to the environment's account and
/// region with default tags, the model artifact bucket, and model serving: the image repository, the API key secret and
/// the SageMaker endpoint sized from <see cref="DeploymentEnvironment.Serving"/>. Composition only; resource details
/// live in constructs.
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

        var serving = environment.Serving;
        var servingName = $"{environment.Project}-{environment.Name}-{serving.ModelName}";
        ModelImages = new ModelImageRepository(this, "ModelImages", new ModelImageRepositoryProps
        {
            RepositoryName = $"{environment.Project}/{environment.Name}/{serving.ModelName}-serving",
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        ApiKey = new ModelApiKey(this, "ModelApiKey", new ModelApiKeyProps
        {
            SecretName = $"{environment.Project}/{environment.Name}/{serving.ModelName}/api-key",
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        Endpoint = new SageMakerEndpoint(this, "ModelEndpoint", new SageMakerEndpointProps
        {
            EndpointName = servingName,
            ArtifactBucket = ModelArtifacts,
            ModelDataKey = serving.ModelDataKey,
            ImageRepository = ModelImages,
            ImageTagOrDigest = serving.ImageTagOrDigest,
            Variants =
            [
                new InstanceVariant
                {
                    InstanceType = serving.InstanceType,
                    InitialInstanceCount = serving.InitialInstanceCount,
                    Autoscaling = serving.Autoscaling is { } scaling
                        ? new EndpointAutoscaling
                        {
                            MinInstances = scaling.MinInstances,
                            MaxInstances = scaling.MaxInstances,
                            MaxRequestsPerSecondPerInstance = scaling.MaxRequestsPerSecondPerInstance,
                        }
                        : null,
                },
            ],
            DataCapture = new DataCaptureOptions { SamplingPercentage = serving.DataCaptureSamplingPercentage },
            Alarms = new EndpointAlarms { AlarmTopicArn = serving.AlarmTopicArn },
            ApiKey = ApiKey,
        });

        Output("endpoint_name", Endpoint.EndpointName, "Name of the SageMaker endpoint serving the model");
        Output("bucket_name", ModelArtifacts.BucketName, "Name of the model artifact bucket");
        Output("repository_url", ModelImages.RepositoryUrl, "URL of the model image repository (push pinned tags only; tags are immutable)");
    }

    /// <summary>The environment's model artifact bucket.</summary>
    public ModelArtifactBucket ModelArtifacts { get; }

    /// <summary>The environment's model image repository.</summary>
    public ModelImageRepository ModelImages { get; }

    /// <summary>The API key secret of the model endpoint (value set out of band).</summary>
    public ModelApiKey ApiKey { get; }

    /// <summary>The environment's SageMaker endpoint.</summary>
    public SageMakerEndpoint Endpoint { get; }
}
