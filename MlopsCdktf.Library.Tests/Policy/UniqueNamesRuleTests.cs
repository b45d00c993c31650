using MlopsCdktf.Aws;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Aws;
using MlopsCdktf.Tests.Support;
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

    [Test]
    public void A_read_and_a_create_grant_on_one_literal_bucket_are_not_a_collision()
    {
        var stack = SynthHarness.StackWithEveryProvider();
        _ = new WorkloadIdentityAccount(stack, "Trainer", new WorkloadIdentityAccountProps
        {
            Name = "churn-trainer",
            Namespace = "ml-models",
            ProjectId = "acme-ml-test",
            ReadBuckets = ["acme-ml-registry"],
            WriteBuckets = ["acme-ml-registry"],
        });

        Assert.That(Findings(stack).Where(f => f.StartsWith("MLOPS-NAME-1", StringComparison.Ordinal)), Is.Empty,
            "a google_storage_bucket_iam_member's bucket names the bucket it grants on, not the grant");
    }

    [Test]
    public void Two_gcs_buckets_with_one_name_are_still_findings()
    {
        var stack = SynthHarness.StackWithEveryProvider();
        _ = new ModelRegistryBucket(stack, "A", new ModelRegistryBucketProps { BucketName = "acme-ml-model-registry", Location = "europe-west4" });
        _ = new ModelRegistryBucket(stack, "B", new ModelRegistryBucketProps { BucketName = "acme-ml-model-registry", Location = "europe-west4" });

        var findings = Findings(stack).Where(f => f.StartsWith("MLOPS-NAME-1", StringComparison.Ordinal)).ToList();
        Assert.That(findings, Has.Some.Contains("google_storage_bucket.A_Bucket").And.Some.Contains("google_storage_bucket.B_Bucket"));
    }
}
