using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// Where an AWS stack runs, compared with the ARNs and URLs its constructs are given: a KMS key, SNS topic or ECR image of
/// another region (or partition) than the bucket, alarm, model or instance that uses it is refused at apply (KMS keys,
/// topics and SageMaker images are regional; partitions never mix). The stack's region is its default <c>aws</c>
/// provider's <c>region</c> when written literally; Terraform references (<c>${...}</c>) cannot be compared and are accepted.
/// </summary>
internal static class AwsRegionRules
{
    /// <summary>The literal region of the stack's default AWS provider (the one without alias), or null when unknown.</summary>
    public static string? StackRegion(IConstruct scope)
    {
        TerraformStack stack;
        try
        {
            stack = TerraformStack.Of(scope);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }

        var provider = stack.Node.Children.OfType<AwsProvider>().FirstOrDefault(p => p.Alias is null);
        var region = provider?.Region;
        return region is null || InputValidator.IsUnresolved(region) || !CloudRegions.Aws.Contains(region) ? null : region;
    }

    /// <summary>
    /// Requires a literal ARN (<c>arn:&lt;partition&gt;:&lt;service&gt;:&lt;region&gt;:…</c>) to name a known region, the partition
    /// of that region, and the stack's region; <paramref name="consumer"/> says what uses it (e.g. "the bucket").
    /// References and ARNs without a region are skipped.
    /// </summary>
    public static InputValidator ValidateArnRegion(this InputValidator validator, IConstruct scope, string? arn, string property, string consumer) =>
        validator.ValidateAwsArnRegion(arn, property, StackRegion(scope), $"the stack's AWS provider (and {consumer})");

    /// <summary>
    /// Requires a literal ECR host (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.&lt;dns suffix&gt;</c>) to name a known region whose
    /// DNS suffix matches its partition and, when <paramref name="sameRegion"/>, the stack's region (SageMaker pulls images only
    /// from its own region); any other region must at least be of the stack's partition.
    /// </summary>
    public static InputValidator ValidateEcrRegion(this InputValidator validator, IConstruct scope, string? url, string property, string consumer,
        bool sameRegion)
    {
        if (url is null || InputValidator.IsUnresolved(url) || url.Split('/')[0].Split('.') is not [_, "dkr", var ecr, var region, .. var suffix]
            || !ecr.StartsWith("ecr", StringComparison.Ordinal))
        {
            return validator;
        }

        var partition = string.Join('.', suffix) switch
        {
            "amazonaws.com.cn" => "aws-cn",
            _ => region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws",
        };
        return CloudRegions.CompareAwsRegion(validator, url, property, "an ECR registry", region, partition, StackRegion(scope),
            $"the stack's AWS provider (and {consumer})", sameRegion);
    }
}
