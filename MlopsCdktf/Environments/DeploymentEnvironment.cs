using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Environments;

/// <summary>
/// One deployment environment (dev, staging, prod): where it runs, how it is named and sized, and how its data may
/// be destroyed. The single source of truth the stacks read; constructs never see this type.
/// </summary>
public sealed record DeploymentEnvironment
{
    /// <summary>Short lowercase name used in stack and resource names, e.g. <c>dev</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The AWS account and region of this environment.</summary>
    public required AwsTarget Aws { get; init; }

    /// <summary>Cost center tag value for every resource.</summary>
    public required string CostCenter { get; init; }

    /// <summary>What destroy may do to stateful resources (buckets, keys, file shares, clusters).</summary>
    public required DeletionPolicy DataDeletionPolicy { get; init; }

    /// <summary>Model artifact storage settings.</summary>
    public required ArtifactStorageSettings ArtifactStorage { get; init; }

    /// <summary>
    /// The model release the environment deploys (name and version): the SageMaker image tag and archive, the GKE images and
    /// every stack's model version stamp derive from it. A new version is a change of <see cref="ModelRelease.Version"/>.
    /// </summary>
    public required ModelRelease Release { get; init; }

    /// <summary>The GKE model server image, derived: <see cref="ModelRelease.GkeServingImage"/> in <see cref="Gcp"/>'s repository.</summary>
    public string GkeServingImage => Release.GkeServingImage(Gcp).ToString();

    /// <summary>The GKE training image, derived: <see cref="ModelRelease.GkeTrainingImage"/> in <see cref="Gcp"/>'s repository.</summary>
    public string GkeTrainingImage => Release.GkeTrainingImage(Gcp).ToString();

    /// <summary>Model serving (SageMaker endpoint) settings.</summary>
    public required ServingSettings Serving { get; init; }

    /// <summary>The GCP project, region and zone of this environment's training platform.</summary>
    public required GcpTarget Gcp { get; init; }

    /// <summary>Sizes of the GCP training platform: GPU and preprocessing pools, workspace share.</summary>
    public required TrainingSettings Training { get; init; }

    /// <summary>Model serving and scheduled jobs on the GKE cluster (the <c>mlops-k8s-{env}</c> stack).</summary>
    public required ClusterWorkloadSettings ClusterWorkloads { get; init; }

    /// <summary>Metrics, dashboard and alerting of the GCP side (cluster, serving on GKE, retrain, workspace).</summary>
    /// <value>The default value is <see cref="GcpMonitoringSettings"/>'s defaults: managed Prometheus and DCGM on, a dashboard,
    /// no alert e-mails (hence no alert policies). Environments whose data is protected (<see cref="DeletionPolicy.PreventDestroy"/>)
    /// must name an address.</value>
    public GcpMonitoringSettings GcpMonitoring { get; init; } = new();

    /// <summary>What the environment may cost per month (at rest and at peak) and its project's GPU quota: checked against the
    /// forecast of its synthesized stacks (<c>MLOPS-COST-1</c>, <c>MLOPS-CAP-1</c>).</summary>
    public required CostBudget Budget { get; init; }

    /// <summary>The environment's private AWS network (notebooks, VPC-mode endpoints).</summary>
    public required NetworkSettings Network { get; init; }

    /// <summary>The environment's research notebook, or null for none.</summary>
    public NotebookSettings? Notebook { get; init; }

    /// <summary>The environment's GPU training cluster on AWS (EKS), or null for none: with one, the app declares the
    /// <c>mlops-eks-{env}</c>, <c>mlops-eks-addons-{env}</c> and <c>mlops-eks-k8s-{env}</c> stacks.</summary>
    /// <value>The default value is null: training on GKE only.</value>
    public EksTrainingSettings? EksTraining { get; init; }

    /// <summary>Ephemeral training runs (<c>make train</c>), or null when the environment allows none.</summary>
    /// <value>The default value is null.</value>
    public TrainingRunSettings? TrainingRuns { get; init; }

