using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Policy;
using MlopsCdktf.Runtime;
using MlopsCdktf.Stacks;

// First: the jsii runtime reads the environment (temp folder, Node.js, speed-ups) once, when it starts.
using var session = JsiiRuntimeSession.Start();
try
{
    // Stack traces would embed machine paths in the JSON; keep synthesized output deterministic.
    var app = new App(new AppConfig { StackTraces = false });
    var stacks = MlopsApplication.Compose(app);
    if (!PolicyGate.Check(stacks, Console.Error))
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
