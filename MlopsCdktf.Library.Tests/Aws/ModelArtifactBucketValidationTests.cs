using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>Every validation of <see cref="ModelArtifactBucket"/> fails at synth time with the path, property, value and rule.</summary>
public sealed class ModelArtifactBucketValidationTests
{
    private static ConstructInputException Reject(ModelArtifactBucketProps props)
    {
        var stack = SynthHarness.BareStack();
        var error = Assert.Throws<ConstructInputException>(() => _ = new ModelArtifactBucket(stack, "Artifacts", props))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Artifacts"));
        Assert.That(error.Message, Does.StartWith("Invalid ModelArtifactBucket at path [test/Artifacts]:"));
        return error;
    }

    private static ModelArtifactBucketProps Valid => new() { BucketName = "acme-ml-artifacts" };

    [TestCase("ab", "must be 3 to 63 characters long (is 2)")]
    [TestCase("Acme_Artifacts", "may contain only lowercase letters, digits, hyphens (-) and dots (.)")]
    [TestCase("-acme-artifacts", "must begin and end with a lowercase letter or digit")]
    [TestCase("acme..artifacts", "must not contain two adjacent dots")]
    [TestCase("192.168.5.4", "must not be formatted as an IP address")]
    [TestCase("xn--acme-artifacts", "must not start with the reserved prefix 'xn--'")]
    [TestCase("sthree-artifacts", "must not start with the reserved prefix 'sthree-'")]
    [TestCase("acme-artifacts-s3alias", "must not end with the reserved suffix '-s3alias'")]
    [TestCase("acme-artifacts--ol-s3", "must not end with the reserved suffix '--ol-s3'")]
    public void Bucket_names_breaking_s3_rules_are_rejected(string name, string rule)
    {
        var error = Reject(Valid with { BucketName = name });
        Assert.That(error.Problems, Has.Member($"BucketName was \"{name}\": {rule}."));
    }

    [Test]
    public void A_name_of_64_characters_is_rejected_and_63_accepted()
    {
        var error = Reject(Valid with { BucketName = new string('a', 64) });
        Assert.That(error.Problems.Single(), Does.EndWith("must be 3 to 63 characters long (is 64)."));
        Assert.DoesNotThrow(() => _ = new ModelArtifactBucket(SynthHarness.BareStack(), "Artifacts", Valid with { BucketName = new string('a', 63) }));
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var error = Reject(Valid with
        {
            BucketName = "Bad_Name",
            Lifecycle = new ModelArtifactLifecycle { InfrequentAccessAfterDays = 10, NoncurrentVersionExpirationDays = 0 },
            Tags = new Dictionary<string, string> { ["Owner"] = "" },
        });
        Assert.That(error.Problems, Has.Count.GreaterThanOrEqualTo(4));
    }

    [Test]
    public void Infrequent_access_earlier_than_30_days_is_rejected()
    {
        var error = Reject(Valid with { Lifecycle = new ModelArtifactLifecycle { InfrequentAccessAfterDays = 29 } });
        Assert.That(error.Problems.Single(), Is.EqualTo(
            "Lifecycle.InfrequentAccessAfterDays was 29: S3 requires at least 30 days before a STANDARD_IA transition (or null to disable it)."));
    }

    [TestCase(60, 60)]
    [TestCase(60, 45)]
    [TestCase(60, 89)]
    public void Glacier_instant_retrieval_less_than_30_days_after_infrequent_access_is_rejected(int ia, int glacier)
    {
        var error = Reject(Valid with { Lifecycle = new ModelArtifactLifecycle { InfrequentAccessAfterDays = ia, GlacierInstantRetrievalAfterDays = glacier } });
        Assert.That(error.Problems.Single(), Is.EqualTo(
            $"Lifecycle.GlacierInstantRetrievalAfterDays was {glacier}: must be at least {ia + 30}: S3 keeps objects 30 days in STANDARD_IA (from day {ia}) before they move to GLACIER_IR."));
    }

    [Test]
    public void Glacier_instant_retrieval_30_days_after_infrequent_access_is_accepted() =>
        Assert.DoesNotThrow(() => _ = new ModelArtifactBucket(SynthHarness.BareStack(), "Artifacts",
            Valid with { Lifecycle = new ModelArtifactLifecycle { InfrequentAccessAfterDays = 60, GlacierInstantRetrievalAfterDays = 90 } }));

