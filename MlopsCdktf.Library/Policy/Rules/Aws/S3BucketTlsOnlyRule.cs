using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-S3-4: every bucket has a policy denying requests without TLS (<c>aws:SecureTransport = false</c>).</summary>
public sealed class S3BucketTlsOnlyRule : S3BucketRule
{
    private static readonly string[] CoveringActions = ["s3:*", "*"];
    private static readonly string[] BoolTests = ["Bool", "BoolIfExists"];

    /// <inheritdoc />
    public override string Id => "MLOPS-S3-4";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info =>
        "The S3 bucket has no bucket policy statement denying s3:* to everyone when aws:SecureTransport is false.";

    /// <inheritdoc />
    public override string Explanation =>
        "S3 accepts plain HTTP by default, so credentials' signed requests and object contents can cross the network "
        + "unencrypted; only a Deny on aws:SecureTransport=false for every principal makes TLS mandatory.";

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(
            Companions(stack, resource, "aws_s3_bucket_policy")
                .SelectMany(p => IamPolicies.Of(p.Attributes["policy"], stack))
                .Any(DeniesInsecureTransport),
            resource);

    private static bool DeniesInsecureTransport(IamStatement s) =>
        !s.IsAllow
        && s.Actions.Any(CoveringActions.Contains)
        && s.Principals.Contains("*")
        && s.Conditions.Any(c => BoolTests.Contains(c.Test) && c.Variable == "aws:SecureTransport" && c.Values.Contains("false"));
}
