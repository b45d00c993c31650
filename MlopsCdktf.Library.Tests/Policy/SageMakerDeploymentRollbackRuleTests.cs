using HashiCorp.Cdktf.Providers.Aws.SagemakerEndpoint;
using MlopsCdktf.Aws;
using MlopsCdktf.Policy;
using MlopsCdktf.Policy.Model;
using static MlopsCdktf.Tests.Policy.PolicyHarness;
using EndpointResource = HashiCorp.Cdktf.Providers.Aws.SagemakerEndpoint.SagemakerEndpoint;

namespace MlopsCdktf.Tests.Policy;

/// <summary>MLOPS-SM-4: a blue/green deployment without auto-rollback alarms is a warning; none is not checked.</summary>
public sealed class SageMakerDeploymentRollbackRuleTests
{
    private static SagemakerEndpointDeploymentConfigBlueGreenUpdatePolicy Canary() => new()
    {
        TrafficRoutingConfiguration = new SagemakerEndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfiguration
        {
            Type = "CANARY",
            WaitIntervalInSeconds = 600,
            CanarySize = new SagemakerEndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationCanarySize { Type = "INSTANCE_COUNT", Value = 1 },
        },
    };

    [Test]
    public void A_blue_green_deployment_without_rollback_alarms_is_a_warning_one_with_them_complies_none_is_not_checked()
    {
        var stack = AwsStack();
        _ = new EndpointResource(stack, "unguarded", new SagemakerEndpointConfig
        {
            Name = "unguarded", EndpointConfigName = "config-a",
            DeploymentConfig = new SagemakerEndpointDeploymentConfig { BlueGreenUpdatePolicy = Canary() },
        });
        _ = new EndpointResource(stack, "guarded", new SagemakerEndpointConfig
        {
            Name = "guarded", EndpointConfigName = "config-b",
            DeploymentConfig = new SagemakerEndpointDeploymentConfig
            {
                BlueGreenUpdatePolicy = Canary(),
                AutoRollbackConfiguration = new SagemakerEndpointDeploymentConfigAutoRollbackConfiguration
                {
                    Alarms = new[] { new SagemakerEndpointDeploymentConfigAutoRollbackConfigurationAlarms { AlarmName = "guarded-5xx" } },
                },
            },
        });
        _ = new EndpointResource(stack, "plain", new SagemakerEndpointConfig { Name = "plain", EndpointConfigName = "config-c" });

        Assert.That(Findings(stack), Is.EqualTo(new[] { Line("MLOPS-SM-4", "aws_sagemaker_endpoint.unguarded", "test/unguarded") }));
        var outcomes = PolicyPack.Default.Find("MLOPS-SM-4")!.Evaluate(SynthesizedStack.From(stack)).Select(r => r.Outcome).ToList();
        Assert.That(outcomes, Is.EquivalentTo(new[] { PolicyOutcome.NonCompliant, PolicyOutcome.Compliant, PolicyOutcome.NotApplicable }));
    }

    [Test]
    public void The_constructs_canary_passes_the_gate()
    {
        var stack = AwsStack();
        _ = new SageMakerEndpoint(stack, "Endpoint", MlopsCdktf.Tests.Aws.SageMakerEndpointTests.Props(stack, p => p with
        {
            Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large, InitialInstanceCount = 2 }],
            Deployment = new EndpointDeployment(),
            DataQualityMonitoring = new DataQualityMonitoring { BaselineKeyPrefix = "baselines/churn/1.0.0/" },
        }));

        Assert.That(Findings(stack), Is.Empty);
        Assert.That(PolicyPack.Default.Find("MLOPS-SM-4")!.Evaluate(SynthesizedStack.From(stack)).Single().Outcome, Is.EqualTo(PolicyOutcome.Compliant));
    }
}
