using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GKE-2: clusters enable Workload Identity.</summary>
public sealed class GkeWorkloadIdentityRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GKE-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The GKE cluster does not set workload_identity_config.workload_pool.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without Workload Identity pods act as the node's service account, so every workload shares one identity; "
        + "with it each Kubernetes service account maps to its own Google identity.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_container_cluster"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(!string.IsNullOrWhiteSpace(JsonValues.Text(resource["workload_identity_config.workload_pool"])), resource);
}
