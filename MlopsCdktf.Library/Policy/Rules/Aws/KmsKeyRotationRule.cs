using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-KMS-1: symmetric customer managed keys rotate automatically.</summary>
public sealed class KmsKeyRotationRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-KMS-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The KMS key does not set enable_key_rotation = true.";

    /// <inheritdoc />
    public override string Explanation =>
        "Automatic rotation replaces the key material yearly (or on rotation_period_in_days) without re-encrypting data, "
        + "limiting how much data one compromised key version exposes. Asymmetric and HMAC keys cannot rotate and are not checked.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_kms_key"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var spec = JsonValues.Text(resource.Attributes["customer_master_key_spec"]) ?? "SYMMETRIC_DEFAULT";
        return spec != "SYMMETRIC_DEFAULT"
            ? NotApplicable(resource)
            : CompliantIf(JsonValues.IsTrue(resource.Attributes["enable_key_rotation"]), resource);
    }
}
