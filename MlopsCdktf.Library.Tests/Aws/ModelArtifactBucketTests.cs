using System.Text.Json.Nodes;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>The secure defaults of <see cref="ModelArtifactBucket"/>, read back from the synthesized JSON.</summary>
public sealed class ModelArtifactBucketTests
{
    private const string Name = "acme-ml-test-artifacts";

    private static TerraformJson SynthBucket(ModelArtifactBucketProps? props = null) =>
        SynthHarness.Aws(stack => new ModelArtifactBucket(stack, "Artifacts", props ?? new ModelArtifactBucketProps { BucketName = Name }));

    [Test]
    public void Bucket_is_named_and_protected_from_destroy_by_default()
    {
        var bucket = SynthBucket().Single("aws_s3_bucket");

        Assert.That(bucket["bucket"]!.GetValue<string>(), Is.EqualTo(Name));
        Assert.That(bucket["force_destroy"]!.GetValue<bool>(), Is.False);
        Assert.That(bucket["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
        Assert.That(bucket["acl"], Is.Null, "ACLs are disabled; no inline acl");
        Assert.That(bucket["versioning"], Is.Null, "provider 6.x: versioning is its own resource");
    }

    [Test]
    public void Versioning_is_enabled()
    {
        var versioning = SynthBucket().Single("aws_s3_bucket_versioning");
        Assert.That(versioning["versioning_configuration"]!["status"]!.GetValue<string>(), Is.EqualTo("Enabled"));
    }

    [Test]
    public void Objects_are_encrypted_with_a_created_rotating_customer_key_and_a_bucket_key()
    {
        var json = SynthBucket();
        var key = json.Single("aws_kms_key");
        Assert.That(key["enable_key_rotation"]!.GetValue<bool>(), Is.True);
        Assert.That(key["deletion_window_in_days"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(key["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
        Assert.That(json.Single("aws_kms_alias")["name"]!.GetValue<string>(), Is.EqualTo($"alias/{Name}"));

        var rule = json.Single("aws_s3_bucket_server_side_encryption_configuration")["rule"]!.AsArray().Single()!;
        Assert.That(rule["bucket_key_enabled"]!.GetValue<bool>(), Is.True);
        var byDefault = rule["apply_server_side_encryption_by_default"]!;
        Assert.That(byDefault["sse_algorithm"]!.GetValue<string>(), Is.EqualTo("aws:kms"));
        Assert.That(byDefault["kms_master_key_id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
    }

    [Test]
    public void A_passed_in_key_is_used_and_no_key_is_created()
    {
        const string keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var json = SynthBucket(new ModelArtifactBucketProps { BucketName = Name, KmsKeyArn = keyArn });

        Assert.That(json.Resources("aws_kms_key"), Is.Empty);
        var rule = json.Single("aws_s3_bucket_server_side_encryption_configuration")["rule"]![0]!;
        Assert.That(rule["apply_server_side_encryption_by_default"]!["kms_master_key_id"]!.GetValue<string>(), Is.EqualTo(keyArn));
    }

    [Test]
    public void All_public_access_is_blocked_and_acls_are_disabled()
    {
        var json = SynthBucket();
        var block = json.Single("aws_s3_bucket_public_access_block");
        foreach (var flag in new[] { "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets" })
        {
            Assert.That(block[flag]!.GetValue<bool>(), Is.True, flag);
        }

        var ownership = json.Single("aws_s3_bucket_ownership_controls");
        Assert.That(ownership["rule"]!["object_ownership"]!.GetValue<string>(), Is.EqualTo("BucketOwnerEnforced"));
    }

    [Test]
    public void Bucket_policy_denies_requests_without_tls_and_with_tls_older_than_1_2()
    {
        var json = SynthBucket();
        var policy = json.Single("aws_s3_bucket_policy");
        var document = json.DataSources("aws_iam_policy_document").Values.Single(d => policy["policy"]!.GetValue<string>() == json.Reference("aws_iam_policy_document", d, "json"));
        Assert.That(TerraformJson.ConstructPath(document), Does.Not.EndWith("/KeyPolicy"), "the bucket policy, not the key policy");
        Assert.That(policy["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()), Has.Some.StartWith("aws_s3_bucket_public_access_block."));

        var statements = document["statement"]!.AsArray().Select(s => s!.AsObject()).ToDictionary(s => s["sid"]!.GetValue<string>());
        var insecure = statements["DenyInsecureTransport"];
        Assert.That(insecure["effect"]!.GetValue<string>(), Is.EqualTo("Deny"));
        Assert.That(insecure["actions"]![0]!.GetValue<string>(), Is.EqualTo("s3:*"));
        Assert.That(insecure["principals"]![0]!["identifiers"]![0]!.GetValue<string>(), Is.EqualTo("*"));
        Assert.That(Condition(insecure), Is.EqualTo(("Bool", "aws:SecureTransport", "false")));
        Assert.That(insecure["resources"]!.AsArray(), Has.Count.EqualTo(2), "bucket and objects");

        var oldTls = statements["DenyOutdatedTls"];
        Assert.That(oldTls["effect"]!.GetValue<string>(), Is.EqualTo("Deny"));
        Assert.That(Condition(oldTls), Is.EqualTo(("NumericLessThan", "s3:TlsVersion", "1.2")));
    }

    [Test]
    public void Lifecycle_aborts_uploads_expires_noncurrent_versions_and_tiers_models_by_default()
    {
        var lifecycle = SynthBucket().Single("aws_s3_bucket_lifecycle_configuration");
        var rules = lifecycle["rule"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["id"]!.GetValue<string>());

        Assert.That(rules.Values.Select(r => r["status"]!.GetValue<string>()), Is.All.EqualTo("Enabled"));
        Assert.That(rules["abort-incomplete-multipart-uploads"]["abort_incomplete_multipart_upload"]![0]!["days_after_initiation"]!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(rules["expire-noncurrent-versions"]["noncurrent_version_expiration"]![0]!["noncurrent_days"]!.GetValue<int>(), Is.EqualTo(90));

        var tier = rules["tier-models"];
        Assert.That(tier["filter"]![0]!["prefix"]!.GetValue<string>(), Is.EqualTo("models/"));
        var transitions = tier["transition"]!.AsArray().Select(t => (t!["storage_class"]!.GetValue<string>(), t["days"]!.GetValue<int>()));
        Assert.That(transitions, Is.EqualTo(new[] { ("STANDARD_IA", 30), ("GLACIER_IR", 90) }));
        Assert.That(lifecycle["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()), Has.Some.StartWith("aws_s3_bucket_versioning."));
    }

    [Test]
    public void Lifecycle_is_configurable_and_tiering_can_be_disabled()
    {
        var lifecycle = SynthBucket(new ModelArtifactBucketProps
        {
            BucketName = Name,
            Lifecycle = new ModelArtifactLifecycle
            {
                AbortIncompleteMultipartUploadDays = 2,
                NoncurrentVersionExpirationDays = 400,
                InfrequentAccessAfterDays = null,
                GlacierInstantRetrievalAfterDays = null,
            },
        }).Single("aws_s3_bucket_lifecycle_configuration");

        var ids = lifecycle["rule"]!.AsArray().Select(r => r!["id"]!.GetValue<string>());
        Assert.That(ids, Is.EquivalentTo(new[] { "abort-incomplete-multipart-uploads", "expire-noncurrent-versions" }));
        Assert.That(lifecycle["rule"]![1]!["noncurrent_version_expiration"]![0]!["noncurrent_days"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(lifecycle["rule"]![0]!["abort_incomplete_multipart_upload"]![0]!["days_after_initiation"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [TestCase(DeletionPolicy.ForceDestroy, true, false)]
    [TestCase(DeletionPolicy.DestroyIfEmpty, false, false)]
    [TestCase(DeletionPolicy.PreventDestroy, false, true)]
    public void Deletion_policy_maps_to_force_destroy_and_prevent_destroy(DeletionPolicy policy, bool forceDestroy, bool preventDestroy)
    {
        var bucket = SynthBucket(new ModelArtifactBucketProps { BucketName = Name, DeletionPolicy = policy }).Single("aws_s3_bucket");

        Assert.That(bucket["force_destroy"]!.GetValue<bool>(), Is.EqualTo(forceDestroy));
        Assert.That(bucket["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false, Is.EqualTo(preventDestroy));
    }

    [Test]
    public void Access_logging_is_off_by_default_and_targets_the_given_bucket_when_set()
    {
        Assert.That(SynthBucket().Resources("aws_s3_bucket_logging"), Is.Empty);

        var logging = SynthBucket(new ModelArtifactBucketProps
        {
            BucketName = Name,
            AccessLogs = new AccessLogTarget { BucketName = "acme-access-logs", Prefix = "artifacts/" },
        }).Single("aws_s3_bucket_logging");
        Assert.That(logging["target_bucket"]!.GetValue<string>(), Is.EqualTo("acme-access-logs"));
        Assert.That(logging["target_prefix"]!.GetValue<string>(), Is.EqualTo("artifacts/"));
    }

    [Test]
    public void Tags_reach_the_bucket_and_the_key()
    {
        var json = SynthBucket(new ModelArtifactBucketProps
        {
            BucketName = Name,
            Tags = new Dictionary<string, string> { ["DataClassification"] = "confidential" },
        });

        Assert.That(json.Single("aws_s3_bucket")["tags"]!["DataClassification"]!.GetValue<string>(), Is.EqualTo("confidential"));
        Assert.That(json.Single("aws_kms_key")["tags"]!["DataClassification"]!.GetValue<string>(), Is.EqualTo("confidential"));
    }

    private static (string, string, string) Condition(JsonObject statement)
    {
        var c = statement["condition"]!.AsArray().Single()!;
        return (c["test"]!.GetValue<string>(), c["variable"]!.GetValue<string>(), c["values"]![0]!.GetValue<string>());
    }
}
