using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Kubernetes;

/// <summary>Where the pod spec sits in each Terraform Kubernetes workload type, and the containers in it.</summary>
public static class KubernetesWorkloads
{
    /// <summary>Workload types by the dotted path of their pod spec.</summary>
    public static IReadOnlyDictionary<string, string> PodSpecPaths { get; } = Build();

    /// <summary>Workload types that run until stopped (probes apply); jobs and cron jobs run to completion.</summary>
    public static IReadOnlyList<string> LongRunning { get; } = PodSpecPaths.Keys.Where(t => !t.Contains("job", StringComparison.Ordinal)).ToList();

    /// <summary>Namespaced object types: everything this library (or anyone) may put in the <c>default</c> namespace.</summary>
    public static IReadOnlyList<string> Namespaced { get; } = PodSpecPaths.Keys.Concat(Versions(
        "service", "config_map", "secret", "service_account", "persistent_volume_claim", "ingress", "pod_disruption_budget",
        "resource_quota", "limit_range", "role", "role_binding", "network_policy")).Concat(["kubernetes_horizontal_pod_autoscaler",
        "kubernetes_horizontal_pod_autoscaler_v1", "kubernetes_horizontal_pod_autoscaler_v2"]).Distinct().ToList();

    /// <summary>The pod spec of <paramref name="workload"/>, or null; a block written as a list of one (as plans write every block) is its item.</summary>
    public static JsonObject? PodSpec(TerraformElement workload) =>
        PodSpecPaths.TryGetValue(workload.Type, out var path) ? JsonValues.Blocks(workload[path]).FirstOrDefault() : null;

    /// <summary>The containers (not init containers) of a pod spec.</summary>
    public static IReadOnlyList<JsonObject> Containers(JsonObject? podSpec) => JsonValues.Blocks(podSpec?["container"]).ToList();

    private static Dictionary<string, string> Build()
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in Versions("deployment", "stateful_set", "daemon_set", "replication_controller", "job"))
        {
            paths[type] = "spec.template.spec";
        }

        foreach (var type in Versions("cron_job"))
        {
            paths[type] = "spec.job_template.spec.template.spec";
        }

        foreach (var type in Versions("pod"))
        {
            paths[type] = "spec";
        }

        return paths;
    }

    private static IEnumerable<string> Versions(params string[] kinds) =>
        kinds.SelectMany(k => new[] { $"kubernetes_{k}", $"kubernetes_{k}_v1" });
}
