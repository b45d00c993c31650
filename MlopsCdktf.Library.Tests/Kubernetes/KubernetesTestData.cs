using MlopsCdktf.Core.Scheduling;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>Valid props for the Kubernetes constructs, varied per test with <c>with</c>.</summary>
internal static class KubernetesTestData
{
    public static readonly ContainerResources Small = new() { CpuRequest = "500m", MemoryRequest = "1Gi", CpuLimit = "1", MemoryLimit = "2Gi" };

    public static readonly GpuNodeSelector GpuPool = new()
    {
        TaintKey = "nvidia.com/gpu", TaintValue = "present", TaintEffect = "NoSchedule", NodeLabelKey = "mlops.io/pool-role", NodeLabelValue = "gpu-training",
    };

    public static ModelServingDeploymentProps Serving => new()
    {
        Name = "churn",
        Namespace = "ml-models",
        Image = "europe-west4-docker.pkg.dev/acme-ml-test/models/churn-serving:1.0.0",
        Resources = Small,
        ProjectId = "acme-ml-test",
        ModelRegistryBucket = "acme-ml-registry",
        Autoscaling = new PodAutoscaling { MinReplicas = 2, MaxReplicas = 6 },
    };

    public static BatchJobProps Retrain => new()
    {
        Name = "churn-retrain",
        Namespace = "ml-models",
        Schedule = "0 2 * * 1",
        Image = "europe-west4-docker.pkg.dev/acme-ml-test/models/churn-training:1.0.0",
        Resources = Small,
    };

    public static TrainingJobProps TrainingRun => new()
    {
        Name = "churn-train-run-42",
        Namespace = "ml-models",
        Image = "europe-west4-docker.pkg.dev/acme-ml-test/models/churn-training:1.0.0",
        Resources = Small,
    };

    public static MlNamespaceProps Namespace => new()
    {
        Name = "ml-models",
        DataClassification = DataClassification.Confidential,
        Quota = new NamespaceQuota { RequestsCpu = "8", RequestsMemory = "32Gi", LimitsCpu = "16", LimitsMemory = "64Gi", Gpus = 2 },
    };

    public static WorkspacePreparationProps Preparation => new()
    {
        Name = "training-workspace",
        Server = "10.0.0.2",
        Path = "/workspace",
        CapacityGb = 1024,
        Directories = ["models", "datasets", "checkpoints"],
        Image = "europe-west4-docker.pkg.dev/acme-ml-test/models/churn-serving:1.0.0",
        DataClassification = DataClassification.Confidential,
    };

    /// <summary>A volume of the prepared <c>models</c> directory in <c>ml-models</c>.</summary>
    public static NfsWorkspaceVolumeProps ModelsVolume(WorkspacePreparation preparation) => new()
    {
        Name = "training-workspace-models",
        Namespace = "ml-models",
        Server = "10.0.0.2",
        Path = "/workspace",
        CapacityGb = 1024,
        Directory = "models",
        PreparedBy = preparation,
    };
}
