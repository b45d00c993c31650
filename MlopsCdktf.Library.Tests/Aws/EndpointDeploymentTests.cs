using System.Text.Json.Nodes;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary><see cref="EndpointDeployment"/>: the <c>deployment_config</c> block, its rollback alarms, and every rule
/// SageMaker would otherwise enforce halfway through an apply.</summary>
public sealed class EndpointDeploymentTests
{
    private static readonly EndpointAutoscaling Scaling = new() { MinInstances = 2, MaxInstances = 6, MaxRequestsPerSecondPerInstance = 20 };

    private static SageMakerEndpointProps TwoInstances(SageMakerEndpointProps p, EndpointDeployment? deployment) => p with
    {
        Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large, InitialInstanceCount = 2, Autoscaling = Scaling }],
        Deployment = deployment,
    };

    private static TerraformJson Synth(EndpointDeployment? deployment, Func<SageMakerEndpointProps, SageMakerEndpointProps>? change = null) =>
        SynthHarness.Aws(stack => new SageMakerEndpoint(stack, "Endpoint",
            SageMakerEndpointTests.Props(stack, p => (change ?? (x => x))(TwoInstances(p, deployment)))));

    private static ConstructInputException Reject(EndpointDeployment? deployment, Func<SageMakerEndpointProps, SageMakerEndpointProps>? change = null)
    {
        var stack = SynthHarness.BareStack();
        var props = SageMakerEndpointTests.Props(stack, p => (change ?? (x => x))(TwoInstances(p, deployment)));
        var error = Assert.Throws<ConstructInputException>(() => _ = new SageMakerEndpoint(stack, "Endpoint", props))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Endpoint"));
        return error;
    }

    private static JsonNode Config(TerraformJson json) => json.Single("aws_sagemaker_endpoint")["deployment_config"]!;

    [Test]
    public void Without_a_deployment_the_endpoint_has_no_deployment_config() =>
        Assert.That(Synth(null).Single("aws_sagemaker_endpoint")["deployment_config"], Is.Null);

    [Test]
    public void Canary_by_default_rolls_back_on_the_endpoints_own_alarms()
    {
        var json = Synth(new EndpointDeployment());
        var policy = Config(json)["blue_green_update_policy"]!;
        var routing = policy["traffic_routing_configuration"]!;
        Assert.That(routing["type"]!.GetValue<string>(), Is.EqualTo("CANARY"));
        Assert.That(routing["wait_interval_in_seconds"]!.GetValue<int>(), Is.EqualTo(600));
        Assert.That(routing["canary_size"]!["type"]!.GetValue<string>(), Is.EqualTo("INSTANCE_COUNT"));
        Assert.That(routing["canary_size"]!["value"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(routing["linear_step_size"], Is.Null);
        Assert.That(policy["termination_wait_in_seconds"]!.GetValue<int>(), Is.Zero);

        // The rollback alarms are references to the alarm resources of this endpoint: both alarms of its one variant.
        var expected = json.Resources("aws_cloudwatch_metric_alarm").Select(a => json.Reference("aws_cloudwatch_metric_alarm", a.Value, "alarm_name"));
        var names = Config(json)["auto_rollback_configuration"]!["alarms"]!.AsArray().Select(a => a!["alarm_name"]!.GetValue<string>());
        Assert.That(names, Is.EquivalentTo(expected));
        Assert.That(names.Count(), Is.EqualTo(2));
    }

    [Test]
    public void Linear_all_at_once_and_extra_alarms_are_rendered()
    {
        var linear = Config(Synth(new EndpointDeployment
        {
            TrafficShift = TrafficShift.Linear,
            StepSize = DeploymentCapacity.Percent(50),
            WaitIntervalSeconds = 120,
            TerminationWaitSeconds = 300,
            MaximumExecutionTimeoutSeconds = 3600,
            AdditionalRollbackAlarmNames = ["churn-business-kpi"],
        }));
        var routing = linear["blue_green_update_policy"]!["traffic_routing_configuration"]!;
        Assert.That(routing["type"]!.GetValue<string>(), Is.EqualTo("LINEAR"));
        Assert.That(routing["linear_step_size"]!["type"]!.GetValue<string>(), Is.EqualTo("CAPACITY_PERCENT"));
        Assert.That(routing["linear_step_size"]!["value"]!.GetValue<int>(), Is.EqualTo(50));
        Assert.That(linear["blue_green_update_policy"]!["maximum_execution_timeout_in_seconds"]!.GetValue<int>(), Is.EqualTo(3600));
        Assert.That(linear["auto_rollback_configuration"]!["alarms"]!.AsArray().Select(a => a!["alarm_name"]!.GetValue<string>()).Last(), Is.EqualTo("churn-business-kpi"));

        var once = Config(Synth(new EndpointDeployment { TrafficShift = TrafficShift.AllAtOnce, AutoRollback = false }));
        Assert.That(once["blue_green_update_policy"]!["traffic_routing_configuration"]!["type"]!.GetValue<string>(), Is.EqualTo("ALL_AT_ONCE"));
        Assert.That(once["blue_green_update_policy"]!["traffic_routing_configuration"]!["canary_size"], Is.Null);
        Assert.That(once["auto_rollback_configuration"], Is.Null);
    }

    [Test]
    public void Out_of_range_waits_and_timeouts_are_rejected()
    {
        var error = Reject(new EndpointDeployment { WaitIntervalSeconds = 3601, TerminationWaitSeconds = -1, MaximumExecutionTimeoutSeconds = 599 });
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Deployment.WaitIntervalSeconds was 3601: must be between 0 and 3600 seconds.",
            "Deployment.TerminationWaitSeconds was -1: must be between 0 and 3600 seconds.",
            "Deployment.MaximumExecutionTimeoutSeconds was 599: must be between 600 and 28800 seconds.",
            "Deployment.MaximumExecutionTimeoutSeconds was 599: must exceed WaitIntervalSeconds + TerminationWaitSeconds (3600): SageMaker would time the deployment out while it waits.",
        }));
    }

    [TestCase(TrafficShift.Canary, 51, "must be 1 to 50 percent: SageMaker's limit for a canary.")]
    [TestCase(TrafficShift.Linear, 5, "must be 10 to 50 percent: SageMaker's limit for a linear step.")]
    public void Percent_steps_outside_sagemakers_limits_are_rejected(TrafficShift shift, int percent, string allowed) =>
        Assert.That(Reject(new EndpointDeployment { TrafficShift = shift, StepSize = DeploymentCapacity.Percent(percent) }).Problems.Single(),
            Is.EqualTo($"Deployment.StepSize was \"{percent} %\": {allowed}"));

    [Test]
    public void Instance_steps_larger_than_half_the_smallest_fleet_are_rejected() =>
        Assert.That(Reject(new EndpointDeployment { StepSize = DeploymentCapacity.Instances(2) }).Problems.Single(), Is.EqualTo(
            "Deployment.StepSize was \"2 instance(s)\": must be 1 to 50 % of Variants[\"AllTraffic\"]'s 2 instance(s) " +
            "(InitialInstanceCount or Autoscaling.MinInstances, the smaller), i.e. 1 to 1 instance(s): SageMaker's limit for a canary."));

    [Test]
    public void A_canary_needs_two_instances() =>
        Assert.That(Reject(new EndpointDeployment(), p => p with { Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large }] }).Problems.Single(),
            Does.StartWith("Deployment.TrafficShift was Canary: needs at least 2 instances in every variant, but Variants[\"AllTraffic\"] can run 1"));

    [Test]
    public void All_at_once_takes_no_step_size() =>
        Assert.That(Reject(new EndpointDeployment { TrafficShift = TrafficShift.AllAtOnce, StepSize = DeploymentCapacity.Instances(1) }).Problems.Single(),
            Does.StartWith("Deployment.StepSize was").And.EndsWith("must be null with TrafficShift AllAtOnce: all traffic moves in one step."));

    [Test]
    public void Auto_rollback_without_any_alarm_is_rejected() =>
        Assert.That(Reject(new EndpointDeployment(), p => p with { Alarms = null }).Problems.Single(), Does.StartWith(
            "Deployment.AutoRollback was True: needs rollback alarms: set Alarms"));

    [Test]
    public void More_than_ten_rollback_alarms_and_alarm_arns_are_rejected()
    {
        var names = Enumerable.Range(0, 9).Select(i => $"kpi-{i}").Append("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x").ToArray();
        var error = Reject(new EndpointDeployment { AdditionalRollbackAlarmNames = names });
        Assert.That(error.Problems, Has.Member("Deployment.AutoRollback was \"12 alarms (2 of the endpoint's variants)\": SageMaker accepts at most 10 rollback alarms: remove AdditionalRollbackAlarmNames or variants."));
        Assert.That(error.Problems, Has.Some.StartsWith("Deployment.AdditionalRollbackAlarmNames was \"arn:aws:cloudwatch").And.Some.EndsWith("(not ARNs): SageMaker reads them in the endpoint's own account and region."));
    }

    [Test]
    public void Serverless_endpoints_cannot_use_deployment_guardrails() =>
        Assert.That(Reject(new EndpointDeployment(), p => p with
        {
            Variants = [new ServerlessVariant()],
            EnableNetworkIsolation = false,
            DataCapture = null,
        }).Problems, Has.Member("Deployment was \"set\": must be null with a serverless variant: SageMaker offers no blue/green deployment guardrails for serverless endpoints."));
}
