using Constructs;
using HashiCorp.Cdktf.Providers.Google.MonitoringDashboard;
using MlopsCdktf.Core;
using MonitoringDashboardResource = HashiCorp.Cdktf.Providers.Google.MonitoringDashboard.MonitoringDashboard;

namespace MlopsCdktf.Gcp;

/// <summary>Input of <see cref="ClusterDashboard"/>.</summary>
public sealed record ClusterDashboardProps
{
    /// <summary>The cluster and its pools.</summary>
    public required ObservedCluster Cluster { get; init; }

    /// <summary>The model server's scraped series (serving QPS and latency panels).</summary>
    /// <value>The default value is null: no serving panels.</value>
    public ObservedServing? Serving { get; init; }

    /// <summary>The retrain CronJob (its Jobs' outcomes panel).</summary>
    /// <value>The default value is null: no job panel.</value>
    public ObservedCronJob? Retrain { get; init; }

    /// <summary>The dashboard's title.</summary>
    /// <value>The default value is null: <c>ML cluster {ClusterName}</c>.</value>
    public string? DisplayName { get; init; }
}

/// <summary>
/// A Cloud Monitoring dashboard (<c>google_monitoring_dashboard</c>) for one GKE cluster, generated from the same typed
/// objects as the infrastructure so it cannot drift from it: per GPU pool, GPU utilisation and GPU memory used per node (DCGM);
/// per pool, the node count against its autoscaling bounds; the model server's requests per second and p50/p99 latency
/// (its <see cref="Kubernetes.ServingPodMonitoring"/> series); the retrain CronJob's Job events. Every query names this
/// cluster, pool, namespace and job; the panel list is in <c>docs/constructs/observability-gcp.md</c>.
/// </summary>
public sealed class ClusterDashboard : Construct
{
    private const int Columns = 48;
    private const int HalfWidth = 24;
    private const int Height = 16;

    /// <summary>Validates <paramref name="props"/> and declares the dashboard.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ClusterDashboard(Construct scope, string id, ClusterDashboardProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ClusterDashboard)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        ObservedTargetRules.Validate(v, props.Cluster, props.Serving, props.Retrain);
        v.Require(props.DisplayName is null || props.DisplayName.Trim().Length is > 0 and <= 512, nameof(props.DisplayName), props.DisplayName, "must be 1 to 512 characters");
        v.ThrowIfInvalid();

        Json = Build(props).ToJson();
        Dashboard = new MonitoringDashboardResource(this, "Dashboard", new MonitoringDashboardConfig
        {
            Project = props.Cluster.ProjectId,
            DashboardJson = TerraformStrings.EscapeTemplates(Json),
        });
    }

    /// <summary>The <c>google_monitoring_dashboard</c>.</summary>
    public MonitoringDashboardResource Dashboard { get; }

    /// <summary>The dashboard document; <c>dashboard_json</c> holds it with Terraform's template sequences escaped
    /// (a legend's <c>${metric.label.…}</c> is Cloud Monitoring's, not an interpolation).</summary>
    public string Json { get; }

    private static Dashboard Build(ClusterDashboardProps props)
    {
        var cluster = props.Cluster;
        var widgets = new List<Widget>();
        foreach (var pool in cluster.Pools.Where(p => p.HasGpus))
        {
            widgets.Add(new Widget($"GPU utilisation (%) — pool {pool.Name}")
            {
                XyChart = new XyChart([new DataSet(TimeSeriesQuery.Prometheus(ClusterQueries.GpuUtilisation(cluster, pool))) { LegendTemplate = "${metric.label.Hostname}" }])
                {
                    YAxis = new ChartAxis("percent"),
                },
            });
            widgets.Add(new Widget($"GPU memory used (MiB) — pool {pool.Name}")
            {
                XyChart = new XyChart([new DataSet(TimeSeriesQuery.Prometheus(ClusterQueries.GpuMemoryUsedMiB(cluster, pool))) { LegendTemplate = "${metric.label.Hostname}" }])
                {
                    YAxis = new ChartAxis("MiB"),
                },
            });
        }

        foreach (var pool in cluster.Pools)
        {
            widgets.Add(new Widget($"Nodes — pool {pool.Name} (autoscaling {pool.MinNodes}–{pool.MaxNodes})")
            {
                XyChart = new XyChart([new DataSet(new TimeSeriesQuery
                {
                    TimeSeriesFilter = new TimeSeriesFilter(ClusterQueries.PoolNodes(cluster, pool), new Aggregation("60s", "ALIGN_MEAN", "REDUCE_COUNT")),
                })
                { MinAlignmentPeriod = "60s" }])
                {
                    Thresholds = [new ChartThreshold(pool.MaxNodes, "max nodes"), new ChartThreshold(pool.MinNodes, "min nodes") { Color = "YELLOW", Direction = "BELOW" }],
                    YAxis = new ChartAxis("nodes"),
                },
            });
        }

        if (props.Serving is { } serving)
        {
            widgets.Add(new Widget($"Serving requests per second — {serving.Namespace}/{serving.Job}")
            {
                XyChart = new XyChart([new DataSet(TimeSeriesQuery.Prometheus(ClusterQueries.RequestsPerSecond(cluster, serving)))]) { YAxis = new ChartAxis("requests/s") },
            });
            widgets.Add(new Widget($"Serving latency p50 / p99 (s) — {serving.Namespace}/{serving.Job}")
            {
                XyChart = new XyChart(
                [
                    new DataSet(TimeSeriesQuery.Prometheus(ClusterQueries.LatencyQuantile(cluster, serving, 0.5))) { LegendTemplate = "p50" },
                    new DataSet(TimeSeriesQuery.Prometheus(ClusterQueries.LatencyQuantile(cluster, serving, 0.99))) { LegendTemplate = "p99" },
                ])
                { YAxis = new ChartAxis("seconds") },
            });
        }

        if (props.Retrain is { } retrain)
        {
            widgets.Add(new Widget($"Retrain job outcomes — {retrain.Namespace}/{retrain.CronJobName}")
            {
                LogsPanel = new LogsPanel(ClusterQueries.JobEvents(cluster, retrain), [$"projects/{cluster.ProjectId}"]),
            });
        }

        var tiles = widgets.Select((w, i) => new Tile(i % 2 * HalfWidth, i / 2 * Height, HalfWidth, Height, w)).ToList();
        return new Dashboard(props.DisplayName ?? $"ML cluster {cluster.ClusterName}", new MosaicLayout(Columns, tiles));
    }
}
