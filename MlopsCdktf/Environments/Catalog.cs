using MlopsCdktf.Core;
using MlopsCdktf.Gcp;

namespace MlopsCdktf.Environments;

/// <summary>
/// The typed definitions of every environment. Account ids are the platform team's; change them here and nowhere else.
/// </summary>
public static class Catalog
{
    /// <summary>Development: disposable, smallest sizes, data may be force-destroyed.</summary>
    public static DeploymentEnvironment Dev { get; } = new()
    {
        Name = "dev",
        Aws = new AwsTarget { AccountId = "111111111111", Region = "eu-west-1" },
        Gcp = new GcpTarget { ProjectId = "acme-mlops-dev", Region = "europe-west4", Zone = "europe-west4-a" },
        Training = new TrainingSettings
        {
            Gpu = GpuType.NvidiaT4,
            GpusPerNode = 1,
            GpuMachineType = "n1-standard-8",
            MaxGpuNodes = 2,
            SpotGpus = true,
            PreprocessingMachineType = "e2-standard-4",
            MaxPreprocessingNodes = 2,
            WorkspaceTier = FilestoreTier.BasicHdd,
            WorkspaceCapacityGb = 1024,
            ReleaseChannel = ReleaseChannel.Rapid,
        },
        CostCenter = "ml-platform-dev",
        DataDeletionPolicy = DeletionPolicy.ForceDestroy,
        ArtifactStorage = new ArtifactStorageSettings { NoncurrentVersionExpirationDays = 7 },
        Serving = new ServingSettings
        {
            ModelName = "churn",
            Version = new ModelVersion { ImageTagOrDigest = "1.0.0", ArchiveKey = "models/churn/1.0.0/model.tar.gz" },
            InstanceType = "ml.m5.large",
            InitialInstanceCount = 1,
            DataCaptureSamplingPercentage = 100,
        },
    };

    /// <summary>Staging: production-like, destroy allowed only when storage is empty.</summary>
    public static DeploymentEnvironment Staging { get; } = new()
    {
        Name = "staging",
        Aws = new AwsTarget { AccountId = "222222222222", Region = "eu-west-1" },
        Gcp = new GcpTarget { ProjectId = "acme-mlops-staging", Region = "europe-west4", Zone = "europe-west4-a" },
        Training = new TrainingSettings
        {
            Gpu = GpuType.NvidiaL4,
            GpusPerNode = 1,
            GpuMachineType = "g2-standard-8",
            MaxGpuNodes = 2,
            SpotGpus = true,
            PreprocessingMachineType = "n2-highmem-4",
            MaxPreprocessingNodes = 2,
            WorkspaceTier = FilestoreTier.Zonal,
            WorkspaceCapacityGb = 1024,
        },
        CostCenter = "ml-platform-staging",
        DataDeletionPolicy = DeletionPolicy.DestroyIfEmpty,
        ArtifactStorage = new ArtifactStorageSettings { NoncurrentVersionExpirationDays = 30 },
        Serving = new ServingSettings
        {
            ModelName = "churn",
            Version = new ModelVersion { ImageTagOrDigest = "1.0.0", ArchiveKey = "models/churn/1.0.0/model.tar.gz" },
            InstanceType = "ml.m5.large",
            InitialInstanceCount = 1,
            Autoscaling = new ServingAutoscaling { MinInstances = 1, MaxInstances = 2, MaxRequestsPerSecondPerInstance = 20 },
            DataCaptureSamplingPercentage = 100,
        },
    };

    /// <summary>Production: data resources carry <c>prevent_destroy</c>; access logs are kept.</summary>
    public static DeploymentEnvironment Prod { get; } = new()
    {
        Name = "prod",
        Aws = new AwsTarget { AccountId = "333333333333", Region = "eu-west-1" },
        Gcp = new GcpTarget { ProjectId = "acme-mlops-prod", Region = "europe-west4", Zone = "europe-west4-a" },
        Training = new TrainingSettings
        {
            Gpu = GpuType.NvidiaL4,
            GpusPerNode = 2,
            GpuMachineType = "g2-standard-24",
            MaxGpuNodes = 4,
            SpotGpus = false,
            PreprocessingMachineType = "n2-highmem-16",
            MaxPreprocessingNodes = 6,
            WorkspaceTier = FilestoreTier.Regional,
            WorkspaceCapacityGb = 2560,
            ReleaseChannel = ReleaseChannel.Stable,
        },
        CostCenter = "ml-platform-prod",
        DataDeletionPolicy = DeletionPolicy.PreventDestroy,
        ArtifactStorage = new ArtifactStorageSettings
        {
            NoncurrentVersionExpirationDays = 365,
            AccessLogBucket = "mlops-prod-s3-access-logs-333333333333",
        },
        Serving = new ServingSettings
        {
            ModelName = "churn",
            Version = new ModelVersion { ImageTagOrDigest = "1.0.0", ArchiveKey = "models/churn/1.0.0/model.tar.gz" },
            InstanceType = "ml.m5.xlarge",
            InitialInstanceCount = 2,
            Autoscaling = new ServingAutoscaling { MinInstances = 2, MaxInstances = 6, MaxRequestsPerSecondPerInstance = 20 },
            // High traffic: a fifth of requests is plenty for drift statistics and bounds capture storage.
            DataCaptureSamplingPercentage = 20,
            AlarmEmails = ["ml-oncall@acme.example"],
        },
    };

    /// <summary>All environments, in promotion order.</summary>
    public static IReadOnlyList<DeploymentEnvironment> All { get; } = [Dev, Staging, Prod];
}
