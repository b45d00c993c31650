using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>
/// Base of rules on GKE node configuration: each <c>google_container_node_pool</c>'s <c>node_config</c>, and each
/// Standard cluster's own node configuration (inline <c>node_pool</c> blocks, else <c>node_config</c> of the default
/// pool, which runs at least during creation even with <c>remove_default_node_pool</c>). Autopilot clusters are not checked.
/// </summary>
public abstract class GkeNodeConfigRule : ResourceRule
{
    /// <inheritdoc />
    protected sealed override IReadOnlyList<string> ResourceTypes { get; } = ["google_container_node_pool", "google_container_cluster"];

    /// <inheritdoc />
    protected sealed override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        if (resource.Type == "google_container_cluster" && JsonValues.IsTrue(resource.Attributes["enable_autopilot"]))
        {
            return NotApplicable(resource);
        }

        var inlinePools = resource.Type == "google_container_cluster" ? JsonValues.Blocks(resource.Attributes["node_pool"]).ToList() : [];
        var configs = inlinePools.Count > 0
            ? inlinePools.Select(p => JsonValues.Blocks(p["node_config"]).FirstOrDefault())
            : [JsonValues.Blocks(resource.Attributes["node_config"]).FirstOrDefault()];
        var problem = configs.Select(Problem).FirstOrDefault(p => p is not null);
        return problem is null ? Compliant(resource) : NonCompliant(resource, problem);
    }

    /// <summary>What is wrong with <paramref name="nodeConfig"/> (null when absent: provider defaults), as a sentence; null when fine.</summary>
    protected abstract string? Problem(JsonObject? nodeConfig);
}
