using HashiCorp.Cdktf;
using MlopsCdktf.Stacks;

namespace MlopsCdktf.Tests.Support;

/// <summary>The whole app, composed once per test run (synthesis is deterministic), and each stack's JSON.</summary>
internal static class AppSynth
{
    private static readonly Lazy<IReadOnlyDictionary<string, TerraformJson>> Stacks = new(() =>
    {
        var app = SynthHarness.NewApp();
        return MlopsApplication.Compose(app).ToDictionary(s => s.Node.Id, s => SynthHarness.Synth(s));
    });

    public static IReadOnlyDictionary<string, TerraformJson> All => Stacks.Value;

    public static TerraformJson Stack(string name) =>
        All.TryGetValue(name, out var json) ? json : throw new ArgumentException($"no stack '{name}'; have {string.Join(", ", All.Keys)}");
}
