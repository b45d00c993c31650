using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-SM-2 (warning): endpoint configurations capture inference data.</summary>
public sealed class SageMakerDataCaptureRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-SM-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Warning;

    /// <inheritdoc />
    public override string Info => "The SageMaker endpoint configuration does not enable data capture.";

    /// <inheritdoc />
    public override string Explanation =>
        "Captured requests and responses are the input of model monitoring (data and quality drift) and of audits of "
        + "what the model answered; without them a degrading model goes unnoticed.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_sagemaker_endpoint_configuration"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(JsonValues.IsTrue(resource["data_capture_config.enable_capture"]), resource);
}
