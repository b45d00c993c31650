using HashiCorp.Cdktf;
using MlopsCdktf;
using MlopsCdktf.Environments;
using MlopsCdktf.Policy;
using MlopsCdktf.Runtime;
using MlopsCdktf.Stacks;

// `forecast <base> <head>` (make forecast) compares two synthesis folders: JSON only, no jsii runtime.
if (args is ["forecast", var baseOutdir, var headOutdir])
{
    return ForecastCommand.Run(baseOutdir, headOutdir, Console.Out);
}

// `refresh-prices <catalogue> <offer.json>...` (scripts/refresh-prices.sh) rewrites the SageMaker rows of the price catalogue.
if (args is ["refresh-prices", var catalogue, .. var offers])
{
    return PricesCommand.Refresh(catalogue, offers, Console.Out);
}

// First: the jsii runtime reads the environment (temp folder, Node.js, speed-ups) once, when it starts.
using var session = JsiiRuntimeSession.Start();
try
{
    if (args is [PolicyPlan.Command, .. var planArguments])
    {
        // make policy-plan: the policy pack over Terraform plans of the selected environment (nothing is synthesized).
        var planApp = new App(new AppConfig { StackTraces = false, Outdir = Path.Combine(session.TempFolder, "policy-plan") });
        return PolicyPlan.Run(planArguments, MlopsApplication.Compose(planApp, SynthSelection.Read(planApp)), Console.Out, Console.Error);
    }

    var synthesis = session.NewSynthesis();
    // Stack traces would embed machine paths in the JSON; keep synthesized output deterministic.
    var app = new App(new AppConfig { StackTraces = false, Outdir = synthesis.AppOutdir });
    var stacks = MlopsApplication.Compose(app, SynthSelection.Read(app));
    var costs = CostGate.For(stacks, GatedSynthesis.FinalOutdir);
    return synthesis.Synth(app, stacks, Console.Error, stackSetCheck: costs) ? 0 : 1;
}
catch (Exception e) when (!session.IsTerminating)
{
    // One error path: where and what, no stack trace (MLOPS_DEBUG=1 shows it), exit code 1.
    return AppErrors.Report(e, Console.Error);
}