    [Test]
    public void Glacier_instant_retrieval_alone_may_come_early_but_not_before_day_one()
    {
        Assert.DoesNotThrow(() => _ = new ModelArtifactBucket(SynthHarness.BareStack(), "Artifacts",
            Valid with { Lifecycle = new ModelArtifactLifecycle { InfrequentAccessAfterDays = null, GlacierInstantRetrievalAfterDays = 5 } }));
        var error = Reject(Valid with { Lifecycle = new ModelArtifactLifecycle { InfrequentAccessAfterDays = null, GlacierInstantRetrievalAfterDays = 0 } });
        Assert.That(error.Problems.Single(), Is.EqualTo("Lifecycle.GlacierInstantRetrievalAfterDays was 0: must be at least 1 day (or null to disable it)."));
    }

    [Test]
    public void Non_positive_multipart_and_noncurrent_days_are_rejected()
    {
        var error = Reject(Valid with { Lifecycle = new ModelArtifactLifecycle { AbortIncompleteMultipartUploadDays = 0, NoncurrentVersionExpirationDays = -1 } });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Lifecycle.AbortIncompleteMultipartUploadDays was 0: must be at least 1 day.",
            "Lifecycle.NoncurrentVersionExpirationDays was -1: must be at least 1 day.",
        }));
    }

    [TestCase("models")]
    [TestCase("/models/")]
    [TestCase("")]
    public void Malformed_models_prefix_is_rejected(string prefix)
    {
        var error = Reject(Valid with { Lifecycle = new ModelArtifactLifecycle { ModelsPrefix = prefix } });
        Assert.That(error.Problems.Single(), Does.StartWith($"Lifecycle.ModelsPrefix was \"{prefix}\": must be non-empty, end with '/'"));
    }

    [TestCase("", "Tags key was \"\": tag keys must not be empty.")]
    [TestCase("aws:owner", "Tags key was \"aws:owner\": the 'aws:' prefix is reserved for AWS.")]
    public void Bad_tag_keys_are_rejected(string key, string expected)
    {
        var error = Reject(Valid with { Tags = new Dictionary<string, string> { [key] = "x" } });
        Assert.That(error.Problems, Has.Member(expected));
    }

    [Test]
    public void Empty_and_oversized_tag_values_are_rejected()
    {
        var error = Reject(Valid with { Tags = new Dictionary<string, string> { ["Owner"] = " ", ["Team"] = new string('t', 257) } });
        Assert.That(error.Problems, Has.Member("Tags[\"Owner\"] was \" \": tag values must not be empty."));
        Assert.That(error.Problems, Has.Some.StartsWith("Tags[\"Team\"] was \"ttt").And.Some.EndsWith("tag values must be at most 256 characters."));
    }

    [TestCase(6)]
    [TestCase(31)]
    public void Key_deletion_window_outside_7_to_30_days_is_rejected(int days)
    {
        var error = Reject(Valid with { KeyDeletionWindowDays = days });
        Assert.That(error.Problems.Single(), Is.EqualTo($"KeyDeletionWindowDays was {days}: must be between 7 and 30 days."));
    }

    [Test]
    public void A_kms_key_that_is_not_an_arn_is_rejected()
    {
        var error = Reject(Valid with { KmsKeyArn = "alias/my-key" });
        Assert.That(error.Problems.Single(), Does.StartWith("KmsKeyArn was \"alias/my-key\": must be a KMS key ARN"));
    }

    [Test]
    public void Access_logs_to_the_bucket_itself_or_without_a_slash_prefix_are_rejected()
    {
        var error = Reject(Valid with { AccessLogs = new AccessLogTarget { BucketName = Valid.BucketName, Prefix = "logs" } });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "AccessLogs.BucketName was \"acme-ml-artifacts\": must differ from BucketName: a bucket logging to itself logs its own log writes forever.",
            "AccessLogs.Prefix was \"logs\": must be non-empty and end with '/'.",
        }));
    }

    [Test]
    public void Undefined_deletion_policy_values_are_rejected()
    {
        var error = Reject(Valid with { DeletionPolicy = (DeletionPolicy)42 });
        Assert.That(error.Problems.Single(), Is.EqualTo("DeletionPolicy was 42: must be one of PreventDestroy, DestroyIfEmpty, ForceDestroy."));
    }
}
