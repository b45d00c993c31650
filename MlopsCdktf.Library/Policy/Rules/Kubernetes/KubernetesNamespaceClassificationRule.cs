using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Kubernetes;

/// <summary>MLOPS-K8S-1 (the seed's OPA deny): namespaces carry a valid <c>data_classification</c> label.</summary>
public sealed class KubernetesNamespaceClassificationRule : ResourceRule
{
    /// <summary>The label every namespace must carry.</summary>
    public const string Label = "data_classification";

    /// <summary>The values the label may take.</summary>
    public static readonly IReadOnlyList<string> Values = ["public", "internal", "confidential", "restricted"];

    /// <inheritdoc />
    public override string Id => "MLOPS-K8S-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The namespace has no data_classification label of public, internal, confidential or restricted.";

    /// <inheritdoc />
    public override string Explanation =>
        "The classification decides who may deploy there, which network policies and audits apply and where its data may go; "
        + "an unlabelled namespace escapes every one of those controls (the seed's OPA rule denies it).";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["kubernetes_namespace", "kubernetes_namespace_v1"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var value = JsonValues.Text(JsonValues.At(resource["metadata.labels"], Label));
        return CompliantIf(value is not null && Values.Contains(value), resource,
            value is null ? "The label is missing." : $"The label is \"{value}\".");
    }
}
