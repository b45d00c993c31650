using System.Text.RegularExpressions;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-IAM-3: no AWS managed <c>*FullAccess</c> policy is attached to a role, user or group.</summary>
public sealed partial class IamNoFullAccessManagedPolicyRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-IAM-3";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "An AWS managed *FullAccess policy is attached.";

    /// <inheritdoc />
    public override string Explanation =>
        "AWS managed FullAccess policies (AmazonS3FullAccess, AmazonSageMakerFullAccess, ...) grant every action on "
        + "every resource of a service and change when AWS updates them; grant least-privilege inline policies instead.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } =
        ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var arn = JsonValues.Text(resource.Attributes["policy_arn"]);
        return CompliantIf(arn is null || !FullAccessArn().IsMatch(arn), resource, $"policy_arn is {arn}.");
    }

    // arn:aws:iam::aws:policy/AmazonS3FullAccess, also with a partition reference or a path (.../service-role/...).
    [GeneratedRegex(@":iam::aws:policy/(?:[^/]+/)*[A-Za-z0-9_+=,.@-]*FullAccess$")]
    private static partial Regex FullAccessArn();
}
