using System.Text.Json.Nodes;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>Defaults and validation of <see cref="ModelRegistryBucket"/> and of <see cref="GcpLabels"/>.</summary>
public sealed class ModelRegistryBucketTests
{
    private static JsonObject Synth(ModelRegistryBucketProps? props = null) =>
        SynthHarness.Gcp(stack => new ModelRegistryBucket(stack, "Registry", props ?? Registry)).Single("google_storage_bucket");

    private static IReadOnlyList<string> RejectBucket(ModelRegistryBucketProps props)
    {
        var error = Reject<ModelRegistryBucket>(stack => _ = new ModelRegistryBucket(stack, "Registry", props));
        Assert.That(error.ConstructPath, Is.EqualTo("test/Registry"));
        return error.Problems;
    }

    [Test]
    public void Bucket_is_private_versioned_soft_deleting_and_protected_by_default()
    {
        var bucket = Synth();
        Assert.That(bucket["name"]!.GetValue<string>(), Is.EqualTo("acme-ml-model-registry"));
        Assert.That(bucket["uniform_bucket_level_access"]!.GetValue<bool>(), Is.True);
        Assert.That(bucket["public_access_prevention"]!.GetValue<string>(), Is.EqualTo("enforced"));
        Assert.That(bucket["versioning"]!["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(bucket["soft_delete_policy"]!["retention_duration_seconds"]!.GetValue<int>(), Is.EqualTo(7 * 86_400));
        Assert.That(bucket["force_destroy"]!.GetValue<bool>(), Is.False);
        Assert.That(bucket["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
        Assert.That(bucket["encryption"], Is.Null);
    }

    [Test]
    public void Noncurrent_versions_are_deleted_by_count_and_age_and_stale_uploads_aborted()
    {
        var rules = Synth(Registry with { NoncurrentVersions = new NoncurrentVersionRetention { KeepNewerVersions = 3, DeleteAfterDays = 30 } })["lifecycle_rule"]!.AsArray();
        Assert.That(rules, Has.Count.EqualTo(3));
        Assert.That(rules[0]!["action"]!["type"]!.GetValue<string>(), Is.EqualTo("Delete"));
        Assert.That(rules[0]!["condition"]!["num_newer_versions"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(rules[0]!["condition"]!["with_state"]!.GetValue<string>(), Is.EqualTo("ARCHIVED"));
        Assert.That(rules[1]!["condition"]!["days_since_noncurrent_time"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(rules[2]!["action"]!["type"]!.GetValue<string>(), Is.EqualTo("AbortIncompleteMultipartUpload"));
        Assert.That(rules[2]!["condition"]!["age"]!.GetValue<int>(), Is.EqualTo(7));
    }

    [TestCase(DeletionPolicy.ForceDestroy, true, false)]
    [TestCase(DeletionPolicy.DestroyIfEmpty, false, false)]
    [TestCase(DeletionPolicy.PreventDestroy, false, true)]
    public void Deletion_policy_maps_to_force_destroy_and_prevent_destroy(DeletionPolicy policy, bool force, bool prevent)
    {
        var bucket = Synth(Registry with { DeletionPolicy = policy });
        Assert.That(bucket["force_destroy"]!.GetValue<bool>(), Is.EqualTo(force));
        Assert.That(bucket["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false, Is.EqualTo(prevent));
    }

    [Test]
    public void Cmek_and_labels_are_applied()
    {
        const string key = "projects/acme-ml-test/locations/europe-west4/keyRings/ml/cryptoKeys/registry";
        var bucket = Synth(Registry with { KmsKeyName = key, Labels = new Dictionary<string, string> { ["team"] = "ml-platform" } });
        Assert.That(bucket["encryption"]!["default_kms_key_name"]!.GetValue<string>(), Is.EqualTo(key));
        Assert.That(bucket["labels"]!["team"]!.GetValue<string>(), Is.EqualTo("ml-platform"));
    }

    [TestCase("ab", "must be 3 to 63 characters long (is 2)")]
    [TestCase("Acme-Registry", "may contain only lowercase letters, digits, hyphens (-), underscores (_) and dots (.)")]
    [TestCase("_acme-registry", "must begin and end with a lowercase letter or digit")]
    [TestCase("goog-models", "must not start with the reserved prefix 'goog'")]
    [TestCase("acme-google-models", "must not contain 'google' or a close misspelling of it (e.g. g00gle, goog1e)")]
    [TestCase("acme-g00gle-models", "must not contain 'google' or a close misspelling of it (e.g. g00gle, goog1e)")]
    [TestCase("models.acme.example", "must not contain dots: a dotted name is a domain name, which Cloud Storage accepts only after you verify owning the domain")]
    [TestCase("192.168.5.4", "must not be formatted as an IP address")]
    public void Bucket_names_breaking_gcs_rules_are_rejected(string name, string rule) =>
        Assert.That(RejectBucket(Registry with { BucketName = name }), Has.Member($"BucketName was \"{name}\": {rule}."));

    [TestCase("Team", "ml", "Labels key was \"Team\": label keys must be 1 to 63 characters, start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'.")]
    [TestCase("1team", "ml", "Labels key was \"1team\": label keys must be 1 to 63 characters, start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'.")]
    [TestCase("team", "ML Platform", "Labels[\"team\"] was \"ML Platform\": label values must be at most 63 characters of lowercase letters, digits, '_' and '-'.")]
    public void Bad_labels_are_rejected(string key, string value, string expected) =>
        Assert.That(RejectBucket(Registry with { Labels = new Dictionary<string, string> { [key] = value } }).Single(), Is.EqualTo(expected));

    [Test]
    public void Soft_delete_and_retention_limits_are_enforced()
    {
        var problems = RejectBucket(Registry with { SoftDeleteRetentionDays = 3, NoncurrentVersions = new NoncurrentVersionRetention { KeepNewerVersions = 0, DeleteAfterDays = 0 } });
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "NoncurrentVersions.KeepNewerVersions was 0: must be at least 1 version.",
            "NoncurrentVersions.DeleteAfterDays was 0: must be at least 1 day.",
            "SoftDeleteRetentionDays was 3: must be 0 (soft delete off) or 7 to 90 days.",
        }));
    }

    [Test]
    public void Label_normaliser_turns_tags_into_valid_gcp_labels()
    {
        var labels = GcpLabels.Normalize(new Dictionary<string, string>
        {
            ["Project"] = "mlops",
            ["CostCenter"] = "ml-platform-dev",
            ["ManagedBy"] = "CDKTF",
            ["Owner Team"] = "ML Platform/Core",
        });
        Assert.That(labels, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["project"] = "mlops",
            ["cost_center"] = "ml-platform-dev",
            ["managed_by"] = "cdktf",
            ["owner_team"] = "ml-platform-core",
        }));
        Assert.That(GcpLabels.NormalizeValue(new string('a', 70)), Has.Length.EqualTo(63));
        Assert.Throws<ArgumentException>(() => GcpLabels.NormalizeKey("1st"));
    }
}
