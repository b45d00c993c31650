using System.Text.Json.Nodes;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>GKE metrics, the serving PodMonitoring, the cluster dashboard and the alert policies, read from the full app's JSON:
/// every query names the resources the GCP and Kubernetes stacks of the same environment declare.</summary>
public sealed class GcpObservabilityStackTests
{
    public static IEnumerable<DeploymentEnvironment> Environments() => Catalog.All;

    private static TerraformJson K8s(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(KubernetesStack.Cloud, env));

    private static TerraformJson Gcp(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(GcpTrainingStack.Cloud, env));

    private static string Str(JsonNode? node) => node!.GetValue<string>();

    [TestCaseSource(nameof(Environments))]
    public void The_cluster_runs_managed_prometheus_with_system_and_dcgm_metrics_and_the_gpu_pool_gets_gke_drivers(DeploymentEnvironment env)
    {
        var json = Gcp(env);
        var monitoring = json.Single("google_container_cluster")["monitoring_config"]!;
        Assert.That(monitoring["enable_components"]!.AsArray().Select(Str), Is.EqualTo(new[] { "SYSTEM_COMPONENTS", "DCGM" }));
        Assert.That(monitoring["managed_prometheus"]!["enabled"]!.GetValue<bool>(), Is.True);
        var gpuPool = json.Resources("google_container_node_pool").Values.Single(p => Str(p["name"]) == GcpTrainingStack.GpuPoolName);
        Assert.That(Str(gpuPool["node_config"]!["guest_accelerator"]![0]!["gpu_driver_installation_config"]!["gpu_driver_version"]), Is.EqualTo("LATEST"));
    }

    [TestCaseSource(nameof(Environments))]
    public void The_pod_monitoring_selects_exactly_the_serving_pods_and_scrapes_the_port_their_container_exposes(DeploymentEnvironment env)
    {
        var json = K8s(env);
        var deployment = json.Single("kubernetes_deployment_v1");
        var manifest = json.ByPath("kubernetes_manifest", "ServingMetrics/PodMonitoring")["manifest"]!;
        Assert.That(Str(manifest["apiVersion"]), Is.EqualTo("monitoring.googleapis.com/v1"));
        Assert.That(Str(manifest["kind"]), Is.EqualTo("PodMonitoring"));
        Assert.That(Str(manifest["metadata"]!["namespace"]), Is.EqualTo(Str(deployment["metadata"]!["namespace"])), "the serving Deployment's namespace");
        Assert.That(manifest["spec"]!["selector"]!["matchLabels"]!.ToJsonString(),
            Is.EqualTo(deployment["spec"]!["selector"]!["match_labels"]!.ToJsonString()), "exactly the Deployment's selector");
        var container = deployment["spec"]!["template"]!["spec"]!["container"]![0]!;
        var endpoint = manifest["spec"]!["endpoints"]![0]!;
        Assert.That(Str(endpoint["port"]), Is.EqualTo(Str(container["port"]![0]!["name"])), "the port the serving container exposes, by name");
        Assert.That(Str(endpoint["path"]), Is.EqualTo("/metrics"));
        Assert.That(Str(endpoint["interval"]), Is.EqualTo("30s"));
    }

