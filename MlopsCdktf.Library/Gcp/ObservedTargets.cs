namespace MlopsCdktf.Gcp;

/// <summary>
/// What a <see cref="ClusterDashboard"/> and <see cref="ClusterAlertPolicies"/> watch on one GKE cluster: plain names (not
/// references), so the queries they generate name exactly the resources the stacks declare, and tests can read them back.
/// </summary>
public sealed record ObservedCluster
{
    /// <summary>The project the cluster's metrics and logs are in.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The cluster name (<see cref="MlClusterProps.Name"/>): the <c>cluster</c> label of its Prometheus series.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The node pools shown (node count against bounds; GPU utilisation and memory for GPU pools).</summary>
    public required IReadOnlyList<ObservedNodePool> Pools { get; init; }
}

/// <summary>A node pool as the dashboard and alerts see it: its name and autoscaling bounds (totals across zones).</summary>
/// <param name="Name">The pool name (<see cref="NodePoolProps.Name"/>).</param>
/// <param name="MinNodes">The fewest nodes the autoscaler keeps, in total.</param>
/// <param name="MaxNodes">The most nodes the autoscaler adds, in total: a GPU pool held there is alerted on.</param>
/// <param name="HasGpus">Whether the pool's nodes have GPUs (DCGM panels, the at-maximum alert).</param>
public sealed record ObservedNodePool(string Name, int MinNodes, int MaxNodes, bool HasGpus);

/// <summary>
/// The model server as its scraped Prometheus series name it: the namespace and job (the <c>ServingPodMonitoring</c>'s
/// name) plus the metric names the server exports: <c>new ObservedServing { Namespace = scrape.Namespace, Job = scrape.Name }</c>
/// for a <c>ServingPodMonitoring scrape</c> (the Gcp layer does not refer to Kubernetes types).
/// </summary>
public sealed record ObservedServing
{
    /// <summary>The serving namespace: the <c>namespace</c> label of the scraped series.</summary>
    public required string Namespace { get; init; }

    /// <summary>The PodMonitoring's (and Deployment's) name: the <c>job</c> label of the scraped series.</summary>
    public required string Job { get; init; }

    /// <summary>The request counter the server exports (a Prometheus counter with a status code label).</summary>
    /// <value>The default value is <c>http_requests_total</c>, the Prometheus HTTP instrumentation convention.</value>
    public string RequestsMetric { get; init; } = ObservabilityDefaults.RequestsMetric;

    /// <summary>The request duration histogram the server exports, in seconds, without the <c>_bucket</c> suffix.</summary>
    /// <value>The default value is <c>http_request_duration_seconds</c>.</value>
    public string LatencyHistogram { get; init; } = ObservabilityDefaults.LatencyHistogram;

    /// <summary>The label of <see cref="RequestsMetric"/> holding the HTTP status code.</summary>
    /// <value>The default value is <c>code</c>.</value>
    public string StatusCodeLabel { get; init; } = ObservabilityDefaults.StatusCodeLabel;
}

/// <summary>A CronJob whose Jobs' outcomes are shown and whose failures are alerted on.</summary>
/// <param name="Namespace">The CronJob's namespace.</param>
/// <param name="CronJobName">The CronJob's name; its Jobs are named <c>{CronJobName}-{schedule time}</c>.</param>
public sealed record ObservedCronJob(string Namespace, string CronJobName);

/// <summary>The one home of the dashboard's and alerts' default values.</summary>
internal static class ObservabilityDefaults
{
    public const string RequestsMetric = "http_requests_total";
    public const string LatencyHistogram = "http_request_duration_seconds";
    public const string StatusCodeLabel = "code";
    public const string RateWindow = "5m";
}
