using HashiCorp.Cdktf.Providers.Aws.SagemakerEndpoint;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// <see cref="EndpointDeployment"/> against SageMaker's rules (<c>BlueGreenUpdatePolicy</c>, <c>TrafficRoutingConfig</c>,
/// <c>CapacitySize</c>, <c>AutoRollbackConfig</c> of the API reference), and its <c>deployment_config</c> block.
/// </summary>
internal static class EndpointDeploymentConfig
{
    private const string P = "Deployment.";

    /// <summary>Checks <paramref name="props"/>' deployment; problems name <c>Deployment.…</c>.</summary>
    public static void Validate(InputValidator v, SageMakerEndpointProps props)
    {
        if (props.Deployment is not { } d)
        {
            return;
        }

        v.Defined(d.TrafficShift, P + nameof(d.TrafficShift));
        if (props.Variants.Any(x => x is ServerlessVariant))
        {
            v.Add(nameof(props.Deployment), "set", "must be null with a serverless variant: SageMaker offers no blue/green deployment guardrails for serverless endpoints");
            return;
        }

        v.InRange(d.WaitIntervalSeconds, P + nameof(d.WaitIntervalSeconds), 0, EndpointDeploymentDefaults.MaxWaitSeconds, "seconds");
        v.InRange(d.TerminationWaitSeconds, P + nameof(d.TerminationWaitSeconds), 0, EndpointDeploymentDefaults.MaxWaitSeconds, "seconds");
        if (d.MaximumExecutionTimeoutSeconds is { } timeout)
        {
            v.InRange(timeout, P + nameof(d.MaximumExecutionTimeoutSeconds), EndpointDeploymentDefaults.MinExecutionTimeoutSeconds,
                EndpointDeploymentDefaults.MaxExecutionTimeoutSeconds, "seconds");
            v.Require(timeout > d.WaitIntervalSeconds + d.TerminationWaitSeconds, P + nameof(d.MaximumExecutionTimeoutSeconds), timeout,
                $"must exceed WaitIntervalSeconds + TerminationWaitSeconds ({d.WaitIntervalSeconds + d.TerminationWaitSeconds}): SageMaker would time the deployment out while it waits");
        }

        ValidateStep(v, props, d);
        ValidateRollback(v, props, d);
    }

    private static void ValidateStep(InputValidator v, SageMakerEndpointProps props, EndpointDeployment d)
    {
        const string property = P + nameof(EndpointDeployment.StepSize);
        if (d.TrafficShift == TrafficShift.AllAtOnce)
        {
            v.Require(d.StepSize is null, property, d.StepSize, "must be null with TrafficShift AllAtOnce: all traffic moves in one step");
            return;
        }

        var step = EndpointDeploymentDefaults.StepSize(d)!;
        v.Defined(step.Unit, property + ".Unit");
        var linear = d.TrafficShift == TrafficShift.Linear;
        var (minPercent, maxPercent) = linear
            ? (EndpointDeploymentDefaults.MinLinearPercent, EndpointDeploymentDefaults.MaxLinearPercent)
            : (1, EndpointDeploymentDefaults.MaxCanaryPercent);
        var what = linear ? "a linear step" : "a canary";
        if (step.Unit == CapacityUnit.CapacityPercent)
        {
            v.Require(step.Value >= minPercent && step.Value <= maxPercent, property, $"{step.Value} %",
                $"must be {minPercent} to {maxPercent} percent: SageMaker's limit for {what}");
        }

        foreach (var variant in props.Variants.OfType<InstanceVariant>())
        {
            var smallest = Math.Min(variant.InitialInstanceCount, variant.Autoscaling?.MinInstances ?? variant.InitialInstanceCount);
            var at = $"Variants[\"{variant.VariantName}\"]";
            if (smallest < 2)
            {
                v.Add(P + nameof(d.TrafficShift), d.TrafficShift,
                    $"needs at least 2 instances in every variant, but {at} can run {smallest} (InitialInstanceCount or Autoscaling.MinInstances): " +
                    "with one instance any step is the whole fleet; use TrafficShift AllAtOnce (still with auto-rollback) or raise the count");
                continue;
            }

            if (step.Unit != CapacityUnit.InstanceCount)
            {
                continue;
            }

            // value/smallest must lie in [minPercent, maxPercent] percent of the variant's instances.
            var fits = step.Value >= 1 && step.Value * 100 <= maxPercent * smallest && step.Value * 100 >= minPercent * smallest;
            var low = Math.Max(1, (int)Math.Ceiling(minPercent * smallest / 100.0));
            var high = maxPercent * smallest / 100;
            v.Require(fits, property, $"{step.Value} instance(s)",
                $"must be {minPercent} to {maxPercent} % of {at}'s {smallest} instance(s) (InitialInstanceCount or Autoscaling.MinInstances, the smaller), " +
                $"i.e. {low} to {high} instance(s): SageMaker's limit for {what}");
        }
    }

