using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Common;

/// <summary>
/// MLOPS-NAME-1: no two resources of one type in a stack carry the same literal cloud name. Only the attributes that name
/// the resource itself count: <c>bucket</c> of an <c>aws_s3_bucket</c>, else <c>name</c>, else <c>metadata.name</c>; a
/// <c>bucket</c>, <c>role</c> or <c>cluster</c> on any other type names the parent the resource belongs to, so it scopes
/// the name (two <c>google_storage_bucket_object</c>s of one name in two buckets differ) and never is one (the IAM grants
/// of one bucket have no name of their own). Kubernetes objects are scoped by <c>metadata.namespace</c>.
/// </summary>
public sealed class UniqueResourceNamesRule : PolicyRule
{
    /// <summary>Resource types whose own name is their <c>bucket</c> attribute.</summary>
    private static readonly HashSet<string> BucketNamed = new(StringComparer.Ordinal) { "aws_s3_bucket", "aws_s3_directory_bucket" };

    /// <summary>Attributes naming the parent a resource belongs to (part of the key, never the name).</summary>
    private static readonly string[] ParentAttributes = ["bucket", "role", "cluster"];

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
        var bucketNamed = BucketNamed.Contains(element.Type);
        var name = bucketNamed
            ? JsonValues.Text(element.Attributes["bucket"])
            : JsonValues.Text(element.Attributes["name"]) ?? JsonValues.Text(JsonValues.At(element.Attributes, "metadata.name"));
        if (name is null || name.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        // The parents (references included: two references to one parent are the same text) scope the name.
        var parents = ParentAttributes.Where(a => !(bucketNamed && a == "bucket"))
            .Select(a => JsonValues.Text(element.Attributes[a]))
            .Append(JsonValues.Text(JsonValues.At(element.Attributes, "metadata.namespace")))
            .Select(p => p ?? string.Empty);
        return $"{string.Join("\n", parents)}\n{name}";
    }
}
