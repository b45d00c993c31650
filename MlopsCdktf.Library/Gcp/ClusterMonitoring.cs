namespace MlopsCdktf.Gcp;

/// <summary>
/// What an <see cref="MlCluster"/> sends to Cloud Monitoring (<c>monitoring_config</c>): system metrics always
/// (<c>SYSTEM_COMPONENTS</c>: GKE requires them whenever metrics are sent), Google Cloud Managed Service for Prometheus
/// (managed collection: <c>PodMonitoring</c> resources scrape workloads, e.g. a <see cref="Kubernetes.ServingPodMonitoring"/>),
/// and NVIDIA DCGM GPU metrics (<c>DCGM</c>: GKE runs DCGM-Exporter on GPU nodes and scrapes it through managed Prometheus).
/// </summary>
/// <remarks>
/// DCGM metrics need, per GKE's documentation: GKE 1.30.1-gke.1204000 or later (every release channel's default today;
/// on an older cluster the apply fails with GKE's own message), managed Prometheus on, system metrics on, and GPU drivers
/// installed by GKE (<c>gpu_driver_installation_config</c>, see <see cref="GpuNodePoolProps.DriverVersion"/>). The first two
/// this library checks at synth: <see cref="MlCluster"/> refuses DCGM without managed Prometheus, and a
/// <see cref="GpuNodePool"/> on a cluster with DCGM refuses <see cref="GpuDriverVersion.InstallationDisabled"/>.
/// </remarks>
public sealed record ClusterMonitoring
{
    /// <summary>Whether Google Cloud Managed Service for Prometheus (managed collection) runs in the cluster.</summary>
    /// <value>The default value is true: the serving pods' metrics (scraped by a <c>PodMonitoring</c>), the autoscaler's
    /// custom metric and the GPU metrics all arrive through it. Its <c>PodMonitoring</c> CRD exists only while it is on.</value>
    public bool ManagedPrometheus { get; init; } = true;

    /// <summary>Whether GKE collects NVIDIA DCGM GPU metrics (utilisation, memory, …) from every GPU node (<c>DCGM</c> component).</summary>
    /// <value>The default value is true: without it nobody sees whether the GPUs a pool pays for are used. Requires
    /// <see cref="ManagedPrometheus"/> and GKE-installed GPU drivers.</value>
    public bool GpuMetrics { get; init; } = true;

    /// <summary>The <c>monitoring_config.enable_components</c> values this configuration turns on.</summary>
    internal IReadOnlyList<string> Components => GpuMetrics
        ? [ClusterMonitoringDefaults.SystemComponents, ClusterMonitoringDefaults.Dcgm]
        : [ClusterMonitoringDefaults.SystemComponents];
}

/// <summary>The provider strings of <see cref="ClusterMonitoring"/>, in one place.</summary>
internal static class ClusterMonitoringDefaults
{
    public const string SystemComponents = "SYSTEM_COMPONENTS";
    public const string Dcgm = "DCGM";
}
