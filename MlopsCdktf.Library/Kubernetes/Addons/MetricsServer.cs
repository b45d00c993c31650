using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Helm.Release;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>Input of <see cref="MetricsServer"/>.</summary>
public sealed record MetricsServerProps
{
    /// <summary>Node labels the metrics-server pods must run on, e.g. the system node group's label.</summary>
    /// <value>The default value is none: any node without a taint.</value>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>Requests and limits of each metrics-server container.</summary>
    /// <value>The default value is 100m CPU and 200Mi memory requested (the chart's), 1 CPU and 500Mi at most.</value>
    public ContainerResources Resources { get; init; } = MetricsServerDefaults.Resources;

    /// <summary>How the release is applied.</summary>
    /// <value>The default value is a 600-second timeout and 10 kept revisions (<see cref="HelmReleaseSettings"/>).</value>
    public HelmReleaseSettings Release { get; init; } = new();

    /// <summary>What the release waits for (set by <see cref="EksClusterAddons"/>).</summary>
    internal IReadOnlyList<ITerraformDependable> DependsOn { get; init; } = [];
}

/// <summary>
/// metrics-server as a Helm release in <c>kube-system</c> (<see cref="PinnedCharts.MetricsServer"/>): serves
/// <c>metrics.k8s.io</c>, the CPU and memory every HorizontalPodAutoscaler on CPU reads (EKS does not install it; GKE
/// does). Two replicas spread over nodes with a disruption budget of one, so an autoscaler never loses its metrics to a
/// node drain; <c>system-cluster-critical</c> priority; requests and limits; the chart's hardened container (non-root,
/// read-only root filesystem, all capabilities dropped). Kubelets are reached at their InternalIP with TLS verified (no
/// <c>--kubelet-insecure-tls</c>).
/// </summary>
/// <remarks>
/// The aggregated API is registered with the chart's <c>insecureSkipTLSVerify</c> (the API server does not verify
/// metrics-server's self-signed serving certificate, as with the EKS and upstream manifests): verifying it needs
/// cert-manager, or a chart-generated certificate that expires unrenewed after a year.
/// </remarks>
public sealed class MetricsServer : Construct
{
    /// <summary>The Helm release name (also the Deployment's through <c>fullnameOverride</c>).</summary>
    public const string ReleaseName = "metrics-server";

    /// <summary>The namespace of the release.</summary>
    public const string Namespace = HelmReleaseDefaults.Namespace;

    /// <summary>Validates <paramref name="props"/> and declares the release.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public MetricsServer(Construct scope, string id, MetricsServerProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(MetricsServer)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        v.ValidateKubernetesLabels(props.NodeSelector, nameof(props.NodeSelector));
        PodSecurity.ValidateResources(v, props.Resources, nameof(props.Resources));
        ChartRelease.Validate(v, props.Release, nameof(props.Release));
        v.ThrowIfInvalid();

        Chart = PinnedCharts.MetricsServer;
        // The chart's selector labels: app.kubernetes.io/name (the chart's name) and app.kubernetes.io/instance (the release's).
        var podLabels = HelmValues.Sorted(new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = Chart.Chart,
            ["app.kubernetes.io/instance"] = ReleaseName,
        });
        Values = new MetricsServerValues(
            FullnameOverride: ReleaseName,
            Image: ImageValues.Of(Chart),
            Replicas: MetricsServerDefaults.Replicas,
            PodDisruptionBudget: new MetricsServerDisruptionBudgetValues(Enabled: true, MinAvailable: 1),
            PriorityClassName: "system-cluster-critical",
            Resources: ResourcesValues.Of(props.Resources),
            DefaultArgs: MetricsServerDefaults.Args,
            Args: [],
            NodeSelector: HelmValues.Sorted(props.NodeSelector),
            // Replicas on different nodes when there are several (ScheduleAnyway: one system node still runs both).
            TopologySpreadConstraints: [new TopologySpreadValues(1, "kubernetes.io/hostname", "ScheduleAnyway", new LabelSelectorValues(podLabels))]);
        Release = ChartRelease.Declare(this, ReleaseName, Namespace, Chart, Values, props.Release, props.DependsOn);
    }

    /// <summary>The <c>helm_release</c>.</summary>
    public Release Release { get; }

    /// <summary>The chart and image installed.</summary>
    public PinnedChart Chart { get; }

    /// <summary>What CPU autoscalers wait for: the release.</summary>
    public ITerraformDependable Dependable => Release;

    internal MetricsServerValues Values { get; }
}

/// <summary>The values of the <c>metrics-server</c> chart this construct sets (all exist in the pinned chart's values.yaml).</summary>
internal sealed record MetricsServerValues(
    string FullnameOverride,
    ImageValues Image,
    int Replicas,
    MetricsServerDisruptionBudgetValues PodDisruptionBudget,
    string PriorityClassName,
    ResourcesValues Resources,
    string[] DefaultArgs,
    string[] Args,
    SortedDictionary<string, string> NodeSelector,
    TopologySpreadValues[] TopologySpreadConstraints);

/// <summary>metrics-server's <c>podDisruptionBudget</c>.</summary>
internal sealed record MetricsServerDisruptionBudgetValues(bool Enabled, int MinAvailable);

/// <summary>A topology spread constraint.</summary>
internal sealed record TopologySpreadValues(int MaxSkew, string TopologyKey, string WhenUnsatisfiable, LabelSelectorValues LabelSelector);

/// <summary>A label selector.</summary>
internal sealed record LabelSelectorValues(SortedDictionary<string, string> MatchLabels);

/// <summary>The one home of <see cref="MetricsServer"/>'s defaults.</summary>
internal static class MetricsServerDefaults
{
    public const int Replicas = 2;

    /// <summary>
    /// The chart's default arguments, pinned here so a chart upgrade cannot change them unseen: certificates in the
    /// writable <c>/tmp</c> (read-only root filesystem); kubelets by InternalIP only (private nodes have no external address,
    /// and the node's name need not resolve); the kubelet port from the node's status; 15-second resolution. No
    /// <c>--kubelet-insecure-tls</c>: kubelet certificates are verified.
    /// </summary>
    public static readonly string[] Args =
    [
        "--cert-dir=/tmp",
        "--kubelet-preferred-address-types=InternalIP",
        "--kubelet-use-node-status-port",
        "--metric-resolution=15s",
    ];

    public static readonly ContainerResources Resources = new() { CpuRequest = "100m", MemoryRequest = "200Mi", CpuLimit = "1", MemoryLimit = "500Mi" };
}
