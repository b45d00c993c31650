namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="SageMakerEndpoint"/>. Every optional member documents its default and why.</summary>
public sealed record SageMakerEndpointProps
{
    /// <summary>
    /// The endpoint name: 1–63 letters, digits and hyphens, starting and ending with a letter or digit. Also names the
    /// execution role, log group, alarms and the data-capture prefix. Changing it replaces the endpoint.
    /// </summary>
    public required string EndpointName { get; init; }

    /// <summary>
    /// The bucket holding the model artifact, data capture and async inference results: a <see cref="ModelArtifactBucket"/>
    /// or one created elsewhere (<see cref="ModelArtifactBucket.FromBucketName"/>), in the endpoint's region. The execution
    /// role is granted the prefixes the endpoint uses, and the bucket's key when it has one.
    /// </summary>
    public required IModelArtifactBucket ArtifactBucket { get; init; }

    /// <summary>
    /// Key of the model archive in <see cref="ArtifactBucket"/>, under a prefix (e.g. <c>models/churn/1.0.0/model.tar.gz</c>):
    /// the execution role may read that prefix only. No leading <c>/</c>, no trailing <c>/</c>, no wildcards.
    /// </summary>
    public required string ModelDataKey { get; init; }

    /// <summary>The repository holding the inference image, a <see cref="ModelImageRepository"/> or one created elsewhere
    /// (<see cref="ModelImageRepository.FromRepositoryName"/>, <see cref="ModelImageRepository.FromRepositoryUrl"/>); the
    /// execution role may pull from it only.</summary>
    public required IModelImageRepository ImageRepository { get; init; }

    /// <summary>The pinned image tag (e.g. <c>1.0.0</c>) or digest (<c>sha256:…</c>). <c>latest</c> and empty tags are rejected.</summary>
    public required string ImageTagOrDigest { get; init; }

    /// <summary>The production variants: all instance-based or all serverless (1–10, distinct names).</summary>
    public required IReadOnlyList<ProductionVariant> Variants { get; init; }

    /// <summary>
    /// The model name (same rules as <see cref="EndpointName"/>). SageMaker models are immutable: every change replaces the
    /// model create-before-destroy, so a fixed name collides with itself on the next change. Set it only if the name is
    /// changed with every model change.
    /// </summary>
    /// <value>The default value is null: Terraform generates a unique name for each model it creates (the model is tagged
    /// with the endpoint name), so no replacement can collide, whatever forced it (image, archive, role, secret, VPC).</value>
    public string? ModelName { get; init; }

    /// <summary>Environment variables of the inference container (≤ 100; names <c>[A-Za-z_][A-Za-z0-9_]*</c> ≤ 1024, values ≤ 1024).
    /// Visible to anyone who can describe the model: never put secrets here (use <see cref="ApiKey"/>).</summary>
    /// <value>The default value is no variables.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the inference container runs without any network access (<c>enable_network_isolation</c>).</summary>
    /// <value>The default value is true: a compromised model or dependency cannot exfiltrate requests. SageMaker still
    /// downloads the model and image with the execution role. Serverless variants require false.</value>
    public bool EnableNetworkIsolation { get; init; } = true;

    /// <summary>
    /// Whether the plan reads the exact image (<c>data.aws_ecr_image</c>) and archive (<c>data.aws_s3_objects</c> with a
    /// postcondition) before the model is created, so an unpublished model version fails with a message naming what is
    /// missing instead of a failed <c>CreateModel</c> halfway through an apply.
    /// </summary>
    /// <value>The default value is true. Declare the bucket and repository in a stack applied before this one (push the
    /// image and upload the archive in between): in the same stack, the first apply can never pass this check.</value>
    public bool RequirePublishedModel { get; init; } = true;

    /// <summary>Runs the model in a customer VPC. Both lists must be non-empty. Not available with serverless variants.</summary>
    /// <value>The default value is null: SageMaker-managed networking.</value>
    public ModelVpcConfig? Vpc { get; init; }

