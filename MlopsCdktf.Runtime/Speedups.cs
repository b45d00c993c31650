namespace MlopsCdktf.Runtime;

/// <summary>
/// The synthesis speed-ups <see cref="JsiiRuntimeSession"/> applies, each of which leaves the synthesized JSON byte for
/// byte the same (tests compare the output with and without each). All are on unless named in the environment variable
/// <c>MLOPS_DISABLE_SPEEDUPS</c> (comma-separated names, or <c>all</c>), which the benchmark and those tests use.
/// </summary>
[Flags]
public enum Speedups
{
    /// <summary>No speed-up: the jsii runtime and cdktf as they ship.</summary>
    None = 0,

    /// <summary>
    /// <c>lazy-provider-index</c>: the jsii kernel's Node.js loads a provider package's resource modules on first use
    /// instead of all of them when the package loads (see <c>Runtime/lazy-index.js</c>).
    /// </summary>
    LazyProviderIndex = 1,

    /// <summary>
    /// <c>type-index</c>: the jsii runtime finds .NET types by jsii name from assembly metadata instead of loading every
    /// type of every loaded assembly (see <see cref="JsiiTypeIndex"/>).
    /// </summary>
    TypeIndex = 2,

    /// <summary>
    /// <c>single-resolution</c>: the policy gate reads the JSON <c>app.Synth()</c> wrote to a staging folder instead of
    /// resolving every stack itself first (see <see cref="Policy.GatedSynthesis"/>).
    /// </summary>
    SingleResolution = 4,

    /// <summary>
    /// <c>tarball-from-file</c>: the engine packages' embedded tarballs are extracted with file reads instead of through
    /// the assemblies' memory-mapped images, which left about 80 MB resident (see <see cref="JsiiPackageFromFile"/>).
    /// </summary>
    TarballFromFile = 8,

    /// <summary>
    /// <c>small-node-young-generation</c>: the kernel's Node.js runs with 2 MB semi-spaces (<c>--max-semi-space-size=2</c>)
    /// instead of V8's default of 16 MB, about 30 MB less memory at no measurable cost in time.
    /// </summary>
    SmallNodeYoungGeneration = 16,

    /// <summary>Every speed-up.</summary>
    All = LazyProviderIndex | TypeIndex | SingleResolution | TarballFromFile | SmallNodeYoungGeneration,
}

/// <summary>Names and parsing of <see cref="Speedups"/>.</summary>
public static class SpeedupSettings
{
    /// <summary>The environment variable naming the speed-ups to turn off.</summary>
    public const string DisableVariable = "MLOPS_DISABLE_SPEEDUPS";

    /// <summary>
    /// The environment variable naming a file to which a run appends what it applied: <c>applied &lt;names&gt;</c>, and
    /// from the jsii kernel one line per <c>index.js</c> the lazy-provider-index preload looked at. For tests and the
    /// benchmark, which must know that a speed-up they measure really was on.
    /// </summary>
    public const string ReportVariable = "MLOPS_SPEEDUPS_REPORT";

    /// <summary>The names of <paramref name="speedups"/>, comma-separated (<c>none</c> when empty).</summary>
    public static string Names(Speedups speedups)
    {
        var names = ByName.Where(n => speedups.HasFlag(n.Value)).Select(n => n.Key).ToList();
        return names.Count == 0 ? "none" : string.Join(",", names);
    }

    /// <summary>Each speed-up by the name used in <see cref="DisableVariable"/>.</summary>
    public static IReadOnlyDictionary<string, Speedups> ByName { get; } = new Dictionary<string, Speedups>(StringComparer.OrdinalIgnoreCase)
    {
        ["lazy-provider-index"] = Speedups.LazyProviderIndex,
        ["type-index"] = Speedups.TypeIndex,
        ["single-resolution"] = Speedups.SingleResolution,
        ["tarball-from-file"] = Speedups.TarballFromFile,
        ["small-node-young-generation"] = Speedups.SmallNodeYoungGeneration,
    };

    /// <summary>The speed-ups on for this process: <see cref="Speedups.All"/> less those named in <see cref="DisableVariable"/>.</summary>
    /// <exception cref="ArgumentException">When the variable names an unknown speed-up (a typo must not silently measure the wrong thing).</exception>
    public static Speedups FromEnvironment() => Parse(Environment.GetEnvironmentVariable(DisableVariable));

    /// <summary>The speed-ups left on when those named in <paramref name="disabled"/> are turned off.</summary>
    /// <exception cref="ArgumentException">When a name is unknown.</exception>
    public static Speedups Parse(string? disabled)
    {
        var on = Speedups.All;
        foreach (var name in (disabled ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                on = Speedups.None;
            }
            else if (ByName.TryGetValue(name, out var speedup))
            {
                on &= ~speedup;
            }
            else
            {
                throw new ArgumentException(
                    $"{DisableVariable} names unknown speed-up '{name}'; known: all, {string.Join(", ", ByName.Keys)}.", nameof(disabled));
            }
        }

        return on;
    }
}
