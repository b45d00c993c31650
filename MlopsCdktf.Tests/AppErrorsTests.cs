using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests;

/// <summary>The app's one error path: clear messages, no stack traces, exit code 1.</summary>
public sealed class AppErrorsTests
{
    [Test]
    public void Input_errors_are_reported_as_they_are_with_exit_code_1_and_no_stack_trace()
    {
        var output = new StringWriter();
        var error = Assert.Throws<ConstructInputException>(() => MlopsApplication.Compose(SynthHarness.NewApp(), [Catalog.Dev with { Aws = Catalog.Dev.Aws with { AccountId = "1" } }]))!;

        var code = AppErrors.Report(error, output);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.StartWith("Invalid DeploymentEnvironment at path [Catalog]:").And.Contain("[dev] Aws.AccountId was \"1\""));
        Assert.That(output.ToString(), Does.Not.Contain("   at "));
    }

    [Test]
    public void A_duplicate_construct_id_from_jsii_is_translated()
    {
        var stack = new TerraformStack(SynthHarness.NewApp(), "mlops-aws-dev");
        _ = new TerraformOutput(stack, "bucket_name", new TerraformOutputConfig { Value = "x" });
        var error = Assert.Catch(() => _ = new TerraformOutput(stack, "bucket_name", new TerraformOutputConfig { Value = "y" }))!;
        var output = new StringWriter();

        Assert.That(AppErrors.Report(error, output), Is.EqualTo(1));
        Assert.That(output.ToString(), Does.StartWith(
            "Invalid app at path [mlops-aws-dev]:" + Environment.NewLine +
            "  - construct id was \"bucket_name\": is used twice in [mlops-aws-dev]; every construct needs an id unique within its parent"));
        Assert.That(output.ToString(), Does.Not.Contain("   at ").And.Contain("MLOPS_DEBUG=1"));
    }

    [Test]
    public void Other_errors_keep_their_message_without_the_javascript_stack()
    {
        var described = AppErrors.Describe(new InvalidOperationException("Error: something broke\n    at Foo (/x/y.js:1:2)\n    at Bar"));
        Assert.That(described, Is.EqualTo("Synthesis failed: something broke"));
    }
}

/// <summary>The entry point itself, as <c>make synth</c> runs it: a broken selection ends with the message and exit 1.</summary>
[Category("AppProcess")]
public sealed class EntryPointErrorTests
{
    [Test]
    public void A_broken_environment_selection_ends_with_exit_1_naming_the_setting_and_no_stack_trace()
    {
        var outdir = Directory.CreateTempSubdirectory("mlops-entry-point-").FullName;
        try
        {
            var (exitCode, output) = AppProcess.Run(new Dictionary<string, string?> { ["CDKTF_OUTDIR"] = outdir, ["MLOPS_ENV"] = "qa", ["MLOPS_DEBUG"] = null });

            Assert.That(exitCode, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("MLOPS_ENV").And.Contain("\"qa\"").And.Contain("must be one of dev, staging, prod"));
            Assert.That(output, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace");
            Assert.That(Directory.EnumerateFileSystemEntries(outdir), Is.Empty, "nothing synthesized");
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }
}
