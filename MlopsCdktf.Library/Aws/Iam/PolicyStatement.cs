namespace MlopsCdktf.Aws.Iam;

/// <summary>Whether a policy statement allows or denies its actions.</summary>
public enum PolicyEffect
{
    /// <summary>Grants the actions.</summary>
    Allow,

    /// <summary>Denies the actions, overriding any allow.</summary>
    Deny,
}

/// <summary>A condition of a policy statement, e.g. <c>Bool aws:SecureTransport = false</c>.</summary>
/// <param name="Test">The condition operator, e.g. <c>StringLike</c>.</param>
/// <param name="Variable">The context key, e.g. <c>s3:prefix</c>.</param>
/// <param name="Values">The values compared against.</param>
public sealed record PolicyCondition(string Test, string Variable, IReadOnlyList<string> Values);

/// <summary>
/// One IAM policy statement, as constructs emit it. Rendered through <see cref="PolicyDocuments"/> into an
/// <c>aws_iam_policy_document</c> data source, so Terraform produces canonical policy JSON.
/// </summary>
public sealed record PolicyStatement
{
    /// <summary>Statement id: says what the statement is for (letters and digits only).</summary>
    public required string Sid { get; init; }

    /// <summary>The actions, e.g. <c>s3:GetObject</c>.</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>The resource ARNs. Constructs always name real ARNs; <c>*</c> only where the service has no resource-level permissions.</summary>
    public required IReadOnlyList<string> Resources { get; init; }

    /// <summary>Allow or deny.</summary>
    /// <value>The default value is <see cref="PolicyEffect.Allow"/>.</value>
    public PolicyEffect Effect { get; init; } = PolicyEffect.Allow;

    /// <summary>Conditions, all of which must hold.</summary>
    /// <value>The default value is no conditions.</value>
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];

    /// <summary>
    /// For resource policies (bucket policies, key policies): the principals, as (type, identifiers) pairs,
    /// e.g. <c>("*", ["*"])</c> or <c>("Service", ["sagemaker.amazonaws.com"])</c>. Empty for identity policies.
    /// </summary>
    /// <value>The default value is no principals (an identity policy statement).</value>
    public IReadOnlyList<PolicyPrincipal> Principals { get; init; } = [];
}

/// <summary>A principal of a resource-policy statement.</summary>
/// <param name="Type">The principal type: <c>AWS</c>, <c>Service</c>, <c>Federated</c> or <c>*</c>.</param>
/// <param name="Identifiers">The principal identifiers.</param>
public sealed record PolicyPrincipal(string Type, IReadOnlyList<string> Identifiers)
{
    /// <summary>Everyone: use only in <see cref="PolicyEffect.Deny"/> statements.</summary>
    public static PolicyPrincipal Anyone { get; } = new("*", ["*"]);

    /// <summary>An AWS service principal, e.g. <c>sagemaker.amazonaws.com</c>.</summary>
    public static PolicyPrincipal Service(string servicePrincipal) => new("Service", [servicePrincipal]);
}
