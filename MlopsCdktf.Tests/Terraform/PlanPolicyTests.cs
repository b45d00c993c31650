using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsIamPolicyDocument;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Environments;
using MlopsCdktf.Policy;
using MlopsCdktf.Policy.Model;
using MlopsCdktf.Policy.Rules.Common;
using MlopsCdktf.Policy.Rules.Plan;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Policy;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// The policy pack over REAL saved plans (<c>terraform plan -out</c>, then <c>terraform show -json</c>, offline: the
/// provider's STS, ECR and S3 reads answered locally) of every AWS stack the app has — platform and serving of each
/// environment (a serving stack planned as after its platform was applied: the platform's outputs in a state file where
/// its remote state points) and the state bucket: the same rule outcomes as over the synthesized JSON, each at its
/// construct path, plus what only a plan shows (module internals, values references resolve to, what it deletes).
/// </summary>
[Category(TestTiers.Terraform)]
[NonParallelizable]
internal sealed class PlanPolicyTests
{
    /// <summary>A rule a team adds to the pack (the seed's classification rule, for keys): it fires on real resources of
    /// every stack, in both modes, so findings and suppressions are compared on something.</summary>
    private static readonly AttributeRule KeyClassification = new("MLOPS-TEAM-1", PolicyLevel.Warning,
        "KMS key without a DataClassification tag.", "Key owners classify what a key protects, so an access review knows what it guards.",
        "aws_kms_key", "tags.DataClassification", AttributeExpectation.IsSet);

    private static readonly PolicyPack TeamPack = new([.. PolicyPack.Default.Rules, KeyClassification]);
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, TerraformWorkspace> Workspaces = [];
    private static readonly Dictionary<string, SavedPlan> Plans = [];

