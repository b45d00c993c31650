namespace MlopsCdktf.Policy;

/// <summary>A recorded decision that a rule does not apply to a construct and everything below it.</summary>
/// <param name="ConstructPath">The path of the construct the suppression was added to.</param>
/// <param name="RuleId">The suppressed rule.</param>
/// <param name="Reason">Why the finding is acceptable (at least <see cref="PolicySuppressions.MinimumReasonLength"/> characters).</param>
public sealed record PolicySuppression(string ConstructPath, string RuleId, string Reason)
{
    /// <summary>Whether the suppression covers the element at <paramref name="path"/>: the construct itself or any descendant.</summary>
    public bool Covers(string ruleId, string path) =>
        ruleId == RuleId && (path == ConstructPath || path.StartsWith(ConstructPath + "/", StringComparison.Ordinal));
}
