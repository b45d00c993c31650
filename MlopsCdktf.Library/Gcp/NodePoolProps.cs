using MlopsCdktf.Core.Scheduling;

namespace MlopsCdktf.Gcp;

/// <summary>
/// What every node pool of an <see cref="MlCluster"/> needs, GPU or not. <see cref="GpuNodePoolProps"/> and
/// <see cref="CpuNodePoolProps"/> add their own parts; both are built by the same node-pool builder.
/// </summary>
public abstract record NodePoolProps
{
    /// <summary>The cluster and node service account (use <see cref="MlCluster.NodePoolTarget"/>).</summary>
    public required NodePoolCluster Cluster { get; init; }

    /// <summary>The node pool name: 1–40 lowercase letters, digits and hyphens, starting with a letter. Changing it replaces the pool.</summary>
    public required string Name { get; init; }

    /// <summary>The Compute Engine machine type, e.g. <c>n1-standard-8</c>. Changing it replaces the pool.</summary>
    public required string MachineType { get; init; }

    /// <summary>Autoscaling limits, per zone or total (never both); a minimum of 0 lets idle pools cost nothing.</summary>
    public required NodePoolAutoscaling Autoscaling { get; init; }

    /// <summary>Whether nodes are Spot VMs: 60–91% cheaper but reclaimable at any time (training must checkpoint).</summary>
    /// <value>The default value is false (on-demand): preemption is a choice, not a surprise.</value>
    public bool Spot { get; init; }

    /// <summary>Zones the pool's nodes run in (within the cluster's region). GPU types are not offered in every zone: a
    /// <see cref="GpuNodePool"/> checks each zone against the accelerator catalogue (<see cref="GpuZoneRules"/>).</summary>
    /// <value>The default value is null: the cluster's zones.</value>
    public IReadOnlyList<string>? NodeLocations { get; init; }

    /// <summary>Boot disk size in GB (10–65536).</summary>
    /// <value>The default value is 200: ML images (CUDA, PyTorch) are many GB, and image pulls and logs fill small disks.</value>
    public int BootDiskSizeGb { get; init; } = NodePoolDefaults.BootDiskSizeGb;

    /// <summary>Boot disk type.</summary>
    /// <value>The default value is <see cref="BootDiskType.PdSsd"/>: large image pulls dominate node start-up time.</value>
    public BootDiskType BootDiskType { get; init; } = BootDiskType.PdSsd;

    /// <summary>Extra Kubernetes node labels, merged over the pool's defaults (<c>mlops.io/pool-role</c>, …).</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> NodeLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra Kubernetes taints, added to the pool's default taints.</summary>
    /// <value>The default value is no extra taints.</value>
    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary>GCP labels on the node VMs, merged over the provider's <c>default_labels</c>; must follow GCP's label rules.</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> ResourceLabels { get; init; } = new Dictionary<string, string>();
}

/// <summary>Input of <see cref="GpuNodePool"/>. The GPU type, count and machine type are validated against each other.</summary>
public sealed record GpuNodePoolProps : NodePoolProps
{
    /// <summary>The GPU model. It fixes the machine family: N1 for T4/P4/P100/V100, G2 for L4, A2 for A100, A3 for H100.</summary>
    public required GpuType Gpu { get; init; }

    /// <summary>GPUs per node. On A2/A3/G2 shapes it must equal the shape's built-in count.</summary>
    /// <value>The default value is 1.</value>
    public int GpuCount { get; init; } = 1;

    /// <summary>Which NVIDIA driver GKE installs.</summary>
    /// <value>The default value is <see cref="GpuDriverVersion.Latest"/>: current CUDA releases need current drivers.</value>
    public GpuDriverVersion DriverVersion { get; init; } = GpuDriverVersion.Latest;

    /// <summary>Lets several containers share one GPU (time-sharing or MPS).</summary>
    /// <value>The default value is null: each container gets whole GPUs, the only isolation training jobs can rely on.</value>
    public GpuSharing? Sharing { get; init; }

    /// <summary>A Multi-Instance GPU partition size, e.g. <c>1g.5gb</c>; only A100 and H100 support MIG.</summary>
    /// <value>The default value is null: no partitioning.</value>
    public string? MigPartitionSize { get; init; }

    /// <summary>How the pool obtains its nodes: on demand, or through GKE's Dynamic Workload Scheduler (flex-start or
    /// queued provisioning) for scarce GPUs without a reservation. A DWS pool scales from 0 with location policy
    /// <see cref="LocationPolicy.Any"/>, is never <see cref="NodePoolProps.Spot"/>, needs <see cref="MaxRunDuration"/>, and is
    /// declared with no reservation and node auto-repair off (GKE's requirements, <see cref="DwsRules"/>). Changing it
    /// replaces the pool.</summary>
    /// <value>The default value is <see cref="GpuProvisioning.OnDemand"/>: the pool behaves as before, nodes live until scaled down.</value>
    public GpuProvisioning Provisioning { get; init; } = GpuProvisioning.OnDemand;

    /// <summary>How long each node may run before GKE deletes it (<c>node_config.max_run_duration</c>, whole seconds, 30
    /// seconds to 7 days): the cost bound of a run. Required when <see cref="Provisioning"/> is a Dynamic Workload Scheduler
    /// mode, refused for <see cref="GpuProvisioning.OnDemand"/>; keep it above the Job's deadline plus node start-up, or the
    /// run is cut off. Changing it replaces the pool.</summary>
    /// <value>The default value is null: no limit (on-demand pools only).</value>
    public TimeSpan? MaxRunDuration { get; init; }

    /// <summary>The pool's role, the value of its <c>mlops.io/pool-role</c> node label, which <see cref="GpuNodePool.Selector"/>
    /// requires: a distinct role keeps one workload's pods (e.g. one training run's) off every other GPU pool.</summary>
    /// <value>The default value is <c>gpu-training</c>.</value>
    public string Role { get; init; } = NodePoolDefaults.GpuRole;
}

/// <summary>Input of <see cref="CpuNodePool"/>: a CPU or high-memory pool for preprocessing, feature jobs and system pods.</summary>
public sealed record CpuNodePoolProps : NodePoolProps
{
    /// <summary>The pool's role, the value of its <c>mlops.io/pool-role</c> node label (a Kubernetes label value).</summary>
    /// <value>The default value is <c>preprocessing</c>.</value>
    public string Role { get; init; } = NodePoolDefaults.CpuRole;
}

/// <summary>The one home of the node pools' default values.</summary>
internal static class NodePoolDefaults
{
    public const int BootDiskSizeGb = 200;
    public const string CpuRole = "preprocessing";
    public const string RoleLabel = "mlops.io/pool-role";
    public const string AcceleratorLabel = "mlops.io/accelerator";
    public const string GpuRole = "gpu-training";
    public const string ImageType = "COS_CONTAINERD";
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    public const int MaxSurge = 1;
    public const int MaxUnavailable = 0;
    public const int MinSharedClientsPerGpu = 2;
    public const int MaxSharedClientsPerGpu = 48;

    /// <summary>Zones GKE spreads a regional cluster's node pools over when no node locations are given.</summary>
    public const int RegionalClusterZones = 3;

    /// <summary>The taint keeping non-GPU pods off GPU nodes (pods requesting <c>nvidia.com/gpu</c> get the toleration automatically).</summary>
    public static readonly NodeTaint GpuTaint = new("nvidia.com/gpu", "present", TaintEffect.NoSchedule);
}
