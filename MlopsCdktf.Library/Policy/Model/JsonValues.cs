using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlopsCdktf.Policy.Model;

/// <summary>Lenient readers of Terraform JSON values: blocks may be written as an object or a list of objects.</summary>
public static class JsonValues
{
    /// <summary>The node at a dotted path; a list on the way is entered at its first item.</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            node = First(node) is JsonObject obj ? obj[key] : null;
        }

        return node;
    }

    /// <summary>Whether the value is <c>true</c> (a JSON boolean or the string Terraform converts to one).</summary>
    public static bool IsTrue(JsonNode? node) => node is JsonValue v && (
        (v.GetValueKind() == JsonValueKind.True) ||
        (v.TryGetValue<string>(out var s) && string.Equals(s, "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The value as a string, or null when it is not a string.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A block's items: a list's objects, or the object itself.</summary>
    public static IEnumerable<JsonObject> Blocks(JsonNode? node) => node switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject obj => [obj],
        _ => [],
    };

    /// <summary>A string or a list of strings, as a list.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(Text).OfType<string>().ToList(),
        JsonValue => Text(node) is { } s ? [s] : [],
        _ => [],
    };

    private static JsonNode? First(JsonNode? node) => node is JsonArray list ? list.FirstOrDefault() : node;
}