    /// <summary>ARN of the KMS key for the ML storage volumes, captured data and async results. Required when the
    /// <see cref="ArtifactBucket"/> has no key (an imported SSE-S3 bucket) and the endpoint encrypts anything with one
    /// (instance volumes without local NVMe storage, <see cref="DataCapture"/>, <see cref="AsyncInference"/>): SageMaker
    /// would otherwise fall back to AWS managed keys.</summary>
    /// <value>The default value is null: the artifact bucket's key, so one key (already granted per prefix) protects every
    /// byte the endpoint reads or writes.</value>
    public string? KmsKeyArn { get; init; }

    /// <summary>Data capture (inputs and outputs to S3) for Model Monitor; null turns it off (required for serverless variants).</summary>
    /// <value>The default value is <see cref="DataCaptureOptions"/> with its defaults: on, 100 % sampling.</value>
    public DataCaptureOptions? DataCapture { get; init; } = new();

    /// <summary>Scheduled data-quality monitoring of the captured data against a baseline (<see cref="DataQualityMonitor"/>):
    /// requires <see cref="DataCapture"/>, so instance variants only.</summary>
    /// <value>The default value is null: captured data is kept but nothing reads it. Set it wherever capture is on, so the
    /// capture is read (policy rule MLOPS-SM-5 warns about capture without a monitor).</value>
    public DataQualityMonitoring? DataQualityMonitoring { get; init; }

    /// <summary>Asynchronous inference (results written to S3). Instance variants only.</summary>
    /// <value>The default value is null: real-time inference.</value>
    public AsyncInferenceOptions? AsyncInference { get; init; }

    /// <summary>CloudWatch alarms per variant on 5XX errors and p99 model latency; null turns them off.</summary>
    /// <value>The default value is <see cref="EndpointAlarms"/> with its defaults (alarms on, no notification target).</value>
    public EndpointAlarms? Alarms { get; init; } = new();

    /// <summary>How SageMaker rolls out a changed configuration: blue/green with all-at-once, canary or linear traffic
    /// shifting and automatic rollback on the endpoint's own <see cref="Alarms"/> (plus any named). Instance variants only.</summary>
    /// <value>The default value is null: no <c>deployment_config</c>, so SageMaker's own default (blue/green, all at once,
    /// no baking period, no rollback alarms). Production endpoints should set <see cref="EndpointDeployment"/> with its
    /// defaults (a one-instance canary, ten-minute baking period, rollback on the endpoint's alarms).</value>
    public EndpointDeployment? Deployment { get; init; }

    /// <summary>Whether the construct creates a CloudWatch dashboard named after the endpoint (<see cref="EndpointDashboard"/>),
    /// generated from its variants, alarms and autoscaling bounds.</summary>
    /// <value>The default value is true: every endpoint can be looked at the moment it serves (a dashboard costs a few
    /// dollars a month beyond CloudWatch's free three).</value>
    public bool Dashboard { get; init; } = true;

    /// <summary>
    /// An API key secret the model may read: only this endpoint's execution role is granted read, and the container
    /// receives the secret's ARN (never its value) in <c>MODEL_API_KEY_SECRET_ARN</c>. Fetching it at runtime needs network
    /// access: allowed only with <see cref="EnableNetworkIsolation"/> false (a validation error otherwise), ideally with a
    /// <see cref="Vpc"/> that has a Secrets Manager interface endpoint.
    /// </summary>
    /// <value>The default value is null: no in-container key. Callers are authenticated and authorised by IAM (SigV4 on
    /// <c>sagemaker:InvokeEndpoint</c>), which needs no shared secret.</value>
    public ModelApiKey? ApiKey { get; init; }

    /// <summary>Days the endpoint's CloudWatch log group keeps container logs; one of CloudWatch's retention values
    /// (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).</summary>
    /// <value>The default value is 90: long enough to investigate an incident, bounded so request-derived log lines do
    /// not live forever. The log group is created by this construct so retention applies from the first log line.</value>
    public int LogRetentionDays { get; init; } = SageMakerEndpointDefaults.LogRetentionDays;

