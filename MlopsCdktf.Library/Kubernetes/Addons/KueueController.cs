using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Helm.Release;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>Input of <see cref="KueueController"/>.</summary>
public sealed record KueueControllerProps
{
    /// <summary>Node labels the Kueue controller pods must run on, e.g. the system node group's label.</summary>
    /// <value>The default value is none: any node without a taint (it tolerates none, so never a GPU node).</value>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>Controller replicas, 1 to 3. One is the leader and runs the queues; every replica serves Kueue's webhooks,
    /// which every Job carrying a queue label passes through.</summary>
    /// <value>The default value is 2 with a disruption budget of one: a node drain or a crashed pod leaves a replica to
    /// serve the webhooks, so creating a queued Job does not fail while the controller restarts.</value>
    public int Replicas { get; init; } = KueueControllerDefaults.Replicas;

    /// <summary>Requests and limits of each controller container.</summary>
    /// <value>The default value is the chart's: 500m CPU and 512Mi memory requested, 2 CPUs and 512Mi at most.</value>
    public ContainerResources Resources { get; init; } = KueueControllerDefaults.Resources;

    /// <summary>How the release is applied.</summary>
    /// <value>The default value is a 600-second timeout and 10 kept revisions (<see cref="HelmReleaseSettings"/>).</value>
    public HelmReleaseSettings Release { get; init; } = new();

    /// <summary>What the release waits for (set by <see cref="EksClusterAddons"/>).</summary>
    internal IReadOnlyList<ITerraformDependable> DependsOn { get; init; } = [];
}

/// <summary>
/// Kueue as a Helm release in its own namespace <c>kueue-system</c> (<see cref="PinnedCharts.Kueue"/>): the
/// <c>kueue.x-k8s.io</c> CRDs (ClusterQueue, LocalQueue, ResourceFlavor, AdmissionCheck, ProvisioningRequestConfig), the
/// controller and its webhooks. Only <c>batch/job</c> is integrated and only Jobs labelled
/// <c>kueue.x-k8s.io/queue-name</c> are managed (<c>manageJobsWithoutQueueName: false</c>): a Job without the label, such as
/// the scheduled retraining CronJob's, runs as before. The ProvisioningRequest admission check GKE's queued provisioning
/// needs is on in this version without a feature gate. Webhook certificates are Kueue's own (no cert-manager); no
/// Prometheus ServiceMonitor and no KueueViz dashboard are installed.
/// </summary>
/// <remarks>
/// The queues themselves (<see cref="MlopsCdktf.Kubernetes.Kueue.KueueQueues"/>) are custom resources of these CRDs: declare them in a stack
/// applied after the one holding this release, since <c>kubernetes_manifest</c> reads a CRD while planning.
/// </remarks>
public sealed class KueueController : Construct
{
    /// <summary>The Helm release name (also the chart's full name through <c>fullnameOverride</c>: the Deployment is
    /// <c>kueue-controller-manager</c>).</summary>
    public const string ReleaseName = "kueue";

    /// <summary>The namespace of the release, created by it: Kueue's alone, so no workload shares its webhook certificate
    /// Secret or its service account.</summary>
    public const string Namespace = "kueue-system";

    /// <summary>The Deployment of the controller.</summary>
    public const string DeploymentName = "kueue-controller-manager";

    /// <summary>Validates <paramref name="props"/> and declares the release.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public KueueController(Construct scope, string id, KueueControllerProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(KueueController)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        v.ValidateKubernetesLabels(props.NodeSelector, nameof(props.NodeSelector));
        v.InRange(props.Replicas, nameof(props.Replicas), 1, KueueControllerDefaults.MaxReplicas,
            "replicas (one leads; the others serve the webhooks and take over)");
        PodSecurity.ValidateResources(v, props.Resources, nameof(props.Resources));
        ChartRelease.Validate(v, props.Release, nameof(props.Release));
        v.ThrowIfInvalid();

