using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GCS-1: buckets enforce public access prevention.</summary>
public sealed class GcsPublicAccessPreventionRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GCS-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The GCS bucket does not set public_access_prevention = \"enforced\".";

    /// <inheritdoc />
    public override string Explanation =>
        "With \"inherited\" (the default) one IAM binding to allUsers or allAuthenticatedUsers publishes every object; "
        + "\"enforced\" makes such bindings fail whatever the organization policy says.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_storage_bucket"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(JsonValues.Text(resource.Attributes["public_access_prevention"]) == "enforced", resource);
}
