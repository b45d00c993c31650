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

    /// <summary>
    /// The flow logs of each <c>aws-network</c> module: a flow log of all traffic delivered by the module's role to the
    /// log group it creates, that group encrypted with <paramref name="key"/> (an HCL expression) and kept
    /// <paramref name="retentionDays"/>, and the role's policy naming that group only (plus the account's groups for
    /// DescribeLogGroups). A module without the <c>flow_logs</c> input must plan to no flow log.
    /// </summary>
    public static IEnumerable<PlanAssertion> FlowLogs(TerraformJson json, string key, int retentionDays, string region, string accountId)
    {
        var networks = LocalModuleSources.Modules(json).Where(m => m.Module == "aws-network").ToList();
        Assert.That(networks, Is.Not.Empty, "the stack has no aws-network module");
        foreach (var (name, _) in networks)
        {
            var logs = $"module.{name}.flow_logs";
            if (json.Root["module"]![name]!["flow_logs"] is null)
            {
                // Flow logs turned off: the module's optional input must plan cleanly to nothing.
                yield return new PlanAssertion($"{logs} == null", $"{logs}: a network without flow logs has none", ComparesIdentifiers: false);
                continue;
            }

            var group = Hcl.String($"arn:aws:logs:{region}:{accountId}:log-group:{json.Root["module"]![name]!["flow_logs"]!["log_group_name"]!.GetValue<string>()}");
            yield return new PlanAssertion(
                $"{logs}.log_destination == {logs}.log_group_arn && {logs}.iam_role_arn == {logs}.role_arn && {logs}.traffic_type == \"ALL\"",
                $"{logs}: the flow log must record all traffic into the module's log group through the module's role");
            yield return new PlanAssertion($"{logs}.kms_key_id == {key} && {logs}.retention_in_days == {retentionDays}",
                $"{logs}: the log group must be encrypted with {key} and kept {retentionDays} days");
            yield return new PlanAssertion(
                $"alltrue([for s in jsondecode({logs}.role_policy).Statement : alltrue([for r in flatten([s.Resource]) : (r == {group} || r == \"${{{group}}}:log-stream:*\") || (s.Sid == \"FindFlowLogGroup\" && endswith(r, \":log-group:*\"))])])"
                + $" && anytrue([for s in jsondecode({logs}.role_policy).Statement : contains(flatten([s.Action]), \"logs:PutLogEvents\")])",
                $"{logs}: the delivery role may write to its log group only");
        }
    }

    /// <summary>
    /// The execution role of each <c>sagemaker-notebook</c> module lets SageMaker create the notebook's network interface
    /// in the notebook's subnet and security groups (in <paramref name="region"/> and <paramref name="accountId"/>), manage
    /// the interfaces it created, and describe the VPC.
    /// </summary>
    public static IEnumerable<PlanAssertion> NotebookNetworkInterfaces(TerraformJson json, string region, string accountId)
    {
        var notebooks = LocalModuleSources.Modules(json).Where(m => m.Module == "sagemaker-notebook").ToList();
        Assert.That(notebooks, Is.Not.Empty, "the stack has no sagemaker-notebook module");
        foreach (var (name, _) in notebooks)
        {
            var block = json.Root["module"]![name]!;
            var ec2 = $"arn:aws:ec2:{region}:{accountId}";
            var policy = $"jsondecode(module.{name}.role_policy).Statement";
            var subnet = $"\"{ec2}:subnet/${{{Expression(block["subnet_id"]!.GetValue<string>())}}}\"";
            var groups = block["security_group_ids"]!.AsArray().Select(g => $"\"{ec2}:security-group/${{{Expression(g!.GetValue<string>())}}}\"");
            yield return new PlanAssertion(
                $"anytrue([for s in {policy} : s.Sid == \"CreateNotebookNetworkInterface\" && contains(flatten([s.Action]), \"ec2:CreateNetworkInterface\")"
                + $" && contains(flatten([s.Resource]), {subnet}) && contains(flatten([s.Resource]), \"{ec2}:network-interface/*\")"
                + string.Concat(groups.Select(g => $" && contains(flatten([s.Resource]), {g})")) + "])",
                $"module.{name}: the notebook's role must create its network interface in the notebook's subnet and security groups");
            yield return new PlanAssertion(
                $"anytrue([for s in {policy} : contains(flatten([s.Action]), \"ec2:DeleteNetworkInterface\") && contains(flatten([s.Action]), \"ec2:CreateNetworkInterfacePermission\") && contains(flatten([s.Resource]), \"{ec2}:network-interface/*\")])"
                + $" && anytrue([for s in {policy} : contains(flatten([s.Action]), \"ec2:DescribeSubnets\") && contains(flatten([s.Action]), \"ec2:DescribeNetworkInterfaces\")])",
                $"module.{name}: the notebook's role must manage the network interfaces SageMaker creates and describe the VPC");
        }
    }

    /// <summary>A module input as an HCL expression: the inside of <c>${...}</c>, or a quoted literal.</summary>
    private static string Expression(string value) =>
        value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}') ? value[2..^1] : Hcl.String(value);
}
