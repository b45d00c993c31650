using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Helm.Release;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>Input of <see cref="ClusterAutoscaler"/>.</summary>
public sealed record ClusterAutoscalerProps
{
    /// <summary>The EKS cluster's name: the autoscaler discovers the Auto Scaling groups tagged
    /// <c>k8s.io/cluster-autoscaler/enabled</c> and <c>k8s.io/cluster-autoscaler/&lt;ClusterName&gt;</c>, the tags EKS managed
    /// node groups put on their groups.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The cluster's AWS region, e.g. <c>eu-west-1</c> (the autoscaler's <c>AWS_REGION</c>).</summary>
    public required string Region { get; init; }

    /// <summary>The cluster's Kubernetes minor as EKS spells it, e.g. <c>1.33</c>: the autoscaler's image must have the same
    /// minor, so the chart and image come from <see cref="PinnedCharts.ClusterAutoscalerByMinor"/>; a minor without a pin is refused.</summary>
    public required string KubernetesVersion { get; init; }

    /// <summary>Node labels the autoscaler's pod must run on, e.g. the system node group's label.</summary>
    /// <value>The default value is none: any node without a taint (it tolerates none, so never a GPU node).</value>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a node must be unneeded before it is removed (<c>--scale-down-unneeded-time</c>), in minutes; 1 to 60.</summary>
    /// <value>The default value is 10 (the autoscaler's own): short enough that an idle GPU node does not run for long,
    /// long enough that a pool is not emptied between two jobs of one pipeline.</value>
    public int ScaleDownUnneededMinutes { get; init; } = ClusterAutoscalerDefaults.ScaleDownUnneededMinutes;

    /// <summary>Requests and limits of the autoscaler container.</summary>
    /// <value>The default value is 100m CPU and 600Mi memory requested, 1 CPU and 600Mi at most (memory grows with the
    /// number of nodes and pods; AWS's guidance for clusters up to a few hundred nodes).</value>
    public ContainerResources Resources { get; init; } = ClusterAutoscalerDefaults.Resources;

    /// <summary>How the release is applied.</summary>
    /// <value>The default value is a 600-second timeout and 10 kept revisions (<see cref="HelmReleaseSettings"/>).</value>
    public HelmReleaseSettings Release { get; init; } = new();

    /// <summary>What the release waits for (set by <see cref="EksClusterAddons"/>).</summary>
    internal IReadOnlyList<ITerraformDependable> DependsOn { get; init; } = [];
}

/// <summary>
/// The Kubernetes cluster autoscaler for EKS as a Helm release in <c>kube-system</c>: AWS provider, Auto Scaling groups
/// found by the cluster's tags, the image of the cluster's Kubernetes minor, a service account
/// <see cref="ServiceAccountName"/> created by the chart without an IRSA annotation (EKS Pod Identity gives it its role:
/// associate a role with <see cref="Namespace"/>/<see cref="ServiceAccountName"/>), <c>system-cluster-critical</c>
/// priority, a disruption budget, non-root with a read-only root filesystem, requests and limits set, and no
/// toleration (it runs on system nodes, never on GPU nodes). Scale-down: <c>least-waste</c> expander, similar node
/// groups balanced across zones, nodes whose pods use <c>emptyDir</c> may be removed.
/// </summary>
public sealed class ClusterAutoscaler : Construct
{
    /// <summary>The Kubernetes service account the chart creates and the autoscaler runs as: the one a Pod Identity
    /// association gives the autoscaler's IAM role to.</summary>
    public const string ServiceAccountName = "cluster-autoscaler";

    /// <summary>The namespace of the release and of <see cref="ServiceAccountName"/>.</summary>
    public const string Namespace = HelmReleaseDefaults.Namespace;

    /// <summary>The Helm release name (also the Deployment's through <c>fullnameOverride</c>).</summary>
    public const string ReleaseName = "cluster-autoscaler";

    /// <summary>Validates <paramref name="props"/> and declares the release.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ClusterAutoscaler(Construct scope, string id, ClusterAutoscalerProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ClusterAutoscaler)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        v.ValidateEksClusterName(props.ClusterName, nameof(props.ClusterName));
        v.ValidateAwsRegion(props.Region, nameof(props.Region));
        var chart = ValidateKubernetesVersion(v, props.KubernetesVersion, nameof(props.KubernetesVersion));
        v.ValidateKubernetesLabels(props.NodeSelector, nameof(props.NodeSelector));
        v.InRange(props.ScaleDownUnneededMinutes, nameof(props.ScaleDownUnneededMinutes), 1, 60, "minutes");
        PodSecurity.ValidateResources(v, props.Resources, nameof(props.Resources));
        ChartRelease.Validate(v, props.Release, nameof(props.Release));
        v.ThrowIfInvalid();

