using System.Text.RegularExpressions;

namespace MlopsCdktf.Policy.Model;

/// <summary>A whole-string Terraform reference, e.g. <c>${aws_s3_bucket.X.id}</c> or <c>${data.aws_iam_policy_document.D.json}</c>.</summary>
/// <param name="Kind">Resource or data source.</param>
/// <param name="Type">The referenced type.</param>
/// <param name="Name">The referenced name.</param>
/// <param name="Attribute">The referenced attribute.</param>
public sealed partial record TerraformReference(ElementKind Kind, string Type, string Name, string Attribute)
{
    /// <summary>Parses <paramref name="value"/> when it is exactly one reference expression; otherwise null.</summary>
    public static TerraformReference? Parse(string? value)
    {
        var match = value is null ? null : Pattern().Match(value);
        return match is { Success: true }
            ? new TerraformReference(
                match.Groups["data"].Success ? ElementKind.DataSource : ElementKind.Resource,
                match.Groups["type"].Value,
                match.Groups["name"].Value,
                match.Groups["attr"].Value)
            : null;
    }

    [GeneratedRegex(@"^\$\{(?<data>data\.)?(?<type>[a-z0-9_]+)\.(?<name>[A-Za-z0-9_-]+)\.(?<attr>[a-z0-9_]+)\}$")]
    private static partial Regex Pattern();
}
