using HashiCorp.Cdktf;
using MlopsCdktf.Stacks;

namespace MlopsCdktf.Tests.Support;

/// <summary>The whole app, composed and synthesized once per test run (synthesis is deterministic): each stack's JSON and
/// the manifest, read from the output folder exactly as <c>cdktf synth</c> writes them.</summary>
internal static class AppSynth
{
    private static readonly Lazy<(IReadOnlyDictionary<string, TerraformJson> Stacks, string Manifest)> Synthesized = new(() =>
    {
        var outdir = Directory.CreateTempSubdirectory("mlops-app-synth-").FullName;
        try
        {
            var app = SynthHarness.NewApp(outdir);
            var stacks = MlopsApplication.Compose(app);
            app.Synth();
            return (
                stacks.ToDictionary(s => s.Node.Id, s => TerraformJson.Parse(File.ReadAllText(Path.Combine(outdir, "stacks", s.Node.Id, "cdk.tf.json")))),
                File.ReadAllText(Path.Combine(outdir, "manifest.json")));
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    });

    public static IReadOnlyDictionary<string, TerraformJson> All => Synthesized.Value.Stacks;

    /// <summary>The app's <c>manifest.json</c> (stacks, their dependencies).</summary>
    public static string Manifest => Synthesized.Value.Manifest;

    public static TerraformJson Stack(string name) =>
        All.TryGetValue(name, out var json) ? json : throw new ArgumentException($"no stack '{name}'; have {string.Join(", ", All.Keys)}");
}
