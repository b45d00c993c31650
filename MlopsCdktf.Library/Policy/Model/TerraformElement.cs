using System.Text.Json.Nodes;

namespace MlopsCdktf.Policy.Model;

/// <summary>
/// One resource or data source of a synthesized stack, as Terraform receives it (snake_case attributes, references
/// as <c>${type.name.attribute}</c> strings). Rules read it and must not modify <see cref="Attributes"/>.
/// </summary>
public sealed record TerraformElement
{
    /// <summary>Resource or data source.</summary>
    public required ElementKind Kind { get; init; }

    /// <summary>The Terraform type, e.g. <c>aws_s3_bucket</c>.</summary>
    public required string Type { get; init; }

    /// <summary>
    /// The Terraform name (CDKTF's unique id), e.g. <c>ModelArtifacts_Bucket_B423729A</c>; in a plan, with the instance key
    /// when the block has <c>count</c> or <c>for_each</c> (<c>private[0]</c>).
    /// </summary>
    public required string Name { get; init; }

    /// <summary>
    /// The module the element belongs to in a plan (<c>module.Network_Module_D8ADC408</c>), or null for the root module
    /// (always null for synthesized JSON, which has no module internals).
    /// </summary>
    public string? Module { get; init; }

    /// <summary>The construct path CDKTF records in <c>//.metadata.path</c>, e.g. <c>mlops-aws-prod/ModelArtifacts/Bucket</c>.</summary>
    public required string ConstructPath { get; init; }

    /// <summary>The block's attributes (without the <c>//</c> metadata).</summary>
    public required JsonObject Attributes { get; init; }

    /// <summary>The Terraform address: <c>aws_s3_bucket.X</c> or <c>data.aws_iam_policy_document.X</c> (prefixed with <see cref="Module"/> inside a module).</summary>
    public string Address => (Module is null ? string.Empty : Module + ".") + (Kind == ElementKind.DataSource ? $"data.{Type}.{Name}" : $"{Type}.{Name}");

    /// <summary>The attribute at a dotted path (<c>a.b.c</c>); a list on the way is entered at its first item.</summary>
    public JsonNode? this[string path] => JsonValues.At(Attributes, path);
}
