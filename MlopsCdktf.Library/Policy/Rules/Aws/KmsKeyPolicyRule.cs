using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>
/// MLOPS-KMS-2: a customer managed key has an explicit key policy, and no statement of it allows anyone (<c>*</c>)
/// without a condition.
/// </summary>
public sealed class KmsKeyPolicyRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-KMS-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The KMS key has no explicit key policy, or its policy allows any principal without a condition.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without a policy a key runs on AWS's default key policy: every principal of the account whose IAM policies allow "
        + "it may both use and administer the key, through any service or directly. Give the key a policy naming the account "
        + "root for administration and the services that use it (kms:ViaService, service principals with conditions).";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_kms_key"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var policy = resource.Attributes["policy"];
        if (JsonValues.Text(policy) is not { Length: > 0 })
        {
            return NonCompliant(resource, "It sets no policy.");
        }

        var open = IamPolicies.Of(policy, stack)
            .Where(s => s.IsAllow && s.Principals.Contains("*") && s.Conditions.Count == 0)
            .Select(s => s.Label)
            .ToList();
        return CompliantIf(open.Count == 0, resource, $"Statement(s) {string.Join(", ", open)} allow any principal without a condition.");
    }
}