    [TestCaseSource(nameof(Environments))]
    public void The_dashboard_queries_name_this_environments_cluster_pools_namespace_and_deployment(DeploymentEnvironment env)
    {
        var gcp = Gcp(env);
        var clusterName = Str(gcp.Single("google_container_cluster")["name"]);
        var pools = gcp.Resources("google_container_node_pool").Values.Select(p => Str(p["name"])).ToList();
        var json = K8s(env);
        var deploymentName = Str(json.Single("kubernetes_deployment_v1")["metadata"]!["name"]);

        var dashboard = JsonNode.Parse(Str(json.Single("google_monitoring_dashboard")["dashboard_json"]))!;
        var widgets = dashboard["mosaicLayout"]!["tiles"]!.AsArray().Select(t => t!["widget"]!).ToList();
        var queries = widgets.SelectMany(w => w["xyChart"]?["dataSets"]?.AsArray() ?? [])
            .Select(d => d!["timeSeriesQuery"]!["prometheusQuery"]?.GetValue<string>() ?? Str(d!["timeSeriesQuery"]!["timeSeriesFilter"]!["filter"]))
            .ToList();

        Assert.That(queries, Is.Not.Empty);
        Assert.That(queries, Has.All.Contain(clusterName), "every chart is about this cluster");
        foreach (var pool in pools)
        {
            Assert.That(queries, Has.Some.Contain($"\"goog-k8s-node-pool-name\"=\"{pool}\""), $"a node count panel for pool {pool}");
        }

        Assert.That(queries, Has.Some.StartsWith("avg by (Hostname) (DCGM_FI_DEV_GPU_UTIL").And.Contain($"-{GcpTrainingStack.GpuPoolName}-"));
        Assert.That(queries, Has.Some.Contain("DCGM_FI_DEV_FB_USED"));
        Assert.That(queries, Has.Some.Contain($"namespace=\"{KubernetesStack.WorkloadNamespace}\",job=\"{deploymentName}\"").And.Contain("http_requests_total"));
        Assert.That(queries, Has.Some.Contain("http_request_duration_seconds_bucket").And.Contain($"job=\"{deploymentName}\""));
        var cronJob = Str(json.ByPath("kubernetes_cron_job_v1", "WeeklyRetrain/CronJob")["metadata"]!["name"]);
        var jobs = widgets.Select(w => w["logsPanel"]).OfType<JsonNode>().Single();
        Assert.That(Str(jobs["filter"]), Does.Contain($"jsonPayload.involvedObject.name=~\"^{cronJob}(-[0-9]+)?$\"")
            .And.Contain($"resource.labels.cluster_name=\"{clusterName}\"").And.Contain($"projects/{env.Gcp.ProjectId}/logs/events"));
    }

    [TestCaseSource(nameof(Environments))]
    public void Alert_policies_exist_only_with_an_alert_email_and_all_notify_its_channel(DeploymentEnvironment env)
    {
        var json = K8s(env);
        var policies = json.Resources("google_monitoring_alert_policy").Values.ToList();
        var channels = json.Resources("google_monitoring_notification_channel").Values.ToList();
        if (env.GcpMonitoring.AlertEmails.Count == 0)
        {
            Assert.That(policies, Is.Empty, "a policy nobody receives is noise");
            Assert.That(channels, Is.Empty);
            return;
        }

        Assert.That(channels.Select(c => Str(c["labels"]!["email_address"])), Is.EquivalentTo(env.GcpMonitoring.AlertEmails));
        Assert.That(channels.Select(c => Str(c["type"])), Has.All.EqualTo("email"));
        var channelRefs = json.Resources("google_monitoring_notification_channel").Values.Select(c => json.Reference("google_monitoring_notification_channel", c, "name")).ToList();
        Assert.That(policies, Has.Count.EqualTo(5));
        foreach (var policy in policies)
        {
            Assert.That(policy["notification_channels"]!.AsArray().Select(Str), Is.EquivalentTo(channelRefs), Str(policy["display_name"]));
        }

        var gcp = Gcp(env);
        var clusterName = Str(gcp.Single("google_container_cluster")["name"]);
        var share = Str(gcp.Single("google_filestore_instance")["name"]);
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var text = string.Join("\n", policies.Select(p => p["conditions"]!.ToJsonString(relaxed)));
        Assert.That(policies.Select(p => Str(p["display_name"])), Has.All.StartWith(clusterName + ": "));
        Assert.That(text, Does.Contain($"resource.labels.instance_name=\\\"{share}\\\""));
        Assert.That(text, Does.Contain($"\\\"goog-k8s-node-pool-name\\\"=\\\"{GcpTrainingStack.GpuPoolName}\\\""));
        Assert.That(text, Does.Contain($"namespace=\\\"{KubernetesStack.WorkloadNamespace}\\\""));
        var atMax = policies.Single(p => Str(p["display_name"]).Contains("maximum node count", StringComparison.Ordinal));
        Assert.That(atMax["conditions"]![0]!["condition_threshold"]!["threshold_value"]!.GetValue<double>(), Is.EqualTo(env.Training.MaxGpuNodes - 0.5));
    }
}
