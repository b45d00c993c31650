using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Stacks;

try
{
    // Stack traces would embed machine paths in the JSON; keep synthesized output deterministic.
    var app = new App(new AppConfig { StackTraces = false });
    MlopsApplication.Compose(app);
    app.Synth();
    return 0;
}
catch (ConstructInputException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