    /// <summary>Every AWS stack terraform plans here (<see cref="TerraformCheckedStacks"/>).</summary>
    public static IEnumerable<TestCaseData> AwsStacks() =>
        TerraformCheckedStacks.All.Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));

    public static IEnumerable<TestCaseData> Environments() =>
        Catalog.All.Select(e => new TestCaseData(e.Name).SetArgDisplayNames(e.Name));

    [TestCaseSource(nameof(AwsStacks))]
    public void A_real_plan_gets_the_same_rule_outcomes_as_the_synthesized_json_at_the_same_construct_paths(string name)
    {
        var json = TerraformCheckedStacks.Named(name).Synthesize();
        var plan = Plan(name).Json;

        var synthesized = SynthesizedStack.Parse(name, json.Root);
        var planned = SynthesizedStack.FromPlan(name, plan, json.Root);

        // Every rule of both modes: (rule, outcome, address, construct path) for each root element it checked.
        var both = PolicyPack.Default.Rules.Where(r => r.Modes == PolicyModes.Both).ToList();
        var fromJson = Outcomes(both, synthesized);
        var fromPlan = Outcomes(both, planned, rootOnly: true);
        Assert.That(fromJson, Has.Count.GreaterThan(5), "the synthesized stack gave the rules little to check");
        Assert.That(fromPlan, Is.EquivalentTo(fromJson), "rule outcomes differ between the plan and the synthesized JSON");

        // Construct paths of the plan's root elements come from the stack's metadata, never the fallback.
        var paths = synthesized.Elements.ToDictionary(e => e.Address, e => e.ConstructPath);
        foreach (var element in planned.Elements.Where(e => e.Module is null))
        {
            Assert.That(element.ConstructPath, Is.EqualTo(paths[element.Address]), element.Address);
        }

        // Only the plan sees inside the library's modules: their resources take the module construct's path.
        var modules = LocalModuleSources.Modules(json).Select(m => TerraformJson.ConstructPath(json.Root["module"]![m.Name]!.AsObject())).ToList();
        Assert.That(planned.Elements.Where(e => e.Module is not null).Select(e => e.ConstructPath).Distinct(), Is.EquivalentTo(modules));
        var report = PolicyPack.Default.Evaluate(planned, []);
        Assert.That(PolicyHarness.Lines(report.Findings), Is.Empty, "the app's stacks pass in plan mode too");
        // The plan-only rule looked at every data-holding resource the plan creates, and found nothing deleted.
        var dataHolding = planned.Changes!.Count(c => DataResourceDeletionRule.DataHoldingTypes.ContainsKey(c.Element.Type));
        Assert.That(dataHolding, Is.EqualTo(CheckedStacks.DataHoldingAddresses(json).Count));
        Assert.That(report.CompliantChecks, Is.GreaterThan(fromJson.Count(o => o.Contains(" Compliant ", StringComparison.Ordinal)) + dataHolding - 1));
    }

    /// <summary>
    /// The issue's Done-when, per environment: over the plans of its AWS stacks, plan mode reports every finding synth mode
    /// reports on the same stack (a team rule makes some), plus only plan-only ones, each at a construct path of the stack,
    /// and a construct-level suppression covers the same findings in both modes.
    /// </summary>
    [TestCaseSource(nameof(Environments))]
    public void Plan_mode_reports_the_findings_of_synth_mode_plus_plan_only_ones_and_suppressions_hold_in_both(string env)
    {
        var environment = Catalog.All.Single(e => e.Name == env);
        var stacks = MlopsApplication.Compose(SynthHarness.NewApp(), [environment]);
        string[] names = [Platform(environment), Serving(environment)];
        var platform = stacks.Single(s => s.Node.Id == names[0]);
        PolicySuppressions.Suppress(platform.Node.FindChild("ModelArtifacts"), KeyClassification.Id, "The artifact key is classified by the bucket's own tag", TeamPack);
        var stacksFolder = Path.GetDirectoryName(AppSynth.StackFolder(names[0]))!;

        var planReports = PolicyPlan.Evaluate(stacks, names.Select(n => (n, Plan(n).Json)), stacksFolder, TeamPack);

        foreach (var (name, planReport) in names.Zip(planReports))
        {
            var synthReport = TeamPack.Evaluate(stacks.Single(s => s.Node.Id == name), SynthesizedStack.Parse(name, AppSynth.Stack(name).Root));
            Assert.That(planReport.StackName, Is.EqualTo(name));
            Assert.That(synthReport.Findings.Select(f => f.RuleId), Has.Some.EqualTo(KeyClassification.Id), $"{name}: the team rule found nothing to compare");
            Assert.That(Lines(planReport.Findings), Is.SupersetOf(Lines(synthReport.Findings)), $"{name}: plan mode lost a finding of synth mode");
            var planOnly = planReport.Findings.Except(synthReport.Findings).ToList();
            Assert.That(planOnly.Where(f => TeamPack.Find(f.RuleId)!.Modes != PolicyModes.Plan && !f.ResourceAddress.StartsWith("module.", StringComparison.Ordinal)),
                Is.Empty, $"{name}: plan mode found more at the root with a rule of both modes");
            Assert.That(planReport.Findings.Concat(planReport.Suppressed.Select(s => s.Finding)).Select(f => f.ConstructPath),
                Has.All.StartWith(name + "/"), $"{name}: every finding names a construct of the stack");
            Assert.That(Lines(planReport.Suppressed.Select(s => s.Finding)), Is.EquivalentTo(Lines(synthReport.Suppressed.Select(s => s.Finding))),
                $"{name}: a suppression covered other findings in plan mode");
        }

        Assert.That(planReports[0].Suppressed.Select(s => s.Finding.ConstructPath), Is.EqualTo(new[] { $"{names[0]}/ModelArtifacts/Key" }));
        Assert.That(planReports[1].Findings.Select(f => f.ConstructPath), Is.EqualTo(new[] { $"{names[1]}/ModelEndpoint/Key" }));
    }

    [Test]
    public void A_destroy_plan_deleting_the_staging_artifact_bucket_is_an_error_at_its_construct_path_and_a_suppression_holds()
    {
        var name = Platform(Catalog.Staging);
        var json = AppSynth.Stack(name);
        var dataHolding = CheckedStacks.DataHoldingAddresses(json);
        var plan = Plan(name, dataHolding).Json;
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

    /// <summary>
    /// The serving stack grants its endpoint's role the platform's repository by the ARN it reads from the platform's
    /// state. Where that output resolves to <c>*</c> (a hand-edited output, an import gone wrong), only the plan sees the
    /// role may pull every image in the account: an error at the policy document's construct path, which a suppression on
    /// the role covers.
    /// </summary>
    [Test]
    public void A_remote_state_repository_arn_that_resolves_to_a_wildcard_is_found_in_the_serving_plan_only()
    {
        var name = Serving(Catalog.Staging);
        var plan = WildcardRepositoryPlan().Json;
        var stacks = MlopsApplication.Compose(SynthHarness.NewApp(), [Catalog.Staging]);
        var stacksFolder = Path.GetDirectoryName(AppSynth.StackFolder(name))!;

        var report = PolicyPlan.Evaluate(stacks, [(name, plan)], stacksFolder, PolicyPack.Default).Single();

        var json = AppSynth.Stack(name);
        var document = json.DataSources("aws_iam_policy_document").Single(d => d.Key.Contains("GrantPull", StringComparison.Ordinal));
        var path = TerraformJson.ConstructPath(document.Value)!;
        Assert.That(path, Does.StartWith($"{name}/ModelEndpoint/ExecutionRole/"));
        Assert.That(PolicyHarness.Lines(report.Findings), Is.EqualTo(new[]
        {
            PolicyHarness.Line("MLOPS-IAM-2", $"data.aws_iam_policy_document.{document.Key}", path,
                "Statement PullModelImages: allows ecr:BatchCheckLayerAvailability, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer on *."),
        }));
        Assert.That(PolicyPack.Default.Evaluate(stacks.Single(s => s.Node.Id == name), SynthesizedStack.Parse(name, json.Root)).Findings, Is.Empty,
            "the synthesized JSON only names the remote state's output");
        var location = new PolicyPlan.SourceLocator(stacks, stacksFolder).Locate(report.Findings.Single());
        Assert.That(location!.Uri, Is.EqualTo("MlopsCdktf/Stacks/AwsServingStack.cs"));
        Assert.That(File.ReadAllLines(Path.Combine(RepoPaths.Root, location.Uri))[location.Line!.Value - 1], Does.Contain("new SageMakerEndpoint(this, \"ModelEndpoint\""));

        var endpoint = stacks.Single(s => s.Node.Id == name).Node.FindChild("ModelEndpoint");
        PolicySuppressions.Suppress(endpoint.Node.FindChild("ExecutionRole"), "MLOPS-IAM-2", "The registry holds this model's images only (a registry per model)");
        var suppressed = PolicyPlan.Evaluate(stacks, [(name, plan)], stacksFolder, PolicyPack.Default).Single();

        Assert.That(suppressed.Findings, Is.Empty);
        Assert.That(suppressed.Suppressed.Select(s => s.Finding.ConstructPath), Is.EqualTo(new[] { path }));
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
        using var aws = new FakeAwsEndpoint("111111111111");

        var plan = workspace.SavePlan(aws, null, "-var", "imported_bucket_arn=*").Json;

        Assert.That(PolicyHarness.Findings(stack), Is.Empty, "the synthesized JSON only says ${var.imported_bucket_arn}");
        var report = PolicyPack.Default.Evaluate(SynthesizedStack.FromPlan("test", plan, json.Root), PolicySuppressions.Of(stack));
        var address = $"data.aws_iam_policy_document.{json.DataSources("aws_iam_policy_document").Keys.Single()}";
        Assert.That(PolicyHarness.Lines(report.Findings), Is.EqualTo(new[]
        {
            PolicyHarness.Line("MLOPS-IAM-2", address, "test/ReadImported", "Statement ReadImported: allows s3:GetObject on *."),
        }));
    }

    /// <summary>
    /// <c>make policy-plan ENV=staging PLANS=&lt;folder&gt;</c> as after <c>make diff ENV=staging PLAN_DIR=&lt;folder&gt;</c>:
    /// the saved plans of every AWS stack of staging (the serving one with the wildcard repository ARN), each converted by
    /// the real terraform in its stack folder under OUT. The command names the finding at its construct path, fails, and
    /// writes the JSON report and SARIF locating it in the serving stack's source.
    /// </summary>
    [Test]
    [Category(TestTiers.Delivery)]
    public void Make_policy_plan_converts_and_evaluates_the_saved_plans_of_every_aws_stack_of_an_environment()
    {
        var session = TerraformSession.Current;
        var environment = Catalog.Staging;
        var work = Directory.CreateTempSubdirectory("mlops-policy-plan-").FullName;
        var plans = Directory.CreateDirectory(Path.Combine(work, "plans")).FullName;
        var stacksFolder = Directory.CreateDirectory(Path.Combine(work, "cdktf.out", "stacks")).FullName;
        foreach (var (name, saved) in new[] { (Platform(environment), Plan(Platform(environment))), (Serving(environment), WildcardRepositoryPlan()) })
        {
            // make diff leaves each plan next to the others and the initialised stack folder under OUT.
            File.Copy(saved.File, Path.Combine(plans, name + ".tfplan"));
            Directory.CreateSymbolicLink(Path.Combine(stacksFolder, name), Path.GetDirectoryName(saved.File)!);
        }

        var environmentVariables = new Dictionary<string, string?>(session.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
        {
            ["PATH"] = Path.GetDirectoryName(session.Installation.Binary) + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? Environment.GetEnvironmentVariable("HOME"),
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".nuget", "packages"),
        };
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)
                     || k.StartsWith("MLOPS_", StringComparison.Ordinal) || k is "ENV" or "STATE" or "OUT" or "PLAN_DIR" or "PLANS"))
        {
            environmentVariables[key] = null;
        }

        var run = ChildProcess.Run(RepoPaths.Root, environmentVariables, TimeSpan.FromMinutes(10),
            "make", "--no-print-directory", "policy-plan", $"ENV={environment.Name}", $"PLANS={plans}", $"OUT={Path.Combine(work, "cdktf.out")}");

        var serving = AppSynth.Stack(Serving(environment));
        var document = serving.DataSources("aws_iam_policy_document").Single(d => d.Key.Contains("GrantPull", StringComparison.Ordinal));
        // The app exits 1 on an unsuppressed error; make reports the failed recipe with its own 2.
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain("Policy check failed: 1 error(s), 0 warning(s) in 2 stack(s); the plan must not be applied."));
        Assert.That(run.Output, Does.Contain($"policy-plan: 2 plan(s) of {Platform(environment)}, {Serving(environment)}: 1 error(s), 0 warning(s), 0 suppressed"));
        Assert.That(run.Output, Does.Contain(TerraformJson.ConstructPath(document.Value)).And.Contain("MLOPS-IAM-2"));
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(plans, PolicyReportJson.FileName)))!.ToJsonString();
        Assert.That(report, Does.Contain(Platform(environment)).And.Contain(Serving(environment)).And.Contain($"data.aws_iam_policy_document.{document.Key}"));
        var sarif = JsonNode.Parse(File.ReadAllText(Path.Combine(plans, PolicySarif.FileName)))!;
        var result = sarif["runs"]![0]!["results"]!.AsArray().Single()!;
        Assert.That(result["ruleId"]!.GetValue<string>(), Is.EqualTo("MLOPS-IAM-2"));
        Assert.That(result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>(), Is.EqualTo("MlopsCdktf/Stacks/AwsServingStack.cs"));
        Directory.Delete(work, recursive: true);
    }

    /// <summary>Each (rule, outcome, address, construct path) the rules give; inside modules only when not <paramref name="rootOnly"/>.</summary>
    private static List<string> Outcomes(IEnumerable<PolicyRule> rules, SynthesizedStack stack, bool rootOnly = false) =>
        rules.SelectMany(rule => rule.Evaluate(stack)
                .Where(r => !rootOnly || r.Element.Module is null)
                .Select(r => $"{rule.Id} {r.Outcome} {r.Element.Address} {r.Element.ConstructPath} {r.Detail}"))
            .ToList();

    private static IEnumerable<string> Lines(IEnumerable<PolicyFinding> findings) =>
        findings.Select(f => $"{f.RuleId} {f.ResourceAddress} {f.ConstructPath}: {f.Message}");

    /// <summary>
    /// The stack's saved plan (a destroy plan of <paramref name="destroy"/> when given), made once per run, in a workspace
    /// of its own where the outputs of the stacks it reads are written as the plan checks give them
    /// (<see cref="TerraformCheckedStacks"/>' context of the stack).
    /// </summary>
    private static SavedPlan Plan(string name, IReadOnlyCollection<string>? destroy = null)
    {
        var stack = TerraformCheckedStacks.Named(name);
        lock (Gate)
        {
            if (destroy is null && Plans.TryGetValue(name, out var saved))
            {
                return saved;
            }

            var context = stack.Context();
            if (!Workspaces.TryGetValue(name, out var workspace))
            {
                workspace = TerraformWorkspace.Prepare(TerraformSession.Current, $"{name}-policy", stack.Synthesize());
                workspace.WriteRemoteStates(context.RemoteStates);
                Workspaces[name] = workspace;
            }

            var plan = SavePlan(workspace, context, destroy);
            if (destroy is null)
            {
                Plans[name] = plan;
            }

            return plan;
        }
    }

    /// <summary>Staging's serving plan where the platform's repository ARN output reads back as <c>*</c>.</summary>
    private static SavedPlan WildcardRepositoryPlan()
    {
        const string key = "serving-wildcard-repository";
        lock (Gate)
        {
            if (Plans.TryGetValue(key, out var saved))
            {
                return saved;
            }

            var name = Serving(Catalog.Staging);
            var context = TerraformCheckedStacks.Named(name).Context();
            var remoteStates = context.RemoteStates.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<string, object>)r.Value.ToDictionary(
                o => o.Key, o => o.Key.StartsWith("cross-stack-output-aws_ecr_repository", StringComparison.Ordinal) && o.Key.EndsWith("arn", StringComparison.Ordinal) ? "*" : o.Value));
            Assert.That(remoteStates.Values.Single().Values.Count(v => Equals(v, "*")), Is.EqualTo(1), "the platform publishes one repository ARN");
            var workspace = TerraformWorkspace.Prepare(TerraformSession.Current, $"{name}-policy-wildcard", AppSynth.Stack(name));
            workspace.WriteRemoteStates(remoteStates);
            return Plans[key] = SavePlan(workspace, context, null);
        }
    }

    private static SavedPlan SavePlan(TerraformWorkspace workspace, AwsPlanContext context, IReadOnlyCollection<string>? destroy)
    {
        using var aws = new FakeAwsEndpoint(context.AccountId, context.ArchivePublished);
        // The aliases the stack reads exist, as after the stack creating them was applied (a run's cluster key).
        aws.KmsAliases.AddRange(workspace.Json.DataSources("aws_kms_alias").Values.Select(a => a["name"]!.GetValue<string>()));
        var plan = workspace.SavePlan(aws, destroy);
        Assert.That(aws.Refused, Is.Empty, "the plan called AWS APIs the offline plan does not answer");
        return plan;
    }

    private static string Platform(DeploymentEnvironment env) => MlopsStack.StackName(AwsPlatformStack.Cloud, env);

    private static string Serving(DeploymentEnvironment env) => MlopsStack.StackName(AwsServingStack.Cloud, env);
}
