using MlopsCdktf.Stacks;

namespace MlopsCdktf.Tests.Support;

/// <summary>The whole app, composed and synthesized once per test run (synthesis is deterministic): each stack's JSON and
/// the manifest, read from the output folder exactly as <c>cdktf synth</c> writes them. The output folder stays until the
/// run ends, for tests that need a stack's whole folder (its assets).</summary>
internal static class AppSynth
{
    private static readonly Lazy<(IReadOnlyDictionary<string, TerraformJson> Stacks, string Manifest, string Outdir)> Synthesized = new(() =>
    {
        var outdir = Directory.CreateTempSubdirectory("mlops-app-synth-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(outdir);
        var app = SynthHarness.NewApp(outdir);
        var stacks = MlopsApplication.Compose(app);
        app.Synth();
        return (
            stacks.ToDictionary(s => s.Node.Id, s => TerraformJson.Parse(File.ReadAllText(Path.Combine(outdir, "stacks", s.Node.Id, "cdk.tf.json")))),
            File.ReadAllText(Path.Combine(outdir, "manifest.json")),
            outdir);
    });

    public static IReadOnlyDictionary<string, TerraformJson> All => Synthesized.Value.Stacks;

    /// <summary>The app's <c>manifest.json</c> (stacks, their dependencies).</summary>
    public static string Manifest => Synthesized.Value.Manifest;

    public static TerraformJson Stack(string name) =>
        All.TryGetValue(name, out var json) ? json : throw new ArgumentException($"no stack '{name}'; have {string.Join(", ", All.Keys)}");

    /// <summary>The synthesized folder of stack <paramref name="name"/> (<c>&lt;outdir&gt;/stacks/&lt;name&gt;</c>), as
    /// <c>cdktf synth</c> leaves it: <c>cdk.tf.json</c> and <c>assets/</c>. Read it; do not change it.</summary>
    public static string StackFolder(string name)
    {
        _ = Stack(name);
        return Path.Combine(Synthesized.Value.Outdir, "stacks", name);
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The run's temp folder goes with the session anyway.
        }
    }
}
