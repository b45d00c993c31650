using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Plan;

/// <summary>
/// Base of rules on what a plan changes (<see cref="SynthesizedStack.Changes"/>): they apply in <see cref="PolicyModes.Plan"/>
/// only, since synthesized JSON says what should exist, not what Terraform will do to what exists.
/// </summary>
public abstract class PlanChangeRule : PolicyRule
{
    /// <inheritdoc />
    public sealed override PolicyModes Modes => PolicyModes.Plan;

    /// <inheritdoc />
    public sealed override IEnumerable<RuleResult> Evaluate(SynthesizedStack stack) =>
        (stack.Changes ?? []).Select(Check).OfType<RuleResult>();

    /// <summary>The outcome for one change, or null when the rule does not look at it.</summary>
    protected abstract RuleResult? Check(PlannedChange change);
}
