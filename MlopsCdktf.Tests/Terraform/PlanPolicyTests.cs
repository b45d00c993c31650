using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsIamPolicyDocument;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Environments;
using MlopsCdktf.Policy;
using MlopsCdktf.Policy.Model;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Policy;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// The policy pack over REAL saved plans (<c>terraform plan -out</c>, then <c>terraform show -json</c>, offline: the
/// provider's one STS call answered locally) of the app's AWS platform stacks: the same rule outcomes as over the
/// synthesized JSON, each at its construct path, plus what only a plan shows (module internals, what it deletes).
/// </summary>
[Category(TestTiers.Terraform)]
[NonParallelizable]
internal sealed class PlanPolicyTests
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, TerraformWorkspace> Workspaces = [];

    public static IEnumerable<TestCaseData> PlatformStacks() =>
        Catalog.All.Select(e => new TestCaseData(Platform(e)).SetArgDisplayNames(Platform(e)));

    [TestCaseSource(nameof(PlatformStacks))]
    public void A_real_plan_gets_the_same_rule_outcomes_as_the_synthesized_json_at_the_same_construct_paths(string name)
    {
        var json = AppSynth.Stack(name).Root;
        var plan = Plan(name);

        var synthesized = SynthesizedStack.Parse(name, json);
        var planned = SynthesizedStack.FromPlan(name, plan, json);

        // Every rule of both modes: (rule, outcome, address, construct path) for each root element it checked.
        var both = PolicyPack.Default.Rules.Where(r => r.Modes == PolicyModes.Both).ToList();
        var fromJson = Outcomes(both, synthesized);
        var fromPlan = Outcomes(both, planned, rootOnly: true);
        Assert.That(fromJson, Has.Count.GreaterThan(30), "the synthesized stack gave the rules little to check");
        Assert.That(fromPlan, Is.EquivalentTo(fromJson), "rule outcomes differ between the plan and the synthesized JSON");

        // Construct paths of the plan's root elements come from the stack's metadata, never the fallback.
        var paths = synthesized.Elements.ToDictionary(e => e.Address, e => e.ConstructPath);
        foreach (var element in planned.Elements.Where(e => e.Module is null))
        {
            Assert.That(element.ConstructPath, Is.EqualTo(paths[element.Address]), element.Address);
        }

        // Only the plan sees inside the library's modules: their resources take the module construct's path.
        Assert.That(planned.Elements.Where(e => e.Module is not null).Select(e => e.ConstructPath).Distinct(),
            Is.EquivalentTo(new[] { $"{name}/Network/Module", $"{name}/Notebook/Module" }));
        var report = PolicyPack.Default.Evaluate(planned, []);
        Assert.That(PolicyHarness.Lines(report.Findings), Is.Empty, "the app's stacks pass in plan mode too");
        // The plan-only rule looked at every data-holding resource the plan creates, and found nothing deleted.
        var dataHolding = planned.Changes!.Count(c => MlopsCdktf.Policy.Rules.Plan.DataResourceDeletionRule.DataHoldingTypes.ContainsKey(c.Element.Type));
        Assert.That(dataHolding, Is.GreaterThanOrEqualTo(4));
        Assert.That(report.CompliantChecks, Is.GreaterThan(fromJson.Count(o => o.Contains(" Compliant ", StringComparison.Ordinal)) + dataHolding - 1));
    }

    [Test]
    public void A_destroy_plan_deleting_the_staging_artifact_bucket_is_an_error_at_its_construct_path_and_a_suppression_holds()
    {
        var name = Platform(Catalog.Staging);
        var json = AppSynth.Stack(name);
        var dataHolding = CheckedStacks.DataHoldingAddresses(json);
        var plan = Plan(name, dataHolding);
        var stacks = MlopsApplication.Compose(SynthHarness.NewApp(), [Catalog.Staging]);
        var stacksFolder = Path.GetDirectoryName(AppSynth.StackFolder(name))!;

        var report = PolicyPlan.Evaluate(stacks, [(name, plan)], stacksFolder, PolicyPack.Default).Single();

        var bucket = json.Address("aws_s3_bucket", "ModelArtifacts/Bucket");
        Assert.That(PolicyHarness.Lines(report.Errors), Does.Contain(PolicyHarness.Line("MLOPS-PLAN-1", bucket, $"{name}/ModelArtifacts/Bucket",
            "Terraform plans to delete it (delete).")));
        Assert.That(report.Errors.Select(f => f.RuleId).Distinct(), Is.EqualTo(new[] { "MLOPS-PLAN-1" }));
        // SARIF points at the line of the stack class that declares the construct.
        var location = new PolicyPlan.SourceLocator(stacks, stacksFolder).Locate(report.Errors.Single(f => f.ResourceAddress == bucket));
        var source = File.ReadAllLines(Path.Combine(RepoPaths.Root, "MlopsCdktf", "Stacks", "AwsPlatformStack.cs"));
        Assert.That(location!.Uri, Is.EqualTo("MlopsCdktf/Stacks/AwsPlatformStack.cs"));
        Assert.That(source[location.Line!.Value - 1], Does.Contain("new ModelArtifactBucket(this, \"ModelArtifacts\""));

        // The construct-level suppression, as in synth mode: on ModelArtifacts, it covers the bucket below it, nothing else.
        var stack = stacks.Single(s => s.Node.Id == name);
        PolicySuppressions.Suppress(stack.Node.FindChild("ModelArtifacts"), "MLOPS-PLAN-1", "Staging is torn down for the region move; data copied to the new bucket");
        var suppressed = PolicyPlan.Evaluate(stacks, [(name, plan)], stacksFolder, PolicyPack.Default).Single();

        Assert.That(suppressed.Suppressed.Select(s => s.Finding.ConstructPath), Does.Contain($"{name}/ModelArtifacts/Bucket"));
        Assert.That(suppressed.Suppressed.Select(s => s.Finding.ConstructPath), Has.All.StartWith($"{name}/ModelArtifacts/"));
        Assert.That(suppressed.Findings.Select(f => f.ConstructPath), Does.Not.Contain($"{name}/ModelArtifacts/Bucket"));
        Assert.That(suppressed.Findings, Has.Count.EqualTo(report.Findings.Count - suppressed.Suppressed.Count));
    }

    [Test]
    public void An_imported_bucket_arn_that_resolves_to_a_wildcard_is_found_in_the_plan_only()
    {
        var stack = PolicyHarness.AwsStack();
        var imported = new TerraformVariable(stack, "imported_bucket_arn", new TerraformVariableConfig { Type = "string" });
        var document = new DataAwsIamPolicyDocument(stack, "ReadImported", new DataAwsIamPolicyDocumentConfig
        {
            Statement = new[] { new DataAwsIamPolicyDocumentStatement { Sid = "ReadImported", Actions = new[] { "s3:GetObject" }, Resources = new[] { imported.StringValue } } },
        });
        var role = new IamRole(stack, "Role", new IamRoleConfig
        {
            Name = "reader",
            AssumeRolePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        });
        new IamRolePolicy(stack, "ReadPolicy", new IamRolePolicyConfig { Role = role.Name, Policy = document.Json });
        var json = SynthHarness.Synth(stack);
        var workspace = TerraformWorkspace.Prepare(TerraformSession.Current, "policy-imported-arn", json);
        using var sts = new FakeStsEndpoint("111111111111");

        var plan = workspace.SavePlan(sts, null, "-var", "imported_bucket_arn=*");

        Assert.That(PolicyHarness.Findings(stack), Is.Empty, "the synthesized JSON only says ${var.imported_bucket_arn}");
        var report = PolicyPack.Default.Evaluate(SynthesizedStack.FromPlan("test", plan, json.Root), PolicySuppressions.Of(stack));
        var address = $"data.aws_iam_policy_document.{json.DataSources("aws_iam_policy_document").Keys.Single()}";
        Assert.That(PolicyHarness.Lines(report.Findings), Is.EqualTo(new[]
        {
            PolicyHarness.Line("MLOPS-IAM-2", address, "test/ReadImported", "Statement ReadImported: allows s3:GetObject on *."),
        }));
    }

    /// <summary>Each (rule, outcome, address, construct path) the rules give; inside modules only when not <paramref name="rootOnly"/>.</summary>
    private static List<string> Outcomes(IEnumerable<PolicyRule> rules, SynthesizedStack stack, bool rootOnly = false) =>
        rules.SelectMany(rule => rule.Evaluate(stack)
                .Where(r => !rootOnly || r.Element.Module is null)
                .Select(r => $"{rule.Id} {r.Outcome} {r.Element.Address} {r.Element.ConstructPath} {r.Detail}"))
            .ToList();

    /// <summary>The stack's saved plan (a destroy plan of <paramref name="destroy"/> when given) as <c>terraform show -json</c> prints it.</summary>
    private static JsonObject Plan(string name, IReadOnlyCollection<string>? destroy = null)
    {
        var environment = Catalog.All.Single(e => Platform(e) == name);
        TerraformWorkspace workspace;
        lock (Gate)
        {
            if (!Workspaces.TryGetValue(name, out workspace!))
            {
                workspace = TerraformWorkspace.Prepare(TerraformSession.Current, $"{name}-policy", AppSynth.Stack(name));
                Workspaces[name] = workspace;
            }
        }

        using var sts = new FakeStsEndpoint(environment.Aws.AccountId);
        var plan = workspace.SavePlan(sts, destroy);
        Assert.That(sts.Refused, Is.Empty, "the plan called AWS APIs the offline plan does not answer");
        return plan;
    }

    private static string Platform(DeploymentEnvironment env) => MlopsStack.StackName(AwsPlatformStack.Cloud, env);
}
