using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// Plan assertions that each KMS-encrypted resource of a construct uses the key it should: the key the construct
/// created (<see cref="Created"/>) or the ARN it was given (<see cref="Given"/>). Constructs are named by their path
/// in the stack (e.g. <c>ModelArtifacts</c>).
/// </summary>
internal static class KeyChecks
{
    /// <summary>The ARN of the key created at <c>&lt;construct&gt;/Key</c>, as an HCL expression.</summary>
    public static string Created(TerraformJson json, string construct) => json.Address("aws_kms_key", $"{construct}/Key") + ".arn";

    /// <summary>
    /// The ARN of the key created at <c>&lt;construct&gt;/Key</c> in <paramref name="publisher"/>, as the reading stack sees
    /// it: the publisher's cross-stack output, read through <c>terraform_remote_state</c>.
    /// </summary>
    public static string FromOtherStack(TerraformJson publisher, string publisherName, string construct) =>
        RemoteOutput(publisher, publisherName, "aws_kms_key", $"{construct}/Key", "arn");

    /// <summary>
    /// An attribute of a block of <paramref name="publisher"/> as another stack reads it: the publisher's cross-stack
    /// output of that attribute, through <c>terraform_remote_state</c>.
    /// </summary>
    public static string RemoteOutput(TerraformJson publisher, string publisherName, string type, string pathSuffix, string attribute)
    {
        var value = $"${{{publisher.Address(type, pathSuffix)}.{attribute}}}";
        // CDKTF's own cross-stack output (a stack output of the same value, e.g. bucket_name, may exist beside it).
        var output = (publisher.Root["output"]?.AsObject() ?? [])
            .Single(o => o.Key.StartsWith("cross-stack-output-", StringComparison.Ordinal) && o.Value!["value"]!.GetValue<string>() == value).Key;
        return $"data.terraform_remote_state.cross-stack-reference-input-{publisherName}.outputs[{Hcl.String(output)}]";
    }

    public static PlanAssertion AlarmTopic(TerraformJson json, string construct) => Every(
        $"[{json.Address("aws_sns_topic", $"{construct}/Topic")}.kms_master_key_id]",
        Created(json, construct), $"the alarm topic {construct}");

    /// <summary>Every CloudWatch alarm of the stack notifies <paramref name="topic"/> when it fires and when it recovers.</summary>
    public static IEnumerable<PlanAssertion> AlarmsNotify(TerraformJson json, string topic)
    {
        var alarms = json.Resources("aws_cloudwatch_metric_alarm").Keys.Select(n => $"aws_cloudwatch_metric_alarm.{n}").ToList();
        if (alarms.Count == 0)
        {
            throw new AssertionException("the stack has no alarm to check");
        }

        return alarms.Select(a => new PlanAssertion($"contains({a}.alarm_actions, {topic}) && contains({a}.ok_actions, {topic})",
            $"{a} must notify {topic} when it fires and when it recovers"));
    }

    /// <summary>A key ARN passed in by the user, as an HCL expression.</summary>
    public static string Given(string arn) => Hcl.String(arn);

    public static PlanAssertion ArtifactBucket(TerraformJson json, string construct, string key) => Every(
        $"flatten({json.Address("aws_s3_bucket_server_side_encryption_configuration", $"{construct}/Encryption")}.rule[*].apply_server_side_encryption_by_default[*].kms_master_key_id)",
        key, $"the default encryption of bucket {construct}");

    public static PlanAssertion ImageRepository(TerraformJson json, string construct, string key) => Every(
        $"{json.Address("aws_ecr_repository", $"{construct}/Repository")}.encryption_configuration[*].kms_key",
        key, $"the image encryption of repository {construct}");

    public static PlanAssertion ApiKey(TerraformJson json, string construct, string key) => Every(
        $"[{json.Address("aws_secretsmanager_secret", $"{construct}/Secret")}.kms_key_id]",
        key, $"the secret of {construct}");

    /// <summary>
    /// The endpoint configuration's volume key (or none, where SageMaker refuses one: serverless variants and instance
    /// types with local NVMe storage), the data capture key and the async output key.
    /// </summary>
    public static IEnumerable<PlanAssertion> Endpoint(TerraformJson json, string construct, string key,
        bool encryptsVolumes = true, bool capturesData = true, bool asyncInference = false)
    {
        var config = json.Address("aws_sagemaker_endpoint_configuration", $"{construct}/Config");
        yield return encryptsVolumes
            ? new PlanAssertion($"{config}.kms_key_arn == {key}", $"the ML storage volumes of {construct} must be encrypted with {key}")
            : new PlanAssertion($"{config}.kms_key_arn == null", $"{construct} must not set a volume key: SageMaker rejects one for this variant kind");
        yield return capturesData
            ? Every($"{config}.data_capture_config[*].kms_key_id", key, $"the captured data of {construct}")
            : new PlanAssertion($"length({config}.data_capture_config) == 0", $"{construct} must not capture data");
        yield return Every($"[{json.Address("aws_cloudwatch_log_group", $"{construct}/LogGroup")}.kms_key_id]", Created(json, construct),
            $"the log group of {construct}");
        if (asyncInference)
        {
            yield return Every($"flatten({config}.async_inference_config[*].output_config[*].kms_key_id)", key, $"the async results of {construct}");
        }
    }

    private static PlanAssertion Every(string keys, string expected, string what) =>
        new(Hcl.Every(keys, "k", $"k == {expected}"), $"{what} must be encrypted with {expected}");
}
