using System.Text.Json.Nodes;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>The review findings on AWS serving (issue 8), each read back from the synthesized JSON.</summary>
public sealed class ServingHardeningTests
{
    private static TerraformJson Synth(Func<SageMakerEndpointProps, SageMakerEndpointProps>? change = null) =>
        SynthHarness.Aws(stack => new SageMakerEndpoint(stack, "Endpoint", SageMakerEndpointTests.Props(stack, change)));

    private static JsonArray Statements(TerraformJson json, string documentPathSuffix) =>
        json.ByPath("aws_iam_policy_document", documentPathSuffix)["statement"]!.AsArray();

    [Test]
    public void Only_sagemaker_for_this_account_and_region_may_assume_the_execution_role()
    {
        var json = Synth();
        var trust = Statements(json, "Endpoint/TrustPolicy").Single()!;
        var conditions = trust["condition"]!.AsArray().ToDictionary(c => c!["variable"]!.GetValue<string>(), c => c!);
        var account = json.Reference("aws_caller_identity", json.ByPath("aws_caller_identity", "Endpoint/CallerIdentity"), "account_id");
        Assert.That(conditions["aws:SourceAccount"]["test"]!.GetValue<string>(), Is.EqualTo("StringEquals"));
        Assert.That(conditions["aws:SourceAccount"]["values"]![0]!.GetValue<string>(), Is.EqualTo(account));
        Assert.That(conditions["aws:SourceArn"]["test"]!.GetValue<string>(), Is.EqualTo("ArnLike"));
        Assert.That(conditions["aws:SourceArn"]["values"]![0]!.GetValue<string>(), Does.Match(@"^arn:\$\{data\.aws_partition\.[^}]+\}:sagemaker:\$\{data\.aws_region\.[^}]+\.name\}:\$\{data\.aws_caller_identity\.[^}]+\}:\*$"));
    }

    [Test]
    public void The_artifact_key_is_usable_by_the_grants_only_through_s3()
    {
        var json = Synth();
        var keyStatements = json.DataSources("aws_iam_policy_document").Values
            .SelectMany(d => d["statement"]!.AsArray())
            .Where(st => st!["sid"]!.GetValue<string>() == "UseArtifactKey")
            .ToList();
        Assert.That(keyStatements, Has.Count.GreaterThanOrEqualTo(2), "read (model) and write (capture) grants");
        foreach (var statement in keyStatements)
        {
            var condition = statement!["condition"]!.AsArray().Single()!;
            Assert.That(condition["variable"]!.GetValue<string>(), Is.EqualTo("kms:ViaService"));
            Assert.That(condition["values"]![0]!.GetValue<string>(), Does.Match(@"^s3\.\$\{data\.aws_region\.[^}]+\.name\}\.amazonaws\.com$"));
        }
    }

    [Test]
    public void The_log_group_is_encrypted_with_a_key_only_cloudwatch_logs_may_use_for_it()
    {
        var json = Synth();
        var logGroup = json.Single("aws_cloudwatch_log_group");
        var key = json.ByPath("aws_kms_key", "Endpoint/Key");
        Assert.That(logGroup["kms_key_id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
        Assert.That(key["enable_key_rotation"]!.GetValue<bool>(), Is.True);
        var logs = Statements(json, "Endpoint/KeyPolicy").Single(st => st!["sid"]!.GetValue<string>() == "CloudWatchLogsEncryptsThisLogGroup")!;
        Assert.That(logs["principals"]![0]!["identifiers"]![0]!.GetValue<string>(), Does.Match(@"^logs\.\$\{data\.aws_region\.[^}]+\}\.amazonaws\.com$"));
        var context = logs["condition"]!.AsArray().Single()!;
        Assert.That(context["variable"]!.GetValue<string>(), Is.EqualTo("kms:EncryptionContext:aws:logs:arn"));
        Assert.That(context["values"]![0]!.GetValue<string>(), Does.EndWith($":log-group:/aws/sagemaker/Endpoints/{SageMakerEndpointTests.EndpointName}"));

        const string given = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var withGivenKey = Synth(p => p with { LogKmsKeyArn = given });
        Assert.That(withGivenKey.Single("aws_cloudwatch_log_group")["kms_key_id"]!.GetValue<string>(), Is.EqualTo(given));
        Assert.That(withGivenKey.Resources("aws_kms_key").Keys, Has.None.Contains("Endpoint_Key"));
    }

    [Test]
    public void A_new_instance_type_re_registers_autoscaling_around_the_endpoint_update()
    {
        var json = Synth(p => p with
        {
            Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large, InitialInstanceCount = 2, Autoscaling = new EndpointAutoscaling { MinInstances = 2, MaxInstances = 4, MaxRequestsPerSecondPerInstance = 10 } }],
        });
        var config = json.Resources("aws_sagemaker_endpoint_configuration").Keys.Single();
        var instanceType = $"aws_sagemaker_endpoint_configuration.{config}.production_variants[0].instance_type";
        foreach (var type in new[] { "aws_appautoscaling_target", "aws_appautoscaling_policy" })
        {
            Assert.That(json.Single(type)["lifecycle"]!["replace_triggered_by"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { instanceType }), type);
        }
    }

