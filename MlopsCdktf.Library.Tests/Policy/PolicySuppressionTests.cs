using Constructs;
using MlopsCdktf.Core;
using MlopsCdktf.Policy;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Policy.PolicyHarness;
using S3Bucket = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3Bucket;
using S3BucketConfig = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3BucketConfig;

namespace MlopsCdktf.Tests.Policy;

/// <summary>Suppressions need a known rule and a reason, cover a construct's subtree, and are reported with the reason.</summary>
public sealed class PolicySuppressionTests
{
    private const string Reason = "Public website bucket, fronted by CloudFront only";

    [Test]
    public void A_suppression_covers_the_construct_and_everything_below_it_only()
    {
        var stack = AwsStack();
        var site = new Construct(stack, "Site");
        _ = new S3Bucket(site, "Assets", new S3BucketConfig { Bucket = "acme-assets" });
        _ = new S3Bucket(stack, "Other", new S3BucketConfig { Bucket = "acme-other" });
        PolicySuppressions.Suppress(site, "MLOPS-S3-1", Reason);

        var report = PolicyPack.Default.Evaluate(stack);

        Assert.That(report.Suppressed.Select(s => (s.Finding.RuleId, s.Finding.ConstructPath, s.Suppression.ConstructPath, s.Suppression.Reason)),
            Is.EqualTo(new[] { ("MLOPS-S3-1", "test/Site/Assets", "test/Site", Reason) }));
        Assert.That(report.Findings.Where(f => f.RuleId == "MLOPS-S3-1").Select(f => f.ConstructPath), Is.EqualTo(new[] { "test/Other" }));
        Assert.That(report.Findings.Where(f => f.ConstructPath == "test/Site/Assets").Select(f => f.RuleId),
            Is.EqualTo(new[] { "MLOPS-S3-2", "MLOPS-S3-3", "MLOPS-S3-4" }), "other rules still apply");
    }

    [TestCase("")]
    [TestCase("too short")]
    [TestCase("   short    ")]
    public void A_reason_under_10_characters_is_rejected_naming_the_construct(string reason)
    {
        var stack = AwsStack();
        var bucket = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });

        var error = Assert.Throws<ConstructInputException>(() => PolicySuppressions.Suppress(bucket, "MLOPS-S3-1", reason))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/raw"));
        Assert.That(error.Message, Is.EqualTo(
            "Invalid S3Bucket at path [test/raw]:" + Environment.NewLine
            + $"  - Policy suppression reason for MLOPS-S3-1 was \"{reason}\": must explain in at least 10 characters why the finding is acceptable."));
        Assert.That(PolicySuppressions.Of(stack), Is.Empty, "nothing is recorded");
    }

    [Test]
    public void An_unknown_rule_id_is_rejected()
    {
        var stack = AwsStack();
        var error = Assert.Throws<ConstructInputException>(() => PolicySuppressions.Suppress(stack, "MLOPS-S3-99", Reason))!;
        Assert.That(error.Message, Does.StartWith("Invalid TerraformStack at path [test]:"));
        Assert.That(error.Problems.Single(), Does.StartWith("Policy suppression rule id was \"MLOPS-S3-99\": must be one of the pack's rules (MLOPS-S3-1, "));
    }

    [Test]
    public void Suppressions_are_recorded_in_the_tree_but_never_written_into_the_terraform_json()
    {
        var stack = AwsStack();
        var bucket = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        PolicySuppressions.Suppress(bucket, "MLOPS-S3-3", "Scratch data, recreated by every pipeline run");

        Assert.That(PolicySuppressions.Of(stack), Is.EqualTo(new[]
        {
            new PolicySuppression("test/raw", "MLOPS-S3-3", "Scratch data, recreated by every pipeline run"),
        }));
        Assert.That(SynthHarness.Synth(stack).Root.ToJsonString(), Does.Not.Contain("policy-suppression").And.Not.Contain("Scratch data"));
    }

    [Test]
    public void Suppressed_findings_are_listed_with_their_reason_in_the_report_text()
    {
        var stack = AwsStack();
        var bucket = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        foreach (var id in new[] { "MLOPS-S3-1", "MLOPS-S3-2", "MLOPS-S3-3", "MLOPS-S3-4" })
        {
            PolicySuppressions.Suppress(bucket, id, Reason);
        }

        var output = new StringWriter();
        Assert.That(PolicyGate.Check([stack], output), Is.True);
        Assert.That(output.ToString(), Does.Contain("[Suppressed Error] MLOPS-S3-1 at test/raw (aws_s3_bucket.raw)")
            .And.Contain($"Suppressed at test/raw: {Reason}"));
    }
}
