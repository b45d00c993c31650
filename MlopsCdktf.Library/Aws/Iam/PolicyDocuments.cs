using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsIamPolicyDocument;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;

namespace MlopsCdktf.Aws.Iam;

/// <summary>Renders <see cref="PolicyStatement"/>s into Terraform: policy documents and inline role policies.</summary>
public static partial class PolicyDocuments
{
    /// <summary>The longest inline policy name IAM accepts.</summary>
    public const int MaxPolicyNameLength = 128;

    /// <summary>Creates an <c>aws_iam_policy_document</c> data source holding <paramref name="statements"/>.</summary>
    public static DataAwsIamPolicyDocument Create(Construct scope, string id, IEnumerable<PolicyStatement> statements) =>
        new(scope, id, new DataAwsIamPolicyDocumentConfig
        {
            Statement = statements.Select(ToTerraform).ToArray(),
        });

    /// <summary>
    /// Attaches <paramref name="statements"/> to <paramref name="role"/> as one inline policy named
    /// <paramref name="policyName"/>, created in <paramref name="scope"/> under <paramref name="id"/>.
    /// </summary>
    public static IamRolePolicy AttachToRole(Construct scope, string id, IamRole role, string policyName, IEnumerable<PolicyStatement> statements)
    {
        var document = Create(scope, $"{id}Document", statements);
        return new IamRolePolicy(scope, id, new IamRolePolicyConfig
        {
            Name = policyName,
            Role = role.Name,
            Policy = document.Json,
        });
    }

    /// <summary>
    /// The grant methods' single path: attaches <paramref name="statements"/> to <paramref name="role"/> once per
    /// (<paramref name="grantor"/>, <paramref name="grant"/>, role), as an inline policy named <paramref name="policyName"/>
    /// (characters IAM rejects become '-', cut to 128). The policy is created in the grantor when both live in one stack,
    /// and under the role when the role lives in another stack (a policy belongs with the role it is attached to: a
    /// serving stack granting itself access to a platform stack's bucket must not add resources to the platform stack).
    /// A repeated grant returns the existing policy; roles are told apart by their path, so two roles with the same id
    /// never share a grant. <paramref name="qualifier"/> (e.g. <c>-models</c> for a key prefix) tells apart grants of one
    /// kind to one role.
    /// </summary>
    public static IamRolePolicy GrantOnce(Construct grantor, string grant, IamRole role, string policyName,
        Func<IEnumerable<PolicyStatement>> statements, string qualifier = "")
    {
        ArgumentNullException.ThrowIfNull(role);
        var sameStack = TerraformStack.Of(grantor) == TerraformStack.Of(role);
        var scope = sameStack ? grantor : role;
        var id = sameStack ? $"{grant}-{RoleKey(grantor, role)}{qualifier}" : $"{grant}-{grantor.Node.Path.Replace('/', '-')}{qualifier}";
        if (scope.Node.TryFindChild(id) is IamRolePolicy existing)
        {
            return existing;
        }

        var name = NonPolicyNameCharacters().Replace(policyName, "-");
        return AttachToRole(scope, id, role, name[..Math.Min(name.Length, MaxPolicyNameLength)], statements());
    }

    /// <summary>The role's path below the grantor's stack (the full path when the role lives in another stack), '/' as '-'.</summary>
    private static string RoleKey(Construct grantor, IamRole role)
    {
        var stackPrefix = TerraformStack.Of(grantor).Node.Path + "/";
        var path = role.Node.Path;
        return (path.StartsWith(stackPrefix, StringComparison.Ordinal) ? path[stackPrefix.Length..] : path).Replace('/', '-');
    }

    [GeneratedRegex(@"[^A-Za-z0-9+=,.@_-]+")]
    private static partial Regex NonPolicyNameCharacters();

    private static DataAwsIamPolicyDocumentStatement ToTerraform(PolicyStatement statement) => new()
    {
        Sid = statement.Sid,
        Effect = statement.Effect == PolicyEffect.Allow ? "Allow" : "Deny",
        Actions = statement.Actions.ToArray(),
        // Trust policies name principals, not resources: an empty list renders no Resource element.
        Resources = statement.Resources.Count == 0 ? null : statement.Resources.ToArray(),
        Condition = statement.Conditions.Count == 0
            ? null
            : statement.Conditions
                .Select(c => new DataAwsIamPolicyDocumentStatementCondition { Test = c.Test, Variable = c.Variable, Values = c.Values.ToArray() })
                .ToArray(),
        Principals = statement.Principals.Count == 0
            ? null
            : statement.Principals
                .Select(p => new DataAwsIamPolicyDocumentStatementPrincipals { Type = p.Type, Identifiers = p.Identifiers.ToArray() })
                .ToArray(),
    };
}