        Chart = chart!;
        Values = new ClusterAutoscalerValues(
            FullnameOverride: ReleaseName,
            CloudProvider: "aws",
            AwsRegion: props.Region,
            AutoDiscovery: new AutoDiscoveryValues(props.ClusterName),
            Image: ImageValues.Of(Chart),
            Rbac: new RbacValues(new ServiceAccountValues(Create: true, Name: ServiceAccountName, Annotations: HelmValues.Sorted(new Dictionary<string, string>()))),
            ExtraArgs: HelmValues.Sorted(new Dictionary<string, object>
            {
                // Of several node groups that fit the pending pods, grow the one that leaves the least CPU and memory idle.
                ["expander"] = "least-waste",
                // Node groups with the same instance types and labels in several zones grow evenly, so a zone outage keeps capacity.
                ["balance-similar-node-groups"] = true,
                // Serving and job pods mount an emptyDir /tmp: with the autoscaler's old default (true) their nodes would never scale down.
                ["skip-nodes-with-local-storage"] = false,
                ["scale-down-unneeded-time"] = $"{props.ScaleDownUnneededMinutes}m",
            }),
            PriorityClassName: "system-cluster-critical",
            ReplicaCount: 1,
            PodDisruptionBudget: new DisruptionBudgetValues(MaxUnavailable: 1),
            Resources: ResourcesValues.Of(props.Resources),
            NodeSelector: HelmValues.Sorted(props.NodeSelector),
            Tolerations: [],
            SecurityContext: new PodSecurityContextValues(true, ClusterAutoscalerDefaults.UserId, ClusterAutoscalerDefaults.UserId, ClusterAutoscalerDefaults.UserId,
                new SeccompProfileValues(PodSecurity.SeccompProfile)),
            ContainerSecurityContext: new ContainerSecurityContextValues(AllowPrivilegeEscalation: false, ReadOnlyRootFilesystem: true,
                new CapabilitiesValues([PodSecurity.DropAllCapabilities])));
        Release = ChartRelease.Declare(this, ReleaseName, Namespace, Chart, Values, props.Release, props.DependsOn);
    }

    /// <summary>The <c>helm_release</c>.</summary>
    public Release Release { get; }

    /// <summary>The chart and image installed, those of the cluster's minor.</summary>
    public PinnedChart Chart { get; }

    /// <summary>What depends on the autoscaler running: the release.</summary>
    public ITerraformDependable Dependable => Release;

    internal ClusterAutoscalerValues Values { get; }

    /// <summary>The autoscaler pin for <paramref name="version"/>, or null with a problem recorded.</summary>
    /// <param name="v">The validator collecting problems.</param>
    /// <param name="version">The cluster's Kubernetes minor, e.g. <c>1.35</c>.</param>
    /// <param name="property">The property or environment field holding it.</param>
    public static PinnedChart? ValidateKubernetesVersion(InputValidator v, string? version, string property)
    {
        var supported = string.Join(", ", PinnedCharts.ClusterAutoscalerByMinor.Keys);
        if (version is null || InputValidator.IsUnresolved(version))
        {
            v.Add(property, version, $"must be a Kubernetes minor known at synth, not a reference (the autoscaler's chart and image are chosen then): one of {supported}");
            return null;
        }

        if (!PinnedCharts.IsMinorVersion(version))
        {
            v.Add(property, version, PinnedCharts.KubernetesVersionAllowed);
            return null;
        }

        var pin = PinnedCharts.ClusterAutoscalerFor(version);
        if (pin is null)
        {
            v.Add(property, version,
                $"has no pinned cluster autoscaler: its minor must equal the cluster's, and minors {supported} are pinned; "
                + $"add a pin for {version} to PinnedCharts.ClusterAutoscalerByMinor (image registry.k8s.io/autoscaling/cluster-autoscaler:v{version}.x, the chart whose appVersion is {version}.x)");
        }

        return pin;
    }
}

/// <summary>The values of the <c>cluster-autoscaler</c> chart this construct sets (all exist in every pinned chart's values.yaml).</summary>
internal sealed record ClusterAutoscalerValues(
    string FullnameOverride,
    string CloudProvider,
    string AwsRegion,
    AutoDiscoveryValues AutoDiscovery,
    ImageValues Image,
    RbacValues Rbac,
    SortedDictionary<string, object> ExtraArgs,
    string PriorityClassName,
    int ReplicaCount,
    DisruptionBudgetValues PodDisruptionBudget,
    ResourcesValues Resources,
    SortedDictionary<string, string> NodeSelector,
    TolerationValues[] Tolerations,
    PodSecurityContextValues SecurityContext,
    ContainerSecurityContextValues ContainerSecurityContext);

/// <summary><c>autoDiscovery</c>: the cluster whose tagged Auto Scaling groups are managed.</summary>
internal sealed record AutoDiscoveryValues(string ClusterName);

/// <summary><c>rbac</c>.</summary>
internal sealed record RbacValues(ServiceAccountValues ServiceAccount);

/// <summary><c>rbac.serviceAccount</c>: created by the chart, no annotation (no IRSA: Pod Identity).</summary>
internal sealed record ServiceAccountValues(bool Create, string Name, SortedDictionary<string, string> Annotations);

/// <summary><c>podDisruptionBudget</c>.</summary>
internal sealed record DisruptionBudgetValues(int MaxUnavailable);

/// <summary>A pod's <c>securityContext</c>.</summary>
internal sealed record PodSecurityContextValues(bool RunAsNonRoot, int RunAsUser, int RunAsGroup, int FsGroup, SeccompProfileValues SeccompProfile);

/// <summary><c>seccompProfile</c>.</summary>
internal sealed record SeccompProfileValues(string Type);

/// <summary>A container's <c>securityContext</c>.</summary>
internal sealed record ContainerSecurityContextValues(bool AllowPrivilegeEscalation, bool ReadOnlyRootFilesystem, CapabilitiesValues Capabilities);

/// <summary><c>capabilities</c>.</summary>
internal sealed record CapabilitiesValues(string[] Drop);

/// <summary>The one home of <see cref="ClusterAutoscaler"/>'s defaults.</summary>
internal static class ClusterAutoscalerDefaults
{
    public const int ScaleDownUnneededMinutes = 10;

    /// <summary>The distroless <c>nonroot</c>-style uid the autoscaler runs as (<c>nobody</c>).</summary>
    public const int UserId = 65534;

    public static readonly ContainerResources Resources = new() { CpuRequest = "100m", MemoryRequest = "600Mi", CpuLimit = "1", MemoryLimit = "600Mi" };
}
