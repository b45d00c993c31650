using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using HashiCorp.Cdktf.Providers.Aws.SagemakerDataQualityJobDefinition;
using HashiCorp.Cdktf.Providers.Aws.SagemakerMonitoringSchedule;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// The data-quality monitor of a <see cref="SageMakerEndpoint"/>, which creates it when
/// <see cref="SageMakerEndpointProps.DataQualityMonitoring"/> is set: an <c>aws_sagemaker_data_quality_job_definition</c>
/// (SageMaker's prebuilt analyzer over the endpoint's captured data, compared with the baseline in the artifact bucket)
/// and an <c>aws_sagemaker_monitoring_schedule</c> running it, plus the execution role's grants the job needs.
/// </summary>
/// <remarks>
/// Job definitions are immutable: a changed one is created (under a new generated name, tagged with the endpoint) before
/// the schedule switches to it and the old one is deleted. The schedule (<c>&lt;endpoint&gt;-data-quality</c>) is updated
/// in place. It references the endpoint, so Terraform deletes it before the endpoint (SageMaker refuses the reverse).
/// </remarks>
public sealed class DataQualityMonitor : Construct
{
    /// <summary>Where SageMaker puts the period's captured data inside the job's container.</summary>
    internal const string EndpointInputPath = "/opt/ml/processing/input/endpoint";

    /// <summary>Where the analyzer writes its reports inside the container (uploaded to <see cref="ReportUrl"/>).</summary>
    internal const string OutputPath = "/opt/ml/processing/output";

    internal DataQualityMonitor(SageMakerEndpoint endpoint, SageMakerEndpointProps props, DataQualityMonitoring monitoring)
        : base(endpoint, "DataQualityMonitor")
    {
        var bucket = props.ArtifactBucket;
        var name = endpoint.GivenEndpointName;
        var region = AwsRegionRules.StackRegion(endpoint)!;
        var keyArn = endpoint.KeyArn;
        BaselineKeyPrefix = monitoring.BaselineKeyPrefix;
        ReportKeyPrefix = $"{monitoring.ReportKeyPrefix}{name}/data-quality/";
        ReportUrl = bucket.S3Url(ReportKeyPrefix);
        ImageUri = ModelMonitorImages.ImageUri(region)!;

        var role = endpoint.ExecutionRole;
        IamRolePolicy[] grants =
        [
            bucket.GrantRead(role, endpoint.DataCaptureKeyPrefix!),
            bucket.GrantRead(role, BaselineKeyPrefix),
            bucket.GrantWrite(role, ReportKeyPrefix),
            PolicyDocuments.AttachToRole(this, "Policy", role, $"{endpoint.ExecutionRoleName}-monitoring",
                Statements(AccountContext.In(this), keyArn)),
        ];

        JobDefinition = new SagemakerDataQualityJobDefinition(this, "JobDefinition", new SagemakerDataQualityJobDefinitionConfig
        {
            RoleArn = role.Arn,
            DataQualityAppSpecification = new SagemakerDataQualityJobDefinitionDataQualityAppSpecification { ImageUri = ImageUri },
            DataQualityBaselineConfig = new SagemakerDataQualityJobDefinitionDataQualityBaselineConfig
            {
                ConstraintsResource = new SagemakerDataQualityJobDefinitionDataQualityBaselineConfigConstraintsResource
                {
                    S3Uri = bucket.S3Url(BaselineKeyPrefix + "constraints.json"),
                },
                StatisticsResource = new SagemakerDataQualityJobDefinitionDataQualityBaselineConfigStatisticsResource
                {
                    S3Uri = bucket.S3Url(BaselineKeyPrefix + "statistics.json"),
                },
            },
            DataQualityJobInput = new SagemakerDataQualityJobDefinitionDataQualityJobInput
            {
                // A reference: the job definition (and the schedule) wait for the endpoint, and go before it.
                EndpointInput = new SagemakerDataQualityJobDefinitionDataQualityJobInputEndpointInput
                {
                    EndpointName = endpoint.EndpointName,
                    LocalPath = EndpointInputPath,
                },
            },
            DataQualityJobOutputConfig = new SagemakerDataQualityJobDefinitionDataQualityJobOutputConfig
            {
                KmsKeyId = keyArn,
                MonitoringOutputs = new SagemakerDataQualityJobDefinitionDataQualityJobOutputConfigMonitoringOutputs
                {
                    S3Output = new SagemakerDataQualityJobDefinitionDataQualityJobOutputConfigMonitoringOutputsS3Output
                    {
                        S3Uri = ReportUrl,
                        LocalPath = OutputPath,
                    },
                },
            },
            JobResources = new SagemakerDataQualityJobDefinitionJobResources
            {
                ClusterConfig = new SagemakerDataQualityJobDefinitionJobResourcesClusterConfig
                {
                    InstanceType = monitoring.InstanceType,
                    InstanceCount = monitoring.InstanceCount,
                    VolumeSizeInGb = monitoring.VolumeSizeInGb,
                    VolumeKmsKeyId = keyArn,
                },
            },
            NetworkConfig = new SagemakerDataQualityJobDefinitionNetworkConfig
            {
                EnableInterContainerTrafficEncryption = true,
                EnableNetworkIsolation = props.EnableNetworkIsolation,
                VpcConfig = props.Vpc is { } vpc
                    ? new SagemakerDataQualityJobDefinitionNetworkConfigVpcConfig { Subnets = vpc.SubnetIds.ToArray(), SecurityGroupIds = vpc.SecurityGroupIds.ToArray() }
                    : null,
            },
            StoppingCondition = new SagemakerDataQualityJobDefinitionStoppingCondition { MaxRuntimeInSeconds = monitoring.MaxRuntimeSeconds },
            Tags = TerraformMaps.OrNull(new Dictionary<string, string>(props.Tags) { [SageMakerEndpointDefaults.EndpointTag] = name }),
            DependsOn = grants,
            Lifecycle = new TerraformResourceLifecycle { CreateBeforeDestroy = true },
        });

        Schedule = new SagemakerMonitoringSchedule(this, "Schedule", new SagemakerMonitoringScheduleConfig
        {
            Name = NameOf(name),
            MonitoringScheduleConfig = new SagemakerMonitoringScheduleMonitoringScheduleConfig
            {
                MonitoringJobDefinitionName = JobDefinition.Name,
                MonitoringType = "DataQuality",
                ScheduleConfig = new SagemakerMonitoringScheduleMonitoringScheduleConfigScheduleConfig
                {
                    ScheduleExpression = monitoring.Schedule.Expression,
                },
            },
            Tags = endpoint.ResourceTags,
        });
    }

