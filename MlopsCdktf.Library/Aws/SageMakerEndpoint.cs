using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.CloudwatchLogGroup;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.SagemakerEndpointConfiguration;
using HashiCorp.Cdktf.Providers.Aws.SagemakerModel;
using MlopsCdktf.Core;
using EndpointConfigResource = HashiCorp.Cdktf.Providers.Aws.SagemakerEndpointConfiguration.SagemakerEndpointConfiguration;
using EndpointConfigResourceConfig = HashiCorp.Cdktf.Providers.Aws.SagemakerEndpointConfiguration.SagemakerEndpointConfigurationConfig;
using EndpointResource = HashiCorp.Cdktf.Providers.Aws.SagemakerEndpoint.SagemakerEndpoint;
using EndpointResourceConfig = HashiCorp.Cdktf.Providers.Aws.SagemakerEndpoint.SagemakerEndpointConfig;
using ModelResource = HashiCorp.Cdktf.Providers.Aws.SagemakerModel.SagemakerModel;

namespace MlopsCdktf.Aws;

/// <summary>
/// A SageMaker real-time (or asynchronous) inference endpoint, secure by default: a dedicated execution role whose
/// inline policies are generated from what the endpoint uses (model prefix read, data-capture prefix write, image pull,
/// its own log group, namespaced metrics, its KMS key; no managed policies); a model pinned to an image tag or digest
/// with network isolation on; an endpoint configuration replaced create-before-destroy with KMS-encrypted volumes and
/// data capture on; optional target-tracking autoscaling and per-variant alarms.
/// </summary>
/// <example>
/// <code>
/// var endpoint = new SageMakerEndpoint(this, "Endpoint", new SageMakerEndpointProps
/// {
///     EndpointName = "churn-prod",
///     ArtifactBucket = artifacts,
///     ModelDataKey = "models/churn/1.0.0/model.tar.gz",
///     ImageRepository = images,
///     ImageTagOrDigest = "1.0.0",
///     Variants = [new InstanceVariant
///     {
///         InstanceType = SageMakerInstanceType.M5Large,
///         InitialInstanceCount = 2,
///         Autoscaling = new EndpointAutoscaling { MinInstances = 2, MaxInstances = 6, MaxRequestsPerSecondPerInstance = 40 },
///     }],
/// });
/// </code>
/// </example>
public sealed partial class SageMakerEndpoint : Construct
{
    private readonly SageMakerEndpointProps _props;
    private readonly Dictionary<string, string>? _tags;

