using Constructs;
using MlopsCdktf.Aws;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The AWS platform of one environment (<c>mlops-aws-{env}</c>): what holds data and outlives any model version — the
/// model artifact bucket, the model image repository and the API key secret, each with its KMS key — and the alarm topic where someone subscribes to it. Applied first, on a
/// new account in one go; the model version is then published into it and served by <see cref="AwsServingStack"/>.
/// Composition only; resource details live in constructs.
/// </summary>
public sealed class AwsPlatformStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "aws";

    /// <summary>Declares the AWS platform stack of <paramref name="environment"/>.</summary>
    public AwsPlatformStack(Construct scope, DeploymentEnvironment environment)
        : base(scope, Cloud, environment, StateStore.S3)
    {
        UseAwsProvider();

        var storage = environment.ArtifactStorage;
        AccessLogs = environment.AccessLogBucket is not { } accessLogBucket ? null : new AccessLogBucket(this, "AccessLogs", new AccessLogBucketProps
        {
            BucketName = accessLogBucket,
            DeletionPolicy = environment.DataDeletionPolicy,
        });
        ModelArtifacts = new ModelArtifactBucket(this, "ModelArtifacts", new ModelArtifactBucketProps
        {
            BucketName = ModelArtifactsBucketName(environment),
            DeletionPolicy = environment.DataDeletionPolicy,
            Lifecycle = new ModelArtifactLifecycle { NoncurrentVersionExpirationDays = storage.NoncurrentVersionExpirationDays },
            AccessLogs = AccessLogs?.Target,
        });

        var serving = environment.Serving;
        ModelImages = new ModelImageRepository(this, "ModelImages", new ModelImageRepositoryProps
        {
            RepositoryName = $"{environment.Project}/{environment.Name}/{environment.Release.ServingImageName}",
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        // For an API layer in front of the endpoint; the network-isolated model never reads it (callers use IAM SigV4).
        ApiKey = new ModelApiKey(this, "ModelApiKey", new ModelApiKeyProps
        {
            SecretName = $"{environment.Project}/{environment.Name}/{environment.Release.Name}/api-key",
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        // Alarms reach someone or do not exist: a topic only with subscribers (or the environment's own topic); protected
        // environments must have one (EnvironmentRules).
        Alarms = serving.AlarmTopicArn is not null || serving.AlarmEmails.Count == 0 ? null : new AlarmTopic(this, "Alarms", new AlarmTopicProps
        {
            TopicName = $"{environment.Project}-{environment.Name}-alarms",
            EmailSubscriptions = serving.AlarmEmails,
            DeletionPolicy = environment.DataDeletionPolicy,
        });
        AlarmTopicArn = serving.AlarmTopicArn ?? Alarms?.TopicArn;

        var prefix = $"{environment.Project}-{environment.Name}";
        Network = new PrivateNetwork(this, "Network", new PrivateNetworkProps
        {
            Name = prefix,
            CidrBlock = environment.Network.CidrBlock,
            AvailabilityZones = environment.Network.AvailabilityZones,
            // Flow logs on (the construct's default), their key protected like the environment's data.
            DeletionPolicy = environment.DataDeletionPolicy,
        });
        Notebook = environment.Notebook is not { } notebook ? null : new SageMakerNotebook(this, "Notebook", new SageMakerNotebookProps
        {
            Name = $"{prefix}-research",
            InstanceType = notebook.InstanceType,
            IdleMinutes = notebook.IdleMinutes,
            SubnetId = Network.FirstPrivateSubnetId,
            SecurityGroupIds = [Network.WorkloadSecurityGroupId],
            ArtifactBucket = ModelArtifacts,
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        Output("bucket_name", ModelArtifacts.BucketName, "Name of the model artifact bucket (upload model archives under models/)");
        if (Notebook is not null)
        {
            Output("notebook_url", Notebook.Url, "URL of the research notebook (open it through the console or a presigned URL)");
        }

        Output("repository_url", ModelImages.RepositoryUrl, "URL of the model image repository (push pinned tags only; tags are immutable)");
    }

    /// <summary>The bucket receiving the artifact bucket's server access logs, where the environment keeps them.</summary>
    public AccessLogBucket? AccessLogs { get; }

    /// <summary>The environment's model artifact bucket.</summary>
    public ModelArtifactBucket ModelArtifacts { get; }

    /// <summary>The environment's model image repository.</summary>
    public ModelImageRepository ModelImages { get; }

    /// <summary>The API key secret (value set out of band) for an API layer in front of the endpoint.</summary>
    public ModelApiKey ApiKey { get; }

    /// <summary>The environment's private network (modules/aws-network).</summary>
    public PrivateNetwork Network { get; }

    /// <summary>The environment's research notebook (modules/sagemaker-notebook), or null.</summary>
    public SageMakerNotebook? Notebook { get; }

    /// <summary>The alarm topic created here (KMS-encrypted, e-mail subscribers from <see cref="ServingSettings.AlarmEmails"/>),
    /// or null where the environment names its own topic or notifies no one.</summary>
    public AlarmTopic? Alarms { get; }

    /// <summary>The SNS topic the environment's alarms notify: created here, or the one the environment names; null where the
    /// environment notifies no one (no <see cref="ServingSettings.AlarmEmails"/>, no <see cref="ServingSettings.AlarmTopicArn"/>),
    /// and then the serving stack creates no alarms.</summary>
    public string? AlarmTopicArn { get; }

    /// <summary>The model artifact bucket's name, derived: <c>{project}-{env}-model-artifacts-{account}</c>.</summary>
    public static string ModelArtifactsBucketName(DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return $"{environment.Project}-{environment.Name}-model-artifacts-{environment.Aws.AccountId}";
    }
}
