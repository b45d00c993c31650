using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GKE-1: cluster nodes have no public IP addresses.</summary>
public sealed class GkePrivateNodesRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GKE-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The GKE cluster does not set private_cluster_config.enable_private_nodes = true.";

    /// <inheritdoc />
    public override string Explanation =>
        "Nodes with public IPs are reachable from the internet (kubelet, node ports, SSH); private nodes reach out "
        + "through Cloud NAT only and shrink the attack surface of GPU nodes running training code.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_container_cluster"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(JsonValues.IsTrue(resource["private_cluster_config.enable_private_nodes"]), resource);
}
