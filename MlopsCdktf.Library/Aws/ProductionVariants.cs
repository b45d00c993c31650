namespace MlopsCdktf.Aws;

/// <summary>
/// One production variant of a <see cref="SageMakerEndpoint"/>: either <see cref="InstanceVariant"/> (dedicated
/// instances) or <see cref="ServerlessVariant"/>. One endpoint configuration never mixes the two kinds.
/// </summary>
public abstract record ProductionVariant
{
    private protected ProductionVariant()
    {
    }

    /// <summary>The variant name (1–63 letters, digits, hyphens; starts and ends with a letter or digit).</summary>
    /// <value>The default value is <c>AllTraffic</c>, SageMaker's conventional single-variant name.</value>
    public string VariantName { get; init; } = SageMakerEndpointDefaults.VariantName;

    /// <summary>Relative share of traffic (0–1000; the shares of all variants are normalized).</summary>
    /// <value>The default value is 1.</value>
    public double InitialVariantWeight { get; init; } = SageMakerEndpointDefaults.InitialVariantWeight;
}

/// <summary>A variant served by dedicated ML instances, optionally autoscaled.</summary>
public sealed record InstanceVariant : ProductionVariant
{
    /// <summary>The instance type: a real-time hosting type such as <see cref="SageMakerInstanceType.M5Large"/> or
    /// <c>SageMakerInstanceType.Of("ml.g5.2xlarge")</c> (see <see cref="SageMakerInstanceType.HostingSizes"/>).</summary>
    public required SageMakerInstanceType InstanceType { get; init; }

    /// <summary>Instances at creation (1–1000); with <see cref="Autoscaling"/>, between its min and max.</summary>
    /// <value>The default value is 1. Use at least 2 in production: SageMaker spreads them over availability zones.</value>
    public int InitialInstanceCount { get; init; } = SageMakerEndpointDefaults.InitialInstanceCount;

    /// <summary>ML storage volume per instance in GB (1–512). Not allowed on instance types with local NVMe storage.</summary>
    /// <value>The default value is null: SageMaker's default for the instance type.</value>
    public int? VolumeSizeInGb { get; init; }

    /// <summary>Seconds SageMaker waits for the container's first successful <c>/ping</c> (60–3600).</summary>
    /// <value>The default value is null: SageMaker's default. Raise it for large models that load slowly.</value>
    public int? ContainerStartupHealthCheckTimeoutSeconds { get; init; }

    /// <summary>Seconds SageMaker allows to download the model data to each instance (60–3600).</summary>
    /// <value>The default value is null: SageMaker's default.</value>
    public int? ModelDataDownloadTimeoutSeconds { get; init; }

    /// <summary>Target-tracking autoscaling of the instance count; burstable <c>ml.t*</c> types are rejected with it.</summary>
    /// <value>The default value is null: a fixed instance count.</value>
    public EndpointAutoscaling? Autoscaling { get; init; }
}

/// <summary>A serverless variant: SageMaker provisions compute per request.</summary>
public sealed record ServerlessVariant : ProductionVariant
{
    /// <summary>Memory in MB: 1024 to 6144 in steps of 1024.</summary>
    /// <value>The default value is 2048.</value>
    public int MemorySizeInMb { get; init; } = SageMakerEndpointDefaults.ServerlessMemorySizeInMb;

    /// <summary>Maximum concurrent invocations (1–200).</summary>
    /// <value>The default value is 10: bounds cost and downstream load.</value>
    public int MaxConcurrency { get; init; } = SageMakerEndpointDefaults.ServerlessMaxConcurrency;

    /// <summary>Pre-warmed concurrency (1 to <see cref="MaxConcurrency"/>), billed while idle.</summary>
    /// <value>The default value is null: none (cold starts possible).</value>
    public int? ProvisionedConcurrency { get; init; }
}

/// <summary>
/// Target-tracking autoscaling of an <see cref="InstanceVariant"/> on <c>SageMakerVariantInvocationsPerInstance</c>
/// (invocations per instance per minute). Target = <see cref="SafetyFactor"/> × <see cref="MaxRequestsPerSecondPerInstance"/> × 60.
/// </summary>
public sealed record EndpointAutoscaling
{
    /// <summary>Fewest instances (≥ 1, ≤ the variant's initial count).</summary>
    public required int MinInstances { get; init; }

    /// <summary>Most instances (≥ the variant's initial count, ≤ 1000).</summary>
    public required int MaxInstances { get; init; }

    /// <summary>Requests per second one instance sustains within its latency objective, measured by a load test (&gt; 0).</summary>
    public required double MaxRequestsPerSecondPerInstance { get; init; }

    /// <summary>Fraction of the measured maximum to aim for (greater than 0, at most 1).</summary>
    /// <value>The default value is 0.5: head-room for traffic spikes while new instances start (several minutes).</value>
    public double SafetyFactor { get; init; } = SageMakerEndpointDefaults.AutoscalingSafetyFactor;

    /// <summary>Seconds after a scale-in before another scale-in (0–3600).</summary>
    /// <value>The default value is 300: scale in slowly.</value>
    public int ScaleInCooldownSeconds { get; init; } = SageMakerEndpointDefaults.ScaleInCooldownSeconds;

    /// <summary>Seconds after a scale-out before another scale-out (0–3600).</summary>
    /// <value>The default value is 60: scale out fast.</value>
    public int ScaleOutCooldownSeconds { get; init; } = SageMakerEndpointDefaults.ScaleOutCooldownSeconds;

    /// <summary>The target value: invocations per instance per minute.</summary>
    public double TargetInvocationsPerInstancePerMinute => SafetyFactor * MaxRequestsPerSecondPerInstance * 60;
}
