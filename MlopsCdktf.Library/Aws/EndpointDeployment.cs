namespace MlopsCdktf.Aws;

/// <summary>
/// How SageMaker rolls a changed endpoint configuration out (<c>aws_sagemaker_endpoint.deployment_config</c>): a
/// blue/green update that brings up a new fleet beside the old one, shifts traffic to it in one step
/// (<see cref="TrafficShift.AllAtOnce"/>), a canary then the rest (<see cref="TrafficShift.Canary"/>) or equal steps
/// (<see cref="TrafficShift.Linear"/>), waits <see cref="WaitIntervalSeconds"/> after each step, and rolls back to the
/// old fleet when a rollback alarm fires — by default the endpoint's own 5XX and p99 latency alarms
/// (<see cref="VariantAlarms"/>).
/// </summary>
/// <remarks>
/// Instance variants only: SageMaker refuses deployment guardrails on serverless endpoints. A rolled-back update
/// leaves the endpoint on its previous configuration while Terraform records the new one; see
/// <c>docs/constructs/sagemaker-endpoint.md</c> ("When SageMaker rolls back") for what the construct and
/// <c>make deploy</c> do about it.
/// </remarks>
public sealed record EndpointDeployment
{
    /// <summary>How traffic moves to the new fleet.</summary>
    /// <value>The default value is <see cref="TrafficShift.Canary"/>: a small first step watched by the alarms, then the rest.</value>
    public TrafficShift TrafficShift { get; init; } = TrafficShift.Canary;

    /// <summary>The size of the canary (<see cref="TrafficShift.Canary"/>) or of each step (<see cref="TrafficShift.Linear"/>);
    /// must be null with <see cref="TrafficShift.AllAtOnce"/>. SageMaker requires a canary of at most 50 % of the variant's
    /// instances and linear steps of 10–50 %; the construct checks this against the smallest instance count the variant can
    /// run (its initial count, or its autoscaling minimum when lower).</summary>
    /// <value>The default value is null: one instance for a canary, a quarter of the capacity for linear steps
    /// (<see cref="DeploymentCapacity"/>).</value>
    public DeploymentCapacity? StepSize { get; init; }

    /// <summary>Seconds SageMaker watches the rollback alarms after each traffic step (the baking period), 0–3600.</summary>
    /// <value>The default value is 600: ten minutes, at least twice the default alarms' five one-minute periods, so a
    /// broken model raises its alarm before the next step.</value>
    public int WaitIntervalSeconds { get; init; } = EndpointDeploymentDefaults.WaitIntervalSeconds;

    /// <summary>Seconds the old fleet is kept after the last step before it is terminated (a fast manual way back), 0–3600.</summary>
    /// <value>The default value is 0: SageMaker's default, the old fleet goes as soon as the update completes.</value>
    public int TerminationWaitSeconds { get; init; }

    /// <summary>Upper bound of the whole deployment in seconds, 600–28800; must exceed <see cref="WaitIntervalSeconds"/> plus
    /// <see cref="TerminationWaitSeconds"/>.</summary>
    /// <value>The default value is null: SageMaker's default.</value>
    public int? MaximumExecutionTimeoutSeconds { get; init; }

    /// <summary>Whether SageMaker rolls back to the old fleet when a rollback alarm fires during the deployment. The alarms
    /// are every alarm of the endpoint's variants (<see cref="SageMakerEndpointProps.Alarms"/> must then be set, or
    /// <see cref="AdditionalRollbackAlarmNames"/> non-empty) plus <see cref="AdditionalRollbackAlarmNames"/>; at most 10 in all.</summary>
    /// <value>The default value is true: a model that errors or slows down is taken out of service automatically.</value>
    public bool AutoRollback { get; init; } = true;

    /// <summary>Names of further CloudWatch alarms that roll the deployment back (e.g. a business metric). SageMaker reads
    /// alarms by name in the endpoint's own account and region, so these must live there; names only (1–255 characters, no ARNs).</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> AdditionalRollbackAlarmNames { get; init; } = [];
}

/// <summary>How a blue/green deployment shifts traffic (<c>traffic_routing_configuration.type</c>).</summary>
public enum TrafficShift
{
    /// <summary><c>ALL_AT_ONCE</c>: all traffic moves in one step, then the baking period.</summary>
    AllAtOnce,

    /// <summary><c>CANARY</c>: a small step first, the baking period, then the rest.</summary>
    Canary,

    /// <summary><c>LINEAR</c>: equal steps, each followed by the baking period.</summary>
    Linear,
}

/// <summary>How a deployment step is measured (<c>canary_size</c>/<c>linear_step_size.type</c>).</summary>
public enum CapacityUnit
{
    /// <summary><c>INSTANCE_COUNT</c>: a number of instances.</summary>
    InstanceCount,

    /// <summary><c>CAPACITY_PERCENT</c>: a percentage of the variant's instances.</summary>
    CapacityPercent,
}

/// <summary>A canary or linear step: <see cref="Value"/> instances or percent of the variant's capacity.</summary>
public sealed record DeploymentCapacity
{
    /// <summary>Instances or percent.</summary>
    public required CapacityUnit Unit { get; init; }

    /// <summary>At least 1; at most 50 % of the variant's instances (10–50 % for linear steps).</summary>
    public required int Value { get; init; }

    /// <summary><paramref name="count"/> instances.</summary>
    public static DeploymentCapacity Instances(int count) => new() { Unit = CapacityUnit.InstanceCount, Value = count };

    /// <summary><paramref name="percent"/> percent of the variant's instances.</summary>
    public static DeploymentCapacity Percent(int percent) => new() { Unit = CapacityUnit.CapacityPercent, Value = percent };
}

/// <summary>The one home of <see cref="EndpointDeployment"/>'s defaults, SageMaker's limits and provider strings.</summary>
internal static class EndpointDeploymentDefaults
{
    public const int WaitIntervalSeconds = 600;
    public const int MaxWaitSeconds = 3600;
    public const int MinExecutionTimeoutSeconds = 600;
    public const int MaxExecutionTimeoutSeconds = 28800;
    public const int MaxRollbackAlarms = 10;
    public const int MaxAlarmNameLength = 255;
    public const int MaxCanaryPercent = 50;
    public const int MinLinearPercent = 10;
    public const int MaxLinearPercent = 50;
    public static readonly DeploymentCapacity Canary = DeploymentCapacity.Instances(1);
    public static readonly DeploymentCapacity LinearStep = DeploymentCapacity.Percent(25);

    public static string Terraform(TrafficShift shift) => shift switch
    {
        TrafficShift.AllAtOnce => "ALL_AT_ONCE",
        TrafficShift.Canary => "CANARY",
        TrafficShift.Linear => "LINEAR",
        _ => throw new ArgumentOutOfRangeException(nameof(shift), shift, "unknown traffic shift"),
    };

    public static string Terraform(CapacityUnit unit) => unit switch
    {
        CapacityUnit.InstanceCount => "INSTANCE_COUNT",
        CapacityUnit.CapacityPercent => "CAPACITY_PERCENT",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown capacity unit"),
    };

    /// <summary>The step size used: the given one, or the default for its traffic shift (null for all at once).</summary>
    public static DeploymentCapacity? StepSize(EndpointDeployment deployment) => deployment.TrafficShift switch
    {
        TrafficShift.Canary => deployment.StepSize ?? Canary,
        TrafficShift.Linear => deployment.StepSize ?? LinearStep,
        _ => deployment.StepSize,
    };
}
