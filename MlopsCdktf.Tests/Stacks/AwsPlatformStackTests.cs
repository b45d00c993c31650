using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>What every AWS environment stack must carry, read from the full app's JSON.</summary>
public sealed class AwsPlatformStackTests
{
    public static IEnumerable<DeploymentEnvironment> Environments() => Catalog.All;

    private static TerraformJson Synth(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(AwsPlatformStack.Cloud, env));

    [TestCaseSource(nameof(Environments))]
    public void Provider_is_pinned_to_the_account_and_region_with_default_tags(DeploymentEnvironment env)
    {
        var provider = Synth(env).Root["provider"]!["aws"]![0]!;

        Assert.That(provider["region"]!.GetValue<string>(), Is.EqualTo(env.Aws.Region));
        Assert.That(provider["allowed_account_ids"]![0]!.GetValue<string>(), Is.EqualTo(env.Aws.AccountId));
        var tags = provider["default_tags"]![0]!["tags"]!.AsObject();
        Assert.That(tags.Select(t => t.Key), Is.EquivalentTo(new[] { "Project", "Environment", "ManagedBy", "CostCenter", "InfraVersion", "ModelVersion" }));
        Assert.That(tags["Environment"]!.GetValue<string>(), Is.EqualTo(env.Name));
        Assert.That(tags["CostCenter"]!.GetValue<string>(), Is.EqualTo(env.CostCenter));
    }

    [TestCaseSource(nameof(Environments))]
    public void Provider_source_is_fully_qualified_and_version_pinned(DeploymentEnvironment env)
    {
        var aws = Synth(env).Root["terraform"]!["required_providers"]!["aws"]!;
        Assert.That(aws["source"]!.GetValue<string>(), Is.EqualTo("hashicorp/aws"));
        Assert.That(aws["version"]!.GetValue<string>(), Is.EqualTo("5.100.0"));
    }

    [TestCaseSource(nameof(Environments))]
    public void Backend_is_explicit_and_relative(DeploymentEnvironment env)
    {
        var path = Synth(env).Root["terraform"]!["backend"]!["local"]!["path"]!.GetValue<string>();
        Assert.That(path, Is.EqualTo($"../../../terraform.mlops-aws-{env.Name}.tfstate"));
        Assert.That(Path.IsPathRooted(path), Is.False);
    }

    [TestCaseSource(nameof(Environments))]
    public void Artifact_bucket_follows_the_environment_definition(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var bucket = json.ByPath("aws_s3_bucket", "ModelArtifacts/Bucket");
        Assert.That(bucket["bucket"]!.GetValue<string>(), Is.EqualTo($"mlops-{env.Name}-model-artifacts-{env.Aws.AccountId}"));
        var noncurrent = json.ByPath("aws_s3_bucket_lifecycle_configuration", "ModelArtifacts/Lifecycle")["rule"]!.AsArray()
            .Single(r => r!["id"]!.GetValue<string>() == "expire-noncurrent-versions")!;
        Assert.That(noncurrent["noncurrent_version_expiration"]![0]!["noncurrent_days"]!.GetValue<int>(),
            Is.EqualTo(env.ArtifactStorage.NoncurrentVersionExpirationDays));
        Assert.That(json.Resources("aws_s3_bucket_logging"), Has.Count.EqualTo(env.AccessLogBucket is null ? 0 : 1));
    }

