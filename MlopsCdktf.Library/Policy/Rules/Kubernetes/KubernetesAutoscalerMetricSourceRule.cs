using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Kubernetes;

/// <summary>
/// MLOPS-K8S-12: an autoscaler's Pods, Object and External metrics have a declared source in the stack — an
/// <c>APIService</c> registration of the metrics API (<c>kubernetes_api_service_v1</c>, as an adapter deployed here
/// declares it) or a <c>kubernetes_resource</c> data source reading that <c>APIService</c> (as
/// <c>InstalledMetricsAdapter</c> checks an adapter installed elsewhere). Resource metrics (CPU, memory) are served by
/// GKE's metrics-server and need nothing.
/// </summary>
public sealed class KubernetesAutoscalerMetricSourceRule : ResourceRule
{
    private const string CustomMetrics = "custom.metrics.k8s.io";
    private const string ExternalMetrics = "external.metrics.k8s.io";

    /// <inheritdoc />
    public override string Id => "MLOPS-K8S-12";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "A HorizontalPodAutoscaler uses a metric whose metrics API nothing in the stack serves or checks.";

    /// <inheritdoc />
    public override string Explanation =>
        "Pods and Object metrics are read from custom.metrics.k8s.io and External metrics from external.metrics.k8s.io, which no "
        + "component of a cluster serves by default. An autoscaler that cannot read one of its metrics skips every scale-down, so "
        + "replicas stay at their high-water mark. Deploy the adapter (its APIService registration) in the stack, declare the one "
        + "installed elsewhere with InstalledMetricsAdapter (a plan-time check of its APIService), or scale on CPU only.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } =
        ["kubernetes_horizontal_pod_autoscaler_v2", "kubernetes_horizontal_pod_autoscaler_v2beta2"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var needed = JsonValues.Blocks(resource["spec.metric"])
            .Select(m => JsonValues.Text(m["type"]))
            .Select(type => type switch
            {
                "Pods" or "Object" => CustomMetrics,
                "External" => ExternalMetrics,
                _ => null,
            })
            .OfType<string>()
            .Distinct()
            .ToList();
        if (needed.Count == 0)
        {
            return NotApplicable(resource);
        }

        var served = ServedGroups(stack);
        var missing = needed.Where(group => !served.Contains(group)).ToList();
        return CompliantIf(missing.Count == 0, resource,
            $"No APIService for {string.Join(" or ", missing)} is declared (kubernetes_api_service_v1) or checked (data.kubernetes_resource).");
    }

    /// <summary>The metrics API groups the stack registers or checks an APIService for.</summary>
    private static HashSet<string> ServedGroups(SynthesizedStack stack)
    {
        var registered = new[] { "kubernetes_api_service_v1", "kubernetes_api_service" }
            .SelectMany(stack.Resources)
            .Select(r => JsonValues.Text(r["spec.group"]) ?? GroupOf(JsonValues.Text(r["metadata.name"])));
        var checkedByData = stack.DataSources("kubernetes_resource")
            .Where(d => JsonValues.Text(d["kind"]) == "APIService")
            .Select(d => GroupOf(JsonValues.Text(d["metadata.name"])));
        return registered.Concat(checkedByData).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The group of an APIService name such as <c>v1beta1.custom.metrics.k8s.io</c>.</summary>
    private static string? GroupOf(string? apiServiceName) =>
        apiServiceName is null || !apiServiceName.Contains('.', StringComparison.Ordinal) ? null : apiServiceName[(apiServiceName.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
