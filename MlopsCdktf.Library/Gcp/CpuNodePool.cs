using Constructs;
using MlopsCdktf.Core;
using ContainerNodePoolResource = HashiCorp.Cdktf.Providers.Google.ContainerNodePool.ContainerNodePool;

namespace MlopsCdktf.Gcp;

/// <summary>
/// A GKE node pool of CPU (e.g. high-memory) nodes for data preprocessing, feature jobs and cluster system pods.
/// Same secure node configuration as <see cref="GpuNodePool"/> (one shared builder), without accelerators or taint,
/// so pods that tolerate nothing (kube-system, operators) have somewhere to run.
/// </summary>
/// <example>
/// <code>
/// new CpuNodePool(this, "Preprocessing", new CpuNodePoolProps
/// {
///     Cluster = cluster.NodePoolTarget,
///     Name = "preprocessing",
///     MachineType = "n2-highmem-8",
///     Autoscaling = NodePoolAutoscaling.PerZone(1, 3),
/// });
/// </code>
/// </example>
public sealed class CpuNodePool : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the node pool.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public CpuNodePool(Construct scope, string id, CpuNodePoolProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(CpuNodePool)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        NodePoolBuilder.Validate(v, props);
        v.Require(!GpuMachineRules.FixedGpuCount(props.MachineType).HasValue, nameof(props.MachineType), props.MachineType,
            "is an accelerator-optimized (GPU) machine type; use GpuNodePool for it");
        v.ValidateResourceName(props.Role, nameof(props.Role), 63);
        v.ThrowIfInvalid();

        NodePool = NodePoolBuilder.Create(this, props,
            new Dictionary<string, string> { [NodePoolDefaults.RoleLabel] = props.Role },
            [],
            accelerators: null);
    }

    /// <summary>The underlying <c>google_container_node_pool</c> resource.</summary>
    public ContainerNodePoolResource NodePool { get; }

    /// <summary>The node pool name.</summary>
    public string Name => NodePool.Name;
}
