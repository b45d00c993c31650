using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Input validation of <see cref="SageMakerEndpoint"/>: every rule, every problem reported at once.</summary>
public sealed partial class SageMakerEndpoint
{
    private const string NameRule = "must be 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit";
    private const int MaxVariants = 10;

    private void Validate(SageMakerEndpointProps props)
    {
        var v = new InputValidator(this);
        ValidateName(v, props.EndpointName, nameof(props.EndpointName));
        if (props.ModelName is not null)
        {
            ValidateName(v, props.ModelName, nameof(props.ModelName));
        }

        v.Require(!InputValidator.IsUnresolved(props.ModelDataKey), nameof(props.ModelDataKey), props.ModelDataKey,
            "is a Terraform reference, but the execution role's read permission is scoped at synth time to the key's prefix: give the literal key");
        v.Require(InputValidator.IsUnresolved(props.ModelDataKey) || (props.ModelDataKey is { Length: > 0 } key && !key.StartsWith('/') && !key.EndsWith('/') && key.Contains('/', StringComparison.Ordinal)
                && !key.Contains('*', StringComparison.Ordinal)),
            nameof(props.ModelDataKey), props.ModelDataKey,
            "must be an object key under a prefix, without a leading or trailing '/' or wildcards (e.g. \"models/churn/1.0.0/model.tar.gz\"): the role may read that prefix only");
        v.ValidateImageTagOrDigest(props.ImageTagOrDigest, nameof(props.ImageTagOrDigest));
        v.Matches(props.KmsKeyArn, nameof(props.KmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateArnRegion(this, props.KmsKeyArn, nameof(props.KmsKeyArn), "the endpoint");
        v.Matches(props.LogKmsKeyArn, nameof(props.LogKmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateArnRegion(this, props.LogKmsKeyArn, nameof(props.LogKmsKeyArn), "the endpoint's log group");
        ValidateKeyAvailable(v, props);
        ValidateEnvironment(v, props.Environment);
        ValidateVpc(v, props.Vpc);
        ValidateVariants(v, props);
        ValidateDataCapture(v, props.DataCapture);
        ValidateAsync(v, props.AsyncInference);
        DataQualityMonitor.Validate(v, this, props);
        if (props.Alarms is { } alarms)
        {
            VariantAlarms.Validate(v, alarms);
            v.ValidateArnRegion(this, alarms.AlarmTopicArn, "Alarms.AlarmTopicArn", "the endpoint's alarms");
        }

        // SageMaker pulls the model image from ECR of its own region only.
        if (props.ImageRepository is { } repository)
        {
            v.ValidateEcrRegion(this, repository.RepositoryUrl, "ImageRepository", "the model", sameRegion: true);
        }

        EndpointDeploymentConfig.Validate(v, props);

        v.Require(props.ApiKey is null || !props.EnableNetworkIsolation, nameof(props.ApiKey), props.ApiKey?.Node.Path,
            "must be null while EnableNetworkIsolation is true: an isolated container makes no network calls and gets no AWS " +
            "credentials, so it could never read the secret. Invocations are already authorised by IAM (SigV4). To give the " +
            "container a key, set EnableNetworkIsolation = false and run the model in a Vpc with a Secrets Manager interface endpoint");
        v.ValidateLogRetention(props.LogRetentionDays, nameof(props.LogRetentionDays));
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();
    }

    /// <summary>Without a bucket key (an imported SSE-S3 bucket) the endpoint's own key must be given wherever one is used.</summary>
    private void ValidateKeyAvailable(InputValidator v, SageMakerEndpointProps props)
    {
        if (props.KmsKeyArn is not null || props.ArtifactBucket.KeyArn is not null)
        {
            return;
        }

        string?[] encrypted =
        [
            EncryptsVolumesWithKey ? "its ML storage volumes" : null,
            props.DataCapture is not null ? "captured data" : null,
            props.AsyncInference is not null ? "async inference results" : null,
        ];
        var uses = encrypted.OfType<string>().ToList();
        v.Require(uses.Count == 0, nameof(props.KmsKeyArn), null,
            $"must be set: ArtifactBucket ({props.ArtifactBucket.Node.Path}) has no KMS key (S3 managed encryption), and the endpoint " +
            $"encrypts {string.Join(" and ", uses)} with a customer managed key, never falling back to AWS managed keys");
    }

    private static void ValidateName(InputValidator v, string? name, string property)
    {
        v.NotBlank(name, property);
        if (!string.IsNullOrWhiteSpace(name))
        {
            v.Matches(name, property, SageMakerName(), NameRule);
        }
    }

    private static void ValidateEnvironment(InputValidator v, IReadOnlyDictionary<string, string> environment)
    {
        v.Require(environment.Count <= 100, "Environment", environment.Count, "may hold at most 100 variables");
        foreach (var (name, value) in environment)
        {
            v.Require(EnvironmentVariableName().IsMatch(name) && name.Length <= 1024, "Environment key", name,
                "must match [A-Za-z_][A-Za-z0-9_]* and be at most 1024 characters");
            v.Require(name != SageMakerEndpointDefaults.ApiKeyEnvironmentVariable, "Environment key", name,
                "is reserved: the construct sets it from ApiKey");
            v.Require(value.Length <= 1024, $"Environment[\"{name}\"]", value, "must be at most 1024 characters");
        }
    }

    private static void ValidateVpc(InputValidator v, ModelVpcConfig? vpc)
    {
        if (vpc is null)
        {
            return;
        }

        v.Require(vpc.SubnetIds.Count is >= 1 and <= 16, "Vpc.SubnetIds", vpc.SubnetIds.Count, "must list 1 to 16 subnet ids");
        v.Require(vpc.SecurityGroupIds.Count is >= 1 and <= 5, "Vpc.SecurityGroupIds", vpc.SecurityGroupIds.Count, "must list 1 to 5 security group ids");
        foreach (var subnet in vpc.SubnetIds)
        {
            v.Matches(subnet, "Vpc.SubnetIds", AwsArnPatterns.SubnetId(), "must be a subnet id (subnet-<hex>) or a reference to one");
        }

        foreach (var group in vpc.SecurityGroupIds)
        {
            v.Matches(group, "Vpc.SecurityGroupIds", AwsArnPatterns.SecurityGroupId(), "must be a security group id (sg-<hex>) or a reference to one");
        }
    }

    private static void ValidateVariants(InputValidator v, SageMakerEndpointProps props)
    {
        var variants = props.Variants;
        v.Require(variants.Count is >= 1 and <= MaxVariants, "Variants", variants.Count, $"must hold 1 to {MaxVariants} production variants");

        var instance = variants.OfType<InstanceVariant>().Count();
        var serverless = variants.OfType<ServerlessVariant>().Count();
        v.Require(instance == 0 || serverless == 0, "Variants", $"{instance} instance and {serverless} serverless",
            "must be all instance-based or all serverless: one endpoint configuration cannot mix them");
        foreach (var duplicate in variants.GroupBy(x => x.VariantName, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Add("Variants[].VariantName", duplicate.Key, "must be unique within the endpoint");
        }

        foreach (var variant in variants)
        {
            var p = $"Variants[\"{variant.VariantName}\"].";
            ValidateName(v, variant.VariantName, p + nameof(variant.VariantName));
            v.InRange(variant.InitialVariantWeight, p + nameof(variant.InitialVariantWeight), 0, 1000);
            switch (variant)
            {
                case InstanceVariant i:
                    ValidateInstanceVariant(v, i, p);
                    break;
                case ServerlessVariant s:
                    ValidateServerlessVariant(v, s, p);
                    break;
            }
        }

        if (serverless > 0)
        {
            const string why = "serverless endpoints do not support it";
            v.Require(variants.Count == 1, "Variants", variants.Count, "must hold exactly one serverless variant: serverless endpoints do not support several variants");
            v.Require(!props.EnableNetworkIsolation, nameof(props.EnableNetworkIsolation), props.EnableNetworkIsolation, $"must be false with a serverless variant: {why}");
            v.Require(props.Vpc is null, nameof(props.Vpc), "set", $"must be null with a serverless variant: {why}");
            v.Require(props.DataCapture is null, nameof(props.DataCapture), "set", $"must be null with a serverless variant: {why}");
            v.Require(props.AsyncInference is null, nameof(props.AsyncInference), "set", $"must be null with a serverless variant: {why}");
            v.Require(props.DataQualityMonitoring is null, nameof(props.DataQualityMonitoring), "set",
                "must be null with a serverless variant: Model Monitor reads data capture, which serverless endpoints do not support");
        }
    }

    private static void ValidateInstanceVariant(InputValidator v, InstanceVariant variant, string p)
    {
        var type = variant.InstanceType;
        var problem = type.HostingProblem();
        var known = problem is null && !type.IsUnresolved;
        if (problem is not null)
        {
            v.Add(p + nameof(variant.InstanceType), type.Name, problem);
        }

        v.InRange(variant.InitialInstanceCount, p + nameof(variant.InitialInstanceCount), 1, 1000);
        v.InRange(variant.VolumeSizeInGb, p + nameof(variant.VolumeSizeInGb), 1, 512, "GB");
        if (variant.VolumeSizeInGb is not null && known && type.HasLocalNvmeStorage)
        {
            v.Add(p + nameof(variant.VolumeSizeInGb), variant.VolumeSizeInGb, $"must be null for {type}: its storage is local NVMe instance storage of fixed size");
        }

        v.InRange(variant.ContainerStartupHealthCheckTimeoutSeconds, p + nameof(variant.ContainerStartupHealthCheckTimeoutSeconds), 60, 3600, "seconds");
        v.InRange(variant.ModelDataDownloadTimeoutSeconds, p + nameof(variant.ModelDataDownloadTimeoutSeconds), 60, 3600, "seconds");

        if (variant.Autoscaling is not { } scaling)
        {
            return;
        }

        VariantAutoscaling.Validate(v, variant, scaling, p, known && type.IsBurstable);
    }

    private static void ValidateServerlessVariant(InputValidator v, ServerlessVariant variant, string p)
    {
        v.Require(variant.MemorySizeInMb is >= 1024 and <= 6144 && variant.MemorySizeInMb % 1024 == 0, p + nameof(variant.MemorySizeInMb),
            variant.MemorySizeInMb, "must be 1024, 2048, 3072, 4096, 5120 or 6144 MB");
        v.InRange(variant.MaxConcurrency, p + nameof(variant.MaxConcurrency), 1, 200);
        if (variant.ProvisionedConcurrency is { } provisioned)
        {
            v.Require(provisioned >= 1 && provisioned <= variant.MaxConcurrency, p + nameof(variant.ProvisionedConcurrency), provisioned,
                $"must be between 1 and MaxConcurrency ({variant.MaxConcurrency})");
        }
    }

    private static void ValidateDataCapture(InputValidator v, DataCaptureOptions? capture)
    {
        if (capture is null)
        {
            return;
        }

        const string p = "DataCapture.";
        v.InRange(capture.SamplingPercentage, p + nameof(capture.SamplingPercentage), 0, 100, "percent");
        v.Require(capture.CaptureInput || capture.CaptureOutput, p + nameof(capture.CaptureInput), capture.CaptureInput,
            "CaptureInput and CaptureOutput must not both be false (set DataCapture to null to turn capture off)");
        ValidatePrefix(v, capture.KeyPrefix, p + nameof(capture.KeyPrefix));
        ValidateContentTypes(v, capture.JsonContentTypes, p + nameof(capture.JsonContentTypes));
        ValidateContentTypes(v, capture.CsvContentTypes, p + nameof(capture.CsvContentTypes));
    }

    private static void ValidateContentTypes(InputValidator v, IReadOnlyList<string> types, string property)
    {
        v.Require(types.Count <= 10, property, types.Count, "may list at most 10 content types");
        foreach (var type in types)
        {
            v.Matches(type, property, ContentType(), "must be a media type such as \"application/json\" (at most 256 characters)");
        }
    }

    private static void ValidateAsync(InputValidator v, AsyncInferenceOptions? async)
    {
        if (async is null)
        {
            return;
        }

        ValidatePrefix(v, async.KeyPrefix, "AsyncInference." + nameof(async.KeyPrefix));
        v.InRange(async.MaxConcurrentInvocationsPerInstance, "AsyncInference." + nameof(async.MaxConcurrentInvocationsPerInstance), 1, 1000);
    }

    private static void ValidatePrefix(InputValidator v, string? prefix, string property) =>
        v.Require(prefix is { Length: > 0 } && prefix.EndsWith('/') && !prefix.StartsWith('/') && !prefix.Contains('*', StringComparison.Ordinal),
            property, prefix, "must be non-empty, end with '/', and have no leading '/' or wildcards (e.g. \"data-capture/\")");

    [GeneratedRegex("^(?=.{1,63}$)[a-zA-Z0-9](-*[a-zA-Z0-9])*$")]
    private static partial Regex SageMakerName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}$")]
    private static partial Regex ContentType();
}
