using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GKE-7: a GKE cluster with GPU node pools collects DCGM GPU metrics through managed Prometheus.</summary>
public sealed class GkeGpuMetricsRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GKE-7";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Warning;

    /// <inheritdoc />
    public override string Info =>
        "The GKE cluster has GPU node pools but monitoring_config does not enable DCGM with managed_prometheus.enabled = true.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without DCGM metrics nobody sees whether the GPUs a pool pays for are busy, memory-bound or idle; GKE collects them "
        + "only through Managed Service for Prometheus. A warning: a cluster may run its own DCGM exporter instead.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_container_cluster"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var gpuPools = stack.Resources("google_container_node_pool")
            .Where(pool => JsonValues.Blocks(pool["node_config.guest_accelerator"]).Any()
                && SynthesizedStack.Designates(pool.Attributes["cluster"], resource, ["id", "name"], "name"))
            .ToList();
        if (gpuPools.Count == 0)
        {
            return NotApplicable(resource);
        }

        var components = JsonValues.Strings(resource["monitoring_config.enable_components"]);
        var prometheus = JsonValues.IsTrue(resource["monitoring_config.managed_prometheus.enabled"]);
        var problems = new List<string>();
        if (!components.Contains("DCGM"))
        {
            problems.Add("enable_components does not list DCGM");
        }

        if (!prometheus)
        {
            problems.Add("managed_prometheus.enabled is not true");
        }

        return CompliantIf(problems.Count == 0, resource,
            $"{string.Join(" and ", problems)}; GPU pools: {string.Join(", ", gpuPools.Select(p => p.Address))}.");
    }
}
