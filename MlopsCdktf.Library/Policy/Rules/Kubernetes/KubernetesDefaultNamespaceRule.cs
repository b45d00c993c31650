using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Kubernetes;

/// <summary>MLOPS-K8S-2 (CKV_K8S_21): no object in the <c>default</c> namespace.</summary>
public sealed class KubernetesDefaultNamespaceRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-K8S-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The Kubernetes object is in the default namespace (metadata.namespace unset or \"default\").";

    /// <inheritdoc />
    public override string Explanation =>
        "The default namespace has no classification, quota, limit range or pod security level, and everyone's forgotten "
        + "objects meet there; put workloads in a labelled MlNamespace. Matches checkov CKV_K8S_21.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes => KubernetesWorkloads.Namespaced;

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var ns = JsonValues.Text(resource["metadata.namespace"]);
        return CompliantIf(ns is not null && ns != "default", resource, ns is null ? "metadata.namespace is not set." : null);
    }
}
