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
        + "on the key, key use is logged in CloudTrail, and revoking the key revokes access. Exception: a bucket whose "
        + "policy lets S3 log delivery (logging.s3.amazonaws.com) write is a server access log target, and log delivery "
        + "supports SSE-S3 (AES256) targets only.";

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var algorithms = Companions(stack, resource, "aws_s3_bucket_server_side_encryption_configuration")
            .SelectMany(c => JsonValues.Blocks(c.Attributes["rule"]))
            .Select(rule => JsonValues.Text(JsonValues.At(rule, "apply_server_side_encryption_by_default.sse_algorithm")))
            .ToList();
        return CompliantIf(
            algorithms.Any(KmsAlgorithms.Contains) || (algorithms.Contains("AES256") && IsAccessLogTarget(stack, resource)),
            resource);
    }

    private static bool IsAccessLogTarget(SynthesizedStack stack, TerraformElement bucket) =>
        Companions(stack, bucket, "aws_s3_bucket_policy")
            .SelectMany(p => IamPolicies.Of(p.Attributes["policy"], stack))
            .Any(s => s.IsAllow && s.Principals.Contains("logging.s3.amazonaws.com") && s.Actions.Contains("s3:PutObject"));
}
