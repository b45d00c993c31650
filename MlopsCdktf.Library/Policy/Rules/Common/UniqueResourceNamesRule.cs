using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Common;

/// <summary>
/// MLOPS-NAME-1: no two resources of one type in a stack carry the same literal cloud name (<c>name</c> or
/// <c>bucket</c>, within the same namespace for namespaced Kubernetes objects).
/// </summary>
public sealed class UniqueResourceNamesRule : PolicyRule
{
    private static readonly string[] NameAttributes = ["bucket", "name"];

    /// <inheritdoc />
    public override string Id => "MLOPS-NAME-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "Another resource of the same type in this stack has the same name.";

    /// <inheritdoc />
    public override string Explanation =>
        "Cloud names are unique per type (and account, project or namespace): Terraform plans both, and the second create "
        + "fails halfway through an apply (or, for names cut to a length limit such as IAM role names, two constructs "
        + "silently share one resource). Give each a distinct name.";

    /// <inheritdoc />
    public override IEnumerable<RuleResult> Evaluate(SynthesizedStack stack) =>
        stack.Elements
            .Where(e => e.Kind == ElementKind.Resource)
            .Select(e => (Element: e, Key: Key(e)))
            .Where(x => x.Key is not null)
            .GroupBy(x => (x.Element.Type, x.Key))
            .SelectMany(g => g.Count() == 1
                ? g.Select(x => Compliant(x.Element))
                : g.Select(x => NonCompliant(x.Element,
                    $"{x.Key!.Split('\n')[^1]} is also the name of {string.Join(", ", g.Where(o => o.Element != x.Element).Select(o => o.Element.Address))}.")));

    /// <summary>The literal name (prefixed with the namespace for Kubernetes objects), or null when it is a reference or absent.</summary>
    private static string? Key(TerraformElement element)
    {
        var name = NameAttributes.Select(a => JsonValues.Text(element.Attributes[a])).FirstOrDefault(n => n is not null)
                   ?? JsonValues.Text(JsonValues.At(element.Attributes, "metadata.name"));
        if (name is null || name.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        var ns = JsonValues.Text(JsonValues.At(element.Attributes, "metadata.namespace")) ?? string.Empty;
        return $"{ns}\n{name}";
    }
}
