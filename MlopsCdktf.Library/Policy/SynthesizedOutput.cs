using System.Text.Json.Nodes;

namespace MlopsCdktf.Policy;

/// <summary>One stack as synthesis writes it: its name and its whole Terraform JSON (providers, modules, resources).</summary>
/// <param name="StackName">The stack name.</param>
/// <param name="Json">The stack's <c>cdk.tf.json</c>; read-only for checks.</param>
public sealed record SynthesizedOutput(string StackName, JsonObject Json);

/// <summary>
/// A check over all stacks of a synthesis at once, run by the gate after the per-stack rules: what no single stack can
/// decide (e.g. an environment's cost ceiling across its stacks). Its reports join the policy report; an unsuppressed
/// error fails the gate like a rule's.
/// </summary>
/// <param name="stacks">Every synthesized stack.</param>
/// <returns>One report per subject checked (e.g. per environment).</returns>
public delegate IReadOnlyList<PolicyReport> StackSetCheck(IReadOnlyList<SynthesizedOutput> stacks);
