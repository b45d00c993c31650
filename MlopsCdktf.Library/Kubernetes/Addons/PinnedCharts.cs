using System.Text.RegularExpressions;

namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>
/// The one home of the cluster add-ons' chart pins: repository, chart, chart version and image tag of the NVIDIA device
/// plugin, metrics-server, Kueue and, per supported Kubernetes minor, the cluster autoscaler. Upgrading an add-on is a change
/// here (see docs/constructs/cluster-addons.md, "Upgrading a pin"); nothing else names a chart version.
/// </summary>
public static partial class PinnedCharts
{
    /// <summary>
    /// NVIDIA's device plugin (<c>nvidia-device-plugin</c> from <c>https://nvidia.github.io/k8s-device-plugin</c>): advertises
    /// <c>nvidia.com/gpu</c> on GPU nodes. The EKS AL2023 NVIDIA AMIs ship the driver and the container toolkit, not the plugin.
    /// </summary>
    public static PinnedChart NvidiaDevicePlugin { get; } =
        new("https://nvidia.github.io/k8s-device-plugin", "nvidia-device-plugin", "0.19.3", "nvcr.io/nvidia/k8s-device-plugin", "v0.19.3");

    /// <summary>metrics-server (<c>metrics-server</c> from <c>https://kubernetes-sigs.github.io/metrics-server/</c>): serves
    /// <c>metrics.k8s.io</c>, the CPU and memory the HorizontalPodAutoscalers read.</summary>
    public static PinnedChart MetricsServer { get; } =
        new("https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.13.1", "registry.k8s.io/metrics-server/metrics-server", "v0.8.1");

    /// <summary>
    /// Kueue (<c>kueue</c> from the OCI repository <c>oci://registry.k8s.io/kueue/charts</c>): job queueing, quotas per
    /// resource flavor and admission checks such as GKE's ProvisioningRequest. 0.14 serves <c>kueue.x-k8s.io/v1beta1</c> as
    /// its storage version (0.15 and later deprecate it for <c>v1beta2</c>), and its <c>ProvisioningACC</c> feature gate is GA
    /// and locked on, so the provisioning admission check needs no flag.
    /// </summary>
    public static PinnedChart Kueue { get; } =
        new("oci://registry.k8s.io/kueue/charts", "kueue", "0.14.8", "registry.k8s.io/kueue/kueue", "v0.14.8");

    /// <summary>
    /// The cluster autoscaler per Kubernetes minor (<c>cluster-autoscaler</c> from <c>https://kubernetes.github.io/autoscaler</c>):
    /// its minor must equal the cluster's (the project tests each release against its own minor only), so each supported
    /// minor pins the last chart whose <c>appVersion</c> has that minor and the newest patch image of that minor.
    /// </summary>
    public static IReadOnlyDictionary<string, PinnedChart> ClusterAutoscalerByMinor { get; } = new SortedDictionary<string, PinnedChart>(StringComparer.Ordinal)
    {
        ["1.30"] = Autoscaler("9.37.0", "v1.30.7"),
        ["1.31"] = Autoscaler("9.44.0", "v1.31.5"),
        ["1.32"] = Autoscaler("9.46.6", "v1.32.7"),
        ["1.33"] = Autoscaler("9.51.0", "v1.33.6"),
        ["1.34"] = Autoscaler("9.53.0", "v1.34.5"),
        ["1.35"] = Autoscaler("9.59.0", "v1.35.2"),
    };

    /// <summary>The cluster autoscaler pinned for <paramref name="kubernetesVersion"/> (<c>major.minor</c> as EKS spells it,
    /// e.g. <c>1.33</c>), or null when that minor has no pin.</summary>
    public static PinnedChart? ClusterAutoscalerFor(string kubernetesVersion) =>
        ClusterAutoscalerByMinor.TryGetValue(kubernetesVersion, out var pin) ? pin : null;

    /// <summary>What a Kubernetes version given to the add-ons must look like, for messages.</summary>
    internal const string KubernetesVersionAllowed = "must be a Kubernetes minor as EKS spells it, major.minor such as 1.33 (no patch, no leading v)";

    /// <summary>Whether <paramref name="version"/> is <c>major.minor</c>.</summary>
    internal static bool IsMinorVersion(string version) => MinorVersion().IsMatch(version);

    private static PinnedChart Autoscaler(string chartVersion, string imageTag) =>
        new("https://kubernetes.github.io/autoscaler", "cluster-autoscaler", chartVersion, "registry.k8s.io/autoscaling/cluster-autoscaler", imageTag);

    [GeneratedRegex(@"^1\.[0-9]{1,2}\z")]
    private static partial Regex MinorVersion();
}
