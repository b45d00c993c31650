using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>The real terraform on every AWS stack the app synthesizes (<see cref="TerraformCheckedStacks"/>).</summary>
internal sealed class AppStackTerraformTests : TerraformStackTestsBase<TerraformCheckedStacks>
{
    [TestCaseSource(nameof(ServingStacks))]
    public void Serving_plan_fails_naming_the_archive_when_the_model_version_is_not_published(string name)
    {
        var stack = Named(name);
        var workspace = Workspace(name);
        var schema = TerraformSession.Current.AwsSchema(workspace.Directory);
        var file = AwsPlanChecks.Build(workspace.Json, schema, stack.Context() with { ArchivePublished = false }, []);

        var result = workspace.Test(file);

        Assert.That(result.ExitCode, Is.Not.Zero, $"the plan of {name} passed without its model archive:\n{result.Output}");
        var archive = workspace.Json.DataSources("aws_s3_objects").Values.Single()["prefix"]!.GetValue<string>();
        Assert.That(result.Output, Does.Contain("is not published").And.Contain(archive), result.Output);
    }

    [TestCaseSource(nameof(PlatformStacks))]
    public void Notebooks_and_flow_logs_wait_for_their_role_policies(string name) => AssertModulesWaitForTheirPolicies(name);

    /// <summary>
    /// The stack folder as synthesis leaves it (<c>cdk.tf.json</c> and <c>assets/</c>), copied alone to a fresh folder with
    /// no repository around it, initialises (<c>-backend=false</c>) and validates: a CI artifact or a package consumer's
    /// output needs nothing else.
    /// </summary>
    [TestCaseSource(nameof(PlatformStacks))]
    public void A_synthesized_stack_folder_is_self_contained(string name)
    {
        var workspace = TerraformWorkspace.PrepareCopyOf(TerraformSession.Current, name, AppSynth.StackFolder(name));
        Assert.That(LocalModuleSources.Modules(workspace.Json).Select(m => m.Module).Distinct(), Is.EquivalentTo(new[] { "aws-network", "sagemaker-notebook" }));

        var validation = workspace.Validate();

        Assert.That(validation.Diagnostics, Is.Empty, $"terraform validate of the copied {name} folder:\n  {string.Join("\n  ", validation.Diagnostics)}");
        Assert.That(validation.Valid, Is.True);
    }

    public static IEnumerable<TestCaseData> PlatformStacks() =>
        MlopsCdktf.Environments.Catalog.All.Select(e => MlopsCdktf.Stacks.MlopsStack.StackName(MlopsCdktf.Stacks.AwsPlatformStack.Cloud, e)).Select(n => new TestCaseData(n).SetArgDisplayNames(n));

    public static IEnumerable<TestCaseData> ServingStacks() =>
        TerraformCheckedStacks.ServingStacks().Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));
}