        Chart = PinnedCharts.Kueue;
        // The chart's selector labels: app.kubernetes.io/name (the chart's name), app.kubernetes.io/instance (the release's).
        var podLabels = HelmValues.Sorted(new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = Chart.Chart,
            ["app.kubernetes.io/instance"] = ReleaseName,
            ["control-plane"] = "controller-manager",
        });
        Configuration = KueueControllerDefaults.Configuration();
        Values = new KueueValues(
            FullnameOverride: ReleaseName,
            EnablePrometheus: false,
            EnableCertManager: false,
            EnableKueueViz: false,
            ControllerManager: new KueueControllerManagerValues(
                FeatureGates: [],
                Manager: new KueueManagerValues(
                    Image: new KueueImageValues(Chart.ImageRepository, Chart.ImageTag, "IfNotPresent"),
                    Resources: ResourcesValues.Of(props.Resources),
                    PodSecurityContext: new KueuePodSecurityContextValues(RunAsNonRoot: true, new SeccompProfileValues(PodSecurity.SeccompProfile)),
                    ContainerSecurityContext: new ContainerSecurityContextValues(AllowPrivilegeEscalation: false, ReadOnlyRootFilesystem: true,
                        new CapabilitiesValues([PodSecurity.DropAllCapabilities]))),
                Replicas: props.Replicas,
                NodeSelector: HelmValues.Sorted(props.NodeSelector),
                Tolerations: [],
                // Replicas on different nodes when there are several (ScheduleAnyway: one system node still runs both).
                TopologySpreadConstraints: [new TopologySpreadValues(1, "kubernetes.io/hostname", "ScheduleAnyway", new LabelSelectorValues(podLabels))],
                PodDisruptionBudget: new KueueDisruptionBudgetValues(Enabled: props.Replicas > 1, MinAvailable: 1)),
            // JSON is YAML: the chart reads this string with fromYaml.
            ManagerConfig: new KueueManagerConfigValues(HelmValues.Serialize(Configuration)));
        Release = ChartRelease.Declare(this, ReleaseName, Namespace, Chart, Values, props.Release, props.DependsOn, createNamespace: true);
    }

    /// <summary>The <c>helm_release</c>: what a stack of Kueue queues is applied after.</summary>
    public Release Release { get; }

    /// <summary>The chart and image installed.</summary>
    public PinnedChart Chart { get; }

    /// <summary>What depends on Kueue running in the same stack: the release (queues go in a later stack, see the remarks).</summary>
    public ITerraformDependable Dependable => Release;

    internal KueueValues Values { get; }

    internal KueueConfiguration Configuration { get; }
}

/// <summary>The values of the <c>kueue</c> chart this construct sets (all exist in the pinned chart's values.yaml).</summary>
internal sealed record KueueValues(
    string FullnameOverride,
    bool EnablePrometheus,
    bool EnableCertManager,
    bool EnableKueueViz,
    KueueControllerManagerValues ControllerManager,
    KueueManagerConfigValues ManagerConfig);

/// <summary><c>controllerManager</c>.</summary>
internal sealed record KueueControllerManagerValues(
    KueueFeatureGateValues[] FeatureGates,
    KueueManagerValues Manager,
    int Replicas,
    SortedDictionary<string, string> NodeSelector,
    TolerationValues[] Tolerations,
    TopologySpreadValues[] TopologySpreadConstraints,
    KueueDisruptionBudgetValues PodDisruptionBudget);

/// <summary>A <c>controllerManager.featureGates</c> entry.</summary>
internal sealed record KueueFeatureGateValues(string Name, bool Enabled);

/// <summary><c>controllerManager.manager</c>.</summary>
internal sealed record KueueManagerValues(
    KueueImageValues Image,
    ResourcesValues Resources,
    KueuePodSecurityContextValues PodSecurityContext,
    ContainerSecurityContextValues ContainerSecurityContext);

/// <summary><c>controllerManager.manager.image</c> (the chart's default pull policy, <c>Always</c>, is for its development tags).</summary>
internal sealed record KueueImageValues(string Repository, string Tag, string PullPolicy);

