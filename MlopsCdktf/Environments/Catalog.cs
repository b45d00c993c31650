using MlopsCdktf.Aws;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;

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
        Release = new ModelRelease { Name = "churn", Version = "1.0.0" },
        Aws = new AwsTarget { AccountId = "111111111111", Region = "eu-west-1" },
        Gcp = new GcpTarget
        {
            ProjectId = "acme-mlops-dev",
            Region = "europe-west4",
            // T4s: europe-west4-b (and -c) in every source; -a only in the latest table (accelerator-zones.tsv: uncertain).
            Zone = "europe-west4-b",
            NodesCidr = "10.10.0.0/20",
            WorkspaceAdminCidr = "10.10.255.0/29",
        },
        Training = new TrainingSettings
        {
            Gpu = GpuType.NvidiaT4,
            GpuCount = 1,
            GpuMachineType = "n1-standard-8",
            MaxGpuNodes = 2,
            Spot = true,
            PreprocessingMachineType = "e2-standard-4",
            MaxPreprocessingNodes = 2,
            WorkspaceTier = FilestoreTier.BasicHdd,
            WorkspaceCapacityGb = 1024,
            ReleaseChannel = ReleaseChannel.Rapid,
        },
        ClusterWorkloads = new ClusterWorkloadSettings
        {
            Quota = new NamespaceQuota { RequestsCpu = "8", RequestsMemory = "32Gi", LimitsCpu = "16", LimitsMemory = "64Gi", Gpus = 1, Pods = 30 },
            ServingResources = new ContainerResources { CpuRequest = "250m", MemoryRequest = "512Mi", CpuLimit = "1", MemoryLimit = "1Gi" },
            ServingAutoscaling = new PodAutoscaling { MinReplicas = 2, MaxReplicas = 3 },
            RetrainingResources = new ContainerResources { CpuRequest = "2", MemoryRequest = "8Gi", CpuLimit = "4", MemoryLimit = "16Gi" },
            BatchInferenceResources = new ContainerResources { CpuRequest = "500m", MemoryRequest = "1Gi", CpuLimit = "1", MemoryLimit = "2Gi" },
        },
        Network = new NetworkSettings { CidrBlock = "10.110.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"] },
        // AWS teams train on EKS too: one spot A10G node at a time, none when idle.
        EksTraining = new EksTrainingSettings
        {
            KubernetesVersion = "1.35",
            CidrBlock = "10.150.0.0/16",
            PublicCidrBlock = "10.152.0.0/24",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            Gpu = NvidiaGpu.A10G,
            GpuInstanceType = "g5.xlarge",
            MaxGpuNodes = 2,
            Spot = true,
            // The role make deploy and the workflow assume (vars.AWS_ROLE_ARN): the cluster grants its creator nothing.
            AdminRoleArns = ["arn:aws:iam::111111111111:role/mlops-deployer"],
            // The deploy runners' egress (documentation range until the platform team's is known): Helm reaches the API.
            PublicAccessCidrs = ["203.0.113.0/24"],
            Quota = new NamespaceQuota { RequestsCpu = "4", RequestsMemory = "16Gi", LimitsCpu = "8", LimitsMemory = "32Gi", Gpus = 1, Pods = 10 },
            RetrainingResources = new ContainerResources { CpuRequest = "2", MemoryRequest = "8Gi", CpuLimit = "3", MemoryLimit = "14Gi" },
        },
        // One-off training runs (make train ENV=dev RUN=<name>): a flex-start T4 on GKE (no reservation, no idle pool) or an
        // on-demand A10G node group on EKS, each for the run only, at most a day.
        TrainingRuns = new TrainingRunSettings
        {
            Gke = new GkeTrainingRunSettings { Gpu = GpuType.NvidiaT4, MachineType = "n1-standard-8" },
            Eks = new EksTrainingRunSettings { Gpu = NvidiaGpu.A10G, InstanceType = "g5.xlarge" },
            Resources = new ContainerResources { CpuRequest = "2", MemoryRequest = "8Gi", CpuLimit = "3", MemoryLimit = "14Gi" },
            MaxRunDuration = TimeSpan.FromHours(24),
        },
        Notebook = new NotebookSettings(),
        CostCenter = "ml-platform-dev",
        // At rest: the endpoint, the share and the preprocessing node; at peak the spot T4s too (cdktf.out/cost-table.txt).
        Budget = new CostBudget
        {
            // The EKS training cluster adds ~390 at rest (control plane, two system nodes, endpoints, NAT) and its spot A10Gs at peak.
            AtRestMonthlyUsd = 950,
            PeakMonthlyUsd = 2300,
            GpuQuotas = [new GpuQuota { Gpu = GpuType.NvidiaT4, Gpus = 2, Spot = true }],
        },
        DataDeletionPolicy = DeletionPolicy.ForceDestroy,
        ArtifactStorage = new ArtifactStorageSettings { NoncurrentVersionExpirationDays = 7 },
        Serving = new ServingSettings
        {
            Variant = new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large },
            // Little traffic: one data-quality run a day (06:00 UTC) is enough and costs a twenty-fourth of hourly.
            DataQualitySchedule = MonitorSchedule.DailyAt(6),
        },
        // Dashboard yes, alerts no: nobody is on call for dev, and a policy nobody receives is noise.
        GcpMonitoring = new GcpMonitoringSettings(),
    };

    /// <summary>Staging: production-like (the shape <see cref="Prod"/> is derived from), destroy allowed only when storage is empty.</summary>
    public static DeploymentEnvironment Staging { get; } = new()
    {
        Name = "staging",
        Release = new ModelRelease { Name = "churn", Version = "1.0.0" },
        Aws = new AwsTarget { AccountId = "222222222222", Region = "eu-west-1" },
        Gcp = new GcpTarget
        {
            ProjectId = "acme-mlops-staging",
            Region = "europe-west4",
            Zone = "europe-west4-a",
            NodesCidr = "10.20.0.0/20",
            WorkspaceAdminCidr = "10.20.255.0/29",
        },
        Training = new TrainingSettings
        {
            Gpu = GpuType.NvidiaL4,
            GpuCount = 1,
            GpuMachineType = "g2-standard-8",
            MaxGpuNodes = 2,
            Spot = true,
            PreprocessingMachineType = "n2-highmem-4",
            MaxPreprocessingNodes = 2,
            WorkspaceTier = FilestoreTier.Zonal,
            WorkspaceCapacityGb = 1024,
        },
        ClusterWorkloads = new ClusterWorkloadSettings
        {
            Quota = new NamespaceQuota { RequestsCpu = "16", RequestsMemory = "64Gi", LimitsCpu = "32", LimitsMemory = "128Gi", Gpus = 1, Pods = 50 },
            ServingResources = new ContainerResources { CpuRequest = "500m", MemoryRequest = "1Gi", CpuLimit = "1", MemoryLimit = "2Gi" },
            ServingAutoscaling = new PodAutoscaling { MinReplicas = 2, MaxReplicas = 4 },
            RetrainingResources = new ContainerResources { CpuRequest = "4", MemoryRequest = "16Gi", CpuLimit = "8", MemoryLimit = "32Gi" },
            BatchInferenceResources = new ContainerResources { CpuRequest = "1", MemoryRequest = "2Gi", CpuLimit = "2", MemoryLimit = "4Gi" },
        },
        Network = new NetworkSettings { CidrBlock = "10.120.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"] },
        Notebook = new NotebookSettings(),
        CostCenter = "ml-platform-staging",
        // Spot L4s at peak; one endpoint instance at rest, two at peak.
        Budget = new CostBudget
        {
            AtRestMonthlyUsd = 900,
            PeakMonthlyUsd = 2000,
            GpuQuotas = [new GpuQuota { Gpu = GpuType.NvidiaL4, Gpus = 2, Spot = true }],
        },
        DataDeletionPolicy = DeletionPolicy.DestroyIfEmpty,
        ArtifactStorage = new ArtifactStorageSettings { NoncurrentVersionExpirationDays = 30 },
        Serving = new ServingSettings
        {
            Variant = new InstanceVariant
            {
                InstanceType = SageMakerInstanceType.M5Large,
                Autoscaling = new EndpointAutoscaling { MinInstances = 1, MaxInstances = 2, MaxRequestsPerSecondPerInstance = 20 },
            },
            InVpc = true,
            AlarmEmails = ["ml-platform-staging@acme.example"],
            // One instance cannot take a canary: all at once, but watched for ten minutes and rolled back on the alarms.
            Deployment = new EndpointDeployment { TrafficShift = TrafficShift.AllAtOnce },
        },
        GcpMonitoring = new GcpMonitoringSettings { AlertEmails = ["ml-platform-staging@acme.example"] },
    };

    /// <summary>Production: staging's shape in its own account and project, scaled up; data resources carry
    /// <c>prevent_destroy</c>; access logs are kept.</summary>
    public static DeploymentEnvironment Prod { get; } = Staging with
    {
        Name = "prod",
        Aws = Staging.Aws with { AccountId = "333333333333" },
        Gcp = Staging.Gcp with { ProjectId = "acme-mlops-prod", NodesCidr = "10.30.0.0/20", WorkspaceAdminCidr = "10.30.255.0/29" },
        Training = Staging.Training with
        {
            GpuCount = 2,
            GpuMachineType = "g2-standard-24",
            MaxGpuNodes = 4,
            Spot = false,
            PreprocessingMachineType = "n2-highmem-16",
            MaxPreprocessingNodes = 6,
            WorkspaceTier = FilestoreTier.Regional,
            WorkspaceCapacityGb = 2560,
            ReleaseChannel = ReleaseChannel.Stable,
        },
        ClusterWorkloads = Staging.ClusterWorkloads with
        {
            Quota = new NamespaceQuota { RequestsCpu = "48", RequestsMemory = "192Gi", LimitsCpu = "96", LimitsMemory = "384Gi", Gpus = 2, Pods = 100 },
            ServingResources = new ContainerResources { CpuRequest = "1", MemoryRequest = "2Gi", CpuLimit = "2", MemoryLimit = "4Gi" },
            ServingAutoscaling = new PodAutoscaling { MinReplicas = 3, MaxReplicas = 10 },
            RetrainingResources = new ContainerResources { CpuRequest = "8", MemoryRequest = "32Gi", CpuLimit = "16", MemoryLimit = "64Gi" },
            BatchInferenceResources = new ContainerResources { CpuRequest = "2", MemoryRequest = "4Gi", CpuLimit = "4", MemoryLimit = "8Gi" },
        },
        Network = Staging.Network with { CidrBlock = "10.130.0.0/16" },
        Notebook = Staging.Notebook! with { IdleMinutes = 120 },
        // At peak four on-demand 2×L4 nodes are most of it (~6.4K $/month); the regional share ~1.3K at rest.
        Budget = new CostBudget
        {
            AtRestMonthlyUsd = 3000,
            PeakMonthlyUsd = 15000,
            GpuQuotas = [new GpuQuota { Gpu = GpuType.NvidiaL4, Gpus = 8 }],
        },
        CostCenter = "ml-platform-prod",
        DataDeletionPolicy = DeletionPolicy.PreventDestroy,
        ArtifactStorage = new ArtifactStorageSettings { NoncurrentVersionExpirationDays = 365, KeepAccessLogs = true },
        Serving = Staging.Serving with
        {
            Variant = new InstanceVariant
            {
                InstanceType = SageMakerInstanceType.M5Xlarge,
                InitialInstanceCount = 2,
                Autoscaling = new EndpointAutoscaling { MinInstances = 2, MaxInstances = 6, MaxRequestsPerSecondPerInstance = 20 },
            },
            // High traffic: a fifth of requests is plenty for drift statistics and bounds capture storage.
            DataCapture = new DataCaptureOptions { SamplingPercentage = 20 },
            AlarmEmails = ["ml-oncall@acme.example"],
            // One of the (at least) two instances takes the new model first for ten minutes; any 5XX or latency alarm of
            // the endpoint rolls it back.
            Deployment = new EndpointDeployment { TrafficShift = TrafficShift.Canary, StepSize = DeploymentCapacity.Instances(1) },
        },
        GcpMonitoring = Staging.GcpMonitoring with { AlertEmails = ["ml-oncall@acme.example"] },
    };

    /// <summary>All environments, in promotion order.</summary>
    public static IReadOnlyList<DeploymentEnvironment> All { get; } = [Dev, Staging, Prod];

    /// <summary>
    /// The review environment of pull request <paramref name="pullRequest"/>: <c>pr&lt;number&gt;</c>, dev-sized in dev's
    /// account and project (sharing dev's state buckets, under its own keys), data force-destroyable so closing the pull
    /// request removes everything, tagged with the pull request and a time to live.
    /// </summary>
    public static DeploymentEnvironment Review(long pullRequest) => Dev with
    {
        Name = $"pr{pullRequest}",
        DataDeletionPolicy = DeletionPolicy.ForceDestroy,
        Review = new ReviewSettings { PullRequest = pullRequest },
        // A pull request's environment does not create an EKS cluster (a quarter of an hour to create, billed hourly):
        // the EKS stacks are reviewed in dev's synthesis and plan.
        EksTraining = null,
        // Training runs belong to long-lived environments: a run's model is not a pull request's artefact.
        TrainingRuns = null,
    };
}
