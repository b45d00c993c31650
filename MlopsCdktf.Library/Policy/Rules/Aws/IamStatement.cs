namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>One IAM policy statement read from Terraform, in either form (policy-document data source or policy JSON).</summary>
public sealed record IamStatement
{
    /// <summary>The statement id, or its position (<c>#1</c>) when it has none.</summary>
    public required string Label { get; init; }

    /// <summary>Whether the statement allows (true) or denies.</summary>
    public required bool IsAllow { get; init; }

    /// <summary>The actions (<c>Action</c> / <c>actions</c>).</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>The resources (<c>Resource</c> / <c>resources</c>).</summary>
    public required IReadOnlyList<string> Resources { get; init; }

    /// <summary>Every principal identifier, whatever its type (<c>*</c> for anyone).</summary>
    public required IReadOnlyList<string> Principals { get; init; }

    /// <summary>The conditions as (operator, key, values).</summary>
    public required IReadOnlyList<(string Test, string Variable, IReadOnlyList<string> Values)> Conditions { get; init; }

    /// <summary>Whether the statement belongs to a KMS key policy, where resource <c>*</c> means the key itself.</summary>
    public bool InKeyPolicy { get; init; }
}
