using System.Text.RegularExpressions;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>
/// The GitHub Actions workflow cannot run here; what can be checked is that it calls only what exists (make targets,
/// variables the delivery script reads) and keeps its promises: OIDC and no keys, unwrapped terraform exit codes, prod
/// after staging behind the approval environment, review environments destroyed on close, nightly drift.
/// </summary>
public sealed partial class WorkflowTests
{
    private static readonly string Workflow = File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", "infrastructure.yml"));

    /// <summary>The workflow without its comment lines: what runs.</summary>
    private static readonly string Commands = string.Join('\n', Workflow.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));

    private static string Job(string name)
    {
        var start = Workflow.IndexOf($"\n  {name}:\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), $"job {name}");
        var next = JobHeader().Match(Workflow, start + name.Length + 4);
        return next.Success ? Workflow[start..next.Index] : Workflow[start..];
    }

    [Test]
    public void Every_make_target_the_workflow_calls_exists_in_the_Makefile()
    {
        var makefile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Makefile"));
        var targets = MakeTarget().Matches(makefile).Select(m => m.Groups["target"].Value).ToHashSet();
        var called = MakeCall().Matches(Commands).Select(m => m.Groups["target"].Value).Distinct().ToList();

        Assert.That(called, Is.SupersetOf(new[] { "validate", "test", "synth", "list", "diff", "deploy", "destroy", "drift" }));
        Assert.That(called, Is.SubsetOf(targets), "the workflow calls a target the Makefile lacks");
    }

    [Test]
    public void Every_variable_the_workflow_passes_to_make_is_one_the_delivery_script_reads()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "deliver.sh"));
        var passed = MakeInvocation().Matches(Commands)
            .SelectMany(m => Assignment().Matches(m.Groups["args"].Value).Select(a => a.Groups["name"].Value)).Distinct().ToList();

        Assert.That(passed, Is.SupersetOf(new[] { "ENV", "STATE", "INFRA_VERSION", "STACKS", "PLAN_DIR", "AUTO_APPROVE", "OUT" }));
        foreach (var name in passed)
        {
            Assert.That(script, Does.Contain("${" + name).Or.Contain("$" + name + " "), $"scripts/deliver.sh does not read {name}");
        }
    }

    [Test]
    public void Credentials_come_from_OIDC_only_and_terraform_exit_codes_are_not_wrapped()
    {
        Assert.That(Workflow, Does.Not.Contain("aws-access-key-id").And.Not.Contain("AWS_SECRET_ACCESS_KEY").And.Not.Contain("credentials_json"));
        Assert.That(Regex.Count(Workflow, "role-to-assume: \\$\\{\\{ vars.AWS_ROLE_ARN \\}\\}"), Is.EqualTo(Regex.Count(Workflow, "aws-actions/configure-aws-credentials@")));
        Assert.That(Regex.Count(Workflow, "workload_identity_provider:"), Is.EqualTo(Regex.Count(Workflow, "google-github-actions/auth@")));
        foreach (var job in new[] { "plan", "review-deploy", "review-destroy", "deploy-staging", "deploy-prod", "drift" })
        {
            Assert.That(Job(job), Does.Contain("id-token: write"), job);
        }

        Assert.That(Regex.Count(Workflow, "terraform_wrapper: false"), Is.EqualTo(Regex.Count(Workflow, "hashicorp/setup-terraform@")),
            "the wrapper would hide plan -detailed-exitcode");
    }

    [Test]
    public void Merges_apply_staging_then_prod_behind_the_approval_environment_with_the_commit_as_infra_version()
    {
        Assert.That(Job("deploy-staging"), Does.Contain("environment: staging").And.Contain("make deploy ENV=staging STATE=remote INFRA_VERSION=${{ github.sha }}"));
        var prod = Job("deploy-prod");
        Assert.That(prod, Does.Contain("needs: deploy-staging").And.Contain("environment: production"));
        Assert.That(prod, Does.Contain("make deploy ENV=prod STATE=remote INFRA_VERSION=${{ github.sha }}"));
    }

    [Test]
    public void Pull_requests_plan_changed_stacks_with_plans_attached_and_closing_destroys_the_review_environment()
    {
        var plan = Job("plan");
        Assert.That(plan, Does.Contain("scripts/changed-stacks.sh").And.Contain("make diff").And.Contain("PLAN_DIR=").And.Contain("actions/upload-artifact"));
        Assert.That(File.Exists(Path.Combine(RepoPaths.Root, "scripts", "changed-stacks.sh")), Is.True);
        var destroy = Job("review-destroy");
        Assert.That(destroy, Does.Contain("github.event.action == 'closed'").And.Contain("make destroy ENV=pr${{ github.event.number }} STATE=remote"));
        Assert.That(Job("review-deploy"), Does.Contain("make deploy ENV=pr${{ github.event.number }} STATE=remote"));
    }

    [Test]
    public void Drift_runs_nightly_and_fails_loudly()
    {
        Assert.That(Workflow, Does.Match(@"schedule:\s*\n\s*- cron: "));
        var drift = Job("drift");
        Assert.That(drift, Does.Contain("make drift ENV=${{ matrix.env }} STATE=remote"));
        Assert.That(drift, Does.Contain("if: failure()").And.Contain("gh issue create"));
    }

    [GeneratedRegex(@"^(?<target>[a-z][a-z-]*):", RegexOptions.Multiline)]
    private static partial Regex MakeTarget();

    [GeneratedRegex(@"\bmake (--no-print-directory )?(?<target>[a-z][a-z-]*)")]
    private static partial Regex MakeCall();

    /// <summary>A make call with its arguments, continuation lines of a folded <c>run: &gt;</c> included.</summary>
    [GeneratedRegex(@"\bmake (--no-print-directory )?[a-z][a-z-]*(?<args>(?:(?:[ \t]+|\n[ \t]+)(?:[A-Z_]+=(?:""[^""]*""|\$\{\{[^}]*\}\}\S*|\S+)|--\S+))*)")]
    private static partial Regex MakeInvocation();

    [GeneratedRegex(@"(?<name>[A-Z_]+)=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\n  [a-z][a-z-]*:\n")]
    private static partial Regex JobHeader();
}
