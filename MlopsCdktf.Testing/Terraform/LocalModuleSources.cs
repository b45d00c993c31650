using System.Text.RegularExpressions;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>The library's embedded modules (<see cref="EmbeddedModule"/>, from the repository's <c>modules/</c>) as a
/// synthesized stack uses them: module blocks sourced from <c>./assets/module-&lt;name&gt;/&lt;hash&gt;</c>.</summary>
internal static partial class LocalModuleSources
{
    /// <summary>The <c>source</c> a stack gives the embedded module <paramref name="module"/>.</summary>
    public static string Source(string module) => $"./assets/{LocalModules.AssetIdPrefix}{module}/{EmbeddedModule.Named(module).Hash}";

    /// <summary>Each module block of <paramref name="json"/> sourced from an embedded module: its Terraform name and module name.</summary>
    public static IEnumerable<(string Name, string Module)> Modules(TerraformJson json)
    {
        var bySource = EmbeddedModule.Names.ToDictionary(Source, m => m, StringComparer.Ordinal);
        return (json.Root["module"]?.AsObject() ?? [])
            .Select(m => (m.Key, Source: m.Value!["source"]!.GetValue<string>()))
            .Where(m => bySource.ContainsKey(m.Source))
            .Select(m => (m.Key, bySource[m.Source]));
    }

    /// <summary>The data sources declared inside the embedded modules <paramref name="json"/> uses (module name, type, name).</summary>
    public static IEnumerable<(string Module, string Type, string Name)> DataSources(TerraformJson json) =>
        Modules(json).SelectMany(m => TerraformFiles(m.Module)
            .SelectMany(text => DataBlock().Matches(text))
            .Select(match => (m.Name, match.Groups["type"].Value, match.Groups["name"].Value)));

    /// <summary>The managed resources declared inside the embedded modules <paramref name="json"/> uses (module name, type, name).</summary>
    public static IEnumerable<(string Module, string Type, string Name)> Resources(TerraformJson json) =>
        Modules(json).SelectMany(m => TerraformFiles(m.Module)
            .SelectMany(text => ResourceBlock().Matches(text))
            .Select(match => (m.Name, match.Groups["type"].Value, match.Groups["name"].Value)));

    /// <summary>
    /// Writes each embedded module <paramref name="json"/> uses where synthesis puts its asset, below the stack folder
    /// <paramref name="stackFolder"/>: for a workspace built from the JSON alone (a synthesized folder carries them).
    /// </summary>
    public static void WriteAssets(TerraformJson json, string stackFolder)
    {
        foreach (var module in Modules(json).Select(m => m.Module).Distinct())
        {
            EmbeddedModule.Named(module).WriteTo(Path.Combine(stackFolder, Source(module)));
        }
    }

    private static IEnumerable<string> TerraformFiles(string module) =>
        EmbeddedModule.Named(module).Files.Where(f => f.Key.EndsWith(".tf", StringComparison.Ordinal)).Select(f => System.Text.Encoding.UTF8.GetString(f.Value));

    [GeneratedRegex(""""^resource\s+"(?<type>[a-z0-9_]+)"\s+"(?<name>[A-Za-z0-9_-]+)"""", RegexOptions.Multiline)]
    private static partial Regex ResourceBlock();

    [GeneratedRegex(""""^data\s+"(?<type>[a-z0-9_]+)"\s+"(?<name>[A-Za-z0-9_-]+)"""", RegexOptions.Multiline)]
    private static partial Regex DataBlock();
}
