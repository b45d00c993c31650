using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>Every validation of <see cref="SageMakerEndpoint"/> fails at synth time with the path, property, value and rule.</summary>
public sealed class SageMakerEndpointValidationTests
{
    private static ConstructInputException Reject(Func<SageMakerEndpointProps, SageMakerEndpointProps> change)
    {
        var stack = SynthHarness.BareStack();
        var props = SageMakerEndpointTests.Props(stack, change);
        var error = Assert.Throws<ConstructInputException>(() => _ = new SageMakerEndpoint(stack, "Endpoint", props))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Endpoint"));
        Assert.That(error.Message, Does.StartWith("Invalid SageMakerEndpoint at path [test/Endpoint]:"));
        return error;
    }

    private static string Only(Func<SageMakerEndpointProps, SageMakerEndpointProps> change) => Reject(change).Problems.Single();

    private static InstanceVariant Instance(string type = "ml.m5.large") => new() { InstanceType = SageMakerInstanceType.Of(type) };

    private static readonly EndpointAutoscaling Scaling = new() { MinInstances = 1, MaxInstances = 4, MaxRequestsPerSecondPerInstance = 10 };

    [TestCase("-churn")]
    [TestCase("churn_prod")]
    [TestCase("churn-")]
    public void Bad_endpoint_names_are_rejected(string name) =>
        Assert.That(Only(p => p with { EndpointName = name }),
            Is.EqualTo($"EndpointName was \"{name}\": must be 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit."));

    [Test]
    public void Endpoint_and_model_names_longer_than_63_are_rejected()
    {
        var name = new string('a', 64);
        Assert.That(Only(p => p with { EndpointName = name }), Does.StartWith($"EndpointName was \"{name}\": must be 1 to 63"));
        Assert.That(Only(p => p with { ModelName = name }), Does.StartWith($"ModelName was \"{name}\": must be 1 to 63"));
        Assert.That(Only(p => p with { EndpointName = "" }), Is.EqualTo("EndpointName was \"\": must not be empty."));
    }

    [TestCase("latest")]
    [TestCase("Latest")]
    [TestCase("")]
    [TestCase("sha256:xyz")]
    public void Unpinned_image_references_are_rejected(string reference) =>
        Assert.That(Only(p => p with { ImageTagOrDigest = reference }), Is.EqualTo($"ImageTagOrDigest was \"{reference}\": {ContainerImageReference.Allowed}."));

    [TestCase("model.tar.gz")]
    [TestCase("/models/model.tar.gz")]
    [TestCase("models/")]
    [TestCase("models/*")]
    public void Model_data_keys_outside_a_prefix_are_rejected(string key) =>
        Assert.That(Only(p => p with { ModelDataKey = key }), Does.StartWith($"ModelDataKey was \"{key}\": must be an object key under a prefix"));

    [TestCase(0)]
    [TestCase(100)]
    public void Log_retention_outside_cloudwatch_values_is_rejected(int days) =>
        Assert.That(Only(p => p with { LogRetentionDays = days }), Is.EqualTo(
            $"LogRetentionDays was {days}: must be one of CloudWatch's retention values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."));

    [Test]
    public void Bad_kms_key_is_rejected() =>
        Assert.That(Only(p => p with { KmsKeyArn = "my-key" }), Does.StartWith("KmsKeyArn was \"my-key\": must be a KMS key ARN"));

    [Test]
    public void Bad_environment_variables_are_rejected()
    {
        var error = Reject(p => p with { Environment = new Dictionary<string, string> { ["1BAD"] = "x", ["MODEL_API_KEY_SECRET_ARN"] = "x", ["LONG"] = new string('v', 1025) } });
        Assert.That(error.Problems, Has.Member("Environment key was \"1BAD\": must match [A-Za-z_][A-Za-z0-9_]* and be at most 1024 characters."));
        Assert.That(error.Problems, Has.Member("Environment key was \"MODEL_API_KEY_SECRET_ARN\": is reserved: the construct sets it from ApiKey."));
        Assert.That(error.Problems, Has.Some.StartsWith("Environment[\"LONG\"] was \"vvv").And.Some.EndsWith("must be at most 1024 characters."));
    }

