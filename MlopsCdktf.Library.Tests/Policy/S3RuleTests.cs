using HashiCorp.Cdktf.Providers.Aws.DataAwsIamPolicyDocument;
using HashiCorp.Cdktf.Providers.Aws.S3BucketPolicy;
using HashiCorp.Cdktf.Providers.Aws.S3BucketPublicAccessBlock;
using HashiCorp.Cdktf.Providers.Aws.S3BucketServerSideEncryptionConfiguration;
using HashiCorp.Cdktf.Providers.Aws.S3BucketVersioning;
using MlopsCdktf.Aws;
using static MlopsCdktf.Tests.Policy.PolicyHarness;
using S3Bucket = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3Bucket;
using S3BucketConfig = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3BucketConfig;

namespace MlopsCdktf.Tests.Policy;

/// <summary>The S3 rules check the bucket's companion resources, matched by reference or literal name.</summary>
public sealed class S3RuleTests
{
    [Test]
    public void ModelArtifactBucket_complies_with_every_rule()
    {
        var stack = AwsStack();
        _ = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-artifacts" });
        Assert.That(Findings(stack), Is.Empty);
    }

    [Test]
    public void AccessLogBucket_complies_with_every_rule_through_its_log_delivery_grant()
    {
        var stack = AwsStack();
        _ = new AccessLogBucket(stack, "Logs", new AccessLogBucketProps { BucketName = "acme-ml-access-logs" });
        Assert.That(Findings(stack), Is.Empty);
    }

    [Test]
    public void Sse_s3_on_a_bucket_that_is_not_a_log_target_is_a_finding()
    {
        var stack = AwsStack();
        var bucket = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        _ = new S3BucketServerSideEncryptionConfigurationA(stack, "sse", new S3BucketServerSideEncryptionConfigurationAConfig
        {
            Bucket = bucket.Id,
            Rule = new[]
            {
                new S3BucketServerSideEncryptionConfigurationRuleA
                {
                    ApplyServerSideEncryptionByDefault = new S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA { SseAlgorithm = "AES256" },
                },
            },
        });
        Assert.That(Findings(stack), Does.Contain(Line("MLOPS-S3-2", "aws_s3_bucket.raw", "test/raw")));
    }

    [Test]
    public void A_bare_bucket_breaks_all_four_s3_rules()
    {
        var stack = AwsStack();
        _ = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-S3-1", "aws_s3_bucket.raw", "test/raw"),
            Line("MLOPS-S3-2", "aws_s3_bucket.raw", "test/raw"),
            Line("MLOPS-S3-3", "aws_s3_bucket.raw", "test/raw"),
            Line("MLOPS-S3-4", "aws_s3_bucket.raw", "test/raw"),
        }));
    }

    [Test]
    public void Companions_count_by_id_reference_bucket_reference_or_literal_name_and_flags_are_checked()
    {
        var stack = AwsStack();
        var bucket = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        _ = new S3BucketPublicAccessBlock(stack, "pab", new S3BucketPublicAccessBlockConfig
        {
            Bucket = bucket.Bucket,   // ${aws_s3_bucket.raw.bucket}
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = false,
            RestrictPublicBuckets = true,
        });
        _ = new S3BucketServerSideEncryptionConfigurationA(stack, "sse", new S3BucketServerSideEncryptionConfigurationAConfig
        {
            Bucket = "acme-raw",      // literal name
            Rule = new[]
            {
                new S3BucketServerSideEncryptionConfigurationRuleA
                {
                    ApplyServerSideEncryptionByDefault = new S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA { SseAlgorithm = "AES256" },
                },
            },
        });
        _ = new S3BucketVersioningA(stack, "versioning", new S3BucketVersioningAConfig
        {
            Bucket = bucket.Id,       // ${aws_s3_bucket.raw.id}
            VersioningConfiguration = new S3BucketVersioningVersioningConfiguration { Status = "Enabled" },
        });
        var document = new DataAwsIamPolicyDocument(stack, "tls", new DataAwsIamPolicyDocumentConfig
        {
            Statement = new[]
            {
                new DataAwsIamPolicyDocumentStatement
                {
                    Effect = "Deny",
                    Actions = ["s3:*"],
                    Resources = [bucket.Arn, $"{bucket.Arn}/*"],
                    Principals = new[] { new DataAwsIamPolicyDocumentStatementPrincipals { Type = "*", Identifiers = ["*"] } },
                    Condition = new[] { new DataAwsIamPolicyDocumentStatementCondition { Test = "Bool", Variable = "aws:SecureTransport", Values = ["false"] } },
                },
            },
        });
        _ = new S3BucketPolicy(stack, "policy", new S3BucketPolicyConfig { Bucket = bucket.Id, Policy = document.Json });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-S3-1", "aws_s3_bucket.raw", "test/raw", "Not true: ignore_public_acls."),
            Line("MLOPS-S3-2", "aws_s3_bucket.raw", "test/raw"),
        }));
    }

    [Test]
    public void A_literal_json_bucket_policy_is_read_and_must_deny_insecure_transport_to_everyone()
    {
        var stack = AwsStack();
        var bucket = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        _ = new S3BucketPolicy(stack, "policy", new S3BucketPolicyConfig
        {
            Bucket = bucket.Id,
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""",
        });
        var findings = Findings(stack);
        Assert.That(findings, Has.Member(Line("MLOPS-S3-4", "aws_s3_bucket.raw", "test/raw")));

        var everyone = AwsStack();
        var other = new S3Bucket(everyone, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        _ = new S3BucketPolicy(everyone, "policy", new S3BucketPolicyConfig
        {
            Bucket = other.Id,
            Policy = """{"Statement":{"Effect":"Deny","Principal":"*","Action":["s3:*"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}""",
        });
        Assert.That(Findings(everyone).Where(f => f.StartsWith("MLOPS-S3-4", StringComparison.Ordinal)), Is.Empty);
    }

}
