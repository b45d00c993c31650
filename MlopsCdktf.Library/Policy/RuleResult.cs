using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy;

/// <summary>The outcome of a rule for one element.</summary>
/// <param name="Element">The resource or data source checked.</param>
/// <param name="Outcome">Compliant, non-compliant or not applicable.</param>
/// <param name="Detail">For a non-compliant element: a sentence saying what exactly is wrong, or null.</param>
public sealed record RuleResult(TerraformElement Element, PolicyOutcome Outcome, string? Detail = null);
