using System.Text.Json.Nodes;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>Each stack's backend per state mode, and the remote state its cross-stack references read in that mode.</summary>
public sealed class StateBackendTests
{
    private static readonly Dictionary<string, object> RemoteDev = new() { ["env"] = "dev", ["state"] = "remote" };

    private static JsonObject Backend(TerraformJson json, string type)
    {
        var backend = json.Root["terraform"]!["backend"]!.AsObject();
        Assert.That(backend.Select(b => b.Key), Is.EqualTo(new[] { type }), "exactly one backend");
        return backend[type]!.AsObject();
    }

    private static JsonObject RemoteState(TerraformJson json) => json.DataSources("terraform_remote_state").Values.Single();

    [Test]
    public void Local_mode_is_the_default_every_stack_keeping_a_relative_state_file_in_the_repository_root()
    {
        foreach (var (name, json) in AppSynth.All)
        {
            Assert.That(Backend(json, "local").ToJsonString(), Is.EqualTo(new JsonObject { ["path"] = $"../../../terraform.{name}.tfstate" }.ToJsonString()), name);
        }

        foreach (var (consumer, producer) in new[] { ("mlops-serving-prod", "mlops-aws-prod"), ("mlops-k8s-prod", "mlops-gcp-prod") })
        {
            var remote = RemoteState(AppSynth.Stack(consumer));
            Assert.That(remote["backend"]!.GetValue<string>(), Is.EqualTo("local"));
            Assert.That(remote["config"]!["path"]!.GetValue<string>(), Is.EqualTo(MlopsStack.StatePath(producer)));
        }
    }

    [TestCase("mlops-aws-dev")]
    [TestCase("mlops-serving-dev")]
    public void Remote_mode_keeps_AWS_stacks_in_the_environment_S3_bucket_encrypted_with_native_locking(string name)
    {
        var s3 = Backend(DeliverySynth.Stacks(RemoteDev)[name], "s3");

        Assert.That(s3.ToJsonString(), Is.EqualTo(new JsonObject
        {
            ["bucket"] = Catalog.Dev.State.AwsBucket,
            ["encrypt"] = true,
            ["key"] = $"{name}/terraform.tfstate",
            ["region"] = Catalog.Dev.Aws.Region,
            ["use_lockfile"] = true,
        }.ToJsonString()));
    }

    [TestCase("mlops-gcp-dev")]
    [TestCase("mlops-k8s-dev")]
    public void Remote_mode_keeps_GCP_and_Kubernetes_stacks_in_the_environment_GCS_bucket_under_their_own_prefix(string name)
    {
        var gcs = Backend(DeliverySynth.Stacks(RemoteDev)[name], "gcs");

        Assert.That(gcs["bucket"]!.GetValue<string>(), Is.EqualTo(Catalog.Dev.State.GcsBucket));
        Assert.That(gcs["prefix"]!.GetValue<string>(), Is.EqualTo(name));
    }

    [TestCase("mlops-serving-dev", "mlops-aws-dev", "s3")]
    [TestCase("mlops-k8s-dev", "mlops-gcp-dev", "gcs")]
    public void Remote_mode_cross_stack_references_read_the_producer_state_where_its_backend_writes_it(string consumer, string producer, string backend)
    {
        var stacks = DeliverySynth.Stacks(RemoteDev);
        var remote = RemoteState(stacks[consumer]);
        var written = Backend(stacks[producer], backend);

        Assert.That(remote["backend"]!.GetValue<string>(), Is.EqualTo(backend));
        var config = remote["config"]!.AsObject();
        Assert.That(config["bucket"]!.GetValue<string>(), Is.EqualTo(written["bucket"]!.GetValue<string>()));
        var location = backend == "s3" ? "key" : "prefix";
        Assert.That(config[location]!.GetValue<string>(), Is.EqualTo(written[location]!.GetValue<string>()));
        Assert.That(stacks[consumer].Root["output"]?.AsObject().Select(o => o.Key) ?? [], Has.None.StartsWith("cross-stack-output-"),
            "outputs are published by the producer only");
        Assert.That(stacks[producer].Root["output"]!.AsObject().Select(o => o.Key), Has.Some.StartsWith("cross-stack-output-"));
    }

    [Test]
    public void A_review_environment_keeps_its_remote_state_in_dev_buckets_under_its_own_keys()
    {
        var stacks = DeliverySynth.Stacks(new Dictionary<string, object> { ["pr"] = "42", ["state"] = "remote" });

        Assert.That(stacks.Keys, Is.EquivalentTo(new[] { "mlops-aws-pr42", "mlops-serving-pr42", "mlops-gcp-pr42", "mlops-k8s-pr42" }));
        Assert.That(Backend(stacks["mlops-aws-pr42"], "s3")["key"]!.GetValue<string>(), Is.EqualTo("mlops-aws-pr42/terraform.tfstate"));
        Assert.That(Backend(stacks["mlops-aws-pr42"], "s3")["bucket"]!.GetValue<string>(), Is.EqualTo(Catalog.Dev.State.AwsBucket));
        Assert.That(Backend(stacks["mlops-k8s-pr42"], "gcs")["prefix"]!.GetValue<string>(), Is.EqualTo("mlops-k8s-pr42"));
        Assert.That(stacks["mlops-aws-pr42"].Resources("aws_s3_bucket").Values.Select(b => b["force_destroy"]?.GetValue<bool>()), Has.All.True,
            "closing the pull request destroys its buckets with their objects");
    }
}
