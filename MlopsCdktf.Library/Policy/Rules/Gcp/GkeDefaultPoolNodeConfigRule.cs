using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GKE-6: a cluster that removes its default pool ignores later changes of its <c>node_config</c>.</summary>
public sealed class GkeDefaultPoolNodeConfigRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GKE-6";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info =>
        "The GKE cluster removes its default node pool and sets node_config without lifecycle.ignore_changes = [node_config].";

    /// <inheritdoc />
    public override string Explanation =>
        "Once the default pool is gone, GKE reports the first remaining node pool's configuration as the cluster's node_config "
        + "and the provider stores it on refresh: a spot pool reads back spot = true, which is ForceNew, so the next plan replaces "
        + "the whole cluster. The block only matters when the cluster is created.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_container_cluster"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        if (!JsonValues.IsTrue(resource.Attributes["remove_default_node_pool"]) || !JsonValues.Blocks(resource.Attributes["node_config"]).Any())
        {
            return NotApplicable(resource);
        }

        var ignored = resource["lifecycle.ignore_changes"];
        return CompliantIf(JsonValues.Text(ignored) == "all" || JsonValues.Strings(ignored).Contains("node_config"), resource);
    }
}