    /// <summary>The name of the environment's training clusters, derived: <c>{project}-{env}-training</c> (GKE and EKS).</summary>
    public string TrainingClusterName => $"{Project}-{Name}-training";

    /// <summary>The ECR repository of the EKS training image, derived: <c>{project}/{env}/{name}-training</c>
    /// (<see cref="ModelRelease.TrainingImageName"/>), created by the EKS cluster stack; the release's version tag is pushed there.</summary>
    public string EksTrainingRepositoryName => $"{Project}/{Name}/{Release.TrainingImageName}";

    /// <summary>
    /// The buckets the environment's remote state lives in (<see cref="StateMode.Remote"/>), derived:
    /// <c>{project}-tfstate-{account}-{region}</c> (S3) and <c>{project}-tfstate-{gcp project}</c> (GCS). A review environment
    /// shares dev's account and project, hence its buckets (under its own keys).
    /// </summary>
    public StateStorage State => new()
    {
        AwsBucket = $"{Project}-tfstate-{Aws.AccountId}-{Aws.Region}",
        GcsBucket = $"{Project}-tfstate-{Gcp.ProjectId}",
    };

    /// <summary>The bucket receiving the artifact bucket's S3 server access logs, derived
    /// (<c>{project}-{env}-s3-access-logs-{account}</c>) when <see cref="ArtifactStorageSettings.KeepAccessLogs"/> is set, else null.</summary>
    public string? AccessLogBucket => ArtifactStorage.KeepAccessLogs ? $"{Project}-{Name}-s3-access-logs-{Aws.AccountId}" : null;

    /// <summary>Project name prefixed to resource names.</summary>
    public string Project { get; init; } = "mlops";

    /// <summary>How this synthesis delivers the environment: state mode and infrastructure version.</summary>
    /// <value>The default value is <see cref="DeliveryOptions.Default"/> (local state, <c>unversioned</c>); <see cref="SynthSelection"/> sets it per run.</value>
    public DeliveryOptions Delivery { get; init; } = DeliveryOptions.Default;

    /// <summary>Set on a pull request's review environment (<see cref="Catalog.Review"/>), null otherwise.</summary>
    public ReviewSettings? Review { get; init; }

    /// <summary>The environment's name: what test names, messages and logs show of it.</summary>
    public override string ToString() => Name;

    /// <summary>
    /// The tags (AWS <c>default_tags</c>; normalised, GCP <c>default_labels</c>) on every resource of the environment: ownership,
    /// and traceability — the infrastructure version (git commit) and the model version it deploys, plus, on a review
    /// environment, its pull request and time to live.
    /// </summary>
    public IReadOnlyDictionary<string, string> StandardTags()
    {
        var tags = new Dictionary<string, string>
        {
            ["Project"] = Project,
            ["Environment"] = Name,
            ["ManagedBy"] = "cdktf",
            ["CostCenter"] = CostCenter,
            ["InfraVersion"] = Delivery.InfraVersion,
            ["ModelVersion"] = Release.Version,
        };
        if (Review is { } review)
        {
            tags["PullRequest"] = review.PullRequest.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tags["TimeToLive"] = $"{review.TimeToLiveHours}h";
        }

        return tags;
    }
}

/// <summary>An AWS account and region.</summary>
public sealed record AwsTarget
{
    /// <summary>The 12-digit account id; the provider refuses to run against any other account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The region, e.g. <c>eu-west-1</c>.</summary>
    public required string Region { get; init; }
}

/// <summary>The private AWS network of an environment (<c>modules/aws-network</c>).</summary>
public sealed record NetworkSettings
{
    /// <summary>The VPC range, private, /16 to /24 (e.g. <c>10.40.0.0/16</c>).</summary>
    public required string CidrBlock { get; init; }

    /// <summary>The two availability zones of the private subnets, in the environment's region.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }
}