    [Test]
    public void Prod_access_logs_go_to_a_bucket_the_stack_creates_with_sse_s3_and_a_log_delivery_grant()
    {
        var json = Synth(Catalog.Prod);
        var logBucket = json.ByPath("aws_s3_bucket", "AccessLogs/Bucket");
        Assert.That(logBucket["bucket"]!.GetValue<string>(), Is.EqualTo(Catalog.Prod.AccessLogBucket));
        Assert.That(logBucket["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
        var logging = json.Single("aws_s3_bucket_logging");
        Assert.That(logging["target_bucket"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_s3_bucket", logBucket, "bucket")),
            "the target is the created bucket, not a name that may not exist");
        Assert.That(json.ByPath("aws_s3_bucket_server_side_encryption_configuration", "AccessLogs/Encryption")["rule"]![0]!
            ["apply_server_side_encryption_by_default"]!["sse_algorithm"]!.GetValue<string>(), Is.EqualTo("AES256"));

        var delivery = json.ByPath("aws_iam_policy_document", "AccessLogs/PolicyDocument")["statement"]!.AsArray()
            .Single(st => st!["sid"]!.GetValue<string>() == "S3LogDeliveryWrites")!;
        Assert.That(delivery["principals"]![0]!["identifiers"]![0]!.GetValue<string>(), Is.EqualTo("logging.s3.amazonaws.com"));
        Assert.That(delivery["actions"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "s3:PutObject" }));
        Assert.That(delivery["resources"]![0]!.GetValue<string>(), Is.EqualTo($"{json.Reference("aws_s3_bucket", logBucket, "arn")}/{logging["target_prefix"]!.GetValue<string>()}*"));
        Assert.That(delivery["condition"]!.AsArray().Select(c => c!["variable"]!.GetValue<string>()), Is.EquivalentTo(new[] { "aws:SourceAccount", "aws:SourceArn" }));
    }

    [Test]
    public void Staging_and_prod_alarm_by_email_and_dev_and_review_environments_have_no_alarm_topic()
    {
        string[] Subscribers(DeploymentEnvironment e) =>
            AwsPlatformStackTestsAlarm.Subscribers(AwsPlatformStackTestsAlarm.Synth(e));

        Assert.That(Catalog.All.Append(Catalog.Review(42)).Select(e => (e.Name, Subscribers(e))), Is.EqualTo(new[]
        {
            ("dev", Array.Empty<string>()),
            ("staging", new[] { "ml-platform-staging@acme.example" }),
            ("prod", new[] { "ml-oncall@acme.example" }),
            ("pr42", Array.Empty<string>()),
        }));
        var review = AwsPlatformStackTestsAlarm.Synth(Catalog.Review(42));
        Assert.That(review.Resources("aws_sns_topic"), Is.Empty, "no topic nobody subscribes to");
        Assert.That(review.Resources("aws_kms_key").Values.Select(TerraformJson.ConstructPath), Has.None.EndsWith("/Alarms/Key"));
    }

    [TestCaseSource(nameof(Environments))]
    public void An_alarm_topic_is_kms_encrypted_with_a_key_cloudwatch_may_use_and_has_the_environments_subscribers(DeploymentEnvironment env)
    {
        var json = Synth(env);
        if (env.Serving.AlarmEmails.Count == 0)
        {
            Assert.That(json.Resources("aws_sns_topic"), Is.Empty);
            Assert.That(json.Resources("aws_sns_topic_subscription"), Is.Empty);
            return;
        }

        var topic = json.Single("aws_sns_topic");
        var key = json.ByPath("aws_kms_key", "Alarms/Key");
        Assert.That(topic["kms_master_key_id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
        var policyRef = key["policy"]!.GetValue<string>();
        var statements = json.DataSources("aws_iam_policy_document").Single(d => policyRef == $"${{data.aws_iam_policy_document.{d.Key}.json}}").Value["statement"]!.AsArray();
        var cloudWatch = statements.Single(st => st!["sid"]!.GetValue<string>() == "CloudWatchPublishesAlarms")!;
        Assert.That(cloudWatch["principals"]![0]!["identifiers"]![0]!.GetValue<string>(), Is.EqualTo("cloudwatch.amazonaws.com"));
        Assert.That(statements.SelectMany(st => st!["actions"]!.AsArray()).Select(a => a!.GetValue<string>()), Does.Not.Contain("kms:*"),
            "the account's administration is listed, not kms:*");
        Assert.That(AwsPlatformStackTestsAlarm.Subscribers(json), Is.EquivalentTo(env.Serving.AlarmEmails));
        Assert.That(json.Resources("aws_sns_topic_subscription").Values.Select(sub => sub["topic_arn"]!.GetValue<string>()),
            Has.All.EqualTo(json.Reference("aws_sns_topic", topic, "arn")));
    }

    [TestCase(nameof(Catalog.Dev), 0)]
    [TestCase(nameof(Catalog.Staging), 7)]
    [TestCase(nameof(Catalog.Prod), 30)]
    public void The_api_key_can_be_re_created_at_once_where_the_environment_is_disposable(string environment, int days)
    {
        var env = Catalog.All.Single(e => string.Equals(e.Name, environment, StringComparison.OrdinalIgnoreCase));
        Assert.That(Synth(env).Single("aws_secretsmanager_secret")["recovery_window_in_days"]!.GetValue<int>(), Is.EqualTo(days));
        if (env.DataDeletionPolicy == DeletionPolicy.ForceDestroy)
        {
            var review = AwsPlatformStackTestsAlarm.Synth(Catalog.Review(42)).Single("aws_secretsmanager_secret");
            Assert.That(review["recovery_window_in_days"]!.GetValue<int>(), Is.EqualTo(0), "closing and reopening a pull request re-creates its secret");
        }
    }

    [Test]
    public void Only_prod_prevents_destroy_and_only_dev_force_destroys()
    {
        bool Prevent(DeploymentEnvironment e) => Synth(e).ByPath("aws_s3_bucket", "ModelArtifacts/Bucket")["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false;
        bool Force(DeploymentEnvironment e) => Synth(e).ByPath("aws_s3_bucket", "ModelArtifacts/Bucket")["force_destroy"]!.GetValue<bool>();

        Assert.That(Catalog.All.Select(e => (e.Name, Prevent(e), Force(e))), Is.EqualTo(new[]
        {
            ("dev", false, true),
            ("staging", false, false),
            ("prod", true, false),
        }));
        Assert.That(Synth(Catalog.Prod).ByPath("aws_kms_key", "ModelArtifacts/Key")["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
    }

    [TestCaseSource(nameof(Environments))]
    public void Platform_holds_the_data_and_no_serving_resource(DeploymentEnvironment env)
    {
        var json = Synth(env);
        Assert.That(json.Single("aws_ecr_repository")["image_tag_mutability"]!.GetValue<string>(), Is.EqualTo("IMMUTABLE"));
        Assert.That(json.Single("aws_secretsmanager_secret")["kms_key_id"], Is.Not.Null);
        foreach (var serving in new[] { "aws_sagemaker_model", "aws_sagemaker_endpoint_configuration", "aws_sagemaker_endpoint", "aws_appautoscaling_target", "aws_iam_role" })
        {
            Assert.That(json.Resources(serving), Is.Empty, $"{serving} belongs in the serving stack");
        }

        var outputs = json.Root["output"]!.AsObject().Select(o => o.Key).Where(k => !k.StartsWith("cross-stack-output-", StringComparison.Ordinal));
        Assert.That(outputs, Is.EquivalentTo(new[] { "bucket_name", "repository_url", "notebook_url", "infra_version", "model_version" }));
    }

    [Test]
    public void Only_prod_protects_the_image_repository_and_the_secret_from_destroy()
    {
        bool Prevent(DeploymentEnvironment e, string type) => Synth(e).Single(type)["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false;
        Assert.That(Catalog.All.Select(e => (e.Name, Prevent(e, "aws_ecr_repository"), Prevent(e, "aws_secretsmanager_secret"))), Is.EqualTo(new[]
        {
            ("dev", false, false),
            ("staging", false, false),
            ("prod", true, true),
        }));
        Assert.That(Synth(Catalog.Dev).Single("aws_ecr_repository")["force_delete"]!.GetValue<bool>(), Is.True);
    }
}

/// <summary>Synthesis of any environment's platform stack, review environments included (they are not in the app's default set).</summary>
internal static class AwsPlatformStackTestsAlarm
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<TerraformJson>> Others = new();

    public static TerraformJson Synth(DeploymentEnvironment env) =>
        Catalog.All.Contains(env)
            ? AppSynth.Stack(MlopsStack.StackName(AwsPlatformStack.Cloud, env))
            : Others.GetOrAdd(env.Name, _ => new Lazy<TerraformJson>(() => SynthHarness.Synth(new AwsPlatformStack(SynthHarness.NewApp(), env)))).Value;

    public static string[] Subscribers(TerraformJson json) =>
        json.Resources("aws_sns_topic_subscription").Values.Select(sub => sub["endpoint"]!.GetValue<string>()).ToArray();
}
