using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.AppautoscalingPolicy;
using HashiCorp.Cdktf.Providers.Aws.AppautoscalingTarget;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// Target-tracking autoscaling of one <see cref="InstanceVariant"/> of a <see cref="SageMakerEndpoint"/>, which creates
/// it for every variant with <see cref="InstanceVariant.Autoscaling"/>: an Application Auto Scaling target on the
/// variant's desired instance count and a policy tracking <c>SageMakerVariantInvocationsPerInstance</c> at
/// <see cref="EndpointAutoscaling.TargetInvocationsPerInstancePerMinute"/>.
/// </summary>
/// <remarks>
/// Its resources are declared in the endpoint's scope (<c>ScalingTarget-&lt;variant&gt;</c>,
/// <c>ScalingPolicy-&lt;variant&gt;</c>), not below this construct: their construct paths, Terraform addresses and
/// the synthesized JSON are those the endpoint declared before autoscaling was a construct of its own, so existing state
/// still matches.
/// </remarks>
public sealed class VariantAutoscaling : Construct
{
    internal VariantAutoscaling(SageMakerEndpoint endpoint, InstanceVariant variant, int variantIndex, EndpointAutoscaling scaling)
        : base(endpoint, $"Autoscaling-{variant.VariantName}")
    {
        VariantName = variant.VariantName;
        var configuration = endpoint.Configuration;

        // SageMaker refuses to change the instance type of a variant registered with Application Auto Scaling: a new
        // instance type replaces (deregisters, then re-registers) the target and its policy around the endpoint update.
        var instanceType = $"{configuration.TerraformResourceType}.{configuration.FriendlyUniqueId}.production_variants[{variantIndex}].instance_type";

        Target = new AppautoscalingTarget(endpoint, $"ScalingTarget-{VariantName}", new AppautoscalingTargetConfig
        {
            ServiceNamespace = SageMakerEndpointDefaults.AutoscalingNamespace,
            ResourceId = $"endpoint/{endpoint.Endpoint.Name}/variant/{VariantName}",
            ScalableDimension = SageMakerEndpointDefaults.ScalableDimension,
            MinCapacity = scaling.MinInstances,
            MaxCapacity = scaling.MaxInstances,
            Tags = endpoint.ResourceTags,
            Lifecycle = new TerraformResourceLifecycle { ReplaceTriggeredBy = [instanceType] },
        });

        Policy = new AppautoscalingPolicy(endpoint, $"ScalingPolicy-{VariantName}", new AppautoscalingPolicyConfig
        {
            Name = $"{endpoint.GivenEndpointName}-{VariantName}-invocations-per-instance",
            Lifecycle = new TerraformResourceLifecycle { ReplaceTriggeredBy = [instanceType] },
            PolicyType = "TargetTrackingScaling",
            ServiceNamespace = Target.ServiceNamespace,
            ResourceId = Target.ResourceId,
            ScalableDimension = Target.ScalableDimension,
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

    /// <summary>The production variant this scales.</summary>
    public string VariantName { get; }

    /// <summary>The scalable target: the variant's desired instance count between the min and max.</summary>
    public AppautoscalingTarget Target { get; }

    /// <summary>The target-tracking policy on invocations per instance.</summary>
    public AppautoscalingPolicy Policy { get; }

    /// <summary>Checks <paramref name="variant"/>'s autoscaling against the variant; problems name <c>&lt;prefix&gt;Autoscaling.…</c>.</summary>
    /// <param name="v">The endpoint's validator.</param>
    /// <param name="variant">A variant with autoscaling.</param>
    /// <param name="scaling">Its autoscaling.</param>
    /// <param name="prefix">The variant's property prefix, e.g. <c>Variants["AllTraffic"].</c>.</param>
    /// <param name="burstable">Whether the variant's instance type is a burstable <c>ml.t*</c> type.</param>
    internal static void Validate(InputValidator v, InstanceVariant variant, EndpointAutoscaling scaling, string prefix, bool burstable)
    {
        var s = prefix + "Autoscaling.";
        v.Require(scaling.MinInstances >= 1, s + nameof(scaling.MinInstances), scaling.MinInstances, "must be at least 1");
        v.Require(scaling.MaxInstances <= 1000, s + nameof(scaling.MaxInstances), scaling.MaxInstances, "must be at most 1000");
        if (scaling.MinInstances > scaling.MaxInstances)
        {
            // The user's mistake is the pair, not the initial count that cannot fit between them.
            v.Add(s + nameof(scaling.MaxInstances), scaling.MaxInstances,
                $"must be at least Autoscaling.MinInstances ({scaling.MinInstances}): the minimum is greater than the maximum");
        }
        else
        {
            v.Require(scaling.MinInstances <= variant.InitialInstanceCount && variant.InitialInstanceCount <= scaling.MaxInstances,
                prefix + nameof(variant.InitialInstanceCount), variant.InitialInstanceCount,
                $"must lie between Autoscaling.MinInstances ({scaling.MinInstances}) and Autoscaling.MaxInstances ({scaling.MaxInstances})");
        }
        v.Require(scaling.MaxRequestsPerSecondPerInstance > 0, s + nameof(scaling.MaxRequestsPerSecondPerInstance), scaling.MaxRequestsPerSecondPerInstance,
            "must be greater than 0 (measure it with a load test)");
        v.Require(scaling.SafetyFactor is > 0 and <= 1, s + nameof(scaling.SafetyFactor), scaling.SafetyFactor, "must be greater than 0 and at most 1");
        v.InRange(scaling.ScaleInCooldownSeconds, s + nameof(scaling.ScaleInCooldownSeconds), 0, 3600, "seconds");
        v.InRange(scaling.ScaleOutCooldownSeconds, s + nameof(scaling.ScaleOutCooldownSeconds), 0, 3600, "seconds");
        if (burstable)
        {
            v.Add(prefix + nameof(variant.InstanceType), variant.InstanceType.Name,
                "must not be a burstable ml.t* type when Autoscaling is set: exhausted CPU credits look like load and scaling chases them");
        }
    }
}
