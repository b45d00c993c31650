using System.Collections.Concurrent;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>
/// The app as <c>Program.cs</c> composes it for a given CDKTF context and set of <c>MLOPS_*</c> variables (never the test
/// process's own), synthesized once per distinct selection: each stack's JSON and the manifest.
/// </summary>
internal static class DeliverySynth
{
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<string, TerraformJson>>> Cache = new();
    private static readonly Lock SynthGate = new();

    /// <summary>The environments <see cref="SynthSelection"/> picks from <paramref name="context"/> and <paramref name="variables"/>.</summary>
    public static IReadOnlyList<DeploymentEnvironment> Select(IDictionary<string, object>? context = null, IDictionary<string, string>? variables = null) =>
        SynthSelection.Read(SynthHarness.NewApp(context: context), Variables(variables));

    /// <summary>The stack names the app declares for that selection (composed, not synthesized).</summary>
    public static IReadOnlyList<string> StackNames(IDictionary<string, object>? context = null, IDictionary<string, string>? variables = null)
    {
        var app = SynthHarness.NewApp(context: context);
        return MlopsApplication.Compose(app, SynthSelection.Read(app, Variables(variables))).Select(s => s.Node.Id).ToList();
    }

    /// <summary>Every stack of the selection, synthesized (cached per selection).</summary>
    public static IReadOnlyDictionary<string, TerraformJson> Stacks(IDictionary<string, object>? context = null, IDictionary<string, string>? variables = null)
    {
        var key = string.Join(";", (context ?? new Dictionary<string, object>()).OrderBy(kv => kv.Key).Select(kv => $"c:{kv.Key}={kv.Value}")
            .Concat((variables ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key).Select(kv => $"v:{kv.Key}={kv.Value}")));
        return Cache.GetOrAdd(key, _ => new Lazy<IReadOnlyDictionary<string, TerraformJson>>(() =>
        {
            lock (SynthGate)
            {
                var outdir = Directory.CreateTempSubdirectory("mlops-delivery-synth-").FullName;
                try
                {
                    var app = SynthHarness.NewApp(outdir, context);
                    var stacks = MlopsApplication.Compose(app, SynthSelection.Read(app, Variables(variables)));
                    app.Synth();
                    return stacks.ToDictionary(s => s.Node.Id,
                        s => TerraformJson.Parse(File.ReadAllText(Path.Combine(outdir, "stacks", s.Node.Id, "cdk.tf.json"))));
                }
                finally
                {
                    Directory.Delete(outdir, recursive: true);
                }
            }
        })).Value;
    }

    private static Func<string, string?> Variables(IDictionary<string, string>? variables) =>
        name => variables is not null && variables.TryGetValue(name, out var value) ? value : null;
}
