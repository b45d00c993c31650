using Constructs;
using MlopsCdktf.Aws;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>
/// Model serving of one environment (<c>mlops-serving-{env}</c>): the SageMaker model, endpoint configuration, endpoint,
/// autoscaling, the data-quality monitor of its captured data and (where the environment has an alarm topic) alarms for the environment's <see cref="DeploymentEnvironment.Release"/>, reading the bucket, repository and
/// keys of <see cref="AwsPlatformStack"/> through CDKTF cross-stack references (outputs there, remote state here). Its plan
/// reads the published image and archive, so it fails, naming what is missing, until the version is published.
/// Composition only; resource details live in constructs.
/// </summary>
public sealed class AwsServingStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "serving";

    /// <summary>Declares the serving stack of <paramref name="environment"/> on top of <paramref name="platform"/>.</summary>
    public AwsServingStack(Construct scope, DeploymentEnvironment environment, AwsPlatformStack platform)
        : base(scope, Cloud, environment, StateStore.S3)
    {
        ArgumentNullException.ThrowIfNull(platform);
        UseAwsProvider();

        var serving = environment.Serving;
        var release = environment.Release;
        Endpoint = new SageMakerEndpoint(this, "ModelEndpoint", new SageMakerEndpointProps
        {
            EndpointName = $"{environment.Project}-{environment.Name}-{release.Name}",
            ArtifactBucket = platform.ModelArtifacts,
            ModelDataKey = release.ArchiveKey,
            ImageRepository = platform.ModelImages,
            ImageTagOrDigest = release.Version,
            Variants = [serving.Variant],
            DataCapture = serving.DataCapture,
            // The capture is read: compared on the environment's schedule with the baseline published for this release.
            DataQualityMonitoring = new DataQualityMonitoring { Schedule = serving.DataQualitySchedule, BaselineKeyPrefix = release.BaselineKeyPrefix },
            Deployment = serving.Deployment,
            // Alarms exist exactly where they notify someone: the platform's subscribed topic, or the environment's own.
            Alarms = platform.AlarmTopicArn is { } topic ? new EndpointAlarms { AlarmTopicArn = topic } : null,
            Vpc = serving.InVpc
                ? new ModelVpcConfig { SubnetIds = [.. platform.Network.PrivateSubnetIds], SecurityGroupIds = [platform.Network.WorkloadSecurityGroupId] }
                : null,
        });

        Output("endpoint_name", Endpoint.EndpointName, "Name of the SageMaker endpoint serving the model");
        // make deploy compares it with the live endpoint's configuration: SageMaker may have rolled the update back.
        Output("endpoint_config_name", Endpoint.ConfigName, "The endpoint configuration Terraform applied; the live endpoint must serve it");
        Output("model_image", Endpoint.ImageUri, "The image (pinned tag or digest) the endpoint serves");
        Output("model_archive", Endpoint.ModelDataUrl, "The model archive the endpoint serves");
    }

    /// <summary>The environment's SageMaker endpoint.</summary>
    public SageMakerEndpoint Endpoint { get; }
}
