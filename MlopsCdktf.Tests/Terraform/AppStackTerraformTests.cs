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

    public static IEnumerable<TestCaseData> PlatformStacks() =>
        MlopsCdktf.Environments.Catalog.All.Select(e => MlopsCdktf.Stacks.MlopsStack.StackName(MlopsCdktf.Stacks.AwsPlatformStack.Cloud, e)).Select(n => new TestCaseData(n).SetArgDisplayNames(n));

    public static IEnumerable<TestCaseData> ServingStacks() =>
        TerraformCheckedStacks.ServingStacks().Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));
}
