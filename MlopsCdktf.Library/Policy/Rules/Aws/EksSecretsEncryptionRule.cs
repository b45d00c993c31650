using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-EKS-2: an EKS cluster envelope-encrypts Kubernetes secrets with a KMS key.</summary>
public sealed class EksSecretsEncryptionRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-EKS-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The EKS cluster does not encrypt Kubernetes secrets with a KMS key.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without encryption_config for \"secrets\", secrets sit in etcd under AWS's disk encryption only: anyone reading an "
        + "etcd backup reads them. Envelope encryption with a customer managed key adds a key whose use is logged and can be "
        + "revoked. Matches checkov CKV_AWS_58.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_eks_cluster"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(
            JsonValues.Blocks(resource.Attributes["encryption_config"]).Any(c =>
                JsonValues.Strings(c["resources"]).Contains("secrets") && !string.IsNullOrWhiteSpace(JsonValues.Text(JsonValues.At(c, "provider.key_arn")))),
            resource);
}
