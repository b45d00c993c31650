using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// Plan assertions on an endpoint's data-quality monitor (construct <c>&lt;endpoint&gt;/DataQualityMonitor</c>): the schedule
/// runs the job definition created beside it, the job reads this stack's endpoint, compares with the baseline in the
/// artifact bucket under the given prefix, runs as the endpoint's execution role, and encrypts its reports and volume with
/// the given key.
/// </summary>
internal static class MonitorChecks
{
    /// <param name="json">The stack.</param>
    /// <param name="endpoint">The endpoint construct's path in the stack, e.g. <c>ModelEndpoint</c>.</param>
    /// <param name="bucket">The artifact bucket's name, as an HCL expression.</param>
    /// <param name="key">The key the endpoint uses, as an HCL expression.</param>
    /// <param name="baselinePrefix">The baseline's key prefix, e.g. <c>baselines/churn/1.0.0/</c>.</param>
    /// <param name="schedule">The schedule expression the environment asks for.</param>
    public static IEnumerable<PlanAssertion> DataQuality(TerraformJson json, string endpoint, string bucket, string key, string baselinePrefix, string schedule)
    {
        var definition = json.Address("aws_sagemaker_data_quality_job_definition", $"{endpoint}/DataQualityMonitor/JobDefinition");
        var monitoring = json.Address("aws_sagemaker_monitoring_schedule", $"{endpoint}/DataQualityMonitor/Schedule");
        var endpointResource = json.Address("aws_sagemaker_endpoint", $"{endpoint}/Endpoint");
        var role = json.Address("aws_iam_role", $"{endpoint}/ExecutionRole");
        var config = $"{monitoring}.monitoring_schedule_config[0]";
        yield return new PlanAssertion(
            $"{config}.monitoring_job_definition_name == {definition}.name && {config}.monitoring_type == \"DataQuality\" && {config}.schedule_config[0].schedule_expression == {Hcl.String(schedule)}",
            $"{monitoring} must run the data-quality job definition created beside it ({definition}) on {schedule}");
        yield return new PlanAssertion(
            $"{definition}.data_quality_job_input[0].endpoint_input[0].endpoint_name == {endpointResource}.name && {definition}.role_arn == {role}.arn",
            $"{definition} must read the capture of the stack's endpoint ({endpointResource}) as its execution role");
        var baseline = $"{definition}.data_quality_baseline_config[0]";
        yield return new PlanAssertion(
            $"{baseline}.statistics_resource[0].s3_uri == \"s3://${{{bucket}}}/{baselinePrefix}statistics.json\" && {baseline}.constraints_resource[0].s3_uri == \"s3://${{{bucket}}}/{baselinePrefix}constraints.json\"",
            $"{definition} must compare with the baseline under {baselinePrefix} in the artifact bucket");
        var output = $"{definition}.data_quality_job_output_config[0]";
        yield return new PlanAssertion(
            $"{output}.kms_key_id == {key} && {definition}.job_resources[0].cluster_config[0].volume_kms_key_id == {key} && startswith({output}.monitoring_outputs[0].s3_output[0].s3_uri, \"s3://${{{bucket}}}/\")",
            $"{definition} must write its reports to the artifact bucket and encrypt them and its volume with {key}");
    }
}
