using System.Globalization;

namespace MlopsCdktf.Gcp;

/// <summary>
/// The one home of the queries the dashboard and the alert policies share, so a panel and the alert about the same thing
/// read the same series. PromQL for Managed Service for Prometheus series (serving, DCGM), Monitoring filters for system
/// metrics (node VMs, Filestore) and Logging filters for Kubernetes events (Job outcomes).
/// </summary>
internal static class ClusterQueries
{
    /// <summary>DCGM series of one pool's nodes. GKE names nodes <c>gke-{cluster}-{pool}-{8 hex}-{suffix}</c>; DCGM-Exporter
    /// labels each series with the node's name (<c>Hostname</c>).</summary>
    private static string Dcgm(ObservedCluster cluster, ObservedNodePool pool, string metric) =>
        $"{metric}{{cluster=\"{cluster.ClusterName}\",Hostname=~\"gke-.*-{pool.Name}-[0-9a-f]{{8}}-.*\"}}";

    public static string GpuUtilisation(ObservedCluster cluster, ObservedNodePool pool) =>
        $"avg by (Hostname) ({Dcgm(cluster, pool, "DCGM_FI_DEV_GPU_UTIL")})";

    public static string GpuMemoryUsedMiB(ObservedCluster cluster, ObservedNodePool pool) =>
        $"sum by (Hostname) ({Dcgm(cluster, pool, "DCGM_FI_DEV_FB_USED")})";

    /// <summary>The pool's node VMs (GKE labels them <c>goog-k8s-cluster-name</c> and <c>goog-k8s-node-pool-name</c>); counted with REDUCE_COUNT.</summary>
    public static string PoolNodes(ObservedCluster cluster, ObservedNodePool pool) =>
        "metric.type=\"compute.googleapis.com/instance/uptime\" AND resource.type=\"gce_instance\""
        + $" AND metadata.user_labels.\"goog-k8s-cluster-name\"=\"{cluster.ClusterName}\""
        + $" AND metadata.user_labels.\"goog-k8s-node-pool-name\"=\"{pool.Name}\"";

    private static string Serving(ObservedCluster cluster, ObservedServing serving, string metric, string? extra = null) =>
        $"{metric}{{cluster=\"{cluster.ClusterName}\",namespace=\"{serving.Namespace}\",job=\"{serving.Job}\"{extra}}}";

    public static string RequestsPerSecond(ObservedCluster cluster, ObservedServing serving) =>
        $"sum(rate({Serving(cluster, serving, serving.RequestsMetric)}[{ObservabilityDefaults.RateWindow}]))";

    public static string ErrorRatio(ObservedCluster cluster, ObservedServing serving) =>
        $"sum(rate({Serving(cluster, serving, serving.RequestsMetric, $",{serving.StatusCodeLabel}=~\"5..\"")}[{ObservabilityDefaults.RateWindow}]))"
        + $" / sum(rate({Serving(cluster, serving, serving.RequestsMetric)}[{ObservabilityDefaults.RateWindow}]))";

    public static string LatencyQuantile(ObservedCluster cluster, ObservedServing serving, double quantile) =>
        $"histogram_quantile({quantile.ToString(CultureInfo.InvariantCulture)}, sum by (le) (rate({Serving(cluster, serving, serving.LatencyHistogram + "_bucket")}[{ObservabilityDefaults.RateWindow}])))";

    /// <summary>Kubernetes events about the CronJob and its Jobs (GKE writes cluster events to the <c>events</c> log).</summary>
    public static string JobEvents(ObservedCluster cluster, ObservedCronJob job) =>
        $"logName=\"projects/{cluster.ProjectId}/logs/events\" AND resource.labels.cluster_name=\"{cluster.ClusterName}\""
        + $" AND jsonPayload.involvedObject.namespace=\"{job.Namespace}\" AND jsonPayload.involvedObject.kind=(\"Job\" OR \"CronJob\")"
        + $" AND jsonPayload.involvedObject.name=~\"^{job.CronJobName}(-[0-9]+)?$\"";

    /// <summary>The events of a failed Job: the retry limit or the deadline was reached.</summary>
    public static string JobFailures(ObservedCluster cluster, ObservedCronJob job) =>
        JobEvents(cluster, job) + " AND jsonPayload.reason=(\"BackoffLimitExceeded\" OR \"DeadlineExceeded\")";

    public static string FilestoreUsedPercent(string instanceName) =>
        "metric.type=\"file.googleapis.com/nfs/server/used_bytes_percent\" AND resource.type=\"filestore_instance\""
        + $" AND resource.labels.instance_name=\"{instanceName}\"";
}
