using System.Text.Json;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// What the hashicorp/aws provider itself says about its resource types (<c>terraform providers schema -json</c>, read
/// once per run): which attributes are computed and which types carry <c>tags_all</c>. Tests derive their checks from
/// it instead of from a hand-kept list that could drift from the provider.
/// </summary>
internal sealed class ProviderSchema
{
    private readonly Dictionary<string, Dictionary<string, (bool Computed, bool Optional)>> _attributes;

    private ProviderSchema(Dictionary<string, Dictionary<string, (bool, bool)>> attributes) => _attributes = attributes;

    public static ProviderSchema Parse(string json, string provider = "registry.terraform.io/hashicorp/aws")
    {
        using var document = JsonDocument.Parse(json);
        var resources = document.RootElement.GetProperty("provider_schemas").GetProperty(provider).GetProperty("resource_schemas");
        var attributes = new Dictionary<string, Dictionary<string, (bool, bool)>>(StringComparer.Ordinal);
        foreach (var resource in resources.EnumerateObject())
        {
            var block = resource.Value.GetProperty("block");
            attributes[resource.Name] = block.TryGetProperty("attributes", out var attrs)
                ? attrs.EnumerateObject().ToDictionary(
                    a => a.Name,
                    a => (Flag(a.Value, "computed"), Flag(a.Value, "optional")),
                    StringComparer.Ordinal)
                : [];
        }

        return new ProviderSchema(attributes);
    }

    public bool HasResource(string type) => _attributes.ContainsKey(type);

    public bool IsComputed(string type, string attribute) =>
        _attributes.TryGetValue(type, out var attrs) && attrs.TryGetValue(attribute, out var a) && a.Computed;

    /// <summary>Types whose resources merge the provider's <c>default_tags</c> into <c>tags_all</c>.</summary>
    public bool HasTagsAll(string type) => IsComputed(type, "tags_all");

    private static bool Flag(JsonElement attribute, string name) =>
        attribute.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
