namespace MlopsCdktf.Tests;

/// <summary>This assembly's jsii runtime session (see <see cref="JsiiSessionFixture"/>).</summary>
[SetUpFixture]
public sealed class TestRunSession : JsiiSessionFixture;
