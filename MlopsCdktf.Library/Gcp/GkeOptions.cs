using MlopsCdktf.Core.Scheduling;

namespace MlopsCdktf.Gcp;

/// <summary>GKE release channels: how fast the control plane and nodes receive new Kubernetes versions.</summary>
public enum ReleaseChannel
{
    /// <summary>Newest versions first; for testing upcoming releases.</summary>
    Rapid,

    /// <summary>Versions a few months after Rapid; the balance of features and stability GKE recommends.</summary>
    Regular,

    /// <summary>Versions after Regular has proven them; for risk-averse production.</summary>
    Stable,

    /// <summary>Stays on a minor version for up to 24 months (extended support costs extra).</summary>
    Extended,
}

/// <summary>Which zone a node pool's autoscaler grows into.</summary>
public enum LocationPolicy
{
    /// <summary>Any zone with capacity, preferring unused reservations; best for scarce GPUs and spot VMs.</summary>
    Any,

    /// <summary>Keeps zones balanced; capacity in one zone can block a scale-up.</summary>
    Balanced,
}

/// <summary>The boot disk type of a node pool.</summary>
public enum BootDiskType
{
    /// <summary>SSD persistent disk (<c>pd-ssd</c>): fast image pulls of multi-GB CUDA images.</summary>
    PdSsd,

    /// <summary>Balanced persistent disk (<c>pd-balanced</c>): cheaper, slower.</summary>
    PdBalanced,
}

/// <summary>
/// Node pool autoscaling limits: either per zone (<see cref="MinNodeCount"/>/<see cref="MaxNodeCount"/>) or for the
/// whole pool (<see cref="TotalMinNodeCount"/>/<see cref="TotalMaxNodeCount"/>), never both. Use <see cref="PerZone"/>
/// or <see cref="Total"/>.
/// </summary>
public sealed record NodePoolAutoscaling
{
    /// <summary>Minimum nodes per zone, or null when total limits are used.</summary>
    public int? MinNodeCount { get; init; }

    /// <summary>Maximum nodes per zone, or null when total limits are used.</summary>
    public int? MaxNodeCount { get; init; }

    /// <summary>Minimum nodes across all zones, or null when per-zone limits are used.</summary>
    public int? TotalMinNodeCount { get; init; }

    /// <summary>Maximum nodes across all zones, or null when per-zone limits are used.</summary>
    public int? TotalMaxNodeCount { get; init; }

    /// <summary>Which zone the autoscaler grows into.</summary>
    /// <value>The default value is <see cref="Gcp.LocationPolicy.Any"/>: accelerators and spot capacity are scarce, so
    /// take them in whichever zone has them.</value>
    public LocationPolicy LocationPolicy { get; init; } = LocationPolicy.Any;

    /// <summary>Limits applying to each zone of the pool.</summary>
    public static NodePoolAutoscaling PerZone(int min, int max) => new() { MinNodeCount = min, MaxNodeCount = max };

    /// <summary>Limits applying to the pool as a whole (the usual choice for GPUs: the budget is per pool, not per zone).</summary>
    public static NodePoolAutoscaling Total(int min, int max) => new() { TotalMinNodeCount = min, TotalMaxNodeCount = max };
}

/// <summary>Where a node pool attaches: the cluster and the node identity. <see cref="MlCluster.NodePoolTarget"/> provides it.</summary>
public sealed record NodePoolCluster
{
    /// <summary>The cluster id (<c>projects/P/locations/L/clusters/C</c>) or a reference to it.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The cluster location (region or zone).</summary>
    public required string Location { get; init; }

    /// <summary>Email of the least-privilege service account the nodes run as.</summary>
    public required string NodeServiceAccountEmail { get; init; }

    /// <summary>Whether the cluster collects DCGM GPU metrics, which need GPU drivers installed by GKE on every GPU pool.</summary>
    /// <value>The default value is false; <see cref="MlCluster.NodePoolTarget"/> sets it from <see cref="MlClusterProps.Monitoring"/>.</value>
    public bool GpuMetrics { get; init; }
}

/// <summary>Maps this library's GKE enums to the provider's strings, in one place.</summary>
internal static class GkeProviderValues
{
    public static string ToProvider(this ReleaseChannel channel) => channel switch
    {
        ReleaseChannel.Rapid => "RAPID",
        ReleaseChannel.Regular => "REGULAR",
        ReleaseChannel.Stable => "STABLE",
        ReleaseChannel.Extended => "EXTENDED",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    public static string ToProvider(this LocationPolicy policy) => policy switch
    {
        LocationPolicy.Any => "ANY",
        LocationPolicy.Balanced => "BALANCED",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static string ToProvider(this BootDiskType type) => type switch
    {
        BootDiskType.PdSsd => "pd-ssd",
        BootDiskType.PdBalanced => "pd-balanced",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string ToProvider(this TaintEffect effect) => effect switch
    {
        TaintEffect.NoSchedule => "NO_SCHEDULE",
        TaintEffect.PreferNoSchedule => "PREFER_NO_SCHEDULE",
        TaintEffect.NoExecute => "NO_EXECUTE",
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, null),
    };
}
