using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GAR-2: Artifact Registry repositories do not turn vulnerability scanning off.</summary>
public sealed class ArtifactRegistryScanningRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GAR-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The Artifact Registry repository sets vulnerability_scanning_config.enablement_config = \"DISABLED\".";

    /// <inheritdoc />
    public override string Explanation =>
        "Scanning on push (INHERITED, with the Container Scanning API enabled) reports known CVEs in serving and training images "
        + "before they reach the cluster; DISABLED hides them.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_artifact_registry_repository"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(JsonValues.Text(resource["vulnerability_scanning_config.enablement_config"]) != "DISABLED", resource);
}
