using MlopsCdktf.Core.Scheduling;

namespace MlopsCdktf.Aws.Eks;

/// <summary>
/// What every managed node group of an <see cref="EksCluster"/> needs, system or GPU. <see cref="EksNodeGroupProps"/> and
/// <see cref="EksGpuNodeGroupProps"/> add their own parts; both are built by the same node-group builder: a node role, a
/// launch template (IMDSv2 required, hop limit 1, encrypted gp3 root volume, no SSH key) and the node group in the cluster's
/// private subnets, its size owned by the cluster autoscaler.
/// </summary>
public abstract record EksNodeGroupBaseProps
{
    /// <summary>The cluster the nodes join.</summary>
    public required EksClusterBase Cluster { get; init; }

    /// <summary>The node group name: 1 to 63 letters, digits, hyphens and underscores, starting with a letter or digit.
    /// Changing it replaces the group.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the nodes are Spot instances (<c>capacity_type = SPOT</c>): much cheaper, reclaimable with two
    /// minutes' notice (training must checkpoint). Changing it replaces the group.</summary>
    /// <value>The default value is false (on-demand): preemption is a choice, not a surprise.</value>
    public bool Spot { get; init; }

    /// <summary>The subnets of the nodes, a subset of the cluster's. Changing them replaces the group.</summary>
    /// <value>The default value is null: the cluster's subnets (<see cref="EksCluster.SubnetIds"/>), private.</value>
    public IReadOnlyList<string>? SubnetIds { get; init; }

    /// <summary>ARN of the KMS key encrypting the nodes' root volumes; its key policy must let Auto Scaling's service-linked
    /// role (<c>AWSServiceRoleForAutoScaling</c>) use it and create grants, or instances fail to launch.</summary>
    /// <value>The default value is null: the cluster's <see cref="EksCluster.SecretsKeyArn"/>, whose created key allows it.</value>
    public string? VolumeKmsKeyArn { get; init; }

    /// <summary>Extra Kubernetes node labels, merged over the group's <c>mlops.io/pool-role</c> label; also announced to the
    /// cluster autoscaler for a group at zero.</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> NodeLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Tags of the node group, role and launch template, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Whether the cluster autoscaler owns the group's size: its Auto Scaling group carries the discovery and node-template
    /// tags, and Terraform ignores <c>desired_size</c> after creation. Turn it off for a fixed group another tool owns (one
    /// training run's nodes): no tag invites an autoscaler whose role may not resize the group to drain its nodes under a
    /// running job, and Terraform keeps the size. Off requires MinSize = MaxSize.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool AutoscalerManaged { get; init; } = true;
}

/// <summary>Input of <see cref="EksNodeGroup"/>: the system nodes (CoreDNS, the cluster autoscaler, metrics-server, CPU work).</summary>
public sealed record EksNodeGroupProps : EksNodeGroupBaseProps
{
    /// <summary>EC2 instance types (x86_64), all of the same size: the cluster autoscaler assumes every node of a group is alike.</summary>
    /// <value>The default value is <c>m6i.large</c> (2 vCPUs, 8 GiB): enough for the cluster's add-ons.</value>
    public IReadOnlyList<string> InstanceTypes { get; init; } = [EksNodeGroupDefaults.SystemInstanceType];

    /// <summary>The fewest nodes (0–1000).</summary>
    /// <value>The default value is 2: CoreDNS and the autoscaler survive a node's loss or replacement.</value>
    public int MinSize { get; init; } = EksNodeGroupDefaults.SystemMinSize;

    /// <summary>The most nodes the autoscaler may run (1–1000, at least <see cref="MinSize"/>).</summary>
    /// <value>The default value is 4.</value>
    public int MaxSize { get; init; } = EksNodeGroupDefaults.SystemMaxSize;

    /// <summary>The root volume size in GiB (20–16384).</summary>
    /// <value>The default value is 50.</value>
    public int DiskSizeGb { get; init; } = EksNodeGroupDefaults.SystemDiskSizeGb;

    /// <summary>The value of the nodes' <c>mlops.io/pool-role</c> label (a Kubernetes label value).</summary>
    /// <value>The default value is <c>system</c>.</value>
    public string Role { get; init; } = EksNodeGroupDefaults.SystemRole;
}

/// <summary>Input of <see cref="EksGpuNodeGroup"/>: GPU nodes for training, tainted so only GPU pods land there.</summary>
public sealed record EksGpuNodeGroupProps : EksNodeGroupBaseProps
{
    /// <summary>The GPU the nodes carry; <see cref="InstanceType"/> must carry it (<see cref="EksGpuInstanceRules"/>).</summary>
    public required NvidiaGpu Gpu { get; init; }

    /// <summary>The EC2 instance type, e.g. <c>g6.2xlarge</c> (one L4); its GPU count is what a node offers.</summary>
    public required string InstanceType { get; init; }

    /// <summary>The fewest nodes (0–1000).</summary>
    /// <value>The default value is 0: an idle GPU group costs nothing; the cluster autoscaler adds nodes for pending GPU pods.</value>
    public int MinSize { get; init; }

    /// <summary>The most nodes the autoscaler may run (1–1000, at least <see cref="MinSize"/>).</summary>
    /// <value>The default value is 2.</value>
    public int MaxSize { get; init; } = EksNodeGroupDefaults.GpuMaxSize;

    /// <summary>Whether the group is meant to scale from zero: then <see cref="MinSize"/> must be 0. Its labels, taint and GPU
    /// count are always announced to the cluster autoscaler (node-template tags on the group's Auto Scaling group).</summary>
    /// <value>The default value is true: GPUs are the platform's largest cost.</value>
    public bool ScaleFromZero { get; init; } = true;

    /// <summary>The root volume size in GiB (20–16384).</summary>
    /// <value>The default value is 200: CUDA and framework images are many GB.</value>
    public int DiskSizeGb { get; init; } = EksNodeGroupDefaults.GpuDiskSizeGb;

    /// <summary>The value of the nodes' <c>mlops.io/pool-role</c> label (a Kubernetes label value), which GPU workloads select.</summary>
    /// <value>The default value is <c>gpu-training</c>, as on GKE.</value>
    public string Role { get; init; } = EksNodeGroupDefaults.GpuRole;
}

/// <summary>The one home of the node groups' defaults and the labels and taint they share with workloads.</summary>
internal static class EksNodeGroupDefaults
{
    public const string SystemInstanceType = "m6i.large";
    public const int SystemMinSize = 2;
    public const int SystemMaxSize = 4;
    public const int SystemDiskSizeGb = 50;
    public const string SystemRole = "system";
    public const int GpuMaxSize = 2;
    public const int GpuDiskSizeGb = 200;
    public const string GpuRole = "gpu-training";
    public const string RoleLabel = "mlops.io/pool-role";
    public const string AcceleratorLabel = "mlops.io/accelerator";
    public const string SystemAmiType = "AL2023_x86_64_STANDARD";
    public const string GpuAmiType = "AL2023_x86_64_NVIDIA";
    public const int MinDiskSizeGb = 20;
    public const int MaxDiskSizeGb = 16384;
    public const int MaxGroupSize = 1000;

    /// <summary>The taint keeping non-GPU pods off GPU nodes (the same as the GKE GPU pools').</summary>
    public static readonly NodeTaint GpuTaint = new("nvidia.com/gpu", "present", TaintEffect.NoSchedule);
}
