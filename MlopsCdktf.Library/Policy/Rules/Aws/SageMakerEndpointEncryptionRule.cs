using MlopsCdktf.Aws;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-SM-1: endpoint configurations with instance variants encrypt their volumes with a customer key.</summary>
public sealed class SageMakerEndpointEncryptionRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-SM-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The SageMaker endpoint configuration has no kms_key_arn.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without kms_key_arn the ML storage volumes of the instances (model, data, logs) and async results use an AWS "
        + "owned key no one can audit or revoke. Configurations SageMaker refuses a key for are not checked: serverless-only "
        + "ones, and those whose every instance variant has local NVMe storage (ml.g5, ml.p4d, ... : encrypted in hardware).";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_sagemaker_endpoint_configuration"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var variants = JsonValues.Blocks(resource.Attributes["production_variants"]).ToList();
        return variants.Count > 0 && variants.All(CannotTakeVolumeKey)
            ? NotApplicable(resource)
            : CompliantIf(!string.IsNullOrWhiteSpace(JsonValues.Text(resource.Attributes["kms_key_arn"])), resource);
    }

    private static bool CannotTakeVolumeKey(System.Text.Json.Nodes.JsonObject variant) =>
        variant["serverless_config"] is not null
        || (JsonValues.Text(variant["instance_type"]) is { } type && SageMakerInstanceType.HasLocalNvme(type));
}
