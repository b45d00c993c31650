using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-S3-1: every bucket has a public access block with all four flags on.</summary>
public sealed class S3BucketPublicAccessBlockRule : S3BucketRule
{
    private static readonly string[] Flags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

    /// <inheritdoc />
    public override string Id => "MLOPS-S3-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The S3 bucket has no aws_s3_bucket_public_access_block with all four flags true.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without all four flags a bucket policy or ACL can make models, training data or captured requests public; "
        + "block_public_acls, ignore_public_acls, block_public_policy and restrict_public_buckets close every path.";

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var blocks = Companions(stack, resource, "aws_s3_bucket_public_access_block").ToList();
        if (blocks.Count == 0)
        {
            return NonCompliant(resource);
        }

        var missing = Flags.Where(flag => !blocks.Any(b => JsonValues.IsTrue(b.Attributes[flag]))).ToList();
        return CompliantIf(missing.Count == 0, resource, $"Not true: {string.Join(", ", missing)}.");
    }
}
