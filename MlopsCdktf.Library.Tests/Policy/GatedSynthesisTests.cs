using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Policy;
using MlopsCdktf.Tests.Support;
using S3Bucket = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3Bucket;
using S3BucketConfig = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3BucketConfig;

namespace MlopsCdktf.Tests.Policy;

/// <summary>
/// <see cref="GatedSynthesis"/> as a consumer app uses it: staged when the app was created with
/// <see cref="GatedSynthesis.AppOutdir"/>, direct (into the app's own folder) when it was not; in both ways a failing
/// stack writes nothing and a passing one writes its JSON.
/// </summary>
public sealed class GatedSynthesisTests
{
    private string _root = null!;

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("mlops-gated-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_root, recursive: true);

    [Test]
    public void An_app_with_its_own_outdir_is_gated_and_written_to_that_outdir()
    {
        var synthesis = new GatedSynthesis(Path.Combine(_root, "staging"));
        var outdir = Path.Combine(_root, "own-out");
        var (app, stack) = AppWithStack(outdir);
        _ = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-gated-artifacts" });
        var output = new StringWriter();

        Assert.That(synthesis.Synth(app, [stack], output), Is.True, output.ToString());

        var json = File.ReadAllText(Path.Combine(outdir, "stacks", "gated", "cdk.tf.json"));
        Assert.That(json, Does.Contain("\"bucket\": \"acme-gated-artifacts\""));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "staging")), Is.Empty, "nothing is staged for an app with its own outdir");
    }

    [Test]
    public void An_app_with_its_own_outdir_and_a_failing_stack_writes_no_stack()
    {
        var synthesis = new GatedSynthesis(Path.Combine(_root, "staging"));
        var outdir = Path.Combine(_root, "own-out");
        var (app, stack) = AppWithStack(outdir);
        _ = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        var output = new StringWriter();

        Assert.That(synthesis.Synth(app, [stack], output), Is.False);

        Assert.That(output.ToString(), Does.StartWith("Policy check failed:").And.Contain("MLOPS-S3-1 at gated/raw"));
        Assert.That(Directory.Exists(outdir) ? Directory.EnumerateFiles(outdir, "cdk.tf.json", SearchOption.AllDirectories) : [], Is.Empty);
    }

    [Test]
    public void A_staged_app_publishes_the_checked_json_to_the_final_outdir()
    {
        var staging = Path.Combine(_root, "staging");
        var final = Path.Combine(_root, "final");
        var synthesis = new GatedSynthesis(staging);
        var (app, stack) = AppWithStack(synthesis.AppOutdir!);
        _ = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-gated-artifacts" });
        var previous = Environment.GetEnvironmentVariable("CDKTF_OUTDIR");
        Environment.SetEnvironmentVariable("CDKTF_OUTDIR", final);
        try
        {
            Assert.That(synthesis.Synth(app, [stack], TextWriter.Null), Is.True);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CDKTF_OUTDIR", previous);
        }

        Assert.That(File.ReadAllText(Path.Combine(final, "stacks", "gated", "cdk.tf.json")),
            Is.EqualTo(File.ReadAllText(Path.Combine(staging, "stacks", "gated", "cdk.tf.json"))));
        Assert.That(File.Exists(Path.Combine(final, PolicyReportJson.FileName)), Is.True);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_stack_set_check_sees_every_stacks_whole_json_and_its_error_fails_the_gate_into_the_report(bool staged)
    {
        var final = Path.Combine(_root, "final");
        var synthesis = new GatedSynthesis(staged ? Path.Combine(_root, "staging") : null);
        var (app, stack) = AppWithStack(staged ? synthesis.AppOutdir! : final);
        _ = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-gated-artifacts" });
        IReadOnlyList<SynthesizedOutput>? seen = null;
        StackSetCheck check = stacks =>
        {
            seen = stacks;
            return [new PolicyReport
            {
                StackName = "environment test",
                Findings = [new PolicyFinding
                {
                    RuleId = "MLOPS-COST-1", Level = PolicyLevel.Error, StackName = "environment test", ResourceAddress = "environment",
                    ConstructPath = "[test] Budget.PeakMonthlyUsd", Message = "over the ceiling", Explanation = "why",
                }],
                Suppressed = [],
                CompliantChecks = 0,
            }];
        };
        var output = new StringWriter();
        var previous = Environment.GetEnvironmentVariable("CDKTF_OUTDIR");
        Environment.SetEnvironmentVariable("CDKTF_OUTDIR", final);
        try
        {
            Assert.That(synthesis.Synth(app, [stack], output, stackSetCheck: check), Is.False);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CDKTF_OUTDIR", previous);
        }

        Assert.That(seen!.Select(s => s.StackName), Is.EqualTo(new[] { "gated" }));
        Assert.That(seen![0].Json["provider"]?["aws"]?[0]?["region"]?.GetValue<string>(), Is.EqualTo("eu-west-1"), "the whole JSON, providers included");
        Assert.That(File.Exists(Path.Combine(final, "stacks", "gated", "cdk.tf.json")), Is.False, "a failing stack-set check publishes nothing");
        Assert.That(output.ToString(), Does.Contain("MLOPS-COST-1"));
        Assert.That(File.ReadAllText(Path.Combine(final, PolicyReportJson.FileName)), Does.Contain("\"construct_path\": \"[test] Budget.PeakMonthlyUsd\""));
    }

    private static (App App, TerraformStack Stack) AppWithStack(string outdir)
    {
        var app = SynthHarness.NewApp(outdir);
        var stack = new TerraformStack(app, "gated");
        _ = new AwsProvider(stack, "aws", new AwsProviderConfig { Region = "eu-west-1" });
        return (app, stack);
    }
}
