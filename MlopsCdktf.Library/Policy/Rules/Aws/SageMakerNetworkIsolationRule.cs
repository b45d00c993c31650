using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-SM-3 (warning): models run with network isolation.</summary>
public sealed class SageMakerNetworkIsolationRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-SM-3";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Warning;

    /// <inheritdoc />
    public override string Info => "The SageMaker model does not set enable_network_isolation = true.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without network isolation the model container can make outbound calls, so a compromised or malicious model "
        + "image can exfiltrate inference data; SageMaker still fetches the artifact and image for it.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_sagemaker_model"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(JsonValues.IsTrue(resource.Attributes["enable_network_isolation"]), resource);
}
