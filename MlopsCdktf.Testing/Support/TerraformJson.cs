using System.Text.Json.Nodes;

namespace MlopsCdktf.Tests.Support;

/// <summary>Navigation over a synthesized stack's JSON, in Terraform's own (snake_case) names.</summary>
internal sealed class TerraformJson(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public static TerraformJson Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("synth produced no JSON"));

    /// <summary>All resources of <paramref name="type"/>, by their Terraform name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources(string type) => Block("resource", type);

    /// <summary>All data sources of <paramref name="type"/>, by their Terraform name.</summary>
    public IReadOnlyDictionary<string, JsonObject> DataSources(string type) => Block("data", type);

    /// <summary>The only resource of <paramref name="type"/>; fails when there is not exactly one.</summary>
    public JsonObject Single(string type)
    {
        var all = Resources(type);
        Assert.That(all, Has.Count.EqualTo(1), $"expected exactly one {type}, found: {string.Join(", ", all.Keys)}");
        return all.Values.Single();
    }

    /// <summary>The resource of <paramref name="type"/> whose construct path ends with <paramref name="pathSuffix"/>.</summary>
    public JsonObject ByPath(string type, string pathSuffix)
    {
        var match = Resources(type).Values
            .Concat(DataSources(type).Values)
            .Where(r => r["//"]?["metadata"]?["path"]?.GetValue<string>().EndsWith(pathSuffix, StringComparison.Ordinal) == true)
            .ToList();
        Assert.That(match, Has.Count.EqualTo(1), $"expected one {type} at a path ending '{pathSuffix}'");
        return match[0];
    }

    /// <summary>The Terraform address (<c>type.name</c>, or <c>data.type.name</c>) of the block of <paramref name="type"/>
    /// whose construct path ends with <paramref name="pathSuffix"/>.</summary>
    public string Address(string type, string pathSuffix)
    {
        var reference = Reference(type, ByPath(type, pathSuffix), "x");
        return reference[2..^3];
    }

    /// <summary>The construct path CDKTF recorded for a block (<c>//.metadata.path</c>), or null.</summary>
    public static string? ConstructPath(JsonObject block) => block["//"]?["metadata"]?["path"]?.GetValue<string>();

    /// <summary>The Terraform reference expression of a resource: <c>${type.name.attribute}</c>.</summary>
    public string Reference(string type, JsonObject resource, string attribute)
    {
        var name = Resources(type).Concat(DataSources(type)).Single(kv => ReferenceEquals(kv.Value, resource)).Key;
        var prefix = DataSources(type).ContainsKey(name) && !Resources(type).ContainsKey(name) ? "data." : string.Empty;
        return $"${{{prefix}{type}.{name}.{attribute}}}";
    }

    /// <summary>The statements of the <c>aws_iam_policy_document</c> an inline role policy (<c>aws_iam_role_policy</c>) renders.</summary>
    public IReadOnlyList<JsonObject> PolicyStatements(JsonObject rolePolicy)
    {
        var documentRef = rolePolicy["policy"]!.GetValue<string>();
        var document = DataSources("aws_iam_policy_document").Single(kv => documentRef == $"${{data.aws_iam_policy_document.{kv.Key}.json}}").Value;
        return document["statement"]!.AsArray().Select(s => s!.AsObject()).ToList();
    }

    private Dictionary<string, JsonObject> Block(string kind, string type) =>
        Root[kind]?[type]?.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.AsObject())
        ?? new Dictionary<string, JsonObject>();
}
