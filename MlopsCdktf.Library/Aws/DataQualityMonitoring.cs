namespace MlopsCdktf.Aws;

/// <summary>
/// Data-quality monitoring of a <see cref="SageMakerEndpoint"/>'s captured data (SageMaker Model Monitor): on
/// <see cref="Schedule"/>, a monitoring job runs SageMaker's prebuilt analyzer over the period's captured requests and
/// compares them with the baseline (<c>statistics.json</c> and <c>constraints.json</c> under <see cref="BaselineKeyPrefix"/>
/// in the artifact bucket), writing a violations report under <see cref="ReportKeyPrefix"/> and per-feature CloudWatch
/// metrics. Requires <see cref="SageMakerEndpointProps.DataCapture"/> (so never with serverless variants).
/// </summary>
/// <remarks>
/// The job runs as the endpoint's execution role (granted read of the capture and baseline prefixes, write of the report
/// prefix, the endpoint's key for its volume and output, its processing-job logs and data-quality metrics), in the
/// endpoint's VPC when it has one, with inter-container traffic encrypted and the endpoint's network isolation. Produce
/// the baseline before the first run (e.g. with the SageMaker Python SDK's <c>DefaultModelMonitor.suggest_baseline</c> on
/// the training data) and upload both files under <see cref="BaselineKeyPrefix"/>; a run without them fails.
/// </remarks>
public sealed record DataQualityMonitoring
{
    /// <summary>When the monitoring job runs.</summary>
    /// <value>The default value is <see cref="MonitorSchedule.Hourly"/>: drift shows within the hour it starts.</value>
    public MonitorSchedule Schedule { get; init; } = MonitorSchedule.Hourly;

    /// <summary>
    /// Key prefix in the artifact bucket holding the baseline, <c>statistics.json</c> and <c>constraints.json</c> (e.g.
    /// <c>baselines/churn/1.0.0/</c>): a key prefix, not a URL (no <c>s3://</c>), no leading <c>/</c>, ending with <c>/</c>,
    /// no wildcards. The execution role may read this prefix only. A baseline belongs to a model version: name the
    /// version in the prefix, so a new version is compared with its own baseline.
    /// </summary>
    public required string BaselineKeyPrefix { get; init; }

    /// <summary>Key prefix in the artifact bucket for the reports; the job writes under <c>&lt;prefix&gt;&lt;endpoint&gt;/data-quality/</c> only.</summary>
    /// <value>The default value is <c>model-monitor/</c>.</value>
    public string ReportKeyPrefix { get; init; } = SageMakerEndpointDefaults.MonitoringReportPrefix;

    /// <summary>The instance type of the monitoring job: a type with EBS storage (the job's volume is encrypted with the
    /// endpoint's key, which SageMaker refuses for local NVMe storage).</summary>
    /// <value>The default value is <c>ml.m5.xlarge</c>, SageMaker's own default for Model Monitor (4 vCPU, 16 GiB: an
    /// hour of captured tabular requests fits comfortably).</value>
    public SageMakerInstanceType InstanceType { get; init; } = SageMakerEndpointDefaults.MonitoringInstanceType;

    /// <summary>Instances of the monitoring job (1–100).</summary>
    /// <value>The default value is 1: the analyzer (Spark) scales out only for very large captures.</value>
    public int InstanceCount { get; init; } = SageMakerEndpointDefaults.MonitoringInstanceCount;

    /// <summary>Size of each instance's ML storage volume in GB (1–512), holding the period's captured data.</summary>
    /// <value>The default value is 30, SageMaker Python SDK's default.</value>
    public int VolumeSizeInGb { get; init; } = SageMakerEndpointDefaults.MonitoringVolumeSizeInGb;

    /// <summary>Seconds a run may take before SageMaker stops it: 1 up to the schedule's period (3600 for hourly, 86400
    /// at most), since a run may not overlap the next.</summary>
    /// <value>The default value is 3600: the whole period of an hourly schedule.</value>
    public int MaxRuntimeSeconds { get; init; } = SageMakerEndpointDefaults.MonitoringMaxRuntimeSeconds;
}