    /// <summary>Validates <paramref name="props"/> and declares the role, model, configuration, endpoint, and the
    /// <see cref="VariantAutoscaling"/> and <see cref="VariantAlarms"/> of its variants.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public SageMakerEndpoint(Construct scope, string id, SageMakerEndpointProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(SageMakerEndpoint)))
    {
        new InputValidator(this).RequireMembers(props);
        _props = props;
        Validate(props);

        _tags = TerraformMaps.OrNull(props.Tags);
        KeyArn = props.KmsKeyArn ?? props.ArtifactBucket.KeyArn;
        ModelDataUrl = props.ArtifactBucket.S3Url(props.ModelDataKey);
        ImageUri = props.ImageRepository.ImageUri(props.ImageTagOrDigest);
        DataCaptureKeyPrefix = props.DataCapture is { } capture ? $"{capture.KeyPrefix}{props.EndpointName}/" : null;

        LogKeyArn = props.LogKmsKeyArn ?? CreateLogKey().Arn;
        LogGroup = new CloudwatchLogGroup(this, "LogGroup", new CloudwatchLogGroupConfig
        {
            Name = LogGroupName,
            RetentionInDays = props.LogRetentionDays,
            // Container logs can echo request payloads: encrypted like the captured data.
            KmsKeyId = LogKeyArn,
            Tags = _tags,
        });
        ExecutionRole = CreateExecutionRole();
        var permissions = GrantExecutionRolePermissions();
        permissions.Add(LogGroup);
        permissions.AddRange(ReadPublishedModel());

        Model = new ModelResource(this, "Model", new SagemakerModelConfig
        {
            Name = props.ModelName,
            ExecutionRoleArn = ExecutionRole.Arn,
            EnableNetworkIsolation = props.EnableNetworkIsolation,
            PrimaryContainer = new SagemakerModelPrimaryContainer
            {
                Image = ImageUri,
                ModelDataUrl = ModelDataUrl,
                Environment = ContainerEnvironment(),
            },
            VpcConfig = props.Vpc is { } vpc
                ? new SagemakerModelVpcConfig { Subnets = vpc.SubnetIds.ToArray(), SecurityGroupIds = vpc.SecurityGroupIds.ToArray() }
                : null,
            Tags = TerraformMaps.OrNull(new Dictionary<string, string>(props.Tags) { [SageMakerEndpointDefaults.EndpointTag] = props.EndpointName }),
            // SageMaker validates access to the image and model data at creation: the role's policies must exist first,
            // and the image and archive must be published.
            DependsOn = permissions.ToArray(),
            // Models are immutable: a changed model is created (under a new generated name) before the old one goes.
            Lifecycle = new TerraformResourceLifecycle { CreateBeforeDestroy = true },
        });

        Configuration = new EndpointConfigResource(this, "Config", new EndpointConfigResourceConfig
        {
            NamePrefix = ConfigNamePrefix(props.EndpointName),
            KmsKeyArn = EncryptsVolumesWithKey ? KeyArn : null,
            ProductionVariants = props.Variants.Select(v => ToTerraform(v, Model.Name)).ToArray(),
            DataCaptureConfig = DataCaptureConfig(),
            AsyncInferenceConfig = AsyncInferenceConfig(),
            Tags = _tags,
            // A changed configuration is created first, the endpoint switches to it, then the old one is deleted.
            Lifecycle = new TerraformResourceLifecycle { CreateBeforeDestroy = true },
        });

        Endpoint = new EndpointResource(this, "Endpoint", new EndpointResourceConfig
        {
            Name = props.EndpointName,
            EndpointConfigName = Configuration.Name,
            Tags = _tags,
        });

        // Autoscaling of every scaled variant, then the alarms of every variant (this order keeps the JSON's order).
        Autoscaling = props.Variants
            .Select((variant, index) => variant is InstanceVariant { Autoscaling: { } scaling } instance ? new VariantAutoscaling(this, instance, index, scaling) : null)
            .OfType<VariantAutoscaling>()
            .ToDictionary(scaling => scaling.VariantName, StringComparer.Ordinal);
        Alarms = props.Alarms is not { } alarms
            ? new Dictionary<string, VariantAlarms>()
            : props.Variants.Select(variant => new VariantAlarms(this, variant, alarms)).ToDictionary(a => a.VariantName, StringComparer.Ordinal);

        // Auto-rollback reads the endpoint's own alarms by reference (so they exist before any update), then any named.
        RollbackAlarmNames = props.Deployment is { AutoRollback: true } rollback
            ? [.. Alarms.Values.SelectMany(a => a.All).Select(a => a.AlarmName), .. rollback.AdditionalRollbackAlarmNames]
            : [];
        if (props.Deployment is { } deployment)
        {
            Endpoint.PutDeploymentConfig(EndpointDeploymentConfig.ToTerraform(deployment, RollbackAlarmNames));
        }

        Dashboard = props.Dashboard ? new EndpointDashboard(this, props) : null;
        DataQualityMonitor = props.DataQualityMonitoring is { } monitoring ? new DataQualityMonitor(this, props, monitoring) : null;
    }

    /// <summary>The endpoint's data-quality monitor, or null when <see cref="SageMakerEndpointProps.DataQualityMonitoring"/> is null.</summary>
    public DataQualityMonitor? DataQualityMonitor { get; }

    /// <summary>The endpoint's CloudWatch dashboard, or null when <see cref="SageMakerEndpointProps.Dashboard"/> is false.</summary>
    public EndpointDashboard? Dashboard { get; }

    /// <summary>The alarm names that roll a deployment back (<see cref="EndpointDeployment.AutoRollback"/>): every alarm of
    /// <see cref="Alarms"/> (references), then <see cref="EndpointDeployment.AdditionalRollbackAlarmNames"/>; empty without
    /// auto-rollback.</summary>
    public IReadOnlyList<string> RollbackAlarmNames { get; }

    /// <summary>The autoscaling of each variant with <see cref="InstanceVariant.Autoscaling"/>, by variant name.</summary>
    public IReadOnlyDictionary<string, VariantAutoscaling> Autoscaling { get; }

