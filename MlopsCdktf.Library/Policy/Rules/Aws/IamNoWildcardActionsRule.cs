namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-IAM-1: no Allow statement grants every action (<c>*</c>) or every action of a service (<c>s3:*</c>).</summary>
public sealed class IamNoWildcardActionsRule : IamStatementRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-IAM-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "An IAM policy allows all actions (*) or all actions of a service (e.g. s3:*).";

    /// <inheritdoc />
    public override string Explanation =>
        "Wildcard actions grant today's and tomorrow's permissions, including deletes, policy changes and key "
        + "administration; list the actions the workload needs (Deny statements may use wildcards).";

    /// <inheritdoc />
    protected override string? Problem(IamStatement statement)
    {
        var wildcards = statement.IsAllow ? statement.Actions.Where(IsWildcard).ToList() : [];
        return wildcards.Count == 0 ? null : $"allows {string.Join(", ", wildcards)}";
    }

    private static bool IsWildcard(string action) => action == "*" || action.EndsWith(":*", StringComparison.Ordinal);
}
