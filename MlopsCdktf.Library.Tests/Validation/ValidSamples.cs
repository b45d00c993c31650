using Constructs;
using HashiCorp.Cdktf;
using MlopsCdktf.Aws;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Aws;
using MlopsCdktf.Tests.Gcp;
using MlopsCdktf.Tests.Kubernetes;

namespace MlopsCdktf.Tests.Validation;

/// <summary>
/// One valid props object per construct of the library, built in a given stack (some props reference other constructs).
/// A construct without a sample fails <see cref="NullInputTests"/>: every new construct gets the null checks too.
/// </summary>
internal static class ValidSamples
{
    public static readonly IReadOnlyDictionary<Type, Func<TerraformStack, object>> ByConstruct = new Dictionary<Type, Func<TerraformStack, object>>
    {
        [typeof(ModelArtifactBucket)] = _ => new ModelArtifactBucketProps { BucketName = "acme-ml-artifacts" },
        [typeof(ModelImageRepository)] = _ => new ModelImageRepositoryProps { RepositoryName = "ml/churn" },
        [typeof(ImportedModelArtifactBucket)] = _ => new ImportedModelArtifactBucketProps
        {
            BucketName = "acme-ml-shared-artifacts",
            KmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        },
        [typeof(ImportedModelImageRepository)] = _ => new ImportedModelImageRepositoryProps { RepositoryName = "ml/shared-serving" },
        [typeof(ModelApiKey)] = _ => new ModelApiKeyProps { SecretName = "mlops/test/api-key" },
        [typeof(SageMakerEndpoint)] = stack => SageMakerEndpointTests.Props(stack),
        [typeof(AlarmTopic)] = _ => new AlarmTopicProps { TopicName = "ml-alarms", EmailSubscriptions = ["ml-oncall@acme.example"] },
        [typeof(AccessLogBucket)] = _ => new AccessLogBucketProps { BucketName = "acme-ml-access-logs" },
        [typeof(PrivateNetwork)] = _ => new PrivateNetworkProps { Name = "mlops-test", CidrBlock = "10.40.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"] },
        [typeof(SageMakerNotebook)] = stack => new SageMakerNotebookProps
        {
            Name = "mlops-test-research",
            SubnetId = "subnet-0123456789abcdef0",
            SecurityGroupIds = ["sg-0123456789abcdef0"],
            ArtifactBucket = stack.Node.TryFindChild("NotebookArtifacts") as ModelArtifactBucket
                             ?? new ModelArtifactBucket(stack, "NotebookArtifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-notebook-artifacts" }),
        },
        [typeof(MlopsCdktf.Gcp.MlCluster)] = _ => GcpTestData.ClusterProps,
        [typeof(MlopsCdktf.Gcp.GpuNodePool)] = _ => GcpTestData.T4Pool,
        [typeof(MlopsCdktf.Gcp.CpuNodePool)] = _ => GcpTestData.CpuPool,
        [typeof(MlopsCdktf.Gcp.FilestoreWorkspace)] = _ => GcpTestData.Workspace,
        [typeof(MlopsCdktf.Gcp.ModelRegistryBucket)] = _ => GcpTestData.Registry,
        [typeof(MlopsCdktf.Gcp.ModelImageRegistry)] = _ => GcpTestData.ImageRegistry,
        [typeof(MlopsCdktf.Gcp.ProjectServices)] = _ => GcpTestData.Services,
        [typeof(MlopsCdktf.Gcp.PublishedContainerImages)] = _ => GcpTestData.PublishedImages,
        [typeof(NfsWorkspaceVolume)] = _ => new NfsWorkspaceVolumeProps { Name = "workspace", Namespace = "ml-models", Server = "10.0.0.2", Path = "/workspace", CapacityGb = 1024 },
        [typeof(MlNamespace)] = _ => KubernetesTestData.Namespace,
        [typeof(ModelServingDeployment)] = _ => KubernetesTestData.Serving,
        [typeof(BatchJob)] = _ => KubernetesTestData.Retrain,
        [typeof(TrainingJob)] = _ => KubernetesTestData.TrainingRun,
        [typeof(WorkspacePreparation)] = _ => KubernetesTestData.Preparation,
        [typeof(NamespaceNetworkPolicies)] = _ => new NamespaceNetworkPoliciesProps
        {
            Namespace = "ml-models",
            Allows = [new PodNetworkAccess { Name = "churn", PodLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "churn" }, IngressPorts = [8080] }],
        },
        [typeof(InstalledMetricsAdapter)] = _ => new InstalledMetricsAdapterProps { AdapterName = "prometheus-adapter" },
        [typeof(ServingPodMonitoring)] = stack => new ServingPodMonitoringProps
        {
            Serving = stack.Node.TryFindChild("MonitoredServing") as ModelServingDeployment
                      ?? new ModelServingDeployment(stack, "MonitoredServing", KubernetesTestData.Serving),
        },
        [typeof(MlopsCdktf.Gcp.ClusterDashboard)] = _ => ObservabilityTestData.DashboardProps,
        [typeof(MlopsCdktf.Gcp.ClusterAlertPolicies)] = _ => ObservabilityTestData.AlertProps,
        [typeof(MlopsCdktf.Gcp.EmailNotificationChannels)] = _ => ObservabilityTestData.ChannelProps,
        [typeof(MlopsCdktf.Aws.Eks.EksCluster)] = _ => Aws.Eks.EksTestData.ClusterProps,
        [typeof(MlopsCdktf.Aws.Eks.EksNodeGroup)] = Aws.Eks.EksTestData.System,
        [typeof(MlopsCdktf.Aws.Eks.EksGpuNodeGroup)] = Aws.Eks.EksTestData.Gpu,
        [typeof(MlopsCdktf.Aws.Eks.PodIdentityRole)] = stack => new MlopsCdktf.Aws.Eks.PodIdentityRoleProps
        {
            Cluster = Aws.Eks.EksTestData.Cluster(stack),
            Namespace = "training",
            ServiceAccount = "trainer",
            Statements = [new MlopsCdktf.Aws.Iam.PolicyStatement { Sid = "ReadModels", Actions = MlopsCdktf.Aws.Iam.Actions.S3.ReadObjects, Resources = ["arn:aws:s3:::acme-models/*"] }],
        },
        [typeof(MlopsCdktf.Aws.Eks.ClusterAutoscalerIdentity)] = stack => new MlopsCdktf.Aws.Eks.ClusterAutoscalerIdentityProps
        {
            Cluster = Aws.Eks.EksTestData.Cluster(stack),
            NodeGroups = [stack.Node.TryFindChild("AutoscaledGroup") as MlopsCdktf.Aws.Eks.EksNodeGroup
                          ?? new MlopsCdktf.Aws.Eks.EksNodeGroup(stack, "AutoscaledGroup", Aws.Eks.EksTestData.System(stack))],
        },
        [typeof(WorkloadIdentityAccount)] = _ => new WorkloadIdentityAccountProps { Name = "churn", Namespace = "ml-models", ProjectId = "acme-ml-test", ReadBuckets = ["acme-ml-registry"] },
        [typeof(PodIdentityAccount)] = _ => PodIdentityAccountTests.Trainer,
        [typeof(MlopsCdktf.Kubernetes.Addons.NvidiaDevicePlugin)] = _ => Kubernetes.Addons.AddonsTestData.DevicePlugin,
        [typeof(MlopsCdktf.Kubernetes.Addons.ClusterAutoscaler)] = _ => Kubernetes.Addons.AddonsTestData.Autoscaler,
        [typeof(MlopsCdktf.Kubernetes.Addons.MetricsServer)] = _ => new MlopsCdktf.Kubernetes.Addons.MetricsServerProps(),
        [typeof(MlopsCdktf.Kubernetes.Addons.EksClusterAddons)] = _ => Kubernetes.Addons.AddonsTestData.EksAddons,
        [typeof(MlopsCdktf.Kubernetes.Addons.KueueController)] = _ => new MlopsCdktf.Kubernetes.Addons.KueueControllerProps(),
        [typeof(MlopsCdktf.Kubernetes.Kueue.KueueQueues)] = _ => KueueQueuesTests.Queues,
    };

    /// <summary>Every public construct type of the library a consumer creates: what the null checks must cover. Parts a
    /// construct creates itself (no public constructor, e.g. <see cref="VariantAutoscaling"/>) get their input checked
    /// by their parent.</summary>
    public static IEnumerable<Type> LibraryConstructs() =>
        typeof(ModelArtifactBucket).Assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Construct).IsAssignableFrom(t) && !typeof(TerraformStack).IsAssignableFrom(t)
                && t.GetConstructors().Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    /// <summary>Creates <paramref name="construct"/> with <paramref name="props"/> in <paramref name="stack"/> (id <c>Subject</c>).</summary>
    public static void Create(Type construct, TerraformStack stack, object props)
    {
        try
        {
            Activator.CreateInstance(construct, stack, "Subject", props);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