/// <summary>The research notebook of an environment (<c>modules/sagemaker-notebook</c>).</summary>
public sealed record NotebookSettings
{
    /// <summary>The notebook's ML instance type.</summary>
    /// <value>The default value is <see cref="SageMakerInstanceType.T3Medium"/>.</value>
    public SageMakerInstanceType InstanceType { get; init; } = SageMakerInstanceType.T3Medium;

    /// <summary>Idle minutes after which the notebook stops itself.</summary>
    /// <value>The default value is 60.</value>
    public int IdleMinutes { get; init; } = 60;
}

/// <summary>How an environment keeps model artifacts.</summary>
public sealed record ArtifactStorageSettings
{
    /// <summary>Days noncurrent artifact versions are kept.</summary>
    public required int NoncurrentVersionExpirationDays { get; init; }

    /// <summary>Whether the platform stack creates a bucket for the artifact bucket's S3 server access logs (named by
    /// <see cref="DeploymentEnvironment.AccessLogBucket"/>) and sends them there.</summary>
    /// <value>The default value is false: no access logs.</value>
    public bool KeepAccessLogs { get; init; }
}

/// <summary>A GCP project and where in it the training platform runs, on a network the platform team provides.</summary>
public sealed record GcpTarget
{
    /// <summary>The project id, e.g. <c>acme-mlops-dev</c>.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The region of the cluster, registry bucket and regional shares, e.g. <c>europe-west4</c>.</summary>
    public required string Region { get; init; }

    /// <summary>
    /// The zone GPU nodes, the preprocessing pool and zonal shares use, e.g. <c>europe-west4-b</c>. GPU types are offered per
    /// zone: <see cref="TrainingSettings.Gpu"/> must be listed here in the accelerator catalogue
    /// (<c>MlopsCdktf.Library/Gcp/accelerator-zones.tsv</c>; <see cref="EnvironmentRules"/> checks it).
    /// </summary>
    public required string Zone { get; init; }

    /// <summary>The VPC network the cluster and Filestore join.</summary>
    public string Network { get; init; } = "mlops-vpc";

    /// <summary>The subnetwork of the cluster's nodes, in <see cref="Region"/>.</summary>
    public string Subnetwork { get; init; } = "mlops-gke-nodes";

    /// <summary>The subnetwork's secondary range for Pods.</summary>
    public string PodsRangeName { get; init; } = "gke-pods";

    /// <summary>The subnetwork's secondary range for Services.</summary>
    public string ServicesRangeName { get; init; } = "gke-services";

    /// <summary>
    /// The Artifact Registry repository (in <see cref="Region"/>) the GCP stack creates for the GKE images;
    /// the release's images (<see cref="ModelRelease.GkeServingImage"/>, <see cref="ModelRelease.GkeTrainingImage"/>) live in it.
    /// </summary>
    /// <value>The default value is <c>models</c>.</value>
    public string ImageRepository { get; init; } = "models";

    /// <summary>The primary range of <see cref="Subnetwork"/> (the nodes' addresses): the workspace's client range, not
    /// root-squashed so the Kubernetes stack's preparation Job can create the workload directories (pods run non-root).</summary>
    public required string NodesCidr { get; init; }

    /// <summary>
    /// A narrow range of admin hosts (bastion or admin subnet, at most a /24, outside <see cref="NodesCidr"/>) that mounts the
    /// workspace without root squash, for administration (backups, restores); the workload directories need no admin step.
    /// </summary>
    public required string WorkspaceAdminCidr { get; init; }

    /// <summary>
    /// Private ranges (besides the node subnet) allowed to the control plane's private IP endpoint, e.g. self-hosted runners
    /// or a VPN. Terraform itself uses the IAM-authorised DNS endpoint, so none are needed to deploy.
    /// </summary>
    public IReadOnlyList<string> ControlPlaneAccessCidrs { get; init; } = [];
}

/// <summary>How big the GCP training platform of an environment is.</summary>
public sealed record TrainingSettings
{
    /// <summary>The GPU model of the training pool.</summary>
    public required GpuType Gpu { get; init; }

