using System.Text.RegularExpressions;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>The repository's local modules (<c>modules/</c>) as a synthesized stack uses them.</summary>
internal static partial class LocalModuleSources
{
    /// <summary>The repository's <c>modules/</c> folder.</summary>
    public static string Directory => Path.Combine(RepoPaths.Root, "modules");

    /// <summary>Each module block of <paramref name="json"/> sourced from <c>modules/</c>: its Terraform name and module folder name.</summary>
    public static IEnumerable<(string Name, string Module)> Modules(TerraformJson json) =>
        (json.Root["module"]?.AsObject() ?? [])
        .Select(m => (m.Key, Source: m.Value!["source"]!.GetValue<string>()))
        .Where(m => m.Source.StartsWith(LocalModules.Root + "/", StringComparison.Ordinal))
        .Select(m => (m.Key, m.Source[(LocalModules.Root.Length + 1)..]));

    /// <summary>The data sources declared inside the local modules <paramref name="json"/> uses (module name, type, name).</summary>
    public static IEnumerable<(string Module, string Type, string Name)> DataSources(TerraformJson json) =>
        Modules(json).SelectMany(m => System.IO.Directory.EnumerateFiles(Path.Combine(Directory, m.Module), "*.tf")
            .SelectMany(f => DataBlock().Matches(File.ReadAllText(f)))
            .Select(match => (m.Name, match.Groups["type"].Value, match.Groups["name"].Value)));

    /// <summary>The managed resources declared inside the local modules <paramref name="json"/> uses (module name, type, name).</summary>
    public static IEnumerable<(string Module, string Type, string Name)> Resources(TerraformJson json) =>
        Modules(json).SelectMany(m => System.IO.Directory.EnumerateFiles(Path.Combine(Directory, m.Module), "*.tf")
            .SelectMany(f => ResourceBlock().Matches(File.ReadAllText(f)))
            .Select(match => (m.Name, match.Groups["type"].Value, match.Groups["name"].Value)));

    /// <summary>Copies <c>modules/</c> to <paramref name="projectRoot"/><c>/modules</c>, where stacks in
    /// <c>cdktf.out/stacks/&lt;stack&gt;</c> below it find them by their relative source.</summary>
    public static void CopyTo(string projectRoot)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(projectRoot, "modules", Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    [GeneratedRegex(""""^resource\s+"(?<type>[a-z0-9_]+)"\s+"(?<name>[A-Za-z0-9_-]+)"""", RegexOptions.Multiline)]
    private static partial Regex ResourceBlock();

    [GeneratedRegex(""""^data\s+"(?<type>[a-z0-9_]+)"\s+"(?<name>[A-Za-z0-9_-]+)"""", RegexOptions.Multiline)]
    private static partial Regex DataBlock();
}
