using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>What a destroy plan of a stack must show.</summary>
internal enum DestroyExpectation
{
    /// <summary>No destroy plan for this stack.</summary>
    NotChecked,

    /// <summary>Every data-holding resource is refused ("Instance cannot be destroyed").</summary>
    Refused,

    /// <summary>The plan succeeds and deletes every data-holding resource.</summary>
    Allowed,
}

/// <summary>A stack Terraform validates and plans: how to synthesize it, where it is planned, what its plan must show.</summary>
/// <remarks><paramref name="Context"/> is evaluated after <paramref name="Synthesize"/> (it may read other stacks of the same app).</remarks>
internal sealed record CheckedStack(
    string Name,
    Func<TerraformJson> Synthesize,
    Func<AwsPlanContext> Context,
    Func<TerraformJson, IEnumerable<PlanAssertion>> Expectations,
    DestroyExpectation Destroy = DestroyExpectation.NotChecked)
{
    public override string ToString() => Name;
}

/// <summary>The stacks one test assembly hands to the real terraform (see <see cref="TerraformStackTestsBase{TSet}"/>).</summary>
internal interface ICheckedStackSet
{
    static abstract IReadOnlyList<CheckedStack> All { get; }
}

/// <summary>What both the construct and the app stack sets check the same way.</summary>
internal static class CheckedStacks
{
    /// <summary>Resource types that hold data a destroy would lose: the deletion policy must protect them.</summary>
    public static readonly IReadOnlySet<string> DataHoldingTypes =
        new HashSet<string> { "aws_s3_bucket", "aws_kms_key", "aws_ecr_repository", "aws_secretsmanager_secret" };

    /// <summary>
    /// The data-holding resources of a stack: those of <see cref="DataHoldingTypes"/> it declares, and the notebook instance
    /// inside each <c>sagemaker-notebook</c> module (the copy its <c>prevent_destroy</c> input selects).
    /// </summary>
    public static List<string> DataHoldingAddresses(TerraformJson json) =>
    [
        .. DataHoldingTypes.SelectMany(type => json.Resources(type).Keys.Select(n => $"{type}.{n}")),
        .. LocalModuleSources.Modules(json).Where(m => m.Module == "sagemaker-notebook").Select(m =>
            $"module.{m.Name}.aws_sagemaker_notebook_instance.{(json.Root["module"]![m.Name]!["prevent_destroy"]!.GetValue<bool>() ? "protected" : "unprotected")}[0]"),
    ];

    /// <summary>The notebook module's protection, as Terraform evaluates its input: on exactly where the data is protected.</summary>
    public static IEnumerable<PlanAssertion> NotebookProtection(TerraformJson json, bool expected) =>
        LocalModuleSources.Modules(json).Where(m => m.Module == "sagemaker-notebook").Select(m => new PlanAssertion(
            $"module.{m.Name}.protected == {(expected ? "true" : "false")}",
            $"the notebook must {(expected ? "" : "not ")}refuse destroy (prevent_destroy) here", ComparesIdentifiers: false));
}
