using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy;

/// <summary>A rule checking each managed resource of some types on its own (with the stack to resolve references).</summary>
public abstract class ResourceRule : PolicyRule
{
    /// <summary>The Terraform resource types the rule checks, e.g. <c>aws_s3_bucket</c>.</summary>
    protected abstract IReadOnlyList<string> ResourceTypes { get; }

    /// <inheritdoc />
    public sealed override IEnumerable<RuleResult> Evaluate(SynthesizedStack stack) =>
        ResourceTypes.SelectMany(stack.Resources).Select(resource => Check(resource, stack));

    /// <summary>Checks one resource.</summary>
    protected abstract RuleResult Check(TerraformElement resource, SynthesizedStack stack);
}
