namespace MlopsCdktf.Policy;

/// <summary>The outcome of one rule for one Terraform element (as in cdk-nag).</summary>
public enum PolicyOutcome
{
    /// <summary>The element satisfies the rule.</summary>
    Compliant,

    /// <summary>The element breaks the rule: a finding.</summary>
    NonCompliant,

    /// <summary>The rule does not apply to the element (e.g. a serverless endpoint has no volumes to encrypt).</summary>
    NotApplicable,
}
