using System.Text.RegularExpressions;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy;

/// <summary>
/// A policy rule evaluated against a stack's synthesized Terraform, so it checks what Terraform will get whichever
/// construct (or hand-written resource) produced it. One rule per file under <c>Policy/Rules/&lt;Cloud&gt;/</c>, or one
/// line of a data-driven table (<see cref="Rules.Common.AttributeRule"/>).
/// </summary>
public abstract partial class PolicyRule
{
    /// <summary>The stable id, e.g. <c>MLOPS-S3-1</c>: <c>MLOPS-&lt;AREA&gt;-&lt;number&gt;</c>. Used to suppress the rule.</summary>
    public abstract string Id { get; }

    /// <summary>Whether a finding fails synthesis (<see cref="PolicyLevel.Error"/>) or is only reported.</summary>
    public abstract PolicyLevel Level { get; }

    /// <summary>What is wrong, in one sentence (the finding's message).</summary>
    public abstract string Info { get; }

    /// <summary>Why it matters, and what to do instead.</summary>
    public abstract string Explanation { get; }

    /// <summary>
    /// Which model the rule reads (default both): a rule of <see cref="PolicyModes.Plan"/> only needs what a plan changes
    /// (<see cref="SynthesizedStack.Changes"/>) and is skipped on synthesized JSON.
    /// </summary>
    public virtual PolicyModes Modes => PolicyModes.Both;

    /// <summary>The pattern every rule id follows.</summary>
    public static Regex IdPattern => IdRegex();

    /// <summary>The outcome of this rule for each element it looks at.</summary>
    public abstract IEnumerable<RuleResult> Evaluate(SynthesizedStack stack);

    /// <summary>The element satisfies the rule.</summary>
    protected static RuleResult Compliant(TerraformElement element) => new(element, PolicyOutcome.Compliant);

    /// <summary>The element breaks the rule; <paramref name="detail"/> (a sentence) says how, after <see cref="Info"/>.</summary>
    protected static RuleResult NonCompliant(TerraformElement element, string? detail = null) => new(element, PolicyOutcome.NonCompliant, detail);

    /// <summary>The rule does not apply to the element.</summary>
    protected static RuleResult NotApplicable(TerraformElement element) => new(element, PolicyOutcome.NotApplicable);

    /// <summary><see cref="Compliant"/> when <paramref name="holds"/>, else <see cref="NonCompliant"/> with <paramref name="detail"/>.</summary>
    protected static RuleResult CompliantIf(bool holds, TerraformElement element, string? detail = null) =>
        holds ? Compliant(element) : NonCompliant(element, detail);

    [GeneratedRegex("^MLOPS-[A-Z0-9]+-[0-9]+$")]
    private static partial Regex IdRegex();
}