/// <summary><c>controllerManager.manager.podSecurityContext</c>.</summary>
internal sealed record KueuePodSecurityContextValues(bool RunAsNonRoot, SeccompProfileValues SeccompProfile);

/// <summary><c>controllerManager.podDisruptionBudget</c>.</summary>
internal sealed record KueueDisruptionBudgetValues(bool Enabled, int MinAvailable);

/// <summary><c>managerConfig</c>: the controller's configuration file, as the string the chart reads.</summary>
internal sealed record KueueManagerConfigValues(string ControllerManagerConfigYaml);

/// <summary>Kueue's <c>Configuration</c> (<c>config.kueue.x-k8s.io/v1beta1</c>), the chart's own default but for the integrations.</summary>
internal sealed record KueueConfiguration(
    string ApiVersion,
    string Kind,
    KueueHealthConfig Health,
    KueueMetricsConfig Metrics,
    KueueWebhookConfig Webhook,
    KueueLeaderElectionConfig LeaderElection,
    KueueControllerConfig Controller,
    KueueClientConnectionConfig ClientConnection,
    bool ManageJobsWithoutQueueName,
    KueueIntegrationsConfig Integrations);

/// <summary><c>health</c>.</summary>
internal sealed record KueueHealthConfig(string HealthProbeBindAddress);

/// <summary><c>metrics</c>.</summary>
internal sealed record KueueMetricsConfig(string BindAddress);

/// <summary><c>webhook</c>.</summary>
internal sealed record KueueWebhookConfig(int Port);

/// <summary><c>leaderElection</c>.</summary>
internal sealed record KueueLeaderElectionConfig(bool LeaderElect, string ResourceName);

/// <summary><c>controller</c>.</summary>
internal sealed record KueueControllerConfig(SortedDictionary<string, int> GroupKindConcurrency);

/// <summary><c>clientConnection</c>.</summary>
internal sealed record KueueClientConnectionConfig(int Qps, int Burst);

/// <summary><c>integrations</c>.</summary>
internal sealed record KueueIntegrationsConfig(string[] Frameworks);

/// <summary>The one home of <see cref="KueueController"/>'s defaults.</summary>
internal static class KueueControllerDefaults
{
    public const int Replicas = 2;
    public const int MaxReplicas = 3;

    /// <summary>The one workload kind Kueue manages here: Kubernetes Jobs (the training runs).</summary>
    public const string BatchJobFramework = "batch/job";

    public static readonly ContainerResources Resources = new() { CpuRequest = "500m", MemoryRequest = "512Mi", CpuLimit = "2", MemoryLimit = "512Mi" };

    /// <summary>
    /// The controller's configuration: the chart's default (probes, metrics and webhook ports, leader election, concurrency,
    /// API client rates) with <c>integrations.frameworks</c> reduced to <c>batch/job</c> (the chart lists every framework,
    /// whose CRDs are not installed) and <c>manageJobsWithoutQueueName</c> spelled out as false.
    /// </summary>
    public static KueueConfiguration Configuration() => new(
        ApiVersion: "config.kueue.x-k8s.io/v1beta1",
        Kind: "Configuration",
        Health: new KueueHealthConfig(":8081"),
        Metrics: new KueueMetricsConfig(":8443"),
        Webhook: new KueueWebhookConfig(9443),
        LeaderElection: new KueueLeaderElectionConfig(true, "c1f6bfd2.kueue.x-k8s.io"),
        Controller: new KueueControllerConfig(HelmValues.Sorted(new Dictionary<string, int>
        {
            ["Job.batch"] = 5,
            ["Pod"] = 5,
            ["Workload.kueue.x-k8s.io"] = 5,
            ["LocalQueue.kueue.x-k8s.io"] = 1,
            ["ClusterQueue.kueue.x-k8s.io"] = 1,
            ["ResourceFlavor.kueue.x-k8s.io"] = 1,
        })),
        ClientConnection: new KueueClientConnectionConfig(50, 100),
        ManageJobsWithoutQueueName: false,
        Integrations: new KueueIntegrationsConfig([BatchJobFramework]));
}