    /// <summary>The alarms of each variant, by variant name; empty when <see cref="SageMakerEndpointProps.Alarms"/> is null.</summary>
    public IReadOnlyDictionary<string, VariantAlarms> Alarms { get; }

    /// <summary>The execution role SageMaker assumes for this endpoint's model.</summary>
    public IamRole ExecutionRole { get; }

    /// <summary>The endpoint's CloudWatch log group (<see cref="LogGroupName"/>), created with retention.</summary>
    public CloudwatchLogGroup LogGroup { get; }

    /// <summary>The <c>aws_sagemaker_model</c> resource.</summary>
    public ModelResource Model { get; }

    /// <summary>The <c>aws_sagemaker_endpoint_configuration</c> resource.</summary>
    public EndpointConfigResource Configuration { get; }

    /// <summary>The <c>aws_sagemaker_endpoint</c> resource.</summary>
    public EndpointResource Endpoint { get; }

    /// <summary>The endpoint name (a reference, so dependents wait for the endpoint).</summary>
    public string EndpointName => Endpoint.Name;

    /// <summary>The endpoint ARN.</summary>
    public string EndpointArn => Endpoint.Arn;

    /// <summary>The name of the endpoint configuration currently deployed (generated from a prefix).</summary>
    public string ConfigName => Configuration.Name;

    /// <summary>The model name (given, or generated by Terraform; see <see cref="SageMakerEndpointProps.ModelName"/>): a reference.</summary>
    public string ModelName => Model.Name;

    /// <summary>The pinned image URI the model runs.</summary>
    public string ImageUri { get; }

    /// <summary>The <c>s3://</c> URL of the model archive.</summary>
    public string ModelDataUrl { get; }

    /// <summary>ARN of the KMS key protecting volumes, captured data and async results: <see cref="SageMakerEndpointProps.KmsKeyArn"/>,
    /// else the artifact bucket's key; null only when the bucket has none and the endpoint needs none (see
    /// <see cref="SageMakerEndpointProps.KmsKeyArn"/>).</summary>
    public string? KeyArn { get; }

    /// <summary>ARN of the KMS key encrypting the endpoint's log group (created with a key policy for CloudWatch Logs, or given).</summary>
    public string LogKeyArn { get; }

    /// <summary>The key prefix data capture writes to (<c>data-capture/&lt;endpoint&gt;/</c>), or null when capture is off.</summary>
    public string? DataCaptureKeyPrefix { get; }

    /// <summary>The <c>s3://</c> URL data capture writes to, or null when capture is off.</summary>
    public string? DataCaptureUrl => DataCaptureKeyPrefix is null ? null : _props.ArtifactBucket.S3Url(DataCaptureKeyPrefix);

    /// <summary>The CloudWatch log group SageMaker writes the container's logs to.</summary>
    public string LogGroupName => SageMakerEndpointDefaults.LogGroupPrefix + _props.EndpointName;

    /// <summary>The endpoint name as given (a literal), for the names of the resources around the endpoint.</summary>
    internal string GivenEndpointName => _props.EndpointName;

    /// <summary>The tags of every resource this construct and its parts create, or null.</summary>
    internal Dictionary<string, string>? ResourceTags => _tags;

    private bool Serverless => _props.Variants.Count > 0 && _props.Variants.All(v => v is ServerlessVariant);

    /// <summary>
    /// Serverless endpoints have no ML storage volume, and instance types with local NVMe storage encrypt it in hardware:
    /// SageMaker rejects a volume KMS key for both.
    /// </summary>
    private bool EncryptsVolumesWithKey =>
        !Serverless && _props.Variants.OfType<InstanceVariant>().All(v => !v.InstanceType.HasLocalNvmeStorage);

    private AsyncInferenceOptions? Async => _props.AsyncInference;

    private string AsyncPrefix(string leaf) => $"{Async!.KeyPrefix}{_props.EndpointName}/{leaf}/";

    private Dictionary<string, string>? ContainerEnvironment()
    {
        var environment = new Dictionary<string, string>(_props.Environment);
        if (_props.ApiKey is { } apiKey)
        {
            environment[SageMakerEndpointDefaults.ApiKeyEnvironmentVariable] = apiKey.SecretArn;
        }

        return environment.Count == 0 ? null : environment;
    }

