using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Runtime;
using MlopsCdktf.Stacks;

namespace MlopsCdktf.Bench;

/// <summary>
/// The app with <c>n</c> environments instead of the catalog's three, for the scaling rows of <c>make bench</c>:
/// environment <c>i</c> is a copy of dev, staging or prod (in turn) with its own name, AWS account and GCP project.
/// Synthesized exactly as Program.cs does (session, policy gate, speed-ups), into <c>CDKTF_OUTDIR</c>.
/// </summary>
internal static class ScaledApp
{
    public static int Run(int environments)
    {
        using var session = JsiiRuntimeSession.Start();
        try
        {
            var synthesis = session.NewSynthesis();
            var app = new App(new AppConfig { StackTraces = false, Outdir = synthesis.AppOutdir });
            var stacks = MlopsApplication.Compose(app, Generate(environments));
            return synthesis.Synth(app, stacks, Console.Error) ? 0 : 1;
        }
        catch (ConstructInputException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary><paramref name="count"/> distinct environments derived from the catalog's.</summary>
    public static IReadOnlyList<DeploymentEnvironment> Generate(int count) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var template = Catalog.All[(i - 1) % Catalog.All.Count];
            var name = $"scale{i:000}";
            return template with
            {
                Name = name,
                Aws = template.Aws with { AccountId = (900_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                Gcp = template.Gcp with { ProjectId = $"acme-mlops-{name}" },
                CostCenter = $"ml-platform-{name}",
            };
        }).ToList();
}
