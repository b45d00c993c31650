using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Google.DataGoogleClientConfig;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The GCP training platform of one environment (<c>mlops-gcp-{env}</c>): the Google provider pinned to the
/// environment's project and region with normalised <c>default_labels</c>; a private GKE cluster with a GPU training
/// pool and a preprocessing pool; a Filestore workspace (no root squash for the nodes, where the Kubernetes stack's
/// preparation Job creates the workload directories, and for an admin range); the GCS model registry; the Artifact
/// Registry repository of the GKE images; the project's APIs. No Kubernetes object lives here: <see cref="KubernetesStack"/> (<c>mlops-k8s-{env}</c>) reads
/// this stack's cluster and workspace through cross-stack references and is applied after it. Composition only;
/// resource details live in constructs.
/// </summary>
public sealed class GcpTrainingStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "gcp";

    /// <summary>Declares the GCP stack of <paramref name="environment"/>.</summary>
    public GcpTrainingStack(Construct scope, DeploymentEnvironment environment)
        : base(scope, Cloud, environment, StateStore.Gcs)
    {
        var gcp = environment.Gcp;
        var training = environment.Training;
        var prefix = $"{environment.Project}-{environment.Name}";

        UseGoogleProvider(withZone: true);

        // A fresh project answers SERVICE_DISABLED: enable what this stack and the Kubernetes stack call (never disabled on
        // destroy, see ProjectServices); every resource below waits for its APIs (Services.RequiredBy at the end).
        Services = new ProjectServices(this, "Services", new ProjectServicesProps { ProjectId = gcp.ProjectId, Apis = RequiredApis });

        // Plain names, shared by the resources and by what the Kubernetes stack's dashboard and alerts watch (Observed).
        var clusterName = environment.TrainingClusterName;
        var gpuAutoscaling = NodePoolAutoscaling.Total(0, training.MaxGpuNodes);
        var preprocessingAutoscaling = NodePoolAutoscaling.Total(1, training.MaxPreprocessingNodes);
        WorkspaceName = $"{prefix}-workspace";

        Cluster = new MlCluster(this, "Cluster", new MlClusterProps
        {
            ProjectId = gcp.ProjectId,
            Name = clusterName,
            Location = gcp.Region,
            Network = gcp.Network,
            Subnetwork = gcp.Subnetwork,
            IpRanges = ClusterIpRanges.SecondaryRanges(gcp.PodsRangeName, gcp.ServicesRangeName),
            // Checked against the control-plane range (declares nothing).
            SubnetworkCidr = gcp.NodesCidr,
            ReleaseChannel = training.ReleaseChannel,
            // Terraform reaches the control plane through the IAM-authorised DNS endpoint (the default), from any runner.
            ControlPlaneAccess = ControlPlaneAccess.DnsEndpoint,
            MasterAuthorizedNetworks = gcp.ControlPlaneAccessCidrs.Count == 0 ? null : gcp.ControlPlaneAccessCidrs,
            DeletionPolicy = environment.DataDeletionPolicy,
            // Managed Prometheus (the serving PodMonitoring's CRD) and DCGM GPU metrics, unless the environment says otherwise.
            Monitoring = environment.GcpMonitoring.Cluster,
        });

        GpuPool = new GpuNodePool(this, "GpuPool", new GpuNodePoolProps
        {
            Cluster = Cluster.NodePoolTarget,
            Name = GpuPoolName,
            MachineType = training.GpuMachineType,
            Gpu = training.Gpu,
            GpuCount = training.GpuCount,
            Autoscaling = gpuAutoscaling,
            Spot = training.Spot,
            NodeLocations = [gcp.Zone],
        });

        PreprocessingPool = new CpuNodePool(this, "PreprocessingPool", new CpuNodePoolProps
        {
            Cluster = Cluster.NodePoolTarget,
            Name = PreprocessingPoolName,
            MachineType = training.PreprocessingMachineType,
            // initial_node_count is per zone: in the cluster's three zones the pool would start with three nodes. One zone (the
            // GPUs' and zonal workspace's) keeps one node in total at rest, for system pods.
            NodeLocations = [gcp.Zone],
            Autoscaling = preprocessingAutoscaling,
            BootDiskType = BootDiskType.PdBalanced,
            BootDiskSizeGb = 100,
        });

        Workspace = new FilestoreWorkspace(this, "Workspace", new FilestoreWorkspaceProps
        {
            Name = WorkspaceName,
            Tier = training.WorkspaceTier,
            CapacityGb = training.WorkspaceCapacityGb,
            Location = FilestoreWorkspace.IsRegionalTier(training.WorkspaceTier) ? gcp.Region : gcp.Zone,
            Network = gcp.Network,
            // A new share's root belongs to root (755), and kubelet mounts NFS from the node: the Kubernetes stack's
            // WorkspacePreparation Job (uid 0, only CHOWN) can create the workload directories only if the node range is not
            // root-squashed. Squashing moves to the pod layer: every ml-models pod runs non-root with a fixed uid:gid under
            // Pod Security restricted and mounts only its prepared directories. The admin range keeps its rule for admin hosts.
            ExportRules =
            [
                new NfsExportRule
                {
                    IpRanges = [gcp.NodesCidr],
                    SquashMode = NfsSquashMode.NoRootSquash,
                    WideNoRootSquashReason = "kubelet mounts from the node; the preparation Job creates the directories as root, and workload pods cannot run as root",
                },
                new NfsExportRule { IpRanges = [gcp.WorkspaceAdminCidr], SquashMode = NfsSquashMode.NoRootSquash },
            ],
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        ModelRegistry = new ModelRegistryBucket(this, "ModelRegistry", new ModelRegistryBucketProps
        {
            BucketName = ModelRegistryBucketName(environment),
            Location = gcp.Region,
            DeletionPolicy = environment.DataDeletionPolicy,
            NoncurrentVersions = new NoncurrentVersionRetention { DeleteAfterDays = environment.ArtifactStorage.NoncurrentVersionExpirationDays },
        });

        // The images GKE serves and trains with (the release's GkeServingImage/GkeTrainingImage are derived in this repository; the
        // Kubernetes stack's plan checks their tags are published here). Only the nodes pull.
        ModelImages = new ModelImageRegistry(this, "ModelImages", new ModelImageRegistryProps
        {
            ProjectId = gcp.ProjectId,
            Location = gcp.Region,
            RepositoryId = gcp.ImageRepository,
            Description = $"Serving and training images of {prefix}",
            Cleanup = new ImageCleanup(),
            DeletionPolicy = environment.DataDeletionPolicy,
        });
        ModelImages.GrantRead("Nodes", Cluster.NodeServiceAccount.Member);

        Services.RequiredBy(this);

        Observed = new ObservedCluster
        {
            ProjectId = gcp.ProjectId,
            ClusterName = clusterName,
            Pools =
            [
                new ObservedNodePool(GpuPoolName, gpuAutoscaling.TotalMinNodeCount ?? 0, gpuAutoscaling.TotalMaxNodeCount ?? 0, HasGpus: true),
                new ObservedNodePool(PreprocessingPoolName, preprocessingAutoscaling.TotalMinNodeCount ?? 0, preprocessingAutoscaling.TotalMaxNodeCount ?? 0, HasGpus: false),
            ],
        };

        Output("cluster_name", Cluster.Name, "Name of the GKE training cluster");
        Output("cluster_location", Cluster.Location, "Region of the GKE training cluster");
        Output("model_registry_bucket", ModelRegistry.BucketName, "Name of the GCS model registry bucket");
        Output("image_repository", ModelImages.RepositoryUrl, "Artifact Registry repository of the GKE images (docker push <url>/<image>:<tag>)");
    }

    /// <summary>
    /// The APIs the GCP and Kubernetes stacks call: GKE (with Compute Engine, Logging, Monitoring and, for Workload Identity,
    /// IAM Credentials), Filestore, Artifact Registry and Container Scanning, IAM (service accounts), Cloud Resource Manager
    /// (project IAM bindings), Cloud Storage.
    /// </summary>
    public static IReadOnlyList<GoogleApi> RequiredApis { get; } =
    [
        GoogleApi.Compute, GoogleApi.Container, GoogleApi.Filestore, GoogleApi.ArtifactRegistry, GoogleApi.ContainerScanning,
        GoogleApi.Iam, GoogleApi.IamCredentials, GoogleApi.CloudResourceManager, GoogleApi.Storage, GoogleApi.Logging,
        GoogleApi.Monitoring,
    ];

    /// <summary>
    /// How <paramref name="consumer"/> (a stack applied after this one) reaches the cluster's API: its IAM-authorised DNS
    /// endpoint (or endpoint and CA) through cross-stack references, and the caller's Google access token
    /// (<c>google_client_config</c>, declared in the consumer, which needs the Google provider).
    /// </summary>
    internal (string Host, string? CaCertificate, string Token) ConnectionFor(MlopsStack consumer)
    {
        var client = new DataGoogleClientConfig(consumer, "client");
        var connection = Cluster.Connection;
        return (connection.Host, connection.CaCertificateBase64 is { } ca ? Fn.Base64decode(ca) : null, client.AccessToken);
    }

    /// <summary>The GPU training pool's name.</summary>
    public const string GpuPoolName = "gpu-training";

    /// <summary>The preprocessing pool's name.</summary>
    public const string PreprocessingPoolName = "preprocessing";

    /// <summary>The cluster, its pools and their bounds by plain name: what the Kubernetes stack's dashboard and alert policies watch.</summary>
    public ObservedCluster Observed { get; }

    /// <summary>The Filestore instance's name (plain), what the near-capacity alert watches.</summary>
    public string WorkspaceName { get; }

    /// <summary>The API enablement of the environment's project.</summary>
    public ProjectServices Services { get; }

    /// <summary>The Artifact Registry repository of the serving and training images.</summary>
    public ModelImageRegistry ModelImages { get; }

    /// <summary>The training cluster.</summary>
    public MlCluster Cluster { get; }

    /// <summary>The GPU training pool.</summary>
    public GpuNodePool GpuPool { get; }

    /// <summary>The CPU preprocessing pool (also runs system pods).</summary>
    public CpuNodePool PreprocessingPool { get; }

    /// <summary>The Filestore training workspace.</summary>
    public FilestoreWorkspace Workspace { get; }

    /// <summary>The GCS model registry.</summary>
    public ModelRegistryBucket ModelRegistry { get; }

    /// <summary>The GCS model registry's name, derived: <c>{project}-{env}-model-registry-{gcp project}</c>.</summary>
    public static string ModelRegistryBucketName(DeploymentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return $"{environment.Project}-{environment.Name}-model-registry-{environment.Gcp.ProjectId}";
    }
}