    /// <summary>One production variant serving <paramref name="modelName"/> (a reference to the model, so SageMaker
    /// creates the model first; provider 6.x made <c>model_name</c> optional for inference components, but a variant
    /// without one serves nothing).</summary>
    private static SagemakerEndpointConfigurationProductionVariants ToTerraform(ProductionVariant variant, string modelName) => variant switch
    {
        InstanceVariant i => new SagemakerEndpointConfigurationProductionVariants
        {
            VariantName = i.VariantName,
            ModelName = modelName,
            InitialVariantWeight = i.InitialVariantWeight,
            InstanceType = i.InstanceType,
            InitialInstanceCount = i.InitialInstanceCount,
            VolumeSizeInGb = i.VolumeSizeInGb,
            ContainerStartupHealthCheckTimeoutInSeconds = i.ContainerStartupHealthCheckTimeoutSeconds,
            ModelDataDownloadTimeoutInSeconds = i.ModelDataDownloadTimeoutSeconds,
        },
        ServerlessVariant s => new SagemakerEndpointConfigurationProductionVariants
        {
            VariantName = s.VariantName,
            ModelName = modelName,
            InitialVariantWeight = s.InitialVariantWeight,
            ServerlessConfig = new SagemakerEndpointConfigurationProductionVariantsServerlessConfig
            {
                MemorySizeInMb = s.MemorySizeInMb,
                MaxConcurrency = s.MaxConcurrency,
                ProvisionedConcurrency = s.ProvisionedConcurrency,
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant.GetType().Name, "unknown production variant kind"),
    };

    private SagemakerEndpointConfigurationDataCaptureConfig? DataCaptureConfig()
    {
        if (_props.DataCapture is not { } capture)
        {
            return null;
        }

        var modes = new List<string>();
        if (capture.CaptureInput)
        {
            modes.Add("Input");
        }

        if (capture.CaptureOutput)
        {
            modes.Add("Output");
        }

        return new SagemakerEndpointConfigurationDataCaptureConfig
        {
            EnableCapture = true,
            InitialSamplingPercentage = capture.SamplingPercentage,
            DestinationS3Uri = DataCaptureUrl!,
            KmsKeyId = KeyArn,
            CaptureOptions = modes.Select(m => new SagemakerEndpointConfigurationDataCaptureConfigCaptureOptions { CaptureMode = m }).ToArray(),
            CaptureContentTypeHeader = capture.JsonContentTypes.Count + capture.CsvContentTypes.Count == 0
                ? null
                : new SagemakerEndpointConfigurationDataCaptureConfigCaptureContentTypeHeader
                {
                    JsonContentTypes = capture.JsonContentTypes.Count == 0 ? null : capture.JsonContentTypes.ToArray(),
                    CsvContentTypes = capture.CsvContentTypes.Count == 0 ? null : capture.CsvContentTypes.ToArray(),
                },
        };
    }

    private SagemakerEndpointConfigurationAsyncInferenceConfig? AsyncInferenceConfig() => Async is not { } async
        ? null
        : new SagemakerEndpointConfigurationAsyncInferenceConfig
        {
            OutputConfig = new SagemakerEndpointConfigurationAsyncInferenceConfigOutputConfig
            {
                S3OutputPath = _props.ArtifactBucket.S3Url(AsyncPrefix("output")),
                S3FailurePath = _props.ArtifactBucket.S3Url(AsyncPrefix("failures")),
                KmsKeyId = KeyArn,
            },
            ClientConfig = async.MaxConcurrentInvocationsPerInstance is { } max
                ? new SagemakerEndpointConfigurationAsyncInferenceConfigClientConfig { MaxConcurrentInvocationsPerInstance = max }
                : null,
        };

    /// <summary>
    /// The log group's key: CloudWatch Logs may use it for this log group only (encryption context), which IAM cannot
    /// grant, hence a key policy.
    /// </summary>
    private HashiCorp.Cdktf.Providers.Aws.KmsKey.KmsKey CreateLogKey() =>
        CustomerManagedKeys.Create(this, $"Encrypts the logs of SageMaker endpoint {_props.EndpointName}", $"logs-{_props.EndpointName}",
            CustomerManagedKeys.MaxDeletionWindowDays, _tags, DeletionPolicy.ForceDestroy, CustomerManagedKeys.ForLogGroup(LogGroupName));

    private static string ConfigNamePrefix(string endpointName) =>
        endpointName[..Math.Min(endpointName.Length, SageMakerEndpointDefaults.MaxConfigNamePrefixLength - 1)] + "-";
}