    /// <summary>The <c>aws_sagemaker_data_quality_job_definition</c> resource.</summary>
    public SagemakerDataQualityJobDefinition JobDefinition { get; }

    /// <summary>The <c>aws_sagemaker_monitoring_schedule</c> resource.</summary>
    public SagemakerMonitoringSchedule Schedule { get; }

    /// <summary>The schedule's name: <c>&lt;endpoint&gt;-data-quality</c> (the endpoint name cut to fit 63 characters).</summary>
    public string ScheduleName => Schedule.Name;

    /// <summary>The prefix holding the baseline's <c>statistics.json</c> and <c>constraints.json</c>.</summary>
    public string BaselineKeyPrefix { get; }

    /// <summary>The prefix the reports are written under: <c>&lt;ReportKeyPrefix&gt;&lt;endpoint&gt;/data-quality/</c>.</summary>
    public string ReportKeyPrefix { get; }

    /// <summary>The <c>s3://</c> URL of <see cref="ReportKeyPrefix"/>.</summary>
    public string ReportUrl { get; }

    /// <summary>The prebuilt analyzer image of the stack's region (<see cref="ModelMonitorImages"/>).</summary>
    public string ImageUri { get; }

    private const string Suffix = "-data-quality";

    private static string NameOf(string endpointName) =>
        endpointName[..Math.Min(endpointName.Length, 63 - Suffix.Length)].TrimEnd('-') + Suffix;

    /// <summary>The job's own needs beyond the bucket grants: its logs, its metrics, the key for its volume.</summary>
    private static IEnumerable<PolicyStatement> Statements(AccountContext aws, string? keyArn)
    {
        var logGroupArn = aws.Arn("logs", $"log-group:{SageMakerEndpointDefaults.ProcessingJobLogGroup}");
        // Processing jobs log to one log group per account and region, which SageMaker creates on the first job.
        yield return new PolicyStatement
        {
            Sid = "WriteMonitoringJobLogs",
            Actions = Actions.Logs.WriteToServiceLogGroup,
            Resources = [logGroupArn, $"{logGroupArn}:log-stream:*"],
        };

        // PutMetricData has no resource-level permissions: "*" narrowed to Model Monitor's data-quality namespaces.
        yield return new PolicyStatement
        {
            Sid = "PublishDataQualityMetrics",
            Actions = Actions.CloudWatch.PutMetricData,
            Resources = ["*"],
            Conditions = [new PolicyCondition("StringLike", "cloudwatch:namespace", SageMakerEndpointDefaults.DataQualityMetricsNamespaces)],
        };

        if (keyArn is not null)
        {
            // The job's ML storage volume is encrypted through a grant SageMaker creates with the role, for AWS resources only.
            yield return new PolicyStatement
            {
                Sid = "EncryptMonitoringVolume",
                Actions = Actions.Kms.CreateGrantForAwsResource,
                Resources = [keyArn],
                Conditions = [new PolicyCondition("Bool", "kms:GrantIsForAWSResource", ["true"])],
            };
        }
    }

