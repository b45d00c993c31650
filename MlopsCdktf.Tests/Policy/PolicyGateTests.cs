using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using MlopsCdktf.Policy;
using MlopsCdktf.Policy.Model;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Policy.PolicyHarness;
using S3Bucket = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3Bucket;
using S3BucketConfig = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3BucketConfig;

namespace MlopsCdktf.Tests.Policy;

/// <summary>The gate over the real app, its report, and the pack's rule catalogue.</summary>
public sealed class PolicyGateTests
{
    private static readonly Lazy<IReadOnlyList<TerraformStack>> AppStacks = new(() => MlopsApplication.Compose(SynthHarness.NewApp()));
    private static readonly Lazy<IReadOnlyList<SynthesizedStack>> AppModels = new(() => AppStacks.Value.Select(SynthesizedStack.From).ToList());

    private static IEnumerable<string> RuleIds => PolicyPack.Default.Rules.Select(r => r.Id);

    /// <summary>The real app's stacks (declared, not synthesized), once per run.</summary>
    private static IReadOnlyList<TerraformStack> RealStacks => AppStacks.Value;

    /// <summary>The real app's stacks as the rules see them.</summary>
    private static IReadOnlyList<SynthesizedStack> RealModels => AppModels.Value;

    [Test]
    public void Every_stack_of_the_app_passes_with_no_findings_and_only_the_workspace_preparations_suppression()
    {
        var reports = RealStacks.Select(PolicyPack.Default.Evaluate).ToList();

        Assert.That(reports.Select(r => r.StackName).ToList(), Has.Count.EqualTo(AppSynth.All.Count));
        Assert.That(Lines(reports.SelectMany(r => r.Findings)), Is.Empty);
        // The one exception, recorded with its reason: the Job creating the workspace directories runs as root (CHOWN only).
        var k8sStacks = RealStacks.Where(s => s.Node.Id.StartsWith("mlops-k8s-", StringComparison.Ordinal)).Select(s => s.Node.Id).ToList();
        Assert.That(reports.SelectMany(r => r.Suppressed).Select(s => $"{s.Finding.RuleId} {s.Finding.ConstructPath}"),
            Is.EquivalentTo(k8sStacks.Select(stack => $"MLOPS-K8S-8 {stack}/WorkspacePreparation/Job")));
        Assert.That(RealStacks.SelectMany(s => PolicySuppressions.Of(s)).Select(s => s.RuleId).Distinct(), Is.EqualTo(new[] { "MLOPS-K8S-8" }));
        var output = new StringWriter();
        Assert.That(PolicyGate.Check(RealStacks, output), Is.True);
        Assert.That(output.ToString(), Does.StartWith($"Policy check passed with 0 warning(s) and {k8sStacks.Count} suppressed finding(s)")
            .And.Not.Contain("[Error]").And.Not.Contain("[Warning]"), "a clean run prints the recorded suppressions only");
    }

    /// <summary>Rules with nothing to check in the app: it declares no such resource at all.</summary>
    private static readonly string[] NothingToCheckInApp = ["MLOPS-K8S-12"]; // CPU-only autoscalers (the EKS roles attach managed policies: MLOPS-IAM-3 checks them)

    /// <summary>The rules that read synthesized JSON (plan-only rules are checked on real plans: PlanPolicyTests).</summary>
    private static IEnumerable<string> SynthRuleIds => PolicyPack.Default.Rules.Where(r => r.Modes.HasFlag(PolicyModes.Synthesized)).Select(r => r.Id);