    /// <summary>ARN of the KMS key for the endpoint's CloudWatch log group; its key policy must let
    /// <c>logs.&lt;region&gt;.amazonaws.com</c> use it for this log group.</summary>
    /// <value>The default value is null: a key created for the log group, with rotation on and a key policy limited to it.</value>
    public string? LogKmsKeyArn { get; init; }

    /// <summary>Tags for every resource this construct creates, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>Where a SageMaker model's network interfaces live.</summary>
public sealed record ModelVpcConfig
{
    /// <summary>Subnet ids (1–16), ideally in several availability zones.</summary>
    public required IReadOnlyList<string> SubnetIds { get; init; }

    /// <summary>Security group ids (1–5).</summary>
    public required IReadOnlyList<string> SecurityGroupIds { get; init; }
}

/// <summary>The one home of <see cref="SageMakerEndpoint"/>'s default values and fixed settings.</summary>
internal static class SageMakerEndpointDefaults
{
    public const string VariantName = "AllTraffic";
    public const int InitialInstanceCount = 1;
    public const double InitialVariantWeight = 1.0;
    public const int ServerlessMemorySizeInMb = 2048;
    public const int ServerlessMaxConcurrency = 10;

    public const int DataCaptureSamplingPercentage = 100;
    public const string DataCapturePrefix = "data-capture/";
    public const string AsyncInferencePrefix = "async-inference/";
    public const string MonitoringReportPrefix = "model-monitor/";
    public static readonly SageMakerInstanceType MonitoringInstanceType = SageMakerInstanceType.M5Xlarge;
    public const int MonitoringInstanceCount = 1;
    public const int MonitoringVolumeSizeInGb = 30;
    public const int MonitoringMaxRuntimeSeconds = 3600;
    public const string ProcessingJobLogGroup = "/aws/sagemaker/ProcessingJobs";

    /// <summary>Where Model Monitor's prebuilt analyzer publishes data-quality metrics of a real-time endpoint (the docs
    /// name both spellings).</summary>
    public static readonly IReadOnlyList<string> DataQualityMetricsNamespaces = ["/aws/sagemaker/Endpoint/data-metrics", "/aws/sagemaker/Endpoints/data-metric*"];
    public static readonly IReadOnlyList<string> JsonContentTypes = ["application/json"];
    public static readonly IReadOnlyList<string> CsvContentTypes = ["text/csv"];

    public const double AutoscalingSafetyFactor = 0.5;
    public const int ScaleInCooldownSeconds = 300;
    public const int ScaleOutCooldownSeconds = 60;

    public const int Invocation5XXErrorsThreshold = 1;
    public const double ModelLatencyP99ThresholdMs = 1000;
    public const int AlarmPeriodSeconds = 60;
    public const int AlarmEvaluationPeriods = 5;
    public const int AlarmDatapointsToAlarm = 3;
    public const int DashboardPeriodSeconds = 60;

    public const string ServicePrincipal = "sagemaker.amazonaws.com";
    public const string ApiKeyEnvironmentVariable = "MODEL_API_KEY_SECRET_ARN";

    /// <summary>Tag naming the endpoint on resources whose own name does not (generated model names).</summary>
    public const string EndpointTag = "SageMakerEndpoint";
    public const string LogGroupPrefix = "/aws/sagemaker/Endpoints/";
    public const int LogRetentionDays = 90;
    public const string MetricsNamespace = "/aws/sagemaker/Endpoints";
    public const string AutoscalingNamespace = "sagemaker";
    public const string ScalableDimension = "sagemaker:variant:DesiredInstanceCount";
    public const string ScalingMetric = "SageMakerVariantInvocationsPerInstance";

    /// <summary>Terraform's <c>name_prefix</c> appends 26 characters; SageMaker names are at most 63.</summary>
    public const int MaxConfigNamePrefixLength = 37;
}