    [Test]
    public void The_model_waits_for_the_published_image_by_tag_or_digest_and_the_archive()
    {
        var json = Synth();
        var image = json.DataSources("aws_ecr_image").Values.Single();
        Assert.That(image["image_tag"]!.GetValue<string>(), Is.EqualTo("1.0.0"));
        Assert.That(image["repository_name"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_ecr_repository", json.Single("aws_ecr_repository"), "name")));
        var archive = json.DataSources("aws_s3_objects").Values.Single();
        Assert.That(archive["bucket"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_s3_bucket", json.Single("aws_s3_bucket"), "bucket")));
        Assert.That(archive["prefix"]!.GetValue<string>(), Is.EqualTo("models/churn/1.0.0/model.tar.gz"));

        const string digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var byDigest = Synth(p => p with { ImageTagOrDigest = digest }).DataSources("aws_ecr_image").Values.Single();
        Assert.That(byDigest["image_digest"]!.GetValue<string>(), Is.EqualTo(digest));
        Assert.That(byDigest["image_tag"], Is.Null);

        var withoutChecks = Synth(p => p with { RequirePublishedModel = false });
        Assert.That(withoutChecks.DataSources("aws_ecr_image"), Is.Empty);
        Assert.That(withoutChecks.DataSources("aws_s3_objects"), Is.Empty);
    }

    [Test]
    public void An_alarm_topic_nobody_subscribes_to_is_rejected()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new AlarmTopic(SynthHarness.BareStack(), "Alarms", new AlarmTopicProps
        {
            TopicName = "ml-alerts",
            EmailSubscriptions = [],
        }))!;
        Assert.That(error.Message, Does.StartWith("Invalid AlarmTopic at path [test/Alarms]:"));
        Assert.That(error.Problems.Single(), Is.EqualTo(
            "EmailSubscriptions was \"[]\": must name at least one address: a topic nobody subscribes to delivers its alarms to no one (create no topic and no alarms instead)."));
    }

    [Test]
    public void Alarm_topic_validation_names_every_problem()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new AlarmTopic(SynthHarness.BareStack(), "Alarms", new AlarmTopicProps
        {
            TopicName = "ml alerts!",
            EmailSubscriptions = ["oncall"],
            KeyDeletionWindowDays = 3,
        }))!;
        Assert.That(error.Message, Does.StartWith("Invalid AlarmTopic at path [test/Alarms]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "TopicName was \"ml alerts!\": must be 1 to 256 letters, digits, hyphens (-) and underscores (_).",
            "EmailSubscriptions was \"oncall\": must be an e-mail address such as ml-oncall@acme.example.",
            "KeyDeletionWindowDays was 3: must be between 7 and 30 days.",
        }));
    }

    [Test]
    public void Access_log_bucket_validation_names_every_problem()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new AccessLogBucket(SynthHarness.BareStack(), "Logs", new AccessLogBucketProps
        {
            BucketName = "Logs_Bucket",
            RetentionDays = 0,
        }))!;
        Assert.That(error.Message, Does.StartWith("Invalid AccessLogBucket at path [test/Logs]:"));
        Assert.That(error.Problems, Has.Some.StartWith("BucketName was \"Logs_Bucket\":"));
        Assert.That(error.Problems, Has.Some.EqualTo("RetentionDays was 0: must be at least 1 day."));
    }
}