    private static void ValidateRollback(InputValidator v, SageMakerEndpointProps props, EndpointDeployment d)
    {
        const string extra = P + nameof(EndpointDeployment.AdditionalRollbackAlarmNames);
        foreach (var name in d.AdditionalRollbackAlarmNames)
        {
            v.Require(name is { Length: >= 1 and <= EndpointDeploymentDefaults.MaxAlarmNameLength } && !name.StartsWith("arn:", StringComparison.Ordinal),
                extra, name, "must hold alarm names of 1 to 255 characters (not ARNs): SageMaker reads them in the endpoint's own account and region");
        }

        if (!d.AutoRollback)
        {
            v.Require(d.AdditionalRollbackAlarmNames.Count == 0, extra, d.AdditionalRollbackAlarmNames.Count,
                "must be empty while AutoRollback is false: nothing would read them");
            return;
        }

        var own = props.Alarms is null ? 0 : props.Variants.Count * VariantAlarms.PerVariant;
        var total = own + d.AdditionalRollbackAlarmNames.Count;
        v.Require(total > 0, P + nameof(d.AutoRollback), true,
            "needs rollback alarms: set Alarms (the endpoint's own 5XX and latency alarms roll the deployment back) or AdditionalRollbackAlarmNames, " +
            "or set AutoRollback to false");
        v.Require(total <= EndpointDeploymentDefaults.MaxRollbackAlarms, P + nameof(d.AutoRollback), $"{total} alarms ({own} of the endpoint's variants)",
            $"SageMaker accepts at most {EndpointDeploymentDefaults.MaxRollbackAlarms} rollback alarms: remove AdditionalRollbackAlarmNames or variants");
    }

    /// <summary>The <c>deployment_config</c> block: a blue/green policy and, when <see cref="EndpointDeployment.AutoRollback"/>,
    /// the rollback alarms (references to the alarm resources, so they exist before the endpoint is updated).</summary>
    public static SagemakerEndpointDeploymentConfig ToTerraform(EndpointDeployment d, IEnumerable<string> rollbackAlarmNames)
    {
        var step = EndpointDeploymentDefaults.StepSize(d);
        SagemakerEndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationCanarySize? canary = null;
        SagemakerEndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationLinearStepSize? linear = null;
        if (step is not null && d.TrafficShift == TrafficShift.Canary)
        {
            canary = new() { Type = EndpointDeploymentDefaults.Terraform(step.Unit), Value = step.Value };
        }
        else if (step is not null && d.TrafficShift == TrafficShift.Linear)
        {
            linear = new() { Type = EndpointDeploymentDefaults.Terraform(step.Unit), Value = step.Value };
        }

        var alarms = rollbackAlarmNames.Select(name => new SagemakerEndpointDeploymentConfigAutoRollbackConfigurationAlarms { AlarmName = name }).ToArray();
        return new SagemakerEndpointDeploymentConfig
        {
            BlueGreenUpdatePolicy = new SagemakerEndpointDeploymentConfigBlueGreenUpdatePolicy
            {
                TrafficRoutingConfiguration = new SagemakerEndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfiguration
                {
                    Type = EndpointDeploymentDefaults.Terraform(d.TrafficShift),
                    WaitIntervalInSeconds = d.WaitIntervalSeconds,
                    CanarySize = canary,
                    LinearStepSize = linear,
                },
                TerminationWaitInSeconds = d.TerminationWaitSeconds,
                MaximumExecutionTimeoutInSeconds = d.MaximumExecutionTimeoutSeconds,
            },
            AutoRollbackConfiguration = alarms.Length == 0
                ? null
                : new SagemakerEndpointDeploymentConfigAutoRollbackConfiguration { Alarms = alarms },
        };
    }
}
