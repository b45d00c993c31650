using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Google.DataGoogleClientConfig;
using HashiCorp.Cdktf.Providers.Google.Provider;
using HashiCorp.Cdktf.Providers.Kubernetes.Provider;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The GCP training platform of one environment (<c>mlops-gcp-{env}</c>): the Google provider pinned to the
/// environment's project and region with normalised <c>default_labels</c>; a private GKE cluster with a GPU training
/// pool and a preprocessing pool; a Filestore workspace mounted into the cluster as an NFS PersistentVolume and claim;
/// the GCS model registry. The Kubernetes provider is configured in this stack from the cluster's endpoint and CA and
/// the caller's Google access token. Composition only; resource details live in constructs.
/// </summary>
public sealed class GcpTrainingStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "gcp";

    /// <summary>Declares the GCP stack of <paramref name="environment"/>.</summary>
    public GcpTrainingStack(Construct scope, DeploymentEnvironment environment)
        : base(scope, Cloud, environment)
    {
        var gcp = environment.Gcp;
        var training = environment.Training;
        var prefix = $"{environment.Project}-{environment.Name}";

        new GoogleProvider(this, "google", new GoogleProviderConfig
        {
            Project = gcp.ProjectId,
            Region = gcp.Region,
            Zone = gcp.Zone,
            DefaultLabels = GcpLabels.Normalize(StandardTags()),
        });
        QualifyProviderSource("google");

        Cluster = new MlCluster(this, "Cluster", new MlClusterProps
        {
            ProjectId = gcp.ProjectId,
            Name = $"{prefix}-training",
            Location = gcp.Region,
            Network = gcp.Network,
            Subnetwork = gcp.Subnetwork,
            IpRanges = ClusterIpRanges.SecondaryRanges(gcp.PodsRangeName, gcp.ServicesRangeName),
            ReleaseChannel = training.ReleaseChannel,
            MasterAuthorizedNetworks = gcp.ControlPlaneAccessCidrs,
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        GpuPool = new GpuNodePool(this, "GpuPool", new GpuNodePoolProps
        {
            Cluster = Cluster.NodePoolTarget,
            Name = "gpu-training",
            MachineType = training.GpuMachineType,
            Gpu = training.Gpu,
            GpuCount = training.GpusPerNode,
            Autoscaling = NodePoolAutoscaling.Total(0, training.MaxGpuNodes),
            Spot = training.SpotGpus,
            NodeLocations = [gcp.Zone],
        });

        PreprocessingPool = new CpuNodePool(this, "PreprocessingPool", new CpuNodePoolProps
        {
            Cluster = Cluster.NodePoolTarget,
            Name = "preprocessing",
            MachineType = training.PreprocessingMachineType,
            // One node in total (not per zone) keeps system pods running without three idle nodes in a regional cluster.
            Autoscaling = NodePoolAutoscaling.Total(1, training.MaxPreprocessingNodes),
            BootDiskType = BootDiskType.PdBalanced,
            BootDiskSizeGb = 100,
        });

        Workspace = new FilestoreWorkspace(this, "Workspace", new FilestoreWorkspaceProps
        {
            Name = $"{prefix}-workspace",
            Tier = training.WorkspaceTier,
            CapacityGb = training.WorkspaceCapacityGb,
            Location = FilestoreWorkspace.IsRegionalTier(training.WorkspaceTier) ? gcp.Region : gcp.Zone,
            Network = gcp.Network,
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        ModelRegistry = new ModelRegistryBucket(this, "ModelRegistry", new ModelRegistryBucketProps
        {
            BucketName = $"{prefix}-model-registry-{gcp.ProjectId}",
            Location = gcp.Region,
            DeletionPolicy = environment.DataDeletionPolicy,
            NoncurrentVersions = new NoncurrentVersionRetention { DeleteAfterDays = environment.ArtifactStorage.NoncurrentVersionExpirationDays },
        });

        // Typed kubernetes_* resources need no API access at plan time, so one apply can create the cluster and then them.
        var client = new DataGoogleClientConfig(this, "client");
        new KubernetesProvider(this, "kubernetes", new KubernetesProviderConfig
        {
            Host = $"https://{Cluster.Endpoint}",
            ClusterCaCertificate = Fn.Base64decode(Cluster.CaCertificate),
            Token = client.AccessToken,
        });
        QualifyProviderSource("kubernetes");

        WorkspaceVolume = new NfsWorkspaceVolume(this, "WorkspaceVolume", new NfsWorkspaceVolumeProps
        {
            Name = "training-workspace",
            Server = Workspace.IpAddress,
            Path = Workspace.SharePath,
            CapacityGb = Workspace.CapacityGb,
        });

        Output("cluster_name", Cluster.Name, "Name of the GKE training cluster");
        Output("cluster_location", Cluster.Location, "Region of the GKE training cluster");
        Output("model_registry_bucket", ModelRegistry.BucketName, "Name of the GCS model registry bucket");
        Output("workspace_claim", WorkspaceVolume.ClaimName, "PersistentVolumeClaim (default namespace) that mounts the Filestore workspace");
    }

    /// <summary>The training cluster.</summary>
    public MlCluster Cluster { get; }

    /// <summary>The GPU training pool.</summary>
    public GpuNodePool GpuPool { get; }

    /// <summary>The CPU preprocessing pool (also runs system pods).</summary>
    public CpuNodePool PreprocessingPool { get; }

    /// <summary>The Filestore training workspace.</summary>
    public FilestoreWorkspace Workspace { get; }

    /// <summary>The workspace's PersistentVolume and claim in the cluster.</summary>
    public NfsWorkspaceVolume WorkspaceVolume { get; }

    /// <summary>The GCS model registry.</summary>
    public ModelRegistryBucket ModelRegistry { get; }
}
