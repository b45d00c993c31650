using Constructs;
using HashiCorp.Cdktf.Providers.Google.ContainerNodePool;
using MlopsCdktf.Core;
using MlopsCdktf.Core.Scheduling;
using ContainerNodePoolResource = HashiCorp.Cdktf.Providers.Google.ContainerNodePool.ContainerNodePool;

namespace MlopsCdktf.Gcp;

/// <summary>
/// A GKE node pool of GPU nodes for training, with the GPU type, count and machine type validated against each other
/// (a T4 on an A2 machine or 3 A100s on <c>a2-highgpu-4g</c> fail at synth, not after a 20-minute apply), and its zones
/// checked against the accelerator catalogue (<see cref="GpuZoneRules"/>: an L4 pinned to a zone without L4s fails at synth).
/// Secure and cost-aware by default: autoscaling (from 0 if you like), the <c>nvidia.com/gpu=present:NoSchedule</c>
/// taint so only GPU workloads land here, GKE-managed drivers (LATEST; required while the cluster collects DCGM GPU metrics), COS containerd, shielded VMs, GKE metadata
/// server (Workload Identity), the cluster's least-privilege node service account, auto repair/upgrade, surge upgrades.
/// </summary>
/// <example>
/// <code>
/// new GpuNodePool(this, "GpuPool", new GpuNodePoolProps
/// {
///     Cluster = cluster.NodePoolTarget,
///     Name = "gpu-l4",
///     MachineType = "g2-standard-24",
///     Gpu = GpuType.NvidiaL4,
///     GpuCount = 2,
///     Autoscaling = NodePoolAutoscaling.Total(0, 4),
///     Spot = true,
/// });
/// </code>
/// </example>
public sealed class GpuNodePool : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the node pool.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public GpuNodePool(Construct scope, string id, GpuNodePoolProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(GpuNodePool)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        var gpu = props.Gpu.ToProvider();
        var accelerator = new ContainerNodePoolNodeConfigGuestAccelerator
        {
            Type = gpu,
            Count = props.GpuCount,
            GpuPartitionSize = props.MigPartitionSize,
            GpuDriverInstallationConfig = new ContainerNodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfig
            {
                GpuDriverVersion = props.DriverVersion.ToProvider(),
            },
            GpuSharingConfig = props.Sharing is not { } sharing ? null : new ContainerNodePoolNodeConfigGuestAcceleratorGpuSharingConfig
            {
                GpuSharingStrategy = sharing.Strategy.ToProvider(),
                MaxSharedClientsPerGpu = sharing.MaxSharedClientsPerGpu,
            },
        };

        // What a pod may ask for: the node's whole GPUs. Partitioned (MIG) and shared GPUs are counted differently: unknown.
        Selector = GpuNodeSelector.For(NodePoolDefaults.GpuTaint, NodePoolDefaults.RoleLabel, props.Role) with
        {
            GpusPerNode = props.MigPartitionSize is null && props.Sharing is null ? props.GpuCount : null,
        };
        Provisioning = props.Provisioning;
        MaxRunDuration = props.MaxRunDuration;
        NodePool = NodePoolBuilder.Create(this, props,
            new Dictionary<string, string> { [NodePoolDefaults.RoleLabel] = props.Role, [NodePoolDefaults.AcceleratorLabel] = gpu },
            [NodePoolDefaults.GpuTaint],
            [accelerator]);
    }

    /// <summary>The underlying <c>google_container_node_pool</c> resource.</summary>
    public ContainerNodePoolResource NodePool { get; }

    /// <summary>The node pool name.</summary>
    public string Name => NodePool.Name;

    /// <summary>How the pool obtains its nodes. A <see cref="GpuProvisioning.QueuedProvisioning"/> pool is reached only through
    /// a ProvisioningRequest: give its workloads a Kueue queue whose ClusterQueue has the ProvisioningRequest admission check.</summary>
    public GpuProvisioning Provisioning { get; }

    /// <summary>How long each node may run before GKE deletes it, or null (on-demand pools). Kueue's ProvisioningRequestConfig
    /// (<c>maxRunDurationSeconds</c>) and a run's Job deadline should stay within it.</summary>
    public TimeSpan? MaxRunDuration { get; }

    /// <summary>What GPU pods need to run on this pool (its taint to tolerate, its role label to require, the GPUs a node
    /// offers); plain values, usable from any stack.</summary>
    public GpuNodeSelector Selector { get; }

    private void Validate(GpuNodePoolProps props)
    {
        var v = new InputValidator(this);
        NodePoolBuilder.Validate(v, props, gpuPool: true);
        v.ValidateResourceName(props.Role, nameof(props.Role), 63);
        if (!Enum.IsDefined(props.Gpu))
        {
            v.Add(nameof(props.Gpu), props.Gpu, $"must be one of {string.Join(", ", Enum.GetNames<GpuType>())}");
            v.ThrowIfInvalid();
        }

        v.ValidateGpuMachine(props.Gpu, props.GpuCount, props.MachineType);
        // GPU types exist only in some zones: a pool pinned elsewhere is rejected or never scales up from zero.
        if (props.NodeLocations is { Count: > 0 } zones)
        {
            foreach (var zone in zones)
            {
                v.ValidateGpuZone(props.Gpu, zone, nameof(props.NodeLocations));
            }
        }
        else if (!InputValidator.IsUnresolved(props.Cluster.Location) && GcpNames.IsZone(props.Cluster.Location))
        {
            v.ValidateGpuZone(props.Gpu, props.Cluster.Location, "Cluster.Location");
        }

        v.ValidateProvisioning(props);
        v.Defined(props.DriverVersion, nameof(props.DriverVersion));
        v.Require(!props.Cluster.GpuMetrics || props.DriverVersion != GpuDriverVersion.InstallationDisabled, nameof(props.DriverVersion), props.DriverVersion,
            "the cluster collects DCGM GPU metrics (Cluster.GpuMetrics), which need GPU drivers installed by GKE: use Latest or Default, "
            + "or turn GPU metrics off on the cluster (MlClusterProps.Monitoring.GpuMetrics = false)");
        if (props.MigPartitionSize is { } partition)
        {
            var sizes = GpuMachineRules.MigPartitionSizes(props.Gpu);
            v.Require(sizes.Contains(partition), nameof(props.MigPartitionSize), partition, sizes.Count == 0
                ? $"{props.Gpu.ToProvider()} does not support Multi-Instance GPU; MIG needs A100 or H100"
                : $"{props.Gpu.ToProvider()} supports MIG partitions {string.Join(", ", sizes)}");
        }

        if (props.Sharing is { } sharing)
        {
            v.InRange(sharing.MaxSharedClientsPerGpu, "Sharing.MaxSharedClientsPerGpu",
                NodePoolDefaults.MinSharedClientsPerGpu, NodePoolDefaults.MaxSharedClientsPerGpu, "clients per GPU");
            v.Defined(sharing.Strategy, "Sharing.Strategy");
        }

        v.ThrowIfInvalid();
    }
}
