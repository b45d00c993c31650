using System.Text.Json.Nodes;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>What every serving stack must carry, read from the full app's JSON and manifest.</summary>
public sealed class AwsServingStackTests
{
    public static IEnumerable<DeploymentEnvironment> Environments() => Catalog.All;

    private static TerraformJson Synth(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(AwsServingStack.Cloud, env));

    private static string PlatformName(DeploymentEnvironment env) => MlopsStack.StackName(AwsPlatformStack.Cloud, env);

    [TestCaseSource(nameof(Environments))]
    public void Serving_is_sized_from_the_environment_and_serves_its_model_version(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var endpoint = json.Single("aws_sagemaker_endpoint");
        Assert.That(endpoint["name"]!.GetValue<string>(), Is.EqualTo($"mlops-{env.Name}-{env.Release.Name}"));
        var container = json.Single("aws_sagemaker_model")["primary_container"]!;
        Assert.That(container["image"]!.GetValue<string>(), Does.EndWith($":{env.Release.Version}"));
        Assert.That(container["model_data_url"]!.GetValue<string>(), Does.EndWith($"/{env.Release.ArchiveKey}"));

        var config = json.Single("aws_sagemaker_endpoint_configuration");
        var variant = config["production_variants"]![0]!;
        Assert.That(variant["instance_type"]!.GetValue<string>(), Is.EqualTo(env.Serving.Variant.InstanceType.Name));
        Assert.That(variant["initial_instance_count"]!.GetValue<int>(), Is.EqualTo(env.Serving.Variant.InitialInstanceCount));
        Assert.That(config["data_capture_config"]!["initial_sampling_percentage"]!.GetValue<int>(), Is.EqualTo(env.Serving.DataCapture.SamplingPercentage));
        Assert.That(json.Resources("aws_iam_role_policy_attachment"), Is.Empty, "no managed policies");
        foreach (var data in new[] { "aws_s3_bucket", "aws_ecr_repository", "aws_secretsmanager_secret", "aws_sns_topic" })
        {
            Assert.That(json.Resources(data), Is.Empty, $"{data} belongs in the platform stack");
        }

        // The one key here encrypts the endpoint's own logs; the artifact key stays in the platform stack.
        Assert.That(json.Resources("aws_kms_key").Values.Select(k => TerraformJson.ConstructPath(k)), Is.EqualTo(new[] { $"{MlopsStack.StackName(AwsServingStack.Cloud, env)}/ModelEndpoint/Key" }));

        var outputs = json.Root["output"]!.AsObject();
        Assert.That(outputs.Select(o => o.Key), Is.EquivalentTo(new[] { "endpoint_name", "endpoint_config_name", "model_image", "model_archive", "infra_version", "model_version" }));
        Assert.That(outputs["endpoint_name"]!["value"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_sagemaker_endpoint", endpoint, "name")));
        // make deploy compares it with the live endpoint's configuration (a rolled-back update differs).
        Assert.That(outputs["endpoint_config_name"]!["value"]!.GetValue<string>(),
            Is.EqualTo(json.Reference("aws_sagemaker_endpoint_configuration", json.Single("aws_sagemaker_endpoint_configuration"), "name")));
    }

    /// <summary>Capture is on in every environment, so every environment reads it: a data-quality schedule on the
    /// environment's schedule, against the baseline derived from its release.</summary>
    [TestCaseSource(nameof(Environments))]
    public void Every_environment_monitors_its_capture_against_the_releases_baseline_on_its_schedule(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var definition = json.Single("aws_sagemaker_data_quality_job_definition");
        var schedule = json.Single("aws_sagemaker_monitoring_schedule")["monitoring_schedule_config"]!;
        Assert.That(schedule["schedule_config"]!["schedule_expression"]!.GetValue<string>(), Is.EqualTo(env.Serving.DataQualitySchedule.Expression));
        Assert.That(schedule["monitoring_job_definition_name"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_sagemaker_data_quality_job_definition", definition, "name")));
        Assert.That(definition["data_quality_baseline_config"]!["statistics_resource"]!["s3_uri"]!.GetValue<string>(),
            Does.EndWith($"/baselines/{env.Release.Name}/{env.Release.Version}/statistics.json"));
        Assert.That(definition["data_quality_job_input"]!["endpoint_input"]!["endpoint_name"]!.GetValue<string>(),
            Is.EqualTo(json.Reference("aws_sagemaker_endpoint", json.Single("aws_sagemaker_endpoint"), "name")));
        Assert.That(definition["network_config"]!["vpc_config"] is not null, Is.EqualTo(env.Serving.InVpc), "the job runs where the model runs");
    }

    [Test]
    public void Dev_monitors_daily_and_staging_and_prod_hourly()
    {
        Assert.That(Catalog.Dev.Serving.DataQualitySchedule.PeriodHours, Is.EqualTo(24));
        Assert.That(Catalog.Staging.Serving.DataQualitySchedule.PeriodHours, Is.EqualTo(1));
        Assert.That(Catalog.Prod.Serving.DataQualitySchedule.PeriodHours, Is.EqualTo(1));
    }

    [TestCaseSource(nameof(Environments))]
    public void Alarms_exist_exactly_where_the_platform_has_a_subscribed_topic_and_notify_it(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var alarms = json.Resources("aws_cloudwatch_metric_alarm").Values.ToList();
        var platform = AppSynth.Stack(PlatformName(env));
        if (platform.Resources("aws_sns_topic_subscription").Count == 0)
        {
            Assert.That(platform.Resources("aws_sns_topic"), Is.Empty);
            Assert.That(alarms, Is.Empty, $"{env.Name} notifies nobody, so it has no alarm");
            return;
        }

        var topicOutput = platform.Root["output"]!.AsObject()
            .Single(o => o.Value!["value"]!.GetValue<string>() == platform.Reference("aws_sns_topic", platform.Single("aws_sns_topic"), "arn")).Key;
        var topic = $"${{data.terraform_remote_state.cross-stack-reference-input-{PlatformName(env)}.outputs.{topicOutput}}}";
        Assert.That(alarms, Has.Count.EqualTo(2), "5XX errors and p99 latency");
        foreach (var alarm in alarms)
        {
            Assert.That(alarm["alarm_actions"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { topic }));
            Assert.That(alarm["ok_actions"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { topic }));
        }
    }

    [TestCaseSource(nameof(Environments))]
    public void Serving_reads_the_platform_through_cross_stack_references_and_depends_on_it(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var remote = json.DataSources("terraform_remote_state");
        Assert.That(remote.Keys, Is.EquivalentTo(new[] { $"cross-stack-reference-input-{PlatformName(env)}" }));
        var config = remote.Values.Single();
        Assert.That(config["backend"]!.GetValue<string>(), Is.EqualTo("local"));
        Assert.That(config["config"]!["path"]!.GetValue<string>(), Is.EqualTo(MlopsStack.StatePath(PlatformName(env))),
            "the platform's state, reached from the serving stack's folder by the same relative path");

        // The artifact bucket, repository and key come from the platform's outputs, never as copied literals.
        var remoteOutputs = $"${{data.terraform_remote_state.cross-stack-reference-input-{PlatformName(env)}.outputs.cross-stack-output-";
        var container = json.Single("aws_sagemaker_model")["primary_container"]!;
        Assert.That(container["image"]!.GetValue<string>(), Does.StartWith(remoteOutputs + "aws_ecr_repository"));
        Assert.That(container["model_data_url"]!.GetValue<string>(), Does.StartWith("s3://" + remoteOutputs + "aws_s3_bucket"));
        Assert.That(json.Single("aws_sagemaker_endpoint_configuration")["kms_key_arn"]!.GetValue<string>(), Does.StartWith(remoteOutputs + "aws_kms_key"));

        var manifest = JsonNode.Parse(AppSynth.Manifest)!["stacks"]!;
        Assert.That(manifest[MlopsStack.StackName(AwsServingStack.Cloud, env)]!["dependencies"]!.AsArray().Select(d => d!.GetValue<string>()),
            Is.EqualTo(new[] { PlatformName(env) }));
        Assert.That(manifest[PlatformName(env)]!["dependencies"]!.AsArray(), Is.Empty, "the platform applies first, on its own");
    }

    [TestCaseSource(nameof(Environments))]
    public void Serving_plan_reads_the_published_image_and_archive_before_the_model(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var image = json.DataSources("aws_ecr_image").Values.Single();
        Assert.That(image["image_tag"]!.GetValue<string>(), Is.EqualTo(env.Release.Version));
        var archive = json.DataSources("aws_s3_objects").Values.Single();
        Assert.That(archive["prefix"]!.GetValue<string>(), Is.EqualTo(env.Release.ArchiveKey));
        var postcondition = archive["lifecycle"]!["postcondition"]![0]!;
        Assert.That(postcondition["condition"]!.GetValue<string>(), Is.EqualTo($"${{contains(self.keys, \"{env.Release.ArchiveKey}\")}}"));
        Assert.That(postcondition["error_message"]!.GetValue<string>(), Does.Contain("is not published").And.Contain(env.Release.ArchiveKey));

        var dependsOn = json.Single("aws_sagemaker_model")["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.That(dependsOn, Has.Some.StartWith("data.aws_ecr_image.").And.Some.StartWith("data.aws_s3_objects."));
    }

    [Test]
    public void Dev_has_no_autoscaling_and_prod_autoscales_from_at_least_two_instances()
    {
        Assert.That(Synth(Catalog.Dev).Resources("aws_appautoscaling_target"), Is.Empty);
        Assert.That(Synth(Catalog.Dev).Resources("aws_appautoscaling_policy"), Is.Empty);

        var prod = Synth(Catalog.Prod);
        var target = prod.Single("aws_appautoscaling_target");
        Assert.That(target["min_capacity"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(2));
        Assert.That(target["max_capacity"]!.GetValue<int>(), Is.EqualTo(Catalog.Prod.Serving.Variant.Autoscaling!.MaxInstances));
        Assert.That(prod.Single("aws_appautoscaling_policy")["policy_type"]!.GetValue<string>(), Is.EqualTo("TargetTrackingScaling"));
        Assert.That(Catalog.Prod.Serving.Variant.InitialInstanceCount, Is.GreaterThanOrEqualTo(2));
    }
}
