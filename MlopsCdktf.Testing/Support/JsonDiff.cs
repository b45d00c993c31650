using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlopsCdktf.Tests.Support;

/// <summary>Structural diff of two JSON trees, as readable lines: <c>path: old → new</c>.</summary>
internal static class JsonDiff
{
    public static IReadOnlyList<string> Compare(JsonNode? expected, JsonNode? actual)
    {
        var lines = new List<string>();
        Walk("$", expected, actual, lines);
        return lines;
    }

    private static void Walk(string path, JsonNode? expected, JsonNode? actual, List<string> lines)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(kv => kv.Key).Union(a.Select(kv => kv.Key)).Order(StringComparer.Ordinal))
                {
                    var child = $"{path}.{key}";
                    if (!a.ContainsKey(key))
                    {
                        lines.Add($"{child}: removed (was {Show(e[key])})");
                    }
                    else if (!e.ContainsKey(key))
                    {
                        lines.Add($"{child}: added {Show(a[key])}");
                    }
                    else
                    {
                        Walk(child, e[key], a[key], lines);
                    }
                }

                break;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    var child = $"{path}[{i}]";
                    if (i >= a.Count)
                    {
                        lines.Add($"{child}: removed (was {Show(e[i])})");
                    }
                    else if (i >= e.Count)
                    {
                        lines.Add($"{child}: added {Show(a[i])}");
                    }
                    else
                    {
                        Walk(child, e[i], a[i], lines);
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    lines.Add($"{path}: {Show(expected)} → {Show(actual)}");
                }

                break;
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
        return text.Length <= 120 ? text : text[..117] + "...";
    }
}
