using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using MlopsCdktf.Aws;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>The secure defaults of <see cref="SageMakerEndpoint"/>, read back from the synthesized JSON.</summary>
public sealed class SageMakerEndpointTests
{
    internal const string EndpointName = "churn-test";

    internal static SageMakerEndpointProps Props(TerraformStack stack, Func<SageMakerEndpointProps, SageMakerEndpointProps>? change = null)
    {
        var bucket = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-endpoint-test" });
        var images = new ModelImageRepository(stack, "Images", new ModelImageRepositoryProps { RepositoryName = "ml/churn" });
        var props = new SageMakerEndpointProps
        {
            EndpointName = EndpointName,
            ArtifactBucket = bucket,
            ModelDataKey = "models/churn/1.0.0/model.tar.gz",
            ImageRepository = images,
            ImageTagOrDigest = "1.0.0",
            Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large }],
        };
        return change is null ? props : change(props);
    }

    private static TerraformJson Synth(Func<SageMakerEndpointProps, SageMakerEndpointProps>? change = null) =>
        SynthHarness.Aws(stack => new SageMakerEndpoint(stack, "Endpoint", Props(stack, change)));

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    private static IEnumerable<JsonObject> RoleStatements(TerraformJson json)
    {
        var role = json.Single("aws_iam_role");
        var roleName = json.Reference("aws_iam_role", role, "name");
        return json.Resources("aws_iam_role_policy").Values.Where(p => p["role"]!.GetValue<string>() == roleName).SelectMany(json.PolicyStatements);
    }

    [Test]
    public void Model_pins_the_image_reads_model_data_from_the_bucket_and_is_network_isolated()
    {
        var json = Synth();
        var model = json.Single("aws_sagemaker_model");
        var repository = json.Single("aws_ecr_repository");
        var bucket = json.Single("aws_s3_bucket");
        Assert.That(model["enable_network_isolation"]!.GetValue<bool>(), Is.True);
        Assert.That(model["primary_container"]!["image"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_ecr_repository", repository, "repository_url") + ":1.0.0"));
        Assert.That(model["primary_container"]!["model_data_url"]!.GetValue<string>(),
            Is.EqualTo($"s3://{json.Reference("aws_s3_bucket", bucket, "bucket")}/models/churn/1.0.0/model.tar.gz"));
        Assert.That(model["execution_role_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_iam_role", json.Single("aws_iam_role"), "arn")));
        Assert.That(model["vpc_config"], Is.Null);
        Assert.That(model["depends_on"]!.AsArray().Count(d => d!.GetValue<string>().StartsWith("aws_iam_role_policy.", StringComparison.Ordinal)),
            Is.EqualTo(json.Resources("aws_iam_role_policy").Count), "policies exist before SageMaker checks access");
    }

    /// <summary>A derived fixed name collided with itself whenever something outside the hash (role ARN, a re-created
    /// secret) forced a replacement under create-before-destroy: Terraform generates a new unique name per model instead.</summary>
    [Test]
    public void Model_name_is_generated_per_model_and_replacements_create_before_destroy()
    {
        var model = Synth().Single("aws_sagemaker_model");
        Assert.That(model["name"], Is.Null, "Terraform generates a unique name for each model it creates");
        Assert.That(model["lifecycle"]!["create_before_destroy"]!.GetValue<bool>(), Is.True);
        Assert.That(model["tags"]!["SageMakerEndpoint"]!.GetValue<string>(), Is.EqualTo(EndpointName), "the generated name is found by tag");

        var named = Synth(p => p with { ModelName = "churn-test-v2" }).Single("aws_sagemaker_model");
        Assert.That(named["name"]!.GetValue<string>(), Is.EqualTo("churn-test-v2"));
    }

    [Test]
    public void An_api_key_in_a_network_isolated_container_is_rejected_with_why()
    {
        var stack = SynthHarness.BareStack();
        var apiKey = new ModelApiKey(stack, "ApiKey", new ModelApiKeyProps { SecretName = "mlops/test/api-key" });
        var error = Assert.Throws<MlopsCdktf.Core.ConstructInputException>(() => _ = new SageMakerEndpoint(stack, "Endpoint", Props(stack, p => p with { ApiKey = apiKey })))!;
        Assert.That(error.Problems.Single(), Does.StartWith("ApiKey was \"test/ApiKey\": must be null while EnableNetworkIsolation is true: an isolated container makes no network calls and gets no AWS credentials"));
    }

    [Test]
    public void Endpoint_configuration_is_prefixed_replaced_create_before_destroy_and_kms_encrypted()
    {
        var json = Synth();
        var config = json.Single("aws_sagemaker_endpoint_configuration");
        Assert.That(config["name_prefix"]!.GetValue<string>(), Is.EqualTo($"{EndpointName}-"));
        Assert.That(config["name"], Is.Null);
        Assert.That(config["lifecycle"]!["create_before_destroy"]!.GetValue<bool>(), Is.True);
        Assert.That(config["kms_key_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", json.ByPath("aws_kms_key", "Artifacts/Key"), "arn")));
        var variant = config["production_variants"]![0]!;
        Assert.That(variant["variant_name"]!.GetValue<string>(), Is.EqualTo("AllTraffic"));
        Assert.That(variant["instance_type"]!.GetValue<string>(), Is.EqualTo("ml.m5.large"));
        Assert.That(variant["initial_instance_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(variant["initial_variant_weight"]!.GetValue<double>(), Is.EqualTo(1));

        var endpoint = json.Single("aws_sagemaker_endpoint");
        Assert.That(endpoint["name"]!.GetValue<string>(), Is.EqualTo(EndpointName));
        Assert.That(endpoint["endpoint_config_name"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_sagemaker_endpoint_configuration", config, "name")));
    }

    public static IEnumerable<TestCaseData> VariantSets()
    {
        yield return new TestCaseData((object)new ProductionVariant[] { new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large } }).SetArgDisplayNames("one instance variant");
        yield return new TestCaseData((object)new ProductionVariant[]
        {
            new InstanceVariant { VariantName = "Blue", InstanceType = SageMakerInstanceType.M5Large, InitialVariantWeight = 9 },
            new InstanceVariant { VariantName = "Green", InstanceType = SageMakerInstanceType.G5Xlarge, InitialVariantWeight = 1 },
        }).SetArgDisplayNames("two instance variants");
        yield return new TestCaseData((object)new ProductionVariant[] { new ServerlessVariant() }).SetArgDisplayNames("serverless");
    }

    /// <summary>Provider 6.x made <c>model_name</c> optional (inference components); a variant without it serves nothing.</summary>
    [TestCaseSource(nameof(VariantSets))]
    public void Every_production_variant_serves_the_endpoint_model(ProductionVariant[] variants)
    {
        var serverless = variants.All(v => v is ServerlessVariant);
        var json = Synth(p => p with
        {
            Variants = variants,
            EnableNetworkIsolation = !serverless,
            DataCapture = serverless ? null : p.DataCapture,
        });
        var model = json.Reference("aws_sagemaker_model", json.Single("aws_sagemaker_model"), "name");
        var served = json.Single("aws_sagemaker_endpoint_configuration")["production_variants"]!.AsArray()
            .Select(v => v!["model_name"]?.GetValue<string>())
            .ToList();

        Assert.That(served, Has.Count.EqualTo(variants.Length));
        Assert.That(served, Is.All.EqualTo(model));
    }

    [Test]
    public void Data_capture_is_on_by_default_for_input_and_output_into_the_endpoint_prefix_encrypted()
    {
        var json = Synth();
        var capture = json.Single("aws_sagemaker_endpoint_configuration")["data_capture_config"]!;
        var bucket = json.Reference("aws_s3_bucket", json.Single("aws_s3_bucket"), "bucket");
        Assert.That(capture["enable_capture"]!.GetValue<bool>(), Is.True);
        Assert.That(capture["initial_sampling_percentage"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(capture["destination_s3_uri"]!.GetValue<string>(), Is.EqualTo($"s3://{bucket}/data-capture/{EndpointName}/"));
        Assert.That(capture["kms_key_id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", json.ByPath("aws_kms_key", "Artifacts/Key"), "arn")));
        Assert.That(capture["capture_options"]!.AsArray().Select(o => o!["capture_mode"]!.GetValue<string>()), Is.EqualTo(new[] { "Input", "Output" }));
        Assert.That(Strings(capture["capture_content_type_header"]!["json_content_types"]), Is.EqualTo(new[] { "application/json" }));
        Assert.That(Strings(capture["capture_content_type_header"]!["csv_content_types"]), Is.EqualTo(new[] { "text/csv" }));
    }

    [Test]
    public void Data_capture_can_be_turned_off()
    {
        var json = Synth(p => p with { DataCapture = null });
        Assert.That(json.Single("aws_sagemaker_endpoint_configuration")["data_capture_config"], Is.Null);
        Assert.That(RoleStatements(json).SelectMany(s => Strings(s["resources"])), Has.None.Contains("data-capture"));
    }

    [Test]
    public void Execution_role_is_assumed_by_sagemaker_only_and_has_no_managed_policies()
    {
        var json = Synth();
        var role = json.Single("aws_iam_role");
        Assert.That(role["name"]!.GetValue<string>(), Is.EqualTo($"{EndpointName}-execution"));
        Assert.That(role["managed_policy_arns"], Is.Null);
        Assert.That(json.Resources("aws_iam_role_policy_attachment"), Is.Empty);
        var trust = json.ByPath("aws_iam_policy_document", "Endpoint/TrustPolicy")["statement"]![0]!;
        Assert.That(Strings(trust["actions"]), Is.EqualTo(new[] { "sts:AssumeRole" }));
        Assert.That(trust["principals"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("Service"));
        Assert.That(Strings(trust["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "sagemaker.amazonaws.com" }));
        Assert.That(trust["resources"], Is.Null);
    }

    [Test]
    public void Execution_role_gets_exactly_the_access_the_endpoint_uses()
    {
        var json = Synth(p => p with { AsyncInference = new AsyncInferenceOptions() });
        var statements = RoleStatements(json).ToList();
        var bucketArn = json.Reference("aws_s3_bucket", json.Single("aws_s3_bucket"), "arn");
        var objectResources = statements.Where(s => s["sid"]!.GetValue<string>().EndsWith("Artifacts", StringComparison.Ordinal) && s["sid"]!.GetValue<string>() != "ListArtifacts")
            .ToDictionary(s => Strings(s["resources"]).Single(), s => Strings(s["actions"]));
        Assert.That(objectResources.Keys, Is.EquivalentTo(new[]
        {
            $"{bucketArn}/models/churn/1.0.0/*",
            $"{bucketArn}/data-capture/{EndpointName}/*",
            $"{bucketArn}/async-inference/{EndpointName}/input/*",
            $"{bucketArn}/async-inference/{EndpointName}/output/*",
            $"{bucketArn}/async-inference/{EndpointName}/failures/*",
        }));
        Assert.That(objectResources[$"{bucketArn}/models/churn/1.0.0/*"], Has.None.StartWith("s3:Put"));
        Assert.That(objectResources[$"{bucketArn}/data-capture/{EndpointName}/*"], Has.None.StartWith("s3:Get"));

        var logs = statements.Single(s => s["sid"]!.GetValue<string>() == "WriteEndpointLogs");
        Assert.That(Strings(logs["actions"]), Is.EquivalentTo(new[] { "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents" }));
        Assert.That(Strings(logs["resources"]), Has.All.Contains($":log-group:/aws/sagemaker/Endpoints/{EndpointName}").And.All.StartWith("arn:${data.aws_partition."));
        var metrics = statements.Single(s => s["sid"]!.GetValue<string>() == "PublishEndpointMetrics");
        Assert.That(metrics["condition"]![0]!["variable"]!.GetValue<string>(), Is.EqualTo("cloudwatch:namespace"));
        Assert.That(statements.Select(s => s["sid"]!.GetValue<string>()), Has.None.StartWith("DescribeVpc"), "no VPC, no EC2 permissions");
    }

    [Test]
    public void The_log_group_is_created_with_retention_before_the_model()
    {
        var json = Synth();
        var group = json.Single("aws_cloudwatch_log_group");
        Assert.That(group["name"]!.GetValue<string>(), Is.EqualTo($"/aws/sagemaker/Endpoints/{EndpointName}"));
        Assert.That(group["retention_in_days"]!.GetValue<int>(), Is.EqualTo(90));
        Assert.That(json.Single("aws_sagemaker_model")["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()),
            Has.Some.StartWith("aws_cloudwatch_log_group."));

        var year = Synth(p => p with { LogRetentionDays = 365 }).Single("aws_cloudwatch_log_group");
        Assert.That(year["retention_in_days"]!.GetValue<int>(), Is.EqualTo(365));
    }

    [Test]
    public void No_s3_ecr_or_kms_action_is_granted_on_star_except_the_ecr_login_token()
    {
        var json = Synth(p => p with
        {
            AsyncInference = new AsyncInferenceOptions(),
            KmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            Vpc = new ModelVpcConfig { SubnetIds = ["subnet-0123456789abcdef0"], SecurityGroupIds = ["sg-0123456789abcdef0"] },
        });
        var starActions = RoleStatements(json)
            .Where(s => Strings(s["resources"]).Any(r => r == "*"))
            .SelectMany(s => Strings(s["actions"]))
            .ToList();
        Assert.That(starActions.Where(a => a.StartsWith("s3:", StringComparison.Ordinal) || a.StartsWith("kms:", StringComparison.Ordinal)), Is.Empty);
        Assert.That(starActions.Where(a => a.StartsWith("ecr:", StringComparison.Ordinal)), Is.EqualTo(new[] { "ecr:GetAuthorizationToken" }));
        Assert.That(starActions.Where(a => !a.StartsWith("ecr:", StringComparison.Ordinal)), Has.All.StartWith("ec2:Describe").Or.EqualTo("cloudwatch:PutMetricData"));
        Assert.That(RoleStatements(json).SelectMany(s => Strings(s["actions"])), Has.None.Contains("*"), "no wildcard actions");
        Assert.That(json.Resources("aws_iam_role_policy_attachment"), Is.Empty);
    }

    [Test]
    public void Vpc_config_reaches_the_model_and_scopes_network_interface_creation()
    {
        var json = Synth(p => p with { Vpc = new ModelVpcConfig { SubnetIds = ["subnet-0123456789abcdef0"], SecurityGroupIds = ["sg-0123456789abcdef0"] } });
        var vpc = json.Single("aws_sagemaker_model")["vpc_config"]!;
        Assert.That(Strings(vpc["subnets"]), Is.EqualTo(new[] { "subnet-0123456789abcdef0" }));
        Assert.That(Strings(vpc["security_group_ids"]), Is.EqualTo(new[] { "sg-0123456789abcdef0" }));
        var create = RoleStatements(json).Single(s => s["sid"]!.GetValue<string>() == "CreateModelNetworkInterfaces");
        Assert.That(Strings(create["resources"]), Has.Some.EndsWith(":subnet/subnet-0123456789abcdef0").And.Some.EndsWith(":security-group/sg-0123456789abcdef0")
            .And.Some.EndsWith(":network-interface/*"));
    }

    [Test]
    public void No_autoscaling_without_settings()
    {
        var json = Synth();
        Assert.That(json.Resources("aws_appautoscaling_target"), Is.Empty);
        Assert.That(json.Resources("aws_appautoscaling_policy"), Is.Empty);
    }

    [Test]
    public void Autoscaling_tracks_invocations_per_instance_at_safety_factor_times_max_rps_times_60()
    {
        var json = Synth(p => p with
        {
            Variants = [new InstanceVariant
            {
                InstanceType = SageMakerInstanceType.C5Xlarge,
                InitialInstanceCount = 2,
                Autoscaling = new EndpointAutoscaling { MinInstances = 2, MaxInstances = 8, MaxRequestsPerSecondPerInstance = 50 },
            }],
        });
        var target = json.Single("aws_appautoscaling_target");
        Assert.That(target["service_namespace"]!.GetValue<string>(), Is.EqualTo("sagemaker"));
        Assert.That(target["resource_id"]!.GetValue<string>(),
            Is.EqualTo($"endpoint/{json.Reference("aws_sagemaker_endpoint", json.Single("aws_sagemaker_endpoint"), "name")}/variant/AllTraffic"));
        Assert.That(target["scalable_dimension"]!.GetValue<string>(), Is.EqualTo("sagemaker:variant:DesiredInstanceCount"));
        Assert.That(target["min_capacity"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(target["max_capacity"]!.GetValue<int>(), Is.EqualTo(8));

        var policy = json.Single("aws_appautoscaling_policy");
        Assert.That(policy["policy_type"]!.GetValue<string>(), Is.EqualTo("TargetTrackingScaling"));
        Assert.That(policy["resource_id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_appautoscaling_target", target, "resource_id")));
        var tracking = policy["target_tracking_scaling_policy_configuration"]!;
        Assert.That(tracking["target_value"]!.GetValue<double>(), Is.EqualTo(0.5 * 50 * 60));
        Assert.That(tracking["scale_in_cooldown"]!.GetValue<int>(), Is.EqualTo(300));
        Assert.That(tracking["scale_out_cooldown"]!.GetValue<int>(), Is.EqualTo(60));
        Assert.That(tracking["predefined_metric_specification"]!["predefined_metric_type"]!.GetValue<string>(), Is.EqualTo("SageMakerVariantInvocationsPerInstance"));
    }

    [Test]
    public void Alarms_watch_5xx_errors_and_p99_latency_per_variant_and_notify_the_topic()
    {
        const string topic = "arn:aws:sns:eu-west-1:123456789012:ml-alerts";
        var json = Synth(p => p with { Alarms = new EndpointAlarms { AlarmTopicArn = topic } });
        var alarms = json.Resources("aws_cloudwatch_metric_alarm").Values.ToDictionary(a => a["metric_name"]!.GetValue<string>());
        Assert.That(alarms.Keys, Is.EquivalentTo(new[] { "Invocation5XXErrors", "ModelLatency" }));
        foreach (var alarm in alarms.Values)
        {
            Assert.That(alarm["namespace"]!.GetValue<string>(), Is.EqualTo("AWS/SageMaker"));
            // The given name, not a reference: the endpoint's auto-rollback refers to the alarms, so they cannot refer to it.
            Assert.That(alarm["dimensions"]!["EndpointName"]!.GetValue<string>(), Is.EqualTo(EndpointName));
            Assert.That(alarm["dimensions"]!["VariantName"]!.GetValue<string>(), Is.EqualTo("AllTraffic"));
            Assert.That(Strings(alarm["alarm_actions"]), Is.EqualTo(new[] { topic }));
            Assert.That(Strings(alarm["ok_actions"]), Is.EqualTo(new[] { topic }));
        }

        Assert.That(alarms["Invocation5XXErrors"]["statistic"]!.GetValue<string>(), Is.EqualTo("Sum"));
        Assert.That(alarms["ModelLatency"]["extended_statistic"]!.GetValue<string>(), Is.EqualTo("p99"));
        Assert.That(alarms["ModelLatency"]["threshold"]!.GetValue<double>(), Is.EqualTo(1_000_000), "1000 ms in microseconds");
        Assert.That(Synth(p => p with { Alarms = null }).Resources("aws_cloudwatch_metric_alarm"), Is.Empty);
    }

    /// <summary>Autoscaling and alarms are constructs of their own (one per variant), but their resources stay in the
    /// endpoint's scope: the construct paths and Terraform addresses are those of the endpoint before the split.</summary>
    [Test]
    public void Autoscaling_and_alarms_are_per_variant_constructs_whose_resources_keep_the_endpoints_addresses()
    {
        SageMakerEndpoint? endpoint = null;
        var json = SynthHarness.Aws(stack => endpoint = new SageMakerEndpoint(stack, "Endpoint", Props(stack, p => p with
        {
            Variants =
            [
                new InstanceVariant
                {
                    VariantName = "Scaled", InstanceType = SageMakerInstanceType.C5Xlarge, InitialInstanceCount = 2,
                    Autoscaling = new EndpointAutoscaling { MinInstances = 2, MaxInstances = 4, MaxRequestsPerSecondPerInstance = 20 },
                },
                new InstanceVariant { VariantName = "Fixed", InstanceType = SageMakerInstanceType.M5Large },
            ],
        })));

        Assert.That(endpoint!.Autoscaling.Keys, Is.EquivalentTo(new[] { "Scaled" }));
        Assert.That(endpoint.Alarms.Keys, Is.EquivalentTo(new[] { "Scaled", "Fixed" }));
        var scaling = endpoint.Autoscaling["Scaled"];
        Assert.That(scaling.Node.Path, Does.EndWith("/Endpoint/Autoscaling-Scaled"));
        Assert.That(TerraformJson.ConstructPath(json.Single("aws_appautoscaling_target")), Does.EndWith("/Endpoint/ScalingTarget-Scaled"));
        Assert.That(TerraformJson.ConstructPath(json.Single("aws_appautoscaling_policy")), Does.EndWith("/Endpoint/ScalingPolicy-Scaled"));
        Assert.That(scaling.Target.Node.Path, Is.EqualTo(TerraformJson.ConstructPath(json.Single("aws_appautoscaling_target"))));
        Assert.That(scaling.Policy.Node.Path, Is.EqualTo(TerraformJson.ConstructPath(json.Single("aws_appautoscaling_policy"))));

        var paths = json.Resources("aws_cloudwatch_metric_alarm").Values.Select(TerraformJson.ConstructPath).ToList();
        Assert.That(paths, Has.Count.EqualTo(4));
        foreach (var (variant, alarms) in endpoint.Alarms)
        {
            Assert.That(alarms.All.Select(a => a.Node.Path), Is.EqualTo(new[] { alarms.Invocation5XXErrors.Node.Path, alarms.ModelLatency.Node.Path }));
            Assert.That(alarms.Invocation5XXErrors.Node.Path, Does.EndWith($"/Endpoint/Alarm-{variant}-Invocation5XXErrors"));
            Assert.That(alarms.ModelLatency.Node.Path, Does.EndWith($"/Endpoint/Alarm-{variant}-ModelLatency"));
            Assert.That(paths, Does.Contain(alarms.Invocation5XXErrors.Node.Path).And.Contain(alarms.ModelLatency.Node.Path));
        }
    }

    [Test]
    public void Serverless_variant_has_no_volume_key_and_the_requested_capacity()
    {
        var json = Synth(p => p with
        {
            Variants = [new ServerlessVariant { MemorySizeInMb = 3072, MaxConcurrency = 20, ProvisionedConcurrency = 2 }],
            EnableNetworkIsolation = false,
            DataCapture = null,
        });
        var config = json.Single("aws_sagemaker_endpoint_configuration");
        Assert.That(config["kms_key_arn"], Is.Null);
        var serverless = config["production_variants"]![0]!["serverless_config"]!;
        Assert.That(serverless["memory_size_in_mb"]!.GetValue<int>(), Is.EqualTo(3072));
        Assert.That(serverless["max_concurrency"]!.GetValue<int>(), Is.EqualTo(20));
        Assert.That(serverless["provisioned_concurrency"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(config["production_variants"]![0]!["instance_type"], Is.Null);
    }

    [Test]
    public void Async_inference_writes_output_and_failures_into_the_bucket_encrypted()
    {
        var json = Synth(p => p with { AsyncInference = new AsyncInferenceOptions { MaxConcurrentInvocationsPerInstance = 4 } });
        var async = json.Single("aws_sagemaker_endpoint_configuration")["async_inference_config"]!;
        var bucket = json.Reference("aws_s3_bucket", json.Single("aws_s3_bucket"), "bucket");
        Assert.That(async["output_config"]!["s3_output_path"]!.GetValue<string>(), Is.EqualTo($"s3://{bucket}/async-inference/{EndpointName}/output/"));
        Assert.That(async["output_config"]!["s3_failure_path"]!.GetValue<string>(), Is.EqualTo($"s3://{bucket}/async-inference/{EndpointName}/failures/"));
        Assert.That(async["output_config"]!["kms_key_id"], Is.Not.Null);
        Assert.That(async["client_config"]!["max_concurrent_invocations_per_instance"]!.GetValue<int>(), Is.EqualTo(4));
    }

    [Test]
    public void An_api_key_is_readable_by_the_execution_role_and_passed_by_arn_only()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var apiKey = new ModelApiKey(stack, "ApiKey", new ModelApiKeyProps { SecretName = "mlops/test/api-key" });
            new SageMakerEndpoint(stack, "Endpoint", Props(stack, p => p with { ApiKey = apiKey, EnableNetworkIsolation = false }));
        });
        var secretArn = json.Reference("aws_secretsmanager_secret", json.Single("aws_secretsmanager_secret"), "arn");
        Assert.That(json.Single("aws_sagemaker_model")["primary_container"]!["environment"]!["MODEL_API_KEY_SECRET_ARN"]!.GetValue<string>(), Is.EqualTo(secretArn));
        var readers = json.Resources("aws_iam_role_policy").Values.Where(p => p["//"]!["metadata"]!["path"]!.GetValue<string>().Contains("ApiKey/", StringComparison.Ordinal)).ToList();
        Assert.That(readers, Has.Count.EqualTo(1));
        Assert.That(readers[0]["role"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_iam_role", json.Single("aws_iam_role"), "name")));
    }

    [Test]
    public void Local_nvme_instance_types_get_no_volume_key()
    {
        var json = Synth(p => p with { Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.G5Xlarge }] });
        Assert.That(json.Single("aws_sagemaker_endpoint_configuration")["kms_key_arn"], Is.Null);
    }
}
