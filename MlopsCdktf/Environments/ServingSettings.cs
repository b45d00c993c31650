using MlopsCdktf.Aws;

namespace MlopsCdktf.Environments;

/// <summary>How an environment serves its model (<see cref="DeploymentEnvironment.Release"/>) on SageMaker: size, scaling,
/// data capture and alarms.</summary>
public sealed record ServingSettings
{
    /// <summary>The endpoint's instance variant, in the library's own type: instance type, initial count and autoscaling
    /// bounds (<see cref="EndpointAutoscaling"/>); the serving stack passes it to the <see cref="SageMakerEndpoint"/> unchanged.</summary>
    public required InstanceVariant Variant { get; init; }

    /// <summary>What the endpoint captures for model monitoring, in the library's own type.</summary>
    /// <value>The default value is <see cref="DataCaptureOptions"/>'s defaults: every request and response.</value>
    public DataCaptureOptions DataCapture { get; init; } = new();

    /// <summary>When SageMaker Model Monitor compares the captured data with the release's baseline
    /// (<see cref="ModelRelease.BaselineKeyPrefix"/>), in the library's own type: capture is always on, so every environment
    /// has a data-quality monitor and the capture is read.</summary>
    /// <value>The default value is <see cref="MonitorSchedule.Hourly"/>: drift in production shows within the hour.
    /// Environments with little traffic run it less often (dev: daily), since each run is a processing job billed per
    /// instance-minute.</value>
    public MonitorSchedule DataQualitySchedule { get; init; } = MonitorSchedule.Hourly;

    /// <summary>How SageMaker rolls out a new model or size (blue/green traffic shifting, auto-rollback on the endpoint's
    /// alarms), in the library's own type; the serving stack passes it to the <see cref="SageMakerEndpoint"/> unchanged.</summary>
    /// <value>The default value is null: SageMaker's default (all at once, no rollback alarms). Environments whose data is
    /// protected (<see cref="Core.DeletionPolicy.PreventDestroy"/>) must use <see cref="TrafficShift.Canary"/> or
    /// <see cref="TrafficShift.Linear"/> with <see cref="EndpointDeployment.AutoRollback"/>; auto-rollback needs the
    /// endpoint's alarms (<see cref="AlarmEmails"/> or <see cref="AlarmTopicArn"/>).</value>
    public EndpointDeployment? Deployment { get; init; }

    /// <summary>E-mail addresses the environment's alarm topic notifies: with at least one, the platform stack creates the
    /// topic and the serving stack the endpoint's alarms; with none (and no <see cref="AlarmTopicArn"/>) there is neither
    /// topic nor alarm, since nobody would receive them.</summary>
    /// <value>The default value is none (no alarms). Environments whose data is protected (<see cref="Core.DeletionPolicy.PreventDestroy"/>)
    /// must notify someone: give at least one address or <see cref="AlarmTopicArn"/>.</value>
    public IReadOnlyList<string> AlarmEmails { get; init; } = [];

    /// <summary>Whether the model runs in the environment's private network (its subnets and workload security group, through
    /// cross-stack references to the platform stack), reaching S3 through the network's gateway endpoint.</summary>
    /// <value>The default value is false: SageMaker's own network (the model is network-isolated either way).</value>
    public bool InVpc { get; init; }

    /// <summary>An existing SNS topic (e.g. the on-call pager's, with its subscribers) to notify instead of creating one.</summary>
    /// <value>The default value is null: the platform stack creates a KMS-encrypted topic for <see cref="AlarmEmails"/>, if any.</value>
    public string? AlarmTopicArn { get; init; }
}
