using MlopsCdktf.Aws;
using MlopsCdktf.Tests.Aws;
using static MlopsCdktf.Tests.Policy.PolicyHarness;

namespace MlopsCdktf.Tests.Policy;

/// <summary>MLOPS-NAME-1: resources that would collide in the cloud are caught before synthesis.</summary>
public sealed class UniqueNamesRuleTests
{
    [Test]
    public void Two_buckets_with_one_name_are_both_findings()
    {
        var stack = AwsStack();
        _ = new ModelArtifactBucket(stack, "A", new ModelArtifactBucketProps { BucketName = "acme-ml-artifacts" });
        _ = new ModelArtifactBucket(stack, "B", new ModelArtifactBucketProps { BucketName = "acme-ml-artifacts" });

        var findings = Findings(stack).Where(f => f.StartsWith("MLOPS-NAME-1", StringComparison.Ordinal)).ToList();

        Assert.That(findings, Has.Count.EqualTo(4), "the buckets and, named after them, the KMS aliases");
        Assert.That(findings, Has.Some.Contains("aws_s3_bucket.A_Bucket").And.Some.Contains("aws_s3_bucket.B_Bucket"));
    }

    [Test]
    public void Endpoints_whose_names_differ_only_after_the_role_name_limit_would_share_a_role()
    {
        var stack = AwsStack();
        var common = new string('a', 56);
        var one = SageMakerEndpointTests.Props(stack, p => p with { EndpointName = common + "-one" });
        _ = new SageMakerEndpoint(stack, "One", one);
        _ = new SageMakerEndpoint(stack, "Two", one with { EndpointName = common + "-two" });

        Assert.That(Findings(stack), Has.Some.StartWith("MLOPS-NAME-1").And.Some.Contains("aws_iam_role.One_ExecutionRole"));
    }
}
