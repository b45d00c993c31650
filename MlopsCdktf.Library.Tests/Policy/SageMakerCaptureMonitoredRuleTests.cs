using HashiCorp.Cdktf.Providers.Aws.SagemakerDataQualityJobDefinition;
using HashiCorp.Cdktf.Providers.Aws.SagemakerEndpointConfiguration;
using HashiCorp.Cdktf.Providers.Aws.SagemakerMonitoringSchedule;
using MlopsCdktf.Aws;
using MlopsCdktf.Policy;
using MlopsCdktf.Policy.Model;
using static MlopsCdktf.Tests.Policy.PolicyHarness;
using EndpointResource = HashiCorp.Cdktf.Providers.Aws.SagemakerEndpoint.SagemakerEndpoint;

namespace MlopsCdktf.Tests.Policy;

/// <summary>MLOPS-SM-5: capture that no data-quality schedule reads is a warning; capture off or a monitored endpoint is fine.</summary>
public sealed class SageMakerCaptureMonitoredRuleTests
{
    private static IReadOnlyList<RuleResult> Results(HashiCorp.Cdktf.TerraformStack stack) =>
        PolicyPack.Default.Find("MLOPS-SM-5")!.Evaluate(SynthesizedStack.From(stack)).ToList();

    private static SageMakerEndpoint Endpoint(HashiCorp.Cdktf.TerraformStack stack, Func<SageMakerEndpointProps, SageMakerEndpointProps> change) =>
        new(stack, "Endpoint", MlopsCdktf.Tests.Aws.SageMakerEndpointTests.Props(stack, change));

    [Test]
    public void Capture_without_a_monitor_is_a_warning_on_the_configuration()
    {
        var stack = AwsStack();
        _ = Endpoint(stack, p => p);

        var result = Results(stack).Single();
        Assert.That(result.Outcome, Is.EqualTo(PolicyOutcome.NonCompliant));
        Assert.That(result.Element.Type, Is.EqualTo("aws_sagemaker_endpoint_configuration"));
        Assert.That(result.Detail, Does.StartWith("Unmonitored endpoint: aws_sagemaker_endpoint.Endpoint_"));
        Assert.That(PolicyPack.Default.Find("MLOPS-SM-5")!.Level, Is.EqualTo(PolicyLevel.Warning));
        Assert.That(Findings(stack), Has.One.StartWith("MLOPS-SM-5 Warning aws_sagemaker_endpoint_configuration."));
    }

    [Test]
    public void The_constructs_monitor_complies_and_the_endpoint_passes_the_gate()
    {
        var stack = AwsStack();
        _ = Endpoint(stack, p => p with { DataQualityMonitoring = new DataQualityMonitoring { BaselineKeyPrefix = "baselines/churn/1.0.0/" } });

        Assert.That(Results(stack).Single().Outcome, Is.EqualTo(PolicyOutcome.Compliant));
        Assert.That(Findings(stack), Is.Empty, "the monitor's own resources and grants pass every rule");
    }

    [Test]
    public void Capture_off_is_not_checked()
    {
        var stack = AwsStack();
        _ = Endpoint(stack, p => p with { DataCapture = null });
        Assert.That(Results(stack).Single().Outcome, Is.EqualTo(PolicyOutcome.NotApplicable));
    }

    /// <summary>Hand-written resources: a schedule that monitors another endpoint, or a job definition nobody schedules,
    /// does not read this endpoint's capture; literal names designate like references.</summary>
    [Test]
    public void Only_a_schedule_of_a_job_definition_on_this_endpoint_counts()
    {
        var stack = AwsStack();
        foreach (var name in new[] { "watched", "other", "unscheduled" })
        {
            var config = new SagemakerEndpointConfiguration(stack, $"{name}-config", new SagemakerEndpointConfigurationConfig
            {
                Name = $"{name}-config",
                ProductionVariants = new[] { new SagemakerEndpointConfigurationProductionVariants { VariantName = "AllTraffic", ModelName = "m", InstanceType = "ml.m5.large", InitialInstanceCount = 1 } },
                KmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                DataCaptureConfig = new SagemakerEndpointConfigurationDataCaptureConfig
                {
                    EnableCapture = true, InitialSamplingPercentage = 100, DestinationS3Uri = "s3://bucket/data-capture/",
                    CaptureOptions = new[] { new SagemakerEndpointConfigurationDataCaptureConfigCaptureOptions { CaptureMode = "Input" } },
                },
            });
            _ = new EndpointResource(stack, name, new HashiCorp.Cdktf.Providers.Aws.SagemakerEndpoint.SagemakerEndpointConfig { Name = name, EndpointConfigName = config.Name });
        }

        SagemakerDataQualityJobDefinition Definition(string id, string endpointName) => new(stack, id, new SagemakerDataQualityJobDefinitionConfig
        {
            RoleArn = "arn:aws:iam::123456789012:role/monitor",
            DataQualityAppSpecification = new SagemakerDataQualityJobDefinitionDataQualityAppSpecification { ImageUri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer" },
            DataQualityJobInput = new SagemakerDataQualityJobDefinitionDataQualityJobInput
            {
                EndpointInput = new SagemakerDataQualityJobDefinitionDataQualityJobInputEndpointInput { EndpointName = endpointName },
            },
            DataQualityJobOutputConfig = new SagemakerDataQualityJobDefinitionDataQualityJobOutputConfig
            {
                MonitoringOutputs = new SagemakerDataQualityJobDefinitionDataQualityJobOutputConfigMonitoringOutputs
                {
                    S3Output = new SagemakerDataQualityJobDefinitionDataQualityJobOutputConfigMonitoringOutputsS3Output { S3Uri = "s3://bucket/reports/" },
                },
            },
            JobResources = new SagemakerDataQualityJobDefinitionJobResources
            {
                ClusterConfig = new SagemakerDataQualityJobDefinitionJobResourcesClusterConfig { InstanceType = "ml.m5.xlarge", InstanceCount = 1, VolumeSizeInGb = 30 },
            },
        });

        // "watched" by literal name; the schedule of "other"'s definition does not cover "unscheduled".
        var watched = Definition("watched-definition", "watched");
        _ = Definition("unscheduled-definition", "unscheduled");
        foreach (var (id, definition) in new[] { ("watched-schedule", watched), ("stray-schedule", Definition("stray-definition", "somewhere-else")) })
        {
            _ = new SagemakerMonitoringSchedule(stack, id, new SagemakerMonitoringScheduleConfig
            {
                Name = id,
                MonitoringScheduleConfig = new SagemakerMonitoringScheduleMonitoringScheduleConfig { MonitoringJobDefinitionName = definition.Name, MonitoringType = "DataQuality" },
            });
        }

        var outcomes = Results(stack).ToDictionary(r => r.Element.Name, r => r.Outcome);
        Assert.That(outcomes, Is.EquivalentTo(new Dictionary<string, PolicyOutcome>
        {
            ["watched-config"] = PolicyOutcome.Compliant,
            ["other-config"] = PolicyOutcome.NonCompliant,
            ["unscheduled-config"] = PolicyOutcome.NonCompliant,
        }));
    }
}
