namespace MlopsCdktf.Runtime;

/// <summary>
/// The <see cref="Speedups.LazyProviderIndex"/> speed-up: writes <c>lazy-index.js</c> (embedded in this assembly) into
/// the run's temp folder and adds <c>--require</c> of it to <c>NODE_OPTIONS</c>, which the jsii kernel's Node.js
/// inherits. The script only changes files of the exact <c>exports.x = require("./x");</c> shape and loads anything
/// else normally.
/// </summary>
internal static class LazyProviderIndex
{
    /// <summary>The environment variable the jsii kernel's Node.js reads its extra options from.</summary>
    public const string NodeOptionsVariable = "NODE_OPTIONS";

    private const string ResourceName = "MlopsCdktf.Runtime.lazy-index.js";

    /// <summary>Installs the preload from <paramref name="folder"/>; returns the <c>NODE_OPTIONS</c> value it replaced.</summary>
    public static string? Install(string folder)
    {
        var script = Path.Combine(folder, "lazy-index.js");
        using (var source = typeof(LazyProviderIndex).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(LazyProviderIndex).Assembly.GetName().Name}"))
        using (var target = File.Create(script))
        {
            source.CopyTo(target);
        }

        // NODE_OPTIONS takes double-quoted values with backslash escapes, for paths with spaces.
        return AddNodeOption($"--require \"{script.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
    }

    /// <summary>Appends <paramref name="option"/> to <c>NODE_OPTIONS</c>; returns the value it had.</summary>
    public static string? AddNodeOption(string option)
    {
        var previous = Environment.GetEnvironmentVariable(NodeOptionsVariable);
        Environment.SetEnvironmentVariable(NodeOptionsVariable, string.IsNullOrWhiteSpace(previous) ? option : $"{previous} {option}");
        return previous;
    }

    /// <summary>Whether this assembly carries the preload script (a build that lost it would silently run eager).</summary>
    public static bool IsEmbedded => typeof(LazyProviderIndex).Assembly.GetManifestResourceInfo(ResourceName) is not null;
}
