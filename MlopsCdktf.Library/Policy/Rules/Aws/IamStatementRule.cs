using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>
/// Base of rules checking each IAM statement of each policy in the stack (see <see cref="IamPolicies"/>); one result per
/// policy, naming every offending statement.
/// </summary>
public abstract class IamStatementRule : PolicyRule
{
    /// <inheritdoc />
    public sealed override IEnumerable<RuleResult> Evaluate(SynthesizedStack stack) =>
        IamPolicies.All(stack).Select(policy =>
        {
            var problems = policy.Statements.Select(s => (s.Label, Problem: Problem(s))).Where(p => p.Problem is not null).ToList();
            return problems.Count == 0
                ? Compliant(policy.Element)
                : NonCompliant(policy.Element, string.Join(" ", problems.Select(p => $"Statement {p.Label}: {p.Problem}.")));
        });

    /// <summary>What is wrong with <paramref name="statement"/> (a phrase), or null when it is fine.</summary>
    protected abstract string? Problem(IamStatement statement);
}
