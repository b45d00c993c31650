using System.Text.Json.Nodes;
using HashiCorp.Cdktf.Providers.Google.Provider;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Kubernetes;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Gcp.ObservabilityTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>Managed Prometheus and DCGM on <see cref="MlCluster"/>, the serving <see cref="ServingPodMonitoring"/>, the
/// <see cref="ClusterDashboard"/> and <see cref="ClusterAlertPolicies"/>: wiring read back from the JSON, and every validation.</summary>
public sealed class ClusterObservabilityTests
{
    private static string Str(JsonNode? node) => node!.GetValue<string>();

    [Test]
    public void A_cluster_sends_system_and_dcgm_metrics_through_managed_prometheus_by_default()
    {
        var json = SynthHarness.Gcp(stack => new MlCluster(stack, "Cluster", ClusterProps));
        var monitoring = json.Single("google_container_cluster")["monitoring_config"]!;
        Assert.That(monitoring["enable_components"]!.AsArray().Select(Str), Is.EqualTo(new[] { "SYSTEM_COMPONENTS", "DCGM" }));
        Assert.That(monitoring["managed_prometheus"]!["enabled"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void Without_gpu_metrics_only_system_components_remain()
    {
        var json = SynthHarness.Gcp(stack => new MlCluster(stack, "Cluster", ClusterProps with { Monitoring = new ClusterMonitoring { GpuMetrics = false } }));
        Assert.That(json.Single("google_container_cluster")["monitoring_config"]!["enable_components"]!.AsArray().Select(Str), Is.EqualTo(new[] { "SYSTEM_COMPONENTS" }));
    }

    [Test]
    public void Dcgm_without_managed_prometheus_is_rejected_naming_the_property()
    {
        var error = Reject<MlCluster>(stack => _ = new MlCluster(stack, "Cluster", ClusterProps with { Monitoring = new ClusterMonitoring { ManagedPrometheus = false } }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Monitoring.ManagedPrometheus was \"false\": DCGM GPU metrics (Monitoring.GpuMetrics) are collected by Managed Service for Prometheus, so it must be on; turn ManagedPrometheus on or GpuMetrics off.",
        }));
    }

    [Test]
    public void A_gpu_pool_without_gke_drivers_is_rejected_on_a_cluster_collecting_dcgm_metrics()
    {
        var error = Reject<GpuNodePool>(stack =>
        {
            var cluster = new MlCluster(stack, "Cluster", ClusterProps);
            Assert.That(cluster.NodePoolTarget.GpuMetrics, Is.True);
            _ = new GpuNodePool(stack, "Gpu", T4Pool with { Cluster = cluster.NodePoolTarget, DriverVersion = GpuDriverVersion.InstallationDisabled });
        });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "DriverVersion was InstallationDisabled: the cluster collects DCGM GPU metrics (Cluster.GpuMetrics), which need GPU drivers installed by GKE: "
            + "use Latest or Default, or turn GPU metrics off on the cluster (MlClusterProps.Monitoring.GpuMetrics = false).",
        }));
        Assert.DoesNotThrow(() => SynthHarness.Gcp(stack => new GpuNodePool(stack, "Gpu", T4Pool with { DriverVersion = GpuDriverVersion.InstallationDisabled })),
            "own drivers remain possible on a cluster without DCGM");
    }

    private static TerraformJson SynthServing(Func<ModelServingDeployment, ServingPodMonitoringProps>? props = null) => SynthHarness.Kubernetes(stack =>
    {
        new GoogleProvider(stack, "google", new GoogleProviderConfig { Project = "acme-ml-test" });
        var serving = new ModelServingDeployment(stack, "Serving", KubernetesTestData.Serving with { ContainerPort = 9000 });
        _ = new ServingPodMonitoring(stack, "Metrics", props?.Invoke(serving) ?? new ServingPodMonitoringProps { Serving = serving });
    });

    [Test]
    public void The_pod_monitoring_selects_the_serving_pods_and_scrapes_their_named_container_port()
    {
        var json = SynthServing(serving => new ServingPodMonitoringProps { Serving = serving, Path = "/prometheus", Interval = "15s" });
        var deployment = json.Single("kubernetes_deployment_v1");
        var manifest = json.Single("kubernetes_manifest")["manifest"]!;
        Assert.That(Str(manifest["apiVersion"]), Is.EqualTo("monitoring.googleapis.com/v1"));
        Assert.That(Str(manifest["kind"]), Is.EqualTo("PodMonitoring"));
        Assert.That(Str(manifest["metadata"]!["name"]), Is.EqualTo("churn"));
        Assert.That(Str(manifest["metadata"]!["namespace"]), Is.EqualTo("ml-models"));
        Assert.That(manifest["spec"]!["selector"]!["matchLabels"]!.ToJsonString(),
            Is.EqualTo(deployment["spec"]!["selector"]!["match_labels"]!.ToJsonString()));
        var port = deployment["spec"]!["template"]!["spec"]!["container"]![0]!["port"]![0]!;
        Assert.That(port["container_port"]!.GetValue<int>(), Is.EqualTo(9000));
        var endpoint = manifest["spec"]!["endpoints"]![0]!;
        Assert.That(Str(endpoint["port"]), Is.EqualTo(Str(port["name"])));
        Assert.That(Str(endpoint["path"]), Is.EqualTo("/prometheus"));
        Assert.That(Str(endpoint["interval"]), Is.EqualTo("15s"));
        Assert.That(json.Single("kubernetes_manifest")["depends_on"]!.AsArray().Select(Str), Has.Some.StartsWith("kubernetes_deployment_v1."));
    }

    [Test]
    public void An_autoscaler_can_scale_on_a_scraped_series_by_its_stackdriver_adapter_name()
    {
        const string Metric = "prometheus.googleapis.com|http_requests_per_second|gauge";
        var json = SynthHarness.Kubernetes(stack =>
        {
            new GoogleProvider(stack, "google", new GoogleProviderConfig { Project = "acme-ml-test" });
            var adapter = new InstalledMetricsAdapter(stack, "Adapter", new InstalledMetricsAdapterProps { AdapterName = "custom-metrics-stackdriver-adapter" });
            var serving = new ModelServingDeployment(stack, "Serving", KubernetesTestData.Serving with
            {
                Autoscaling = new PodAutoscaling { MinReplicas = 2, MaxReplicas = 6, PodsMetric = new PodsMetricTarget(Metric, "20"), MetricsSource = adapter },
            });
            _ = new ServingPodMonitoring(stack, "Metrics", new ServingPodMonitoringProps { Serving = serving });
        });
        Assert.That(Str(json.Single("kubernetes_horizontal_pod_autoscaler_v2")["spec"]!["metric"]![1]!["pods"]!["metric"]!["name"]), Is.EqualTo(Metric));

        var error = Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", KubernetesTestData.Serving with
        {
            Autoscaling = new PodAutoscaling
            {
                MinReplicas = 2, MaxReplicas = 6, PodsMetric = new PodsMetricTarget("prometheus.googleapis.com||gauge", "20"),
                MetricsSource = new InstalledMetricsAdapter(stack, "Adapter", new InstalledMetricsAdapterProps { AdapterName = "custom-metrics-stackdriver-adapter" }),
            },
        }));
        Assert.That(error.Problems.Single(), Does.StartWith("Autoscaling.PodsMetric.Name was \"prometheus.googleapis.com||gauge\": must be a metric name"));
    }

    [Test]
    public void A_pod_monitoring_of_an_unexposed_port_a_relative_path_or_a_bad_interval_is_rejected()
    {
        var error = Reject<ServingPodMonitoring>(stack =>
        {
            var serving = new ModelServingDeployment(stack, "Serving", KubernetesTestData.Serving);
            _ = new ServingPodMonitoring(stack, "Metrics", new ServingPodMonitoringProps { Serving = serving, PortName = "metrics", Path = "metrics", Interval = "1s" });
        });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "PortName was \"metrics\": must name a port the serving container exposes: http (port 8080).",
            "Path was \"metrics\": must be an absolute HTTP path such as /metrics.",
            "Interval was \"1s\": must be a Prometheus duration from 5s to 1h, e.g. 15s, 30s or 1m.",
        }));
    }

    private static (JsonNode Dashboard, IReadOnlyList<string> Queries) SynthDashboard(ClusterDashboardProps props)
    {
        var json = SynthHarness.Gcp(stack => new ClusterDashboard(stack, "Dashboard", props));
        var dashboard = JsonNode.Parse(Str(json.Single("google_monitoring_dashboard")["dashboard_json"]))!;
        var queries = dashboard["mosaicLayout"]!["tiles"]!.AsArray()
            .SelectMany(t => t!["widget"]!["xyChart"]?["dataSets"]?.AsArray() ?? [])
            .Select(d => d!["timeSeriesQuery"]!["prometheusQuery"]?.GetValue<string>() ?? Str(d!["timeSeriesQuery"]!["timeSeriesFilter"]!["filter"]))
            .ToList();
        return (dashboard, queries);
    }

    [Test]
    public void The_dashboard_has_gpu_panels_per_gpu_pool_node_counts_per_pool_serving_and_retrain_panels()
    {
        var (dashboard, queries) = SynthDashboard(DashboardProps);
        var titles = dashboard["mosaicLayout"]!["tiles"]!.AsArray().Select(t => Str(t!["widget"]!["title"])).ToList();
        Assert.That(Str(dashboard["displayName"]), Is.EqualTo("ML cluster ml-training"));
        Assert.That(titles, Is.EqualTo(new[]
        {
            "GPU utilisation (%) — pool gpu-t4",
            "GPU memory used (MiB) — pool gpu-t4",
            "Nodes — pool gpu-t4 (autoscaling 0–4)",
            "Nodes — pool preprocessing (autoscaling 1–3)",
            "Serving requests per second — ml-models/churn",
            "Serving latency p50 / p99 (s) — ml-models/churn",
            "Retrain job outcomes — ml-models/churn-retrain",
        }));
        Assert.That(queries, Has.All.Contain("ml-training"));
        Assert.That(queries[0], Is.EqualTo("avg by (Hostname) (DCGM_FI_DEV_GPU_UTIL{cluster=\"ml-training\",Hostname=~\"gke-.*-gpu-t4-[0-9a-f]{8}-.*\"})"));
        Assert.That(queries[2], Does.Contain("metadata.user_labels.\"goog-k8s-node-pool-name\"=\"gpu-t4\""));
        Assert.That(queries[3], Does.Contain("metadata.user_labels.\"goog-k8s-node-pool-name\"=\"preprocessing\""));
        Assert.That(queries[4], Is.EqualTo("sum(rate(http_requests_total{cluster=\"ml-training\",namespace=\"ml-models\",job=\"churn\"}[5m]))"));
        var nodes = dashboard["mosaicLayout"]!["tiles"]![2]!["widget"]!["xyChart"]!;
        Assert.That(nodes["thresholds"]!.AsArray().Select(t => t!["value"]!.GetValue<double>()), Is.EqualTo(new[] { 4.0, 0.0 }), "the pool's bounds");
        var logs = dashboard["mosaicLayout"]!["tiles"]![6]!["widget"]!["logsPanel"]!;
        Assert.That(Str(logs["filter"]), Does.Contain("jsonPayload.involvedObject.namespace=\"ml-models\"").And.Contain("^churn-retrain(-[0-9]+)?$"));
        Assert.That(logs["resourceNames"]!.AsArray().Select(Str), Is.EqualTo(new[] { "projects/acme-ml-test" }));
    }

    [Test]
    public void Cloud_monitoring_legend_templates_are_escaped_from_terraform_interpolation()
    {
        var json = SynthHarness.Gcp(stack => new ClusterDashboard(stack, "Dashboard", DashboardProps));
        var text = Str(json.Single("google_monitoring_dashboard")["dashboard_json"]);
        Assert.That(text, Does.Contain("\"legendTemplate\":\"$${metric.label.Hostname}\""));
        Assert.That(System.Text.RegularExpressions.Regex.IsMatch(text, @"(?<!\$)\$\{"), Is.False, "no ${ Terraform would interpolate");
    }

    [Test]
    public void A_dashboard_without_serving_or_retrain_shows_the_cluster_only()
    {
        var (_, queries) = SynthDashboard(new ClusterDashboardProps { Cluster = Target });
        Assert.That(queries, Has.Count.EqualTo(4));
        Assert.That(queries, Has.None.Contain("http_requests_total"));
    }

    [Test]
    public void Bad_observed_names_are_rejected_before_they_reach_a_query()
    {
        var error = Reject<ClusterDashboard>(stack => _ = new ClusterDashboard(stack, "Dashboard", DashboardProps with
        {
            Cluster = Target with { Pools = [new ObservedNodePool("gpu-t4", 3, 2, true), new ObservedNodePool("gpu-t4", 0, 1, true)] },
            Serving = Serving with { RequestsMetric = "http-requests" },
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Cluster.Pools[\"gpu-t4\"] was \"3–2\": needs 0 <= MinNodes <= MaxNodes and MaxNodes >= 1 (the pool's autoscaling bounds).",
            "Cluster.Pools was \"gpu-t4, gpu-t4\": must not list a pool twice.",
            "Serving.RequestsMetric was \"http-requests\": must be a Prometheus metric or label name: letters, digits and underscores, not starting with a digit.",
        }));
    }

    [Test]
    public void Every_alert_policy_notifies_the_channels_and_watches_this_clusters_resources()
    {
        var json = SynthHarness.Gcp(stack => new ClusterAlertPolicies(stack, "Alerts", AlertProps));
        var policies = json.Resources("google_monitoring_alert_policy").Values.ToList();
        Assert.That(policies.Select(p => Str(p["display_name"])), Is.EquivalentTo(new[]
        {
            "ml-training: serving 5xx ratio above 5%",
            "ml-training: serving p99 latency above 1s",
            "ml-training: GPU pool at its maximum node count",
            "ml-training: retrain job failed",
            "ml-training: Filestore ml-workspace above 85% used",
        }));
        Assert.That(policies.Select(p => p["notification_channels"]!.AsArray().Select(Str).Single()), Has.All.EqualTo(Channel));
        Assert.That(policies.Select(p => Str(p["documentation"]!["content"])), Has.All.Length.GreaterThan(80), "each says what it means and what to do");

        JsonNode Condition(string title) => policies.Single(p => Str(p["display_name"]).Contains(title, StringComparison.Ordinal))["conditions"]![0]!;
        Assert.That(Str(Condition("5xx")["condition_prometheus_query_language"]!["query"]), Is.EqualTo(
            "sum(rate(http_requests_total{cluster=\"ml-training\",namespace=\"ml-models\",job=\"churn\",code=~\"5..\"}[5m]))"
            + " / sum(rate(http_requests_total{cluster=\"ml-training\",namespace=\"ml-models\",job=\"churn\"}[5m])) > 0.05"));
        Assert.That(Str(Condition("p99")["condition_prometheus_query_language"]!["query"]), Does.StartWith("histogram_quantile(0.99, ").And.EndWith(" > 1"));
        var atMax = policies.Single(p => Str(p["display_name"]).Contains("maximum", StringComparison.Ordinal))["conditions"]!.AsArray();
        Assert.That(atMax, Has.Count.EqualTo(1), "GPU pools only");
        Assert.That(Str(atMax[0]!["condition_threshold"]!["filter"]), Does.Contain("\"goog-k8s-node-pool-name\"=\"gpu-t4\""));
        Assert.That(atMax[0]!["condition_threshold"]!["threshold_value"]!.GetValue<double>(), Is.EqualTo(3.5));
        Assert.That(Str(atMax[0]!["condition_threshold"]!["duration"]), Is.EqualTo("1800s"));
        Assert.That(Str(Condition("retrain")["condition_matched_log"]!["filter"]), Does.Contain("BackoffLimitExceeded").And.Contain("churn-retrain"));
        var retrain = policies.Single(p => Str(p["display_name"]).Contains("retrain", StringComparison.Ordinal));
        Assert.That(Str(retrain["alert_strategy"]!["notification_rate_limit"]!["period"]), Is.EqualTo("3600s"), "log-match conditions require a rate limit");
        Assert.That(Str(Condition("Filestore")["condition_threshold"]!["filter"]), Does.Contain("resource.labels.instance_name=\"ml-workspace\""));
    }

    [Test]
    public void Alert_policies_without_a_notification_channel_are_rejected()
    {
        var error = Reject<ClusterAlertPolicies>(stack => _ = new ClusterAlertPolicies(stack, "Alerts", AlertProps with
        {
            NotificationChannels = [],
            Thresholds = new AlertThresholds { ServingErrorRatio = 5, PoolAtMaxMinutes = 1 },
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "NotificationChannels was \"[]\": must name at least one notification channel: an alert policy nobody receives is noise (declare no policies instead).",
            "Thresholds.ServingErrorRatio was 5: must be a ratio between 0 and 1 (0.05 = 5%).",
            "Thresholds.PoolAtMaxMinutes was 1: must be between 5 and 1440 minutes.",
        }));
    }

    [Test]
    public void Email_channels_are_one_per_address_and_bad_addresses_are_rejected()
    {
        var json = SynthHarness.Gcp(stack => new EmailNotificationChannels(stack, "Channels", ChannelProps with { Emails = ["a@acme.example", "b@acme.example"] }));
        var channels = json.Resources("google_monitoring_notification_channel").Values.ToList();
        Assert.That(channels.Select(c => Str(c["labels"]!["email_address"])), Is.EqualTo(new[] { "a@acme.example", "b@acme.example" }));
        Assert.That(channels.Select(c => Str(c["type"])), Has.All.EqualTo("email"));

        var error = Reject<EmailNotificationChannels>(stack => _ = new EmailNotificationChannels(stack, "Channels", ChannelProps with { Emails = ["oncall", "x@a.io", "X@a.io"] }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Emails was \"oncall\": must be an e-mail address such as ml-oncall@example.com.",
            "Emails was \"oncall, x@a.io, X@a.io\": must not name an address twice.",
        }));
    }
}
