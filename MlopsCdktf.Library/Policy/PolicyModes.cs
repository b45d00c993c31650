namespace MlopsCdktf.Policy;

/// <summary>Which model of a stack a rule reads: the synthesized JSON, a Terraform plan, or both.</summary>
[Flags]
public enum PolicyModes
{
    /// <summary>The stack's synthesized JSON (<c>cdk.tf.json</c>), before synthesis is published.</summary>
    Synthesized = 1,

    /// <summary><c>terraform show -json</c> of a saved plan: resolved values and what the plan changes.</summary>
    Plan = 2,

    /// <summary>Either model: the rule reads resources and attributes only.</summary>
    Both = Synthesized | Plan,
}
