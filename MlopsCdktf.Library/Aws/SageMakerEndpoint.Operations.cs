using System.Globalization;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.AppautoscalingPolicy;
using HashiCorp.Cdktf.Providers.Aws.AppautoscalingTarget;
using HashiCorp.Cdktf.Providers.Aws.CloudwatchMetricAlarm;

namespace MlopsCdktf.Aws;

/// <summary>Autoscaling of instance variants and per-variant alarms.</summary>
public sealed partial class SageMakerEndpoint
{
    /// <summary>The scalable targets of autoscaled variants, by variant name.</summary>
    public IReadOnlyDictionary<string, AppautoscalingTarget> ScalingTargets => _scalingTargets;

    /// <summary>The alarms per variant name: 5XX errors, then p99 model latency.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CloudwatchMetricAlarm>> Alarms => _alarms;

    private readonly Dictionary<string, AppautoscalingTarget> _scalingTargets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CloudwatchMetricAlarm>> _alarms = new(StringComparer.Ordinal);

    private void AddAutoscaling()
    {
        foreach (var (variant, index) in _props.Variants.Select((v, i) => (v as InstanceVariant, i)))
        {
            if (variant?.Autoscaling is not { } scaling)
            {
                continue;
            }

            // SageMaker refuses to change the instance type of a variant registered with Application Auto Scaling: a new
            // instance type replaces (deregisters, then re-registers) the target and its policy around the endpoint update.
            var instanceType = $"{Configuration.TerraformResourceType}.{Configuration.FriendlyUniqueId}.production_variants[{index}].instance_type";

            var target = new AppautoscalingTarget(this, $"ScalingTarget-{variant.VariantName}", new AppautoscalingTargetConfig
            {
                ServiceNamespace = SageMakerEndpointDefaults.AutoscalingNamespace,
                ResourceId = $"endpoint/{Endpoint.Name}/variant/{variant.VariantName}",
                ScalableDimension = SageMakerEndpointDefaults.ScalableDimension,
                MinCapacity = scaling.MinInstances,
                MaxCapacity = scaling.MaxInstances,
                Tags = _tags,
                Lifecycle = new TerraformResourceLifecycle { ReplaceTriggeredBy = [instanceType] },
            });
            _scalingTargets[variant.VariantName] = target;

            new AppautoscalingPolicy(this, $"ScalingPolicy-{variant.VariantName}", new AppautoscalingPolicyConfig
            {
                Name = $"{_props.EndpointName}-{variant.VariantName}-invocations-per-instance",
                Lifecycle = new TerraformResourceLifecycle { ReplaceTriggeredBy = [instanceType] },
                PolicyType = "TargetTrackingScaling",
                ServiceNamespace = target.ServiceNamespace,
                ResourceId = target.ResourceId,
                ScalableDimension = target.ScalableDimension,
                TargetTrackingScalingPolicyConfiguration = new AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration
                {
                    TargetValue = Math.Round(scaling.TargetInvocationsPerInstancePerMinute, 2),
                    ScaleInCooldown = scaling.ScaleInCooldownSeconds,
                    ScaleOutCooldown = scaling.ScaleOutCooldownSeconds,
                    PredefinedMetricSpecification = new AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification
                    {
                        PredefinedMetricType = SageMakerEndpointDefaults.ScalingMetric,
                    },
                },
            });
        }
    }

    private void AddAlarms()
    {
        if (_props.Alarms is not { } alarms)
        {
            return;
        }

        string[]? actions = alarms.AlarmTopicArn is null ? null : [alarms.AlarmTopicArn];
        foreach (var variant in _props.Variants)
        {
            var name = variant.VariantName;
            CloudwatchMetricAlarmConfig Base(string metric, string suffix, string description) => new()
            {
                AlarmName = $"{_props.EndpointName}-{name}-{suffix}",
                AlarmDescription = description,
                Namespace = "AWS/SageMaker",
                MetricName = metric,
                Dimensions = new Dictionary<string, string> { ["EndpointName"] = Endpoint.Name, ["VariantName"] = name },
                Period = alarms.PeriodSeconds,
                EvaluationPeriods = alarms.EvaluationPeriods,
                DatapointsToAlarm = alarms.DatapointsToAlarm,
                TreatMissingData = "notBreaching",
                AlarmActions = actions,
                OkActions = actions,
                Tags = _tags,
            };

            var errors = Base("Invocation5XXErrors", "invocation-5xx-errors",
                $"{_props.EndpointName}/{name}: at least {alarms.Invocation5XXErrorsThreshold} 5XX error(s) per {alarms.PeriodSeconds} s");
            errors.Statistic = "Sum";
            errors.Threshold = alarms.Invocation5XXErrorsThreshold;
            errors.ComparisonOperator = "GreaterThanOrEqualToThreshold";

            var latency = Base("ModelLatency", "model-latency-p99",
                $"{_props.EndpointName}/{name}: p99 model latency above {alarms.ModelLatencyP99ThresholdMs.ToString(CultureInfo.InvariantCulture)} ms");
            latency.ExtendedStatistic = "p99";
            // ModelLatency is reported in microseconds.
            latency.Threshold = alarms.ModelLatencyP99ThresholdMs * 1000;
            latency.ComparisonOperator = "GreaterThanThreshold";

            _alarms[name] =
            [
                new CloudwatchMetricAlarm(this, $"Alarm-{name}-Invocation5XXErrors", errors),
                new CloudwatchMetricAlarm(this, $"Alarm-{name}-ModelLatency", latency),
            ];
        }
    }
}
