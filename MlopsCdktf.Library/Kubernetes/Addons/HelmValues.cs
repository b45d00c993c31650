using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>
/// Serializes an add-on's typed values record to the one values document of its release. JSON is YAML, so Helm reads it
/// as a values file; the output is deterministic: properties in declaration order (camelCase, the charts' spelling),
/// maps sorted by key (<see cref="SortedDictionary{TKey, TValue}"/> with ordinal order), nulls left out (the chart's
/// default applies), no indentation, only the escapes JSON needs.
/// </summary>
internal static class HelmValues
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The values document of <paramref name="values"/>.</summary>
    public static string Serialize<T>(T values) => JsonSerializer.Serialize(values, Options);

    /// <summary>A map whose keys serialize in ordinal order.</summary>
    public static SortedDictionary<string, TValue> Sorted<TValue>(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var map = new SortedDictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }
}

/// <summary>Requests and limits as a chart's <c>resources</c> value.</summary>
internal sealed record ResourcesValues(SortedDictionary<string, string> Requests, SortedDictionary<string, string> Limits)
{
    public static ResourcesValues Of(ContainerResources r) => new(
        HelmValues.Sorted(new Dictionary<string, string> { ["cpu"] = r.CpuRequest, ["memory"] = r.MemoryRequest }),
        HelmValues.Sorted(new Dictionary<string, string> { ["cpu"] = r.CpuLimit, ["memory"] = r.MemoryLimit }));
}

/// <summary>An image as a chart's <c>image</c> value.</summary>
internal sealed record ImageValues(string Repository, string Tag)
{
    public static ImageValues Of(PinnedChart chart) => new(chart.ImageRepository, chart.ImageTag);
}

/// <summary>A pod toleration as a chart renders it.</summary>
internal sealed record TolerationValues(string Key, string Operator, string Value, string Effect);