    [TestCaseSource(nameof(SynthRuleIds))]
    public void Every_rule_finds_compliant_resources_in_the_app(string ruleId)
    {
        var rule = PolicyPack.Default.Find(ruleId)!;
        var results = RealModels.SelectMany(rule.Evaluate).ToList();
        var outcomes = results.Select(r => r.Outcome).Where(o => !NothingToCheckInApp.Contains(ruleId) || o != PolicyOutcome.NotApplicable).ToList();
        Assert.That(outcomes, NothingToCheckInApp.Contains(ruleId) ? Is.Empty : Does.Contain(PolicyOutcome.Compliant),
            "the rule must check something real, not pass vacuously");
        // Only the suppressed exception: the workspace preparation Job runs as root.
        Assert.That(results.Where(r => r.Outcome == PolicyOutcome.NonCompliant).Select(r => r.Element.ConstructPath),
            ruleId == "MLOPS-K8S-8" ? Has.All.EndWith("/WorkspacePreparation/Job") : Is.Empty);
    }

    [Test]
    public void Rules_see_exactly_the_resources_and_data_sources_synth_writes()
    {
        foreach (var model in RealModels)
        {
            var written = SynthesizedStack.Parse(model.Name, AppSynth.Stack(model.Name).Root).Elements.ToDictionary(e => e.Address);
            Assert.That(model.Elements.Select(e => e.Address), Is.EquivalentTo(written.Keys), model.Name);
            Assert.That(model.Elements.Where(e => written[e.Address].ConstructPath != e.ConstructPath
                || !JsonNode.DeepEquals(JsonNode.Parse(e.Attributes.ToJsonString()), written[e.Address].Attributes)).Select(e => e.Address),
                Is.Empty, model.Name);
        }
    }

    [Test]
    public void The_report_names_rule_level_path_address_info_why_and_how_to_suppress_and_fails_the_gate()
    {
        var stack = AwsStack();
        _ = new S3Bucket(stack, "raw", new S3BucketConfig { Bucket = "acme-raw" });
        var output = new StringWriter();

        Assert.That(PolicyGate.Check([stack], output), Is.False);
        var rule = PolicyPack.Default.Find("MLOPS-S3-1")!;
        Assert.That(output.ToString(), Does.StartWith("Policy check failed: 4 error(s), 0 warning(s) in 1 stack(s); nothing was synthesized.")
            .And.Contain("[Error] MLOPS-S3-1 at test/raw (aws_s3_bucket.raw)" + Environment.NewLine + $"  {rule.Info}" + Environment.NewLine + $"  Why: {rule.Explanation}")
            .And.Contain("PolicySuppressions.Suppress(<construct at test/raw>, \"MLOPS-S3-1\", \"<why this is acceptable, 10+ characters>\");"));
    }

    [Test]
    public void Warnings_are_printed_but_pass_the_gate()
    {
        var stack = AwsStack();
        _ = new HashiCorp.Cdktf.Providers.Aws.SagemakerModel.SagemakerModel(stack, "model", new HashiCorp.Cdktf.Providers.Aws.SagemakerModel.SagemakerModelConfig
        {
            ExecutionRoleArn = "arn:aws:iam::111111111111:role/sm",
        });
        var output = new StringWriter();

        Assert.That(PolicyGate.Check([stack], output), Is.True);
        Assert.That(output.ToString(), Does.StartWith("Policy check passed with 1 warning(s)").And.Contain("[Warning] MLOPS-SM-3 at test/model"));
    }

    [Test]
    public void Rule_ids_are_unique_and_follow_the_pattern_and_every_rule_is_documented()
    {
        Assert.That(RuleIds, Is.Unique);
        Assert.That(RuleIds, Has.All.Matches(@"^MLOPS-[A-Z0-9]+-[0-9]+$"));
        Assert.That(PolicyPack.Default.Rules.Select(r => r.Info), Has.All.EndsWith("."));
        Assert.That(PolicyPack.Default.Rules.Select(r => r.Explanation), Has.All.Length.GreaterThan(40));
        Assert.That(() => new PolicyPack([MlopsCdktf.Policy.Rules.Aws.AwsAttributeRules.KmsKeyRotation, MlopsCdktf.Policy.Rules.Aws.AwsAttributeRules.KmsKeyRotation]),
            Throws.ArgumentException.With.Message.Contains("MLOPS-KMS-1 (duplicate)"));
    }
}
