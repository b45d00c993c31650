using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>
/// Base of rules checking an <c>aws_s3_bucket</c> through the companion resources that configure it
/// (<c>aws_s3_bucket_versioning</c>, ...), matched as Terraform would: <c>bucket</c> references the bucket's <c>id</c>
/// or <c>bucket</c>, or equals its literal name.
/// </summary>
public abstract class S3BucketRule : ResourceRule
{
    private static readonly string[] BucketAttributes = ["id", "bucket"];

    /// <inheritdoc />
    protected sealed override IReadOnlyList<string> ResourceTypes { get; } = ["aws_s3_bucket"];

    /// <summary>The resources of <paramref name="companionType"/> whose <c>bucket</c> is <paramref name="bucket"/>.</summary>
    protected static IEnumerable<TerraformElement> Companions(SynthesizedStack stack, TerraformElement bucket, string companionType) =>
        stack.Resources(companionType)
            .Where(c => SynthesizedStack.Designates(c.Attributes["bucket"], bucket, BucketAttributes, literalAttribute: "bucket"));
}
