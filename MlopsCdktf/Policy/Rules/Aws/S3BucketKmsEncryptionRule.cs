using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-S3-2: every bucket's default encryption is SSE-KMS.</summary>
public sealed class S3BucketKmsEncryptionRule : S3BucketRule
{
    private static readonly string[] KmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

    /// <inheritdoc />
    public override string Id => "MLOPS-S3-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info =>
        "The S3 bucket has no aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms.";

    /// <inheritdoc />
    public override string Explanation =>
        "SSE-S3 (the AWS default) lets anyone with s3:GetObject read the data; with SSE-KMS reads also need kms:Decrypt "
        + "on the key, key use is logged in CloudTrail, and revoking the key revokes access.";

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(
            Companions(stack, resource, "aws_s3_bucket_server_side_encryption_configuration")
                .SelectMany(c => JsonValues.Blocks(c.Attributes["rule"]))
                .Select(rule => JsonValues.Text(JsonValues.At(rule, "apply_server_side_encryption_by_default.sse_algorithm")))
                .Any(algorithm => KmsAlgorithms.Contains(algorithm)),
            resource);
}