    /// <summary>GPUs per training node (<see cref="GpuNodePoolProps.GpuCount"/>; must match the machine type's shape).</summary>
    public required int GpuCount { get; init; }

    /// <summary>The training pool's machine type (<see cref="NodePoolProps.MachineType"/> of the GPU pool).</summary>
    public required string GpuMachineType { get; init; }

    /// <summary>The most GPU nodes the pool scales to (it scales from 0).</summary>
    public required int MaxGpuNodes { get; init; }

    /// <summary>Whether the GPU nodes are Spot VMs (<see cref="NodePoolProps.Spot"/>; the preprocessing pool never is).</summary>
    public required bool Spot { get; init; }

    /// <summary>The preprocessing pool's machine type.</summary>
    public required string PreprocessingMachineType { get; init; }

    /// <summary>The most preprocessing nodes in total (the pool keeps one node for system pods).</summary>
    public required int MaxPreprocessingNodes { get; init; }

    /// <summary>The Filestore tier of the training workspace.</summary>
    public required FilestoreTier WorkspaceTier { get; init; }

    /// <summary>The workspace size in GiB.</summary>
    public required int WorkspaceCapacityGb { get; init; }

    /// <summary>The cluster's release channel.</summary>
    public ReleaseChannel ReleaseChannel { get; init; } = ReleaseChannel.Regular;
}

/// <summary>What runs on an environment's GKE cluster: the namespace budget, the model server and the scheduled jobs (their
/// images are the environment's release, <see cref="DeploymentEnvironment.GkeServingImage"/> and <see cref="DeploymentEnvironment.GkeTrainingImage"/>).</summary>
public sealed record ClusterWorkloadSettings
{
    /// <summary>The namespace's total budget.</summary>
    public required NamespaceQuota Quota { get; init; }

    /// <summary>The model server container's requests and limits.</summary>
    public required ContainerResources ServingResources { get; init; }

    /// <summary>The model server's autoscaling.</summary>
    public required PodAutoscaling ServingAutoscaling { get; init; }

    /// <summary>The retraining container's requests and limits.</summary>
    public required ContainerResources RetrainingResources { get; init; }

    /// <summary>The batch inference container's requests and limits.</summary>
    public required ContainerResources BatchInferenceResources { get; init; }

    /// <summary>When batch inference runs (cron).</summary>
    public string BatchInferenceSchedule { get; init; } = "0 3 * * *";

    /// <summary>When the model is retrained (cron): the seeds' weekly retrain, Mondays 02:00 UTC, in every environment.</summary>
    public string RetrainSchedule { get; init; } = "0 2 * * 1";

    /// <summary>Namespaces whose pods may call the model server (its NetworkPolicy admits them besides pods of the
    /// workloads' namespace); the namespace's default deny refuses every other caller.</summary>
    /// <value>The default value is none: only pods of the workloads' namespace.</value>
    public IReadOnlyList<string> ServingCallerNamespaces { get; init; } = [];
}

/// <summary>What an environment's GCP side reports and to whom: the cluster's metrics, and the addresses its alert policies notify.</summary>
public sealed record GcpMonitoringSettings
{
    /// <summary>What the cluster sends to Cloud Monitoring, in the library's own type (<see cref="MlClusterProps.Monitoring"/>).</summary>
    /// <value>The default value is everything on: system metrics, managed Prometheus (the serving PodMonitoring needs it) and DCGM.</value>
    public ClusterMonitoring Cluster { get; init; } = new();

    /// <summary>E-mail addresses the GCP alert policies notify (one notification channel each). With none there is no alert
    /// policy either (nobody would receive them); the dashboard exists regardless.</summary>
    /// <value>The default value is none. Environments whose data is protected (<see cref="Core.DeletionPolicy.PreventDestroy"/>) must name one.</value>
    public IReadOnlyList<string> AlertEmails { get; init; } = [];
}