    /// <summary>Checks the monitoring settings against the endpoint's; problems name <c>DataQualityMonitoring.…</c>.</summary>
    internal static void Validate(InputValidator v, IConstruct endpoint, SageMakerEndpointProps props)
    {
        if (props.DataQualityMonitoring is not { } monitoring)
        {
            return;
        }

        const string p = "DataQualityMonitoring.";
        v.Require(props.DataCapture is not null, nameof(props.DataQualityMonitoring), "set",
            "requires DataCapture (was null): the monitor reads the endpoint's captured requests. Turn DataCapture on, or set DataQualityMonitoring to null");
        var baseline = monitoring.BaselineKeyPrefix;
        v.Require(!InputValidator.IsUnresolved(baseline), p + nameof(monitoring.BaselineKeyPrefix), baseline,
            "is a Terraform reference, but the execution role's read permission is scoped at synth time to the prefix: give the literal prefix");
        v.Require(InputValidator.IsUnresolved(baseline) || (baseline is { Length: > 0 } b && b.EndsWith('/') && !b.StartsWith('/')
                && !b.Contains("://", StringComparison.Ordinal) && !b.Contains('*', StringComparison.Ordinal)),
            p + nameof(monitoring.BaselineKeyPrefix), baseline,
            "must be a key prefix in the artifact bucket, not a URL: no \"s3://\", no leading '/', no wildcards, ending with '/' (e.g. \"baselines/churn/1.0.0/\", holding statistics.json and constraints.json)");
        v.Require(monitoring.ReportKeyPrefix is { Length: > 0 } r && r.EndsWith('/') && !r.StartsWith('/') && !r.Contains('*', StringComparison.Ordinal)
                && !r.Contains("://", StringComparison.Ordinal),
            p + nameof(monitoring.ReportKeyPrefix), monitoring.ReportKeyPrefix,
            "must be non-empty, end with '/', and have no leading '/', \"s3://\" or wildcards (e.g. \"model-monitor/\")");

        var period = monitoring.Schedule?.PeriodHours;
        v.Require(period is not null, p + nameof(monitoring.Schedule), monitoring.Schedule?.Expression, MonitorSchedule.Allowed);
        var maxRuntime = Math.Min(86400, (period ?? 24) * 3600);
        v.Require(monitoring.MaxRuntimeSeconds >= 1 && monitoring.MaxRuntimeSeconds <= maxRuntime, p + nameof(monitoring.MaxRuntimeSeconds), monitoring.MaxRuntimeSeconds,
            $"must be between 1 and {maxRuntime} seconds: a run may not outlast the schedule's period ({monitoring.Schedule?.Expression})");
        v.InRange(monitoring.InstanceCount, p + nameof(monitoring.InstanceCount), 1, 100);
        v.InRange(monitoring.VolumeSizeInGb, p + nameof(monitoring.VolumeSizeInGb), 1, 512, "GB");
        if (monitoring.InstanceType is { IsUnresolved: false, HasLocalNvmeStorage: true } type)
        {
            v.Add(p + nameof(monitoring.InstanceType), type.Name,
                "must be an instance type with EBS storage (e.g. ml.m5.xlarge): the job's volume is encrypted with the endpoint's key, which SageMaker refuses for local NVMe storage");
        }

        var region = AwsRegionRules.StackRegion(endpoint);
        v.Require(region is not null, nameof(props.DataQualityMonitoring), "set",
            "needs the stack's AWS provider to name its region literally: the Model Monitor analyzer image is regional and chosen at synth time");
        if (region is not null)
        {
            v.Require(ModelMonitorImages.Registries.ContainsKey(region), "AWS provider region", region, ModelMonitorImages.SupportedRegions);
        }
    }
}
