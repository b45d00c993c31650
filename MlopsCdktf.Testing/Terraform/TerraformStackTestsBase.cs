using System.Collections.Concurrent;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// The real terraform and hashicorp/aws provider judge every AWS stack: <c>terraform validate</c> with no error and no
/// warning, an offline <c>terraform test</c> plan asserting the wiring that matters, and for the app's stacks a destroy
/// plan proving the deletion policy. Stacks run two at a time; synthesis (jsii) runs one at a time. Each test assembly
/// derives a fixture for its own stacks (<typeparamref name="TSet"/>).
/// </summary>
[Category("Terraform")]
[Parallelizable(ParallelScope.Children)]
internal abstract class TerraformStackTestsBase<TSet>
    where TSet : ICheckedStackSet
{
    private static readonly Lock SynthGate = new();
    private static readonly ConcurrentDictionary<string, Lazy<TerraformWorkspace>> Workspaces = new();

    public static IEnumerable<TestCaseData> Stacks() =>
        TSet.All.Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));

    public static IEnumerable<TestCaseData> DestroyChecked() =>
        TSet.All.Where(s => s.Destroy != DestroyExpectation.NotChecked)
            .Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(Stacks))]
    public void Terraform_validates_with_no_errors_and_no_warnings(string name)
    {
        var validation = Workspace(name).Validate();

        Assert.That(validation.Diagnostics, Is.Empty,
            $"terraform validate of {name} (warnings, deprecations included, count as failures):\n  {string.Join("\n  ", validation.Diagnostics)}");
        Assert.That(validation.Valid, Is.True);
    }

    [TestCaseSource(nameof(Stacks))]
    public void Terraform_plans_offline_with_the_wiring_asserted(string name)
    {
        var stack = Named(name);
        var workspace = Workspace(name);
        var schema = TerraformSession.Current.AwsSchema(workspace.Directory);
        var file = AwsPlanChecks.Build(workspace.Json, schema, stack.Context(), stack.Expectations(workspace.Json));

        var result = workspace.Test(file);

        Assert.That(result.ExitCode, Is.Zero, $"terraform test of {name} failed:\n{result.Output}\n--- tests/plan.tftest.hcl ---\n{file.Render()}");
        Assert.That(result.Output, Does.Contain("2 passed, 0 failed"), result.Output);
        Assert.That(file.Assertions, Has.Count.GreaterThan(1), "the plan asserted nothing of substance");
    }

    [TestCaseSource(nameof(DestroyChecked))]
    public void Terraform_destroy_plan_follows_the_deletion_policy(string name)
    {
        var stack = Named(name);
        var workspace = Workspace(name);
        var dataHolding = CheckedStacks.DataHoldingAddresses(workspace.Json);
        Assert.That(dataHolding, Is.Not.Empty, $"{name} holds no data-holding resource to protect");

        var plan = workspace.PlanDestroy(dataHolding);

        if (stack.Destroy == DestroyExpectation.Refused)
        {
            Assert.That(plan.Result.ExitCode, Is.Not.Zero, $"terraform planned to destroy {name}'s data:\n{plan.Result.Output}");
            Assert.That(plan.Protected, Is.EquivalentTo(dataHolding), $"each data-holding resource must be refused with 'Instance cannot be destroyed':\n{plan.Result.Output}");
        }
        else
        {
            plan.Result.AssertSucceeded();
            Assert.That(plan.Protected, Is.Empty);
            Assert.That(plan.Deleted, Is.EquivalentTo(dataHolding), plan.Result.Output);
        }
    }

    /// <summary>
    /// In Terraform's own dependency graph of stack <paramref name="name"/>, each notebook (both copies) waits for its
    /// role's policy (CreateNotebookInstance checks the role's permissions; deleting the notebook deletes its network
    /// interface as the role) and each flow log for its delivery role's policy.
    /// </summary>
    protected static void AssertModulesWaitForTheirPolicies(string name)
    {
        var workspace = Workspace(name);
        var edges = workspace.DependencyEdges();
        var expected = LocalModuleSources.Modules(workspace.Json).SelectMany(m => m.Module switch
        {
            "sagemaker-notebook" => new[] { "protected", "unprotected" }.Select(copy =>
                ($"module.{m.Name}.aws_sagemaker_notebook_instance.{copy}", $"module.{m.Name}.aws_iam_role_policy.notebook")),
            "aws-network" => [($"module.{m.Name}.aws_flow_log.this", $"module.{m.Name}.aws_iam_role_policy.flow_logs")],
            _ => [],
        }).ToList();

        Assert.That(expected, Has.Count.GreaterThanOrEqualTo(3), $"{name} has no notebook and network module to check");
        Assert.That(edges, Is.SupersetOf(expected), $"terraform graph of {name}:\n  {string.Join("\n  ", edges.Select(e => $"{e.From} -> {e.To}"))}");
    }

    protected static CheckedStack Named(string name) => TSet.All.Single(s => s.Name == name);

    /// <summary>The stack synthesized (one at a time: jsii) and initialised in its own folder, once per run.</summary>
    protected static TerraformWorkspace Workspace(string name)
    {
        var session = TerraformSession.Current;
        return Workspaces.GetOrAdd(name, n => new Lazy<TerraformWorkspace>(() =>
        {
            TerraformJson json;
            lock (SynthGate)
            {
                json = Named(n).Synthesize();
            }

            return TerraformWorkspace.Prepare(session, n, json);
        })).Value;
    }
}
