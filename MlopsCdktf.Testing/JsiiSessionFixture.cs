using MlopsCdktf.Runtime;

namespace MlopsCdktf.Tests;

/// <summary>
/// The jsii runtime session of a whole test run, as Program.cs starts it for a synth: the runtime's temporary files
/// (about 80 MB) go to a folder of this run, deleted when the run ends, and the in-process speed-ups are on, so the
/// snapshot and property tests also prove they change nothing in the JSON. Each test assembly derives its
/// <c>[SetUpFixture]</c> from this class.
/// </summary>
public abstract class JsiiSessionFixture
{
    /// <summary>The session, for tests that check it (null before set-up).</summary>
    public static JsiiRuntimeSession? Current { get; private set; }

    [OneTimeSetUp]
    public void Start() => Current = JsiiRuntimeSession.Start();

    [OneTimeTearDown]
    public void End()
    {
        Current?.Dispose();
        Current = null;
    }
}
