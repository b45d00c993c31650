namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>
/// MLOPS-IAM-2: no Allow statement grants S3, KMS, ECR or Secrets Manager actions on every resource (<c>*</c>), except
/// <c>ecr:GetAuthorizationToken</c>, which has no resource-level permission.
/// </summary>
public sealed class IamNoWildcardResourcesRule : IamStatementRule
{
    private static readonly string[] DataServices = ["s3", "kms", "ecr", "secretsmanager"];
    private static readonly string[] Exceptions = ["ecr:GetAuthorizationToken"];

    /// <inheritdoc />
    public override string Id => "MLOPS-IAM-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "An IAM policy allows S3, KMS, ECR or Secrets Manager actions on every resource (*).";

    /// <inheritdoc />
    public override string Explanation =>
        "These services hold models, images, keys and secrets; on Resource * a grant reaches every bucket, key, "
        + "repository and secret in the account. Name the ARNs (ecr:GetAuthorizationToken alone may use *: it has no "
        + "resource-level permission). KMS key policies are exempt: there, * means the key itself.";

    /// <inheritdoc />
    protected override string? Problem(IamStatement statement)
    {
        // In a key policy, "*" is the key the policy is attached to, not every resource.
        if (!statement.IsAllow || !statement.Resources.Contains("*") || statement.InKeyPolicy)
        {
            return null;
        }

        var actions = statement.Actions.Where(a => !Exceptions.Contains(a, StringComparer.OrdinalIgnoreCase) && IsDataServiceAction(a)).ToList();
        return actions.Count == 0 ? null : $"allows {string.Join(", ", actions)} on *";
    }

    private static bool IsDataServiceAction(string action) =>
        action == "*" || DataServices.Any(s => action.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase));
}
