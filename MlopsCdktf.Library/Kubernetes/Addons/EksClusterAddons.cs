using Constructs;
using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Core.Scheduling;

namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>Input of <see cref="EksClusterAddons"/>.</summary>
public sealed record EksClusterAddonsProps
{
    /// <summary>The EKS cluster's name (the autoscaler's Auto Scaling group discovery).</summary>
    public required string ClusterName { get; init; }

    /// <summary>The cluster's AWS region, e.g. <c>eu-west-1</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The cluster's Kubernetes minor, e.g. <c>1.33</c>; it picks the autoscaler's pin
    /// (<see cref="PinnedCharts.ClusterAutoscalerByMinor"/>).</summary>
    public required string KubernetesVersion { get; init; }

    /// <summary>The cluster's GPU pools (each GPU node group's selector): the device plugin runs on exactly these. At least one.</summary>
    public required IReadOnlyList<GpuNodeSelector> GpuPools { get; init; }

    /// <summary>Node labels of the system node group, where the autoscaler and metrics-server run.</summary>
    /// <value>The default value is none: any untainted node.</value>
    public IReadOnlyDictionary<string, string> SystemNodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>What the releases wait for, e.g. the node groups and the autoscaler's Pod Identity association when they
    /// are declared in the same stack (across stacks the stack order does it).</summary>
    /// <value>The default value is nothing.</value>
    public IReadOnlyList<ITerraformDependable> DependsOn { get; init; } = [];

    /// <summary>How each release is applied.</summary>
    /// <value>The default value is a 600-second timeout and 10 kept revisions (<see cref="HelmReleaseSettings"/>).</value>
    public HelmReleaseSettings Release { get; init; } = new();

    /// <summary>Whether Kueue is installed too (<see cref="KueueController"/> in <c>kueue-system</c>, on the system nodes):
    /// job queueing with quotas per GPU pool, for training runs. Its queues (<see cref="MlopsCdktf.Kubernetes.Kueue.KueueQueues"/>) go in a stack
    /// applied after this one.</summary>
    /// <value>The default value is false: a cluster runs Kueue only when its environment queues training runs.</value>
    public bool Kueue { get; init; }
}

/// <summary>
/// The Helm add-ons an EKS GPU training cluster needs and EKS does not manage: the NVIDIA device plugin on the GPU
/// pools, the cluster autoscaler (its IAM role through a Pod Identity association for
/// <see cref="ClusterAutoscaler.Namespace"/>/<see cref="ClusterAutoscaler.ServiceAccountName"/>, created with the cluster)
/// and metrics-server, and, when asked (<see cref="EksClusterAddonsProps.Kueue"/>), Kueue. Apply it after the cluster and
/// its node groups and before the workloads. Every input is checked
/// before any release is declared, so one exception lists every problem.
/// </summary>
/// <remarks>
/// GKE needs no such set: GKE installs and manages metrics-server, the NVIDIA driver and device plugin on GPU nodes and
/// the cluster autoscaler, and the serving autoscalers scale on CPU unless a custom-metrics adapter is declared
/// (<see cref="InstalledMetricsAdapter"/>).
/// </remarks>
public sealed class EksClusterAddons : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the three releases (four with Kueue).</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public EksClusterAddons(Construct scope, string id, EksClusterAddonsProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(EksClusterAddons)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        v.ValidateEksClusterName(props.ClusterName, nameof(props.ClusterName));
        v.ValidateAwsRegion(props.Region, nameof(props.Region));
        ClusterAutoscaler.ValidateKubernetesVersion(v, props.KubernetesVersion, nameof(props.KubernetesVersion));
        NvidiaDevicePlugin.ValidatePools(v, props.GpuPools, nameof(props.GpuPools));
        v.ValidateKubernetesLabels(props.SystemNodeSelector, nameof(props.SystemNodeSelector));
        v.Require(props.DependsOn.All(d => d is not null), nameof(props.DependsOn), "a null entry", "must not hold null");
        ChartRelease.Validate(v, props.Release, nameof(props.Release));
        v.ThrowIfInvalid();

        DevicePlugin = new NvidiaDevicePlugin(this, "NvidiaDevicePlugin", new NvidiaDevicePluginProps { GpuPools = props.GpuPools, Release = props.Release, DependsOn = props.DependsOn });
        Autoscaler = new ClusterAutoscaler(this, "ClusterAutoscaler", new ClusterAutoscalerProps
        {
            ClusterName = props.ClusterName,
            Region = props.Region,
            KubernetesVersion = props.KubernetesVersion,
            NodeSelector = props.SystemNodeSelector,
            Release = props.Release,
            DependsOn = props.DependsOn,
        });
        Metrics = new MetricsServer(this, "MetricsServer", new MetricsServerProps { NodeSelector = props.SystemNodeSelector, Release = props.Release, DependsOn = props.DependsOn });
        Kueue = props.Kueue
            ? new KueueController(this, "Kueue", new KueueControllerProps { NodeSelector = props.SystemNodeSelector, Release = props.Release, DependsOn = props.DependsOn })
            : null;
    }

    /// <summary>The NVIDIA device plugin release.</summary>
    public NvidiaDevicePlugin DevicePlugin { get; }

    /// <summary>The cluster autoscaler release.</summary>
    public ClusterAutoscaler Autoscaler { get; }

    /// <summary>The metrics-server release.</summary>
    public MetricsServer Metrics { get; }

    /// <summary>The Kueue release, or null when <see cref="EksClusterAddonsProps.Kueue"/> is false.</summary>
    public KueueController? Kueue { get; }

    /// <summary>What workloads wait for: every release declared.</summary>
    public IReadOnlyList<ITerraformDependable> Dependables =>
        Kueue is null ? [DevicePlugin.Release, Autoscaler.Release, Metrics.Release] : [DevicePlugin.Release, Autoscaler.Release, Metrics.Release, Kueue.Release];
}
