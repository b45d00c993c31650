using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Helm.Release;
using MlopsCdktf.Core;
using MlopsCdktf.Core.Scheduling;

namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>Input of <see cref="NvidiaDevicePlugin"/>.</summary>
public sealed record NvidiaDevicePluginProps
{
    /// <summary>The GPU pools the plugin runs on (e.g. each EKS GPU node group's selector): the DaemonSet tolerates exactly
    /// their taints and requires one of their node labels, so it runs on every GPU node and nowhere else. At least one.</summary>
    public required IReadOnlyList<GpuNodeSelector> GpuPools { get; init; }

    /// <summary>Requests and limits of the plugin container on each GPU node.</summary>
    /// <value>The default value is 50m CPU and 64Mi memory requested, 200m and 128Mi at most: the plugin only lists the
    /// node's GPUs and checks their health.</value>
    public ContainerResources Resources { get; init; } = NvidiaDevicePluginDefaults.Resources;

    /// <summary>How the release is applied.</summary>
    /// <value>The default value is a 600-second timeout and 10 kept revisions (<see cref="HelmReleaseSettings"/>).</value>
    public HelmReleaseSettings Release { get; init; } = new();

    /// <summary>What the release waits for (set by <see cref="EksClusterAddons"/>).</summary>
    internal IReadOnlyList<ITerraformDependable> DependsOn { get; init; } = [];
}

/// <summary>
/// NVIDIA's device plugin as a Helm release in <c>kube-system</c> (<see cref="PinnedCharts.NvidiaDevicePlugin"/>): a
/// DaemonSet that advertises <c>nvidia.com/gpu</c> on the GPU nodes, so pods can request GPUs. It tolerates exactly the
/// given GPU pools' taints and requires their node labels (the chart's default affinity, which reads labels of Node
/// Feature Discovery, is replaced), runs at <c>system-node-critical</c> priority with requests and limits set, and
/// installs no driver: the EKS AL2023 NVIDIA AMIs ship the driver and the NVIDIA container toolkit.
/// </summary>
public sealed class NvidiaDevicePlugin : Construct
{
    /// <summary>The Helm release name (also the DaemonSet's name through <c>fullnameOverride</c>).</summary>
    public const string ReleaseName = "nvidia-device-plugin";

    /// <summary>The namespace of the release.</summary>
    public const string Namespace = HelmReleaseDefaults.Namespace;

    /// <summary>Validates <paramref name="props"/> and declares the release.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public NvidiaDevicePlugin(Construct scope, string id, NvidiaDevicePluginProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(NvidiaDevicePlugin)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        ValidatePools(v, props.GpuPools, nameof(props.GpuPools));
        PodSecurity.ValidateResources(v, props.Resources, nameof(props.Resources));
        ChartRelease.Validate(v, props.Release, nameof(props.Release));
        v.ThrowIfInvalid();

        Chart = PinnedCharts.NvidiaDevicePlugin;
        Values = new NvidiaDevicePluginValues(
            FullnameOverride: ReleaseName,
            Image: ImageValues.Of(Chart),
            PriorityClassName: "system-node-critical",
            Resources: ResourcesValues.Of(props.Resources),
            Tolerations: Tolerations(props.GpuPools),
            Affinity: GpuNodeAffinity(props.GpuPools),
            Gfd: new EnabledValues(false));
        Release = ChartRelease.Declare(this, ReleaseName, Namespace, Chart, Values, props.Release, props.DependsOn);
    }

    /// <summary>The <c>helm_release</c>.</summary>
    public Release Release { get; }

    /// <summary>The chart and image installed.</summary>
    public PinnedChart Chart { get; }

    /// <summary>What workloads requesting GPUs wait for: the release.</summary>
    public ITerraformDependable Dependable => Release;

    internal NvidiaDevicePluginValues Values { get; }

    /// <summary>Checks a list of GPU pool selectors: present, none null, each a valid toleration and label.</summary>
    internal static void ValidatePools(InputValidator v, IReadOnlyList<GpuNodeSelector>? pools, string property)
    {
        if (pools is not { Count: > 0 })
        {
            v.Add(property, pools is null ? null : "none",
                "must name at least one GPU pool: the device plugin runs only on the nodes it tolerates and selects, so without a pool no node would advertise nvidia.com/gpu and every GPU pod would stay Pending");
            return;
        }

        for (var i = 0; i < pools.Count; i++)
        {
            if (pools[i] is null)
            {
                v.Add($"{property}[{i}]", null, "must not be null");
                continue;
            }

            PodSecurity.ValidatePool(v, pools[i], $"{property}[{i}]");
        }
    }

    private static TolerationValues[] Tolerations(IEnumerable<GpuNodeSelector> pools) =>
        pools.Select(p => new TolerationValues(p.TaintKey, "Equal", p.TaintValue, p.TaintEffect)).Distinct().ToArray();

    // One node selector term per pool (terms are ORed), one expression each: a node of any of the pools.
    private static AffinityValues GpuNodeAffinity(IEnumerable<GpuNodeSelector> pools) =>
        new(new NodeAffinityValues(new NodeSelectorValues(pools
            .Select(p => (p.NodeLabelKey, p.NodeLabelValue))
            .Distinct()
            .Select(l => new NodeSelectorTermValues([new MatchExpressionValues(l.NodeLabelKey, "In", [l.NodeLabelValue])]))
            .ToArray())));
}

/// <summary>The values of the <c>nvidia-device-plugin</c> chart this construct sets (all exist in the pinned chart's values.yaml).</summary>
internal sealed record NvidiaDevicePluginValues(
    string FullnameOverride,
    ImageValues Image,
    string PriorityClassName,
    ResourcesValues Resources,
    TolerationValues[] Tolerations,
    AffinityValues Affinity,
    EnabledValues Gfd);

/// <summary>A chart's <c>{enabled: …}</c> switch.</summary>
internal sealed record EnabledValues(bool Enabled);

/// <summary>A pod's <c>affinity</c> with required node affinity only.</summary>
internal sealed record AffinityValues(NodeAffinityValues NodeAffinity);

/// <summary><c>nodeAffinity</c>.</summary>
internal sealed record NodeAffinityValues(NodeSelectorValues RequiredDuringSchedulingIgnoredDuringExecution);

/// <summary>A node selector: its terms are ORed.</summary>
internal sealed record NodeSelectorValues(NodeSelectorTermValues[] NodeSelectorTerms);

/// <summary>A node selector term: its expressions are ANDed.</summary>
internal sealed record NodeSelectorTermValues(MatchExpressionValues[] MatchExpressions);

/// <summary>A node selector requirement.</summary>
internal sealed record MatchExpressionValues(string Key, string Operator, string[] Values);

/// <summary>The one home of <see cref="NvidiaDevicePlugin"/>'s defaults.</summary>
internal static class NvidiaDevicePluginDefaults
{
    public static readonly ContainerResources Resources = new() { CpuRequest = "50m", MemoryRequest = "64Mi", CpuLimit = "200m", MemoryLimit = "128Mi" };
}
