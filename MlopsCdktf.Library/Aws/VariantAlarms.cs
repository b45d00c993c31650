using System.Globalization;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.CloudwatchMetricAlarm;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// The CloudWatch alarms of one production variant of a <see cref="SageMakerEndpoint"/>, which creates them for every
/// variant when <see cref="SageMakerEndpointProps.Alarms"/> is set: the sum of <c>Invocation5XXErrors</c> and p99
/// <c>ModelLatency</c> (namespace <c>AWS/SageMaker</c>, dimensions EndpointName + VariantName), each notifying the
/// topic on alarm and on recovery.
/// </summary>
/// <remarks>
/// Its alarms are declared in the endpoint's scope (<c>Alarm-&lt;variant&gt;-Invocation5XXErrors</c>,
/// <c>Alarm-&lt;variant&gt;-ModelLatency</c>), not below this construct: their construct paths, Terraform addresses and
/// the synthesized JSON are those the endpoint declared before alarms were a construct of their own, so existing state
/// still matches.
/// </remarks>
public sealed class VariantAlarms : Construct
{
    internal VariantAlarms(SageMakerEndpoint endpoint, ProductionVariant variant, EndpointAlarms alarms)
        : base(endpoint, $"Alarms-{variant.VariantName}")
    {
        var name = VariantName = variant.VariantName;
        var endpointName = endpoint.GivenEndpointName;
        string[]? actions = alarms.AlarmTopicArn is null ? null : [alarms.AlarmTopicArn];
        CloudwatchMetricAlarmConfig Base(string metric, string suffix, string description) => new()
        {
            AlarmName = $"{endpointName}-{name}-{suffix}",
            AlarmDescription = description,
            Namespace = "AWS/SageMaker",
            MetricName = metric,
            // The given name, not a reference to the endpoint: the endpoint's deployment_config refers to these alarms
            // (auto-rollback), so they must not depend on it.
            Dimensions = new Dictionary<string, string> { ["EndpointName"] = endpointName, ["VariantName"] = name },
            Period = alarms.PeriodSeconds,
            EvaluationPeriods = alarms.EvaluationPeriods,
            DatapointsToAlarm = alarms.DatapointsToAlarm,
            TreatMissingData = "notBreaching",
            AlarmActions = actions,
            OkActions = actions,
            Tags = endpoint.ResourceTags,
        };

        var errors = Base("Invocation5XXErrors", "invocation-5xx-errors",
            $"{endpointName}/{name}: at least {alarms.Invocation5XXErrorsThreshold} 5XX error(s) per {alarms.PeriodSeconds} s");
        errors.Statistic = "Sum";
        errors.Threshold = alarms.Invocation5XXErrorsThreshold;
        errors.ComparisonOperator = "GreaterThanOrEqualToThreshold";

        var latency = Base("ModelLatency", "model-latency-p99",
            $"{endpointName}/{name}: p99 model latency above {alarms.ModelLatencyP99ThresholdMs.ToString(CultureInfo.InvariantCulture)} ms");
        latency.ExtendedStatistic = "p99";
        // ModelLatency is reported in microseconds.
        latency.Threshold = alarms.ModelLatencyP99ThresholdMs * 1000;
        latency.ComparisonOperator = "GreaterThanThreshold";

        Invocation5XXErrors = new CloudwatchMetricAlarm(endpoint, $"Alarm-{name}-Invocation5XXErrors", errors);
        ModelLatency = new CloudwatchMetricAlarm(endpoint, $"Alarm-{name}-ModelLatency", latency);
    }

    /// <summary>Alarms per variant: 5XX errors and p99 model latency.</summary>
    internal const int PerVariant = 2;

    /// <summary>The production variant these alarms watch.</summary>
    public string VariantName { get; }

    /// <summary>The alarm on the sum of 5XX errors per period.</summary>
    public CloudwatchMetricAlarm Invocation5XXErrors { get; }

    /// <summary>The alarm on p99 model latency.</summary>
    public CloudwatchMetricAlarm ModelLatency { get; }

    /// <summary>Both alarms: 5XX errors, then p99 model latency.</summary>
    public IReadOnlyList<CloudwatchMetricAlarm> All => [Invocation5XXErrors, ModelLatency];

    /// <summary>Checks the alarm settings; problems name <c>Alarms.…</c>.</summary>
    internal static void Validate(InputValidator v, EndpointAlarms alarms)
    {
        const string p = "Alarms.";
        v.Matches(alarms.AlarmTopicArn, p + nameof(alarms.AlarmTopicArn), AwsArnPatterns.SnsTopic(),
            "must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<topic>) or a reference to one");
        v.Require(alarms.Invocation5XXErrorsThreshold >= 1, p + nameof(alarms.Invocation5XXErrorsThreshold), alarms.Invocation5XXErrorsThreshold, "must be at least 1");
        v.Require(alarms.ModelLatencyP99ThresholdMs > 0, p + nameof(alarms.ModelLatencyP99ThresholdMs), alarms.ModelLatencyP99ThresholdMs, "must be greater than 0");
        v.Require(alarms.PeriodSeconds is 10 or 30 || (alarms.PeriodSeconds >= 60 && alarms.PeriodSeconds % 60 == 0),
            p + nameof(alarms.PeriodSeconds), alarms.PeriodSeconds, "must be 10, 30 or a multiple of 60 seconds");
        v.Require(alarms.EvaluationPeriods >= 1, p + nameof(alarms.EvaluationPeriods), alarms.EvaluationPeriods, "must be at least 1");
        v.Require(alarms.DatapointsToAlarm >= 1 && alarms.DatapointsToAlarm <= alarms.EvaluationPeriods, p + nameof(alarms.DatapointsToAlarm),
            alarms.DatapointsToAlarm, $"must be between 1 and EvaluationPeriods ({alarms.EvaluationPeriods})");
    }
}
