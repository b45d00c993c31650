using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy;

/// <summary>
/// <c>app.Synth()</c> behind the <see cref="PolicyGate"/>: the output folder receives the stacks only when no
/// unsuppressed error was found. Two ways, with the same result:
/// <list type="bullet">
/// <item>staged (the <c>single-resolution</c> speed-up): the app synthesizes into a staging folder; the gate reads the
/// written <c>cdk.tf.json</c> files and, when they pass, they are copied to the output folder. Every stack is resolved
/// once, by <c>app.Synth()</c>, and the gate checks exactly the JSON that is published;</item>
/// <item>direct: the gate resolves every stack (<c>ToTerraform()</c>) first, then <c>app.Synth()</c> resolves them again
/// into the output folder.</item>
/// </list>
/// </summary>
public sealed class GatedSynthesis
{
    private readonly string? _staging;

    /// <summary>Staged through <paramref name="stagingFolder"/> (created, must be new or empty) when given, else direct.</summary>
    public GatedSynthesis(string? stagingFolder)
    {
        if (stagingFolder is not null)
        {
            _staging = Directory.CreateDirectory(stagingFolder).FullName;
        }
    }

    /// <summary>
    /// The <see cref="AppConfig.Outdir"/> the app must be created with: the staging folder, or null (cdktf's own choice:
    /// <c>CDKTF_OUTDIR</c>, else <c>cdktf.out</c>).
    /// </summary>
    public string? AppOutdir => _staging;

    /// <summary>Where the stacks end up: <c>CDKTF_OUTDIR</c>, else <c>cdktf.out</c>, as cdktf decides it.</summary>
    public static string FinalOutdir => Environment.GetEnvironmentVariable("CDKTF_OUTDIR") is { Length: > 0 } outdir ? outdir : "cdktf.out";

    /// <summary>
    /// Checks <paramref name="stacks"/> of <paramref name="app"/> with <paramref name="pack"/> (default
    /// <see cref="PolicyPack.Default"/>), writes the report to <paramref name="output"/>, and synthesizes into
    /// <see cref="FinalOutdir"/> when they pass. An app created with another output folder than <see cref="AppOutdir"/>
    /// is synthesized the direct way, into its own folder.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="stacks">Its stacks to check.</param>
    /// <param name="output">Where the readable report goes.</param>
    /// <param name="pack">The rules (default <see cref="PolicyPack.Default"/>).</param>
    /// <param name="stackSetCheck">A check over all stacks at once (e.g. cost ceilings), or null.</param>
    /// <returns>False (and nothing written to the output folder) when at least one unsuppressed error was found.</returns>
    public bool Synth(App app, IReadOnlyList<TerraformStack> stacks, TextWriter output, PolicyPack? pack = null, StackSetCheck? stackSetCheck = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (_staging is null || !string.Equals(Path.GetFullPath(app.Outdir), _staging, StringComparison.Ordinal))
        {
            var directReports = stackSetCheck?.Invoke(stacks.Select(Output).ToList()) ?? [];
            if (!PolicyGate.Check(stacks, output, pack, Path.Combine(app.Outdir, PolicyReportJson.FileName), directReports))
            {
                return false;
            }

            app.Synth();
            return true;
        }

        app.Synth();
        var written = ReadManifest(_staging);
        var json = stacks.Select(s => new SynthesizedOutput(s.Node.Id, Read(Path.Combine(_staging, written[s.Node.Id])))).ToList();
        var synthesized = stacks.Zip(json, (s, j) => (s, SynthesizedStack.Parse(s.Node.Id, j.Json)));
        var setReports = stackSetCheck?.Invoke(json) ?? [];
        // The machine-readable report goes next to the real output, passing or not.
        if (!PolicyGate.CheckSynthesized(synthesized, output, pack, Path.Combine(FinalOutdir, PolicyReportJson.FileName), setReports))
        {
            return false;
        }

        Publish(_staging, FinalOutdir);
        return true;
    }

    private static Dictionary<string, string> ReadManifest(string outdir) =>
        Read(Path.Combine(outdir, "manifest.json"))["stacks"]!.AsObject()
            .ToDictionary(s => s.Key, s => s.Value!["synthesizedStackPath"]!.GetValue<string>(), StringComparer.Ordinal);

    private static SynthesizedOutput Output(TerraformStack stack)
    {
        stack.PrepareStack();
        return new SynthesizedOutput(stack.Node.Id, System.Text.Json.JsonSerializer.SerializeToNode(stack.ToTerraform())!.AsObject());
    }

    private static JsonObject Read(string file) => JsonNode.Parse(File.ReadAllText(file))!.AsObject();

    // What app.Synth() would have done to the output folder: every file written, over any older one; nothing removed.
    private static void Publish(string staging, string outdir)
    {
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(outdir, Path.GetRelativePath(staging, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
