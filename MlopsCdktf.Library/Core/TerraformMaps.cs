namespace MlopsCdktf.Core;

/// <summary>Conversions of construct inputs into the maps the provider bindings take.</summary>
internal static class TerraformMaps
{
    /// <summary>
    /// A copy of <paramref name="map"/> (tags, labels) for a provider binding, or null when it is empty, so the
    /// synthesized JSON carries no empty <c>tags = {}</c> and the provider's defaults (<c>default_tags</c>,
    /// <c>default_labels</c>) stay the only source.
    /// </summary>
    public static Dictionary<string, string>? OrNull(IReadOnlyDictionary<string, string> map) =>
        map.Count == 0 ? null : new Dictionary<string, string>(map);
}
