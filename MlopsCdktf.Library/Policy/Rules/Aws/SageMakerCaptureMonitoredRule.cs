using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>
/// MLOPS-SM-5 (warning): an endpoint whose configuration captures data has a data-quality monitoring schedule in the
/// stack, so the capture is read.
/// </summary>
public sealed class SageMakerCaptureMonitoredRule : ResourceRule
{
    private static readonly string[] NameOrId = ["name", "id"];

    /// <inheritdoc />
    public override string Id => "MLOPS-SM-5";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Warning;

    /// <inheritdoc />
    public override string Info => "The SageMaker endpoint configuration captures data, but no data-quality monitoring schedule reads it.";

    /// <inheritdoc />
    public override string Explanation =>
        "Captured requests only reveal drift if something compares them with a baseline: without an "
        + "aws_sagemaker_monitoring_schedule running an aws_sagemaker_data_quality_job_definition on the endpoint, the capture "
        + "costs storage, holds request payloads, and nobody notices the model degrading. Set "
        + "SageMakerEndpointProps.DataQualityMonitoring, or turn capture off. Configurations no endpoint of the stack uses are not checked.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_sagemaker_endpoint_configuration"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var endpoints = stack.Resources("aws_sagemaker_endpoint")
            .Where(e => SynthesizedStack.Designates(e.Attributes["endpoint_config_name"], resource, NameOrId, "name"))
            .ToList();
        if (!JsonValues.IsTrue(resource["data_capture_config.enable_capture"]) || endpoints.Count == 0)
        {
            return NotApplicable(resource);
        }

        var unmonitored = endpoints.Where(e => !Monitored(e, stack)).Select(e => e.Address).ToList();
        return CompliantIf(unmonitored.Count == 0, resource, $"Unmonitored endpoint: {string.Join(", ", unmonitored)}.");
    }

    /// <summary>A schedule of the stack runs a data-quality job definition whose endpoint input is <paramref name="endpoint"/>.</summary>
    private static bool Monitored(TerraformElement endpoint, SynthesizedStack stack)
    {
        var definitions = stack.Resources("aws_sagemaker_data_quality_job_definition")
            .Where(d => SynthesizedStack.Designates(d["data_quality_job_input.endpoint_input.endpoint_name"], endpoint, NameOrId, "name"))
            .ToList();
        return stack.Resources("aws_sagemaker_monitoring_schedule").Any(s =>
            definitions.Any(d => SynthesizedStack.Designates(s["monitoring_schedule_config.monitoring_job_definition_name"], d, NameOrId, "name")));
    }
}