    [Test]
    public void Vpc_needs_subnets_and_security_groups()
    {
        var error = Reject(p => p with { Vpc = new ModelVpcConfig { SubnetIds = [], SecurityGroupIds = [] } });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Vpc.SubnetIds was 0: must list 1 to 16 subnet ids.",
            "Vpc.SecurityGroupIds was 0: must list 1 to 5 security group ids.",
        }));
        var ids = Reject(p => p with { Vpc = new ModelVpcConfig { SubnetIds = ["vpc-1"], SecurityGroupIds = ["group"] } });
        Assert.That(ids.Problems, Is.EquivalentTo(new[]
        {
            "Vpc.SubnetIds was \"vpc-1\": must be a subnet id (subnet-<hex>) or a reference to one.",
            "Vpc.SecurityGroupIds was \"group\": must be a security group id (sg-<hex>) or a reference to one.",
        }));
    }

    [Test]
    public void Variants_must_be_1_to_10()
    {
        Assert.That(Only(p => p with { Variants = [] }), Is.EqualTo("Variants was 0: must hold 1 to 10 production variants."));
        var eleven = Enumerable.Range(0, 11).Select(i => (ProductionVariant)(Instance() with { VariantName = $"v{i}" })).ToArray();
        Assert.That(Only(p => p with { Variants = eleven }), Is.EqualTo("Variants was 11: must hold 1 to 10 production variants."));
    }

    [Test]
    public void Instance_and_serverless_variants_cannot_be_mixed()
    {
        var error = Reject(p => p with { Variants = [Instance(), new ServerlessVariant { VariantName = "Serverless" }] });
        Assert.That(error.Problems, Has.Member(
            "Variants was \"1 instance and 1 serverless\": must be all instance-based or all serverless: one endpoint configuration cannot mix them."));
    }

    [Test]
    public void Variant_names_must_be_unique_and_well_formed()
    {
        Assert.That(Only(p => p with { Variants = [Instance(), Instance()] }), Is.EqualTo("Variants[].VariantName was \"AllTraffic\": must be unique within the endpoint."));
        Assert.That(Only(p => p with { Variants = [Instance() with { VariantName = "bad_name" }] }),
            Is.EqualTo("Variants[\"bad_name\"].VariantName was \"bad_name\": must be 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit."));
    }

    [TestCase("m5.large")]
    [TestCase("ml.m5")]
    [TestCase("ML.M5.LARGE")]
    public void Instance_types_must_be_ml_types(string type) =>
        Assert.That(Assert.Throws<ArgumentException>(() => SageMakerInstanceType.Of(type))!.Message,
            Does.StartWith($"InstanceType was \"{type}\": must be an ML instance type ml.<family>.<size> (e.g. \"ml.m5.large\")."));

    [Test]
    public void Instance_variant_ranges_are_enforced()
    {
        var error = Reject(p => p with
        {
            Variants = [Instance() with
            {
                InitialInstanceCount = 0,
                InitialVariantWeight = -1,
                VolumeSizeInGb = 513,
                ContainerStartupHealthCheckTimeoutSeconds = 59,
                ModelDataDownloadTimeoutSeconds = 3601,
            }],
        });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Variants[\"AllTraffic\"].InitialVariantWeight was -1: must be between 0 and 1000.",
            "Variants[\"AllTraffic\"].InitialInstanceCount was 0: must be between 1 and 1000.",
            "Variants[\"AllTraffic\"].VolumeSizeInGb was 513: must be between 1 and 512 GB.",
            "Variants[\"AllTraffic\"].ContainerStartupHealthCheckTimeoutSeconds was 59: must be between 60 and 3600 seconds.",
            "Variants[\"AllTraffic\"].ModelDataDownloadTimeoutSeconds was 3601: must be between 60 and 3600 seconds.",
        }));
    }

    [Test]
    public void Volume_size_on_local_nvme_types_is_rejected() =>
        Assert.That(Only(p => p with { Variants = [Instance("ml.g5.xlarge") with { VolumeSizeInGb = 100 }] }),
            Is.EqualTo("Variants[\"AllTraffic\"].VolumeSizeInGb was 100: must be null for ml.g5.xlarge: its storage is local NVMe instance storage of fixed size."));

    [TestCase(1, 2, 4)]
    [TestCase(5, 1, 4)]
    public void Initial_count_outside_autoscaling_bounds_is_rejected(int initial, int min, int max) =>
        Assert.That(Only(p => p with { Variants = [Instance() with { InitialInstanceCount = initial, Autoscaling = Scaling with { MinInstances = min, MaxInstances = max } }] }),
            Is.EqualTo($"Variants[\"AllTraffic\"].InitialInstanceCount was {initial}: must lie between Autoscaling.MinInstances ({min}) and Autoscaling.MaxInstances ({max})."));

    [Test]
    public void Min_above_max_is_reported_on_the_pair_the_user_set_not_the_initial_count()
    {
        var error = Reject(p => p with { Variants = [Instance() with { InitialInstanceCount = 3, Autoscaling = Scaling with { MinInstances = 4, MaxInstances = 3 } }] });
        Assert.That(error.Problems.Single(), Is.EqualTo(
            "Variants[\"AllTraffic\"].Autoscaling.MaxInstances was 3: must be at least Autoscaling.MinInstances (4): the minimum is greater than the maximum."));
        var stack = SynthHarness.BareStack();
        Assert.DoesNotThrow(() => _ = new SageMakerEndpoint(stack, "Endpoint", SageMakerEndpointTests.Props(stack,
            p => p with { Variants = [Instance() with { InitialInstanceCount = 4, Autoscaling = Scaling with { MinInstances = 4, MaxInstances = 4 } }] })),
            "min equal to max is the largest valid minimum");
        var outside = Reject(p => p with { Variants = [Instance() with { InitialInstanceCount = 5, Autoscaling = Scaling with { MinInstances = 2, MaxInstances = 4 } }] });
        Assert.That(outside.Problems.Single(), Is.EqualTo("Variants[\"AllTraffic\"].InitialInstanceCount was 5: must lie between Autoscaling.MinInstances (2) and Autoscaling.MaxInstances (4)."));
    }

    [Test]
    public void Autoscaling_parameters_are_range_checked()
    {
        var error = Reject(p => p with
        {
            Variants = [Instance() with
            {
                InitialInstanceCount = 0,
                Autoscaling = Scaling with { MinInstances = 0, MaxInstances = 1001, MaxRequestsPerSecondPerInstance = 0, SafetyFactor = 1.5, ScaleInCooldownSeconds = -1, ScaleOutCooldownSeconds = 3601 },
            }],
        });
        Assert.That(error.Problems, Is.SupersetOf(new[]
        {
            "Variants[\"AllTraffic\"].Autoscaling.MinInstances was 0: must be at least 1.",
            "Variants[\"AllTraffic\"].Autoscaling.MaxInstances was 1001: must be at most 1000.",
            "Variants[\"AllTraffic\"].Autoscaling.MaxRequestsPerSecondPerInstance was 0: must be greater than 0 (measure it with a load test).",
            "Variants[\"AllTraffic\"].Autoscaling.SafetyFactor was 1.5: must be greater than 0 and at most 1.",
            "Variants[\"AllTraffic\"].Autoscaling.ScaleInCooldownSeconds was -1: must be between 0 and 3600 seconds.",
            "Variants[\"AllTraffic\"].Autoscaling.ScaleOutCooldownSeconds was 3601: must be between 0 and 3600 seconds.",
        }));
    }

    [Test]
    public void Burstable_types_are_rejected_with_autoscaling_only()
    {
        Assert.That(Only(p => p with { Variants = [Instance("ml.t2.medium") with { Autoscaling = Scaling }] }),
            Is.EqualTo("Variants[\"AllTraffic\"].InstanceType was \"ml.t2.medium\": must not be a burstable ml.t* type when Autoscaling is set: exhausted CPU credits look like load and scaling chases them."));
        Assert.DoesNotThrow(() => _ = new SageMakerEndpoint(SynthHarness.BareStack(), "Endpoint",
            SageMakerEndpointTests.Props(SynthHarness.BareStack(), p => p with { Variants = [Instance("ml.t2.medium")] })));
    }

    [TestCase(512)]
    [TestCase(1500)]
    [TestCase(7168)]
    public void Serverless_memory_must_be_a_1024_step_between_1024_and_6144(int memory) =>
        Assert.That(Reject(Serverless(new ServerlessVariant { MemorySizeInMb = memory })).Problems.Single(),
            Is.EqualTo($"Variants[\"AllTraffic\"].MemorySizeInMb was {memory}: must be 1024, 2048, 3072, 4096, 5120 or 6144 MB."));

    [Test]
    public void Serverless_concurrency_ranges_are_enforced()
    {
        Assert.That(Reject(Serverless(new ServerlessVariant { MaxConcurrency = 201 })).Problems.Single(),
            Is.EqualTo("Variants[\"AllTraffic\"].MaxConcurrency was 201: must be between 1 and 200."));
        Assert.That(Reject(Serverless(new ServerlessVariant { MaxConcurrency = 5, ProvisionedConcurrency = 6 })).Problems.Single(),
            Is.EqualTo("Variants[\"AllTraffic\"].ProvisionedConcurrency was 6: must be between 1 and MaxConcurrency (5)."));
    }

    [Test]
    public void Serverless_rejects_features_it_does_not_support()
    {
        var error = Reject(p => p with
        {
            Variants = [new ServerlessVariant()],
            Vpc = new ModelVpcConfig { SubnetIds = ["subnet-0123456789abcdef0"], SecurityGroupIds = ["sg-0123456789abcdef0"] },
            AsyncInference = new AsyncInferenceOptions(),
        });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "EnableNetworkIsolation was True: must be false with a serverless variant: serverless endpoints do not support it.",
            "Vpc was \"set\": must be null with a serverless variant: serverless endpoints do not support it.",
            "DataCapture was \"set\": must be null with a serverless variant: serverless endpoints do not support it.",
            "AsyncInference was \"set\": must be null with a serverless variant: serverless endpoints do not support it.",
        }));
    }

    private static Func<SageMakerEndpointProps, SageMakerEndpointProps> Serverless(ServerlessVariant variant) =>
        p => p with { Variants = [variant], EnableNetworkIsolation = false, DataCapture = null };

    [TestCase(-1)]
    [TestCase(101)]
    public void Sampling_percentage_outside_0_to_100_is_rejected(int percent) =>
        Assert.That(Only(p => p with { DataCapture = new DataCaptureOptions { SamplingPercentage = percent } }),
            Is.EqualTo($"DataCapture.SamplingPercentage was {percent}: must be between 0 and 100 percent."));

    [Test]
    public void Data_capture_options_are_validated()
    {
        var error = Reject(p => p with
        {
            DataCapture = new DataCaptureOptions { CaptureInput = false, CaptureOutput = false, KeyPrefix = "capture", JsonContentTypes = ["json"] },
        });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "DataCapture.CaptureInput was False: CaptureInput and CaptureOutput must not both be false (set DataCapture to null to turn capture off).",
            "DataCapture.KeyPrefix was \"capture\": must be non-empty, end with '/', and have no leading '/' or wildcards (e.g. \"data-capture/\").",
            "DataCapture.JsonContentTypes was \"json\": must be a media type such as \"application/json\" (at most 256 characters).",
        }));
    }

    [Test]
    public void Async_options_are_validated()
    {
        var error = Reject(p => p with { AsyncInference = new AsyncInferenceOptions { KeyPrefix = "/async/", MaxConcurrentInvocationsPerInstance = 0 } });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "AsyncInference.KeyPrefix was \"/async/\": must be non-empty, end with '/', and have no leading '/' or wildcards (e.g. \"data-capture/\").",
            "AsyncInference.MaxConcurrentInvocationsPerInstance was 0: must be between 1 and 1000.",
        }));
    }

    [Test]
    public void Alarm_options_are_validated()
    {
        var error = Reject(p => p with
        {
            Alarms = new EndpointAlarms
            {
                AlarmTopicArn = "topic",
                Invocation5XXErrorsThreshold = 0,
                ModelLatencyP99ThresholdMs = 0,
                PeriodSeconds = 45,
                EvaluationPeriods = 2,
                DatapointsToAlarm = 3,
            },
        });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Alarms.AlarmTopicArn was \"topic\": must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<topic>) or a reference to one.",
            "Alarms.Invocation5XXErrorsThreshold was 0: must be at least 1.",
            "Alarms.ModelLatencyP99ThresholdMs was 0: must be greater than 0.",
            "Alarms.PeriodSeconds was 45: must be 10, 30 or a multiple of 60 seconds.",
            "Alarms.DatapointsToAlarm was 3: must be between 1 and EvaluationPeriods (2).",
        }));
    }

    [Test]
    public void Bad_tags_are_rejected() =>
        Assert.That(Only(p => p with { Tags = new Dictionary<string, string> { ["aws:x"] = "y" } }), Is.EqualTo("Tags key was \"aws:x\": the 'aws:' prefix is reserved for AWS."));
}
