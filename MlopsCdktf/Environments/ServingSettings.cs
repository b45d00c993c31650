namespace MlopsCdktf.Environments;

/// <summary>How an environment serves its model (<see cref="DeploymentEnvironment.Release"/>) on SageMaker: size, scaling,
/// data capture and alarms.</summary>
public sealed record ServingSettings
{
    /// <summary>The ML instance type, e.g. <c>ml.m5.large</c>.</summary>
    public required string InstanceType { get; init; }

    /// <summary>Instances at deployment.</summary>
    public required int InitialInstanceCount { get; init; }

    /// <summary>Autoscaling bounds, or null for a fixed instance count.</summary>
    public ServingAutoscaling? Autoscaling { get; init; }

    /// <summary>Percentage of requests captured for model monitoring (0–100).</summary>
    public required int DataCaptureSamplingPercentage { get; init; }

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

/// <summary>Autoscaling bounds of an environment's endpoint.</summary>
public sealed record ServingAutoscaling
{
    /// <summary>Fewest instances.</summary>
    public required int MinInstances { get; init; }

    /// <summary>Most instances.</summary>
    public required int MaxInstances { get; init; }

    /// <summary>Requests per second one instance sustains (from the model's load test).</summary>
    public required double MaxRequestsPerSecondPerInstance { get; init; }
}
