using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>
/// The data-quality monitor of a <see cref="SageMakerEndpoint"/>: what the cloud needs wired (the schedule runs the job
/// definition created beside it, on this endpoint's capture, against the baseline in the artifact bucket, writing
/// encrypted reports), the role's grants, and every validation message.
/// </summary>
public sealed class DataQualityMonitorTests
{
    private const string Baseline = "baselines/churn/1.0.0/";

    private static SageMakerEndpointProps Monitored(SageMakerEndpointProps p) =>
        p with { DataQualityMonitoring = new DataQualityMonitoring { BaselineKeyPrefix = Baseline } };

    private static TerraformJson Synth(Func<SageMakerEndpointProps, SageMakerEndpointProps>? change = null) =>
        SynthHarness.Aws(stack => new SageMakerEndpoint(stack, "Endpoint", SageMakerEndpointTests.Props(stack, p => (change ?? (x => x))(Monitored(p)))));

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [Test]
    public void The_schedule_runs_the_job_definition_on_this_endpoints_capture_against_the_baseline()
    {
        var json = Synth();
        var definition = json.Single("aws_sagemaker_data_quality_job_definition");
        var schedule = json.Single("aws_sagemaker_monitoring_schedule");
        var endpoint = json.Single("aws_sagemaker_endpoint");
        var bucket = json.Reference("aws_s3_bucket", json.Single("aws_s3_bucket"), "bucket");

        Assert.That(Text(schedule["monitoring_schedule_config"]!["monitoring_job_definition_name"]),
            Is.EqualTo(json.Reference("aws_sagemaker_data_quality_job_definition", definition, "name")));
        Assert.That(Text(schedule["monitoring_schedule_config"]!["monitoring_type"]), Is.EqualTo("DataQuality"));
        Assert.That(Text(schedule["monitoring_schedule_config"]!["schedule_config"]!["schedule_expression"]), Is.EqualTo("cron(0 * ? * * *)"));
        Assert.That(Text(schedule["name"]), Is.EqualTo("churn-test-data-quality"));

        var input = definition["data_quality_job_input"]!["endpoint_input"]!;
        Assert.That(Text(input["endpoint_name"]), Is.EqualTo(json.Reference("aws_sagemaker_endpoint", endpoint, "name")),
            "a reference: the monitor waits for the endpoint and is deleted before it");
        Assert.That(Text(input["local_path"]), Is.EqualTo("/opt/ml/processing/input/endpoint"));
        var baseline = definition["data_quality_baseline_config"]!;
        Assert.That(Text(baseline["statistics_resource"]!["s3_uri"]), Is.EqualTo($"s3://{bucket}/{Baseline}statistics.json"));
        Assert.That(Text(baseline["constraints_resource"]!["s3_uri"]), Is.EqualTo($"s3://{bucket}/{Baseline}constraints.json"));
        Assert.That(Text(definition["data_quality_app_specification"]!["image_uri"]),
            Is.EqualTo("468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"));
        Assert.That(Text(definition["role_arn"]), Is.EqualTo(json.Reference("aws_iam_role", json.Single("aws_iam_role"), "arn")),
            "the job runs as the endpoint's execution role");
        Assert.That(definition["name"], Is.Null, "job definitions are immutable: Terraform names each one it creates");
        Assert.That(definition["lifecycle"]!["create_before_destroy"]!.GetValue<bool>(), Is.True);
        Assert.That(Text(definition["tags"]!["SageMakerEndpoint"]), Is.EqualTo(SageMakerEndpointTests.EndpointName));
        Assert.That(definition["stopping_condition"]!["max_runtime_in_seconds"]!.GetValue<int>(), Is.EqualTo(3600));
        var cluster = definition["job_resources"]!["cluster_config"]!;
        Assert.That(Text(cluster["instance_type"]), Is.EqualTo("ml.m5.xlarge"));
        Assert.That(cluster["instance_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(cluster["volume_size_in_gb"]!.GetValue<int>(), Is.EqualTo(30));
    }

    [Test]
    public void Reports_volume_and_traffic_are_encrypted_with_the_endpoints_key()
    {
        var json = Synth();
        var definition = json.Single("aws_sagemaker_data_quality_job_definition");
        var key = json.Reference("aws_kms_key", json.ByPath("aws_kms_key", "Artifacts/Key"), "arn");
        var bucket = json.Reference("aws_s3_bucket", json.Single("aws_s3_bucket"), "bucket");
        var output = definition["data_quality_job_output_config"]!;
        Assert.That(Text(output["kms_key_id"]), Is.EqualTo(key));
        Assert.That(Text(output["monitoring_outputs"]!["s3_output"]!["s3_uri"]), Is.EqualTo($"s3://{bucket}/model-monitor/churn-test/data-quality/"));
        Assert.That(Text(definition["job_resources"]!["cluster_config"]!["volume_kms_key_id"]), Is.EqualTo(key));
        var network = definition["network_config"]!;
        Assert.That(network["enable_inter_container_traffic_encryption"]!.GetValue<bool>(), Is.True);
        Assert.That(network["enable_network_isolation"]!.GetValue<bool>(), Is.True, "as isolated as the endpoint");
        Assert.That(network["vpc_config"], Is.Null);
    }

    [Test]
    public void A_vpc_endpoints_monitor_runs_in_the_same_subnets_and_security_groups()
    {
        var json = Synth(p => p with { Vpc = new ModelVpcConfig { SubnetIds = ["subnet-0123456789abcdef0"], SecurityGroupIds = ["sg-0123456789abcdef0"] } });
        var vpc = json.Single("aws_sagemaker_data_quality_job_definition")["network_config"]!["vpc_config"]!;
        Assert.That(vpc["subnets"]!.AsArray().Select(Text), Is.EqualTo(new[] { "subnet-0123456789abcdef0" }));
        Assert.That(vpc["security_group_ids"]!.AsArray().Select(Text), Is.EqualTo(new[] { "sg-0123456789abcdef0" }));
    }

    [Test]
    public void The_role_reads_capture_and_baseline_writes_reports_and_logs_only_there()
    {
        var json = Synth();
        var role = json.Reference("aws_iam_role", json.Single("aws_iam_role"), "name");
        var statements = json.Resources("aws_iam_role_policy").Values.Where(p => Text(p["role"]) == role).SelectMany(json.PolicyStatements).ToList();
        var bucketArn = json.Reference("aws_s3_bucket", json.Single("aws_s3_bucket"), "arn");

        IEnumerable<string> ResourcesOf(string action) => statements
            .Where(s => s["actions"]!.AsArray().Any(a => Text(a) == action))
            .SelectMany(s => s["resources"]!.AsArray().Select(Text));

        Assert.That(ResourcesOf("s3:GetObject"), Is.SupersetOf(new[] { $"{bucketArn}/data-capture/churn-test/*", $"{bucketArn}/{Baseline}*" }));
        Assert.That(ResourcesOf("s3:PutObject"), Does.Contain($"{bucketArn}/model-monitor/churn-test/data-quality/*"));
        Assert.That(ResourcesOf("s3:GetObject"), Has.None.Contains("model-monitor"), "the job never reads other reports");
        Assert.That(ResourcesOf("logs:PutLogEvents"), Has.Some.EndsWith(":log-group:/aws/sagemaker/ProcessingJobs"));
        var metrics = statements.Single(s => s["sid"] is { } sid && Text(sid) == "PublishDataQualityMetrics");
        Assert.That(metrics["condition"]!.AsArray().Single()!["variable"]!.GetValue<string>(), Is.EqualTo("cloudwatch:namespace"));
        var grant = statements.Single(s => s["sid"] is { } sid && Text(sid) == "EncryptMonitoringVolume");
        Assert.That(grant["condition"]!.AsArray().Single()!["variable"]!.GetValue<string>(), Is.EqualTo("kms:GrantIsForAWSResource"));

        var dependsOn = json.Single("aws_sagemaker_data_quality_job_definition")["depends_on"]!.AsArray().Select(Text).ToList();
        Assert.That(dependsOn, Has.Count.EqualTo(4), "the capture, baseline and report grants and the monitoring policy exist before the job can run");
    }

    [TestCase("cron(0 6 ? * * *)", 24)]
    [TestCase("cron(0 0/6 ? * * *)", 6)]
    [TestCase("cron(0 17/12 ? * * *)", 12)]
    [TestCase("cron(0 * ? * * *)", 1)]
    public void Schedules_sagemaker_documents_are_accepted_with_their_period(string expression, int hours)
    {
        Assert.That(MonitorSchedule.Of(expression).PeriodHours, Is.EqualTo(hours));
        var json = Synth(p => p with { DataQualityMonitoring = p.DataQualityMonitoring! with { Schedule = MonitorSchedule.Of(expression), MaxRuntimeSeconds = hours * 3600 } });
        Assert.That(Text(json.Single("aws_sagemaker_monitoring_schedule")["monitoring_schedule_config"]!["schedule_config"]!["schedule_expression"]), Is.EqualTo(expression));
    }

    [Test]
    public void Factories_write_the_documented_forms()
    {
        Assert.That(MonitorSchedule.Hourly.Expression, Is.EqualTo("cron(0 * ? * * *)"));
        Assert.That(MonitorSchedule.DailyAt(6).Expression, Is.EqualTo("cron(0 6 ? * * *)"));
        Assert.That(MonitorSchedule.Every(12, 5).Expression, Is.EqualTo("cron(0 5/12 ? * * *)"));
        Assert.That(MonitorSchedule.DailyAt(6).PeriodHours, Is.EqualTo(24));
    }

    [Test]
    public void A_long_endpoint_name_is_cut_so_the_schedule_name_fits_63_characters()
    {
        var name = "churn-" + new string('a', 57);
        var json = Synth(p => p with { EndpointName = name });
        var schedule = Text(json.Single("aws_sagemaker_monitoring_schedule")["name"]);
        Assert.That(schedule, Has.Length.LessThanOrEqualTo(63));
        Assert.That(schedule, Does.EndWith("-data-quality").And.StartWith("churn-aaa"));
    }

    [Test]
    public void Images_are_the_analyzer_of_each_listed_region()
    {
        Assert.That(ModelMonitorImages.ImageUri("us-west-2"), Is.EqualTo("159807026194.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer"));
        Assert.That(ModelMonitorImages.ImageUri("cn-north-1"), Is.EqualTo("453000072557.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-model-monitor-analyzer"));
        Assert.That(ModelMonitorImages.ImageUri("eu-south-2"), Is.Null);
        Assert.That(ModelMonitorImages.Registries.Keys, Is.SubsetOf(CloudRegions.Aws), "every listed region is a known AWS region");
        Assert.That(ModelMonitorImages.Registries.Values, Has.All.Match("^[0-9]{12}$"));
    }

    // ---- validation: every message, with the construct path ----

    private static ConstructInputException Reject(Func<SageMakerEndpointProps, SageMakerEndpointProps> change, string region = "eu-west-1")
    {
        var stack = new TerraformStack(SynthHarness.NewApp(), "test");
        new AwsProvider(stack, "aws", new AwsProviderConfig { Region = region });
        var props = SageMakerEndpointTests.Props(stack, p => change(Monitored(p)));
        var error = Assert.Throws<ConstructInputException>(() => _ = new SageMakerEndpoint(stack, "Endpoint", props))!;
        Assert.That(error.Message, Does.StartWith("Invalid SageMakerEndpoint at path [test/Endpoint]:"));
        return error;
    }

    private static string Only(Func<SageMakerEndpointProps, SageMakerEndpointProps> change) => Reject(change).Problems.Single();

    private static Func<SageMakerEndpointProps, SageMakerEndpointProps> With(Func<DataQualityMonitoring, DataQualityMonitoring> change) =>
        p => p with { DataQualityMonitoring = change(p.DataQualityMonitoring!) };

    [Test]
    public void Monitoring_without_capture_names_both() =>
        Assert.That(Only(p => p with { DataCapture = null }), Is.EqualTo(
            "DataQualityMonitoring was \"set\": requires DataCapture (was null): the monitor reads the endpoint's captured requests. Turn DataCapture on, or set DataQualityMonitoring to null."));

    [Test]
    public void A_serverless_endpoint_cannot_be_monitored()
    {
        var problems = Reject(p => p with
        {
            Variants = [new ServerlessVariant()],
            EnableNetworkIsolation = false,
            DataCapture = null,
        }).Problems;
        Assert.That(problems, Does.Contain(
            "DataQualityMonitoring was \"set\": must be null with a serverless variant: Model Monitor reads data capture, which serverless endpoints do not support."));
    }

    [TestCase("s3://acme-ml-endpoint-test/baselines/")]
    [TestCase("/baselines/churn/")]
    [TestCase("baselines/churn")]
    [TestCase("baselines/*/")]
    [TestCase("")]
    public void Baseline_prefixes_that_are_not_key_prefixes_are_rejected(string prefix) =>
        Assert.That(Only(With(m => m with { BaselineKeyPrefix = prefix })), Is.EqualTo(
            $"DataQualityMonitoring.BaselineKeyPrefix was \"{prefix}\": must be a key prefix in the artifact bucket, not a URL: no \"s3://\", no leading '/', no wildcards, ending with '/' (e.g. \"baselines/churn/1.0.0/\", holding statistics.json and constraints.json)."));

    [TestCase("/model-monitor/")]
    [TestCase("model-monitor")]
    public void Bad_report_prefixes_are_rejected(string prefix) =>
        Assert.That(Only(With(m => m with { ReportKeyPrefix = prefix })), Does.StartWith($"DataQualityMonitoring.ReportKeyPrefix was \"{prefix}\": must be non-empty, end with '/'"));

    [TestCase("NOW")]
    [TestCase("cron(0 24 ? * * *)")]
    [TestCase("cron(0 0/25 ? * * *)")]
    [TestCase("cron(0 0/0 ? * * *)")]
    [TestCase("cron(30 * ? * * *)")]
    [TestCase("rate(1 hour)")]
    public void Schedules_sagemaker_refuses_are_rejected(string expression) =>
        Assert.That(Reject(With(m => m with { Schedule = MonitorSchedule.Of(expression) })).Problems.First(), Does.StartWith(
            $"DataQualityMonitoring.Schedule was \"{expression}\": must be a recurring schedule SageMaker Model Monitor accepts: hourly \"cron(0 * ? * * *)\""));

    [TestCase(0, "cron(0 * ? * * *)", 3600)]
    [TestCase(3601, "cron(0 * ? * * *)", 3600)]
    [TestCase(21601, "cron(0 0/6 ? * * *)", 21600)]
    [TestCase(86401, "cron(0 6 ? * * *)", 86400)]
    public void Runtimes_longer_than_the_period_are_rejected(int seconds, string expression, int max) =>
        Assert.That(Only(With(m => m with { Schedule = MonitorSchedule.Of(expression), MaxRuntimeSeconds = seconds })), Is.EqualTo(
            $"DataQualityMonitoring.MaxRuntimeSeconds was {seconds}: must be between 1 and {max} seconds: a run may not outlast the schedule's period ({expression})."));

    [TestCase(0)]
    [TestCase(101)]
    public void Instance_counts_outside_1_to_100_are_rejected(int count) =>
        Assert.That(Only(With(m => m with { InstanceCount = count })), Is.EqualTo($"DataQualityMonitoring.InstanceCount was {count}: must be between 1 and 100."));

    [TestCase(0)]
    [TestCase(513)]
    public void Volume_sizes_outside_1_to_512_are_rejected(int size) =>
        Assert.That(Only(With(m => m with { VolumeSizeInGb = size })), Is.EqualTo($"DataQualityMonitoring.VolumeSizeInGb was {size}: must be between 1 and 512 GB."));

    [Test]
    public void The_boundaries_are_accepted() =>
        Assert.DoesNotThrow(() => Synth(With(m => m with { InstanceCount = 100, VolumeSizeInGb = 512, MaxRuntimeSeconds = 1 })));

    [Test]
    public void Instance_types_with_local_nvme_storage_are_rejected() =>
        Assert.That(Only(With(m => m with { InstanceType = SageMakerInstanceType.Of("ml.m5d.xlarge") })), Does.StartWith(
            "DataQualityMonitoring.InstanceType was \"ml.m5d.xlarge\": must be an instance type with EBS storage"));

    [Test]
    public void A_region_without_a_known_analyzer_image_names_the_region_and_the_list() =>
        Assert.That(Reject(p => p, region: "eu-south-2").Problems.Single(), Does.StartWith(
            "AWS provider region was \"eu-south-2\": must be a region with a known Model Monitor analyzer image (ap-east-1, ap-northeast-1,")
            .And.Contain("ModelMonitorImages.cs"));

    [Test]
    public void A_stack_without_a_literal_region_cannot_pick_the_image()
    {
        var stack = SynthHarness.BareStack();
        var props = SageMakerEndpointTests.Props(stack, Monitored);
        var error = Assert.Throws<ConstructInputException>(() => _ = new SageMakerEndpoint(stack, "Endpoint", props))!;
        Assert.That(error.Problems.Single(), Does.StartWith("DataQualityMonitoring was \"set\": needs the stack's AWS provider to name its region literally"));
    }
}
