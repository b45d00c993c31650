namespace MlopsCdktf.Gcp;

/// <summary>
/// How a <see cref="GpuNodePool"/> obtains its GPU nodes: the ordinary on-demand (or Spot) model, or one of GKE's Dynamic
/// Workload Scheduler (DWS) modes, which obtain scarce GPUs without a reservation for a bounded time
/// (<see cref="GpuNodePoolProps.MaxRunDuration"/>) and delete the nodes after it. <see cref="DwsRules"/> holds what GKE
/// requires of a DWS pool.
/// </summary>
public enum GpuProvisioning
{
    /// <summary>On-demand (or Spot) VMs, created by the cluster autoscaler whenever capacity exists; nodes live until
    /// scaled down.</summary>
    OnDemand,

    /// <summary>Flex-start (<c>node_config.flex_start</c>): the autoscaler asks DWS for each node and waits until capacity
    /// is found; nodes run at most <see cref="GpuNodePoolProps.MaxRunDuration"/> (GKE: up to 7 days) at a discounted
    /// price. For single-node runs; pods schedule onto the pool as usual.</summary>
    FlexStart,

    /// <summary>Queued provisioning (<c>queued_provisioning.enabled</c>): nodes are created only for a ProvisioningRequest,
    /// all at once (all-or-nothing), so workloads reach the pool through Kueue with the ProvisioningRequest admission
    /// check; for multi-node runs. Nodes run at most <see cref="GpuNodePoolProps.MaxRunDuration"/> (GKE: up to 7 days).</summary>
    QueuedProvisioning,
}
