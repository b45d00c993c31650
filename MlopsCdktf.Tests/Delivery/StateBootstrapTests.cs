using MlopsCdktf.Core;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>The state buckets of an environment, synthesized alone (bootstrap=true) with local state.</summary>
public sealed class StateBootstrapTests
{
    private static readonly Dictionary<string, object> Bootstrap = new() { ["env"] = "staging", ["bootstrap"] = "true", ["state"] = "remote" };

    [Test]
    public void Bootstrap_synthesizes_only_the_environment_state_buckets_each_keeping_its_own_state_locally()
    {
        var stacks = DeliverySynth.Stacks(Bootstrap);

        Assert.That(stacks.Keys, Is.EquivalentTo(new[] { "mlops-tfstate-aws-staging", "mlops-tfstate-gcp-staging" }));
        foreach (var (name, json) in stacks)
        {
            Assert.That(json.Root["terraform"]!["backend"]!["local"]!["path"]!.GetValue<string>(), Is.EqualTo($"../../../terraform.{name}.tfstate"),
                "the state buckets cannot hold their own state, even with state=remote");
        }
    }

    [Test]
    public void The_S3_state_bucket_is_the_environment_named_one_versioned_encrypted_private_and_never_destroyed()
    {
        var json = DeliverySynth.Stacks(Bootstrap)["mlops-tfstate-aws-staging"];

        var bucket = json.ByPath("aws_s3_bucket", "StateBucket/Bucket");
        Assert.That(bucket["bucket"]!.GetValue<string>(), Is.EqualTo(Catalog.Staging.State.AwsBucket));
        Assert.That(bucket["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True, "even where the environment's data is DestroyIfEmpty");
        Assert.That(json.Single("aws_s3_bucket_versioning")["versioning_configuration"]!["status"]!.GetValue<string>(), Is.EqualTo("Enabled"));
        var block = json.Single("aws_s3_bucket_public_access_block");
        Assert.That(new[] { "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets" }.Select(f => block[f]!.GetValue<bool>()), Has.All.True);
        var sse = json.Single("aws_s3_bucket_server_side_encryption_configuration")["rule"]![0]!["apply_server_side_encryption_by_default"]!;
        Assert.That(sse["sse_algorithm"]!.GetValue<string>(), Is.EqualTo("aws:kms"));
        Assert.That(sse["kms_master_key_id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", json.ByPath("aws_kms_key", "StateBucket/Key"), "arn")));
    }

    [Test]
    public void The_GCS_state_bucket_is_the_environment_named_one_versioned_uniform_private_and_never_destroyed()
    {
        var bucket = DeliverySynth.Stacks(Bootstrap)["mlops-tfstate-gcp-staging"].Single("google_storage_bucket");

        Assert.That(bucket["name"]!.GetValue<string>(), Is.EqualTo(Catalog.Staging.State.GcsBucket));
        Assert.That(bucket["versioning"]!["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(bucket["uniform_bucket_level_access"]!.GetValue<bool>(), Is.True);
        Assert.That(bucket["public_access_prevention"]!.GetValue<string>(), Is.EqualTo("enforced"));
        Assert.That(bucket["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void Bootstrap_cannot_target_a_review_environment()
    {
        var error = Assert.Throws<ConstructInputException>(() => DeliverySynth.Select(new Dictionary<string, object> { ["pr"] = "9", ["bootstrap"] = "true" }))!;

        Assert.That(error.Problems, Is.EqualTo(new[] { "bootstrap (MLOPS_BOOTSTRAP) was \"true\": cannot be combined with pr (MLOPS_PR): review environments keep their state in dev's buckets." }));
    }
}
