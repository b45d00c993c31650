using Constructs;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.LaunchTemplate;
using MlopsCdktf.Core;
using MlopsCdktf.Core.Scheduling;
using EksNodeGroupResource = HashiCorp.Cdktf.Providers.Aws.EksNodeGroup.EksNodeGroup;

namespace MlopsCdktf.Aws.Eks;

/// <summary>
/// A GPU node group of an <see cref="EksCluster"/> for training: the EKS-optimized NVIDIA AMI (<c>AL2023_x86_64_NVIDIA</c>,
/// drivers included) on an instance type validated against the GPU it must carry (<see cref="EksGpuInstanceRules"/>), the
/// taint <c>nvidia.com/gpu=present:NoSchedule</c> so only GPU pods land there, the label <c>mlops.io/pool-role</c>, and
/// scale-from-zero: minimum 0 by default, with the node-template tags the cluster autoscaler needs to know the group's
/// labels, taint and GPUs while it has no node. Nodes are hardened like the system group's (IMDSv2, hop limit 1, encrypted
/// root volume, no SSH key). <see cref="Selector"/> tells workloads how to reach it, as GKE's GPU pools do.
/// </summary>
/// <example>
/// <code>
/// var gpus = new EksGpuNodeGroup(this, "GpuL4", new EksGpuNodeGroupProps
/// {
///     Cluster = cluster, Name = "gpu-l4", Gpu = NvidiaGpu.L4, InstanceType = "g6.2xlarge", MaxSize = 4, Spot = true,
/// });
/// </code>
/// </example>
public sealed class EksGpuNodeGroup : Construct, IEksNodeGroup
{
    /// <summary>Validates <paramref name="props"/> and declares the node group, its role, launch template and autoscaler tags.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public EksGpuNodeGroup(Construct scope, string id, EksGpuNodeGroupProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(EksGpuNodeGroup)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        EksNodeGroupBuilder.Validate(v, props, props.MinSize, props.MaxSize, props.DiskSizeGb, props.Role);
        v.Defined(props.Gpu, nameof(props.Gpu));
        v.ValidateGpuInstanceType(props.Gpu, props.InstanceType, nameof(props.InstanceType));
        v.Require(!props.ScaleFromZero || props.MinSize == 0, nameof(props.MinSize), props.MinSize,
            "must be 0 while ScaleFromZero is on (an idle GPU group would keep paying for its minimum): set MinSize = 0, or ScaleFromZero = false to keep GPUs warm");
        v.Require(props.AutoscalerManaged || !props.ScaleFromZero, nameof(props.ScaleFromZero), props.ScaleFromZero,
            "must be false when AutoscalerManaged is false: only the cluster autoscaler scales a group from zero");
        v.ThrowIfInvalid();

        Cluster = props.Cluster;
        var (gpu, count) = EksGpuInstanceRules.Of(props.InstanceType)!.Value;
        var labels = new Dictionary<string, string>(props.NodeLabels)
        {
            [EksNodeGroupDefaults.RoleLabel] = props.Role,
            [EksNodeGroupDefaults.AcceleratorLabel] = $"nvidia-{gpu.ToString().ToLowerInvariant()}",
        };
        var built = EksNodeGroupBuilder.Create(this, props, EksNodeGroupDefaults.GpuAmiType, [props.InstanceType], props.MinSize, props.MaxSize,
            props.DiskSizeGb, labels, [EksNodeGroupDefaults.GpuTaint],
            new Dictionary<string, string> { ["nvidia.com/gpu"] = EksNodeGroupBuilder.Count(count) });
        (NodeGroup, Role, LaunchTemplate) = (built.NodeGroup, built.Role, built.LaunchTemplate);
        GpusPerNode = count;
        Selector = GpuNodeSelector.For(EksNodeGroupDefaults.GpuTaint, EksNodeGroupDefaults.RoleLabel, props.Role) with { GpusPerNode = count };
    }

    /// <inheritdoc />
    public EksClusterBase Cluster { get; }

    /// <summary>The <c>aws_eks_node_group</c> resource.</summary>
    public EksNodeGroupResource NodeGroup { get; }

    /// <summary>The nodes' IAM role.</summary>
    public IamRole Role { get; }

    /// <summary>The nodes' launch template.</summary>
    public LaunchTemplate LaunchTemplate { get; }

    /// <summary>The GPUs one node offers (allocatable <c>nvidia.com/gpu</c>), from the instance type.</summary>
    public int GpusPerNode { get; }

    /// <summary>What GPU pods need to run on this group (its taint to tolerate, its role label to require, the GPUs a node
    /// offers); plain values, usable from any stack — the same model GKE's <c>GpuNodePool.Selector</c> gives.</summary>
    public GpuNodeSelector Selector { get; }

    /// <inheritdoc />
    public string Name => NodeGroup.NodeGroupName;

    /// <inheritdoc />
    public string Arn => NodeGroup.Arn;

    /// <inheritdoc />
    public string AutoscalingGroupName => NodeGroup.Resources.Get(0).AutoscalingGroups.Get(0).Name;
}
