namespace MlopsCdktf.Aws;

/// <summary>
/// Data capture of a <see cref="SageMakerEndpoint"/>: request and response payloads written, KMS-encrypted, to
/// <c>s3://&lt;bucket&gt;/&lt;KeyPrefix&gt;&lt;endpoint&gt;/</c> for Model Monitor, drift detection and audits.
/// </summary>
public sealed record DataCaptureOptions
{
    /// <summary>Percentage of requests captured (0–100).</summary>
    /// <value>The default value is 100: complete records for monitoring baselines and audits. Lower it only for
    /// high-traffic endpoints where cost matters (the environment definition sets it per environment).</value>
    public int SamplingPercentage { get; init; } = SageMakerEndpointDefaults.DataCaptureSamplingPercentage;

    /// <summary>Capture request payloads.</summary>
    /// <value>The default value is true.</value>
    public bool CaptureInput { get; init; } = true;

    /// <summary>Capture response payloads.</summary>
    /// <value>The default value is true.</value>
    public bool CaptureOutput { get; init; } = true;

    /// <summary>Content types captured as JSON text instead of base64 (≤ 10).</summary>
    /// <value>The default value is <c>application/json</c>.</value>
    public IReadOnlyList<string> JsonContentTypes { get; init; } = SageMakerEndpointDefaults.JsonContentTypes;

    /// <summary>Content types captured as CSV text instead of base64 (≤ 10).</summary>
    /// <value>The default value is <c>text/csv</c>.</value>
    public IReadOnlyList<string> CsvContentTypes { get; init; } = SageMakerEndpointDefaults.CsvContentTypes;

    /// <summary>Key prefix in the artifact bucket; the endpoint writes under <c>&lt;prefix&gt;&lt;endpoint&gt;/</c> only.</summary>
    /// <value>The default value is <c>data-capture/</c>.</value>
    public string KeyPrefix { get; init; } = SageMakerEndpointDefaults.DataCapturePrefix;
}

/// <summary>
/// Asynchronous inference: requests are read from <c>&lt;KeyPrefix&gt;&lt;endpoint&gt;/input/</c>, results written to
/// <c>…/output/</c> and failures to <c>…/failures/</c> in the artifact bucket, KMS-encrypted.
/// </summary>
public sealed record AsyncInferenceOptions
{
    /// <summary>Key prefix in the artifact bucket.</summary>
    /// <value>The default value is <c>async-inference/</c>.</value>
    public string KeyPrefix { get; init; } = SageMakerEndpointDefaults.AsyncInferencePrefix;

    /// <summary>Concurrent requests SageMaker sends to each instance (1–1000).</summary>
    /// <value>The default value is null: SageMaker chooses.</value>
    public int? MaxConcurrentInvocationsPerInstance { get; init; }
}

/// <summary>CloudWatch alarms per production variant (namespace <c>AWS/SageMaker</c>, dimensions EndpointName + VariantName).</summary>
public sealed record EndpointAlarms
{
    /// <summary>SNS topic notified on alarm and on recovery.</summary>
    /// <value>The default value is null: alarms are visible in CloudWatch but notify nobody.</value>
    public string? AlarmTopicArn { get; init; }

    /// <summary>Sum of <c>Invocation5XXErrors</c> per period that breaches (≥ 1).</summary>
    /// <value>The default value is 1: any server error is worth a look.</value>
    public int Invocation5XXErrorsThreshold { get; init; } = SageMakerEndpointDefaults.Invocation5XXErrorsThreshold;

    /// <summary>p99 <c>ModelLatency</c> in milliseconds that breaches (&gt; 0).</summary>
    /// <value>The default value is 1000 ms.</value>
    public double ModelLatencyP99ThresholdMs { get; init; } = SageMakerEndpointDefaults.ModelLatencyP99ThresholdMs;

    /// <summary>Metric period in seconds: 10, 30 or a multiple of 60.</summary>
    /// <value>The default value is 60.</value>
    public int PeriodSeconds { get; init; } = SageMakerEndpointDefaults.AlarmPeriodSeconds;

    /// <summary>Periods evaluated (≥ 1).</summary>
    /// <value>The default value is 5.</value>
    public int EvaluationPeriods { get; init; } = SageMakerEndpointDefaults.AlarmEvaluationPeriods;

    /// <summary>Breaching periods among <see cref="EvaluationPeriods"/> that raise the alarm (1 to EvaluationPeriods).</summary>
    /// <value>The default value is 3: tolerates a single blip.</value>
    public int DatapointsToAlarm { get; init; } = SageMakerEndpointDefaults.AlarmDatapointsToAlarm;
}
