using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsIamPolicyDocument;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Core;

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
    /// <paramref name="policyName"/>, created in <paramref name="scope"/> under <paramref name="id"/>. For a role without a
    /// construct (imported by ARN) the policy carries a precondition: the ARN's account must be the deploying account,
    /// because IAM attaches inline policies by role name in that account only.
    /// </summary>
    public static IamRolePolicy AttachToRole(Construct scope, string id, IRoleReference role, string policyName, IEnumerable<PolicyStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(role);
        var document = Create(scope, $"{id}Document", statements);
        return new IamRolePolicy(scope, id, new IamRolePolicyConfig
        {
            Name = policyName,
            Role = role.RoleName,
            Policy = document.Json,
            Lifecycle = role.RoleConstruct is null ? RoleInDeployingAccount(scope, role) : null,
        });
    }

    /// <inheritdoc cref="AttachToRole(Construct, string, IRoleReference, string, IEnumerable{PolicyStatement})"/>
    public static IamRolePolicy AttachToRole(Construct scope, string id, IamRole role, string policyName, IEnumerable<PolicyStatement> statements) =>
        AttachToRole(scope, id, RoleReference.FromRole(role), policyName, statements);

    /// <summary>
    /// The grant methods' single path: attaches <paramref name="statements"/> to <paramref name="role"/> once per
    /// (<paramref name="grantor"/>, <paramref name="grant"/>, role), as an inline policy named <paramref name="policyName"/>
    /// (characters IAM rejects become '-', cut to 128). The policy is created in the grantor when both live in one stack
    /// or the role has no construct (imported by ARN), and under the role when the role lives in another stack (a policy
    /// belongs with the role it is attached to: a serving stack granting itself access to a platform stack's bucket must
    /// not add resources to the platform stack). A repeated grant returns the existing policy; roles are told apart by
    /// their construct path, or by their exact ARN (the Terraform expression of a reference) when they have no construct,
    /// so two roles never share a grant. <paramref name="qualifier"/> (e.g. <c>-models</c> for a key prefix) tells apart
    /// grants of one kind to one role.
    /// </summary>
    public static IamRolePolicy GrantOnce(Construct grantor, string grant, IRoleReference role, string policyName,
        Func<IEnumerable<PolicyStatement>> statements, string qualifier = "")
    {
        ArgumentNullException.ThrowIfNull(role);
        var roleConstruct = role.RoleConstruct;
        var sameStack = roleConstruct is null || TerraformStack.Of(grantor) == TerraformStack.Of(roleConstruct);
        var scope = sameStack ? grantor : roleConstruct!;
        var id = sameStack ? $"{grant}-{RoleKey(grantor, role)}{qualifier}" : $"{grant}-{grantor.Node.Path.Replace('/', '-')}{qualifier}";
        if (scope.Node.TryFindChild(id) is IamRolePolicy existing)
        {
            return existing;
        }

        var name = NonPolicyNameCharacters().Replace(policyName, "-");
        return AttachToRole(scope, id, role, name[..Math.Min(name.Length, MaxPolicyNameLength)], statements());
    }

    /// <summary>
    /// How a grant's policy name starts: the grantor's resource name when it is a literal (the policy then names what it
    /// grants on), else the grantor's construct id (a Terraform reference has no text to put in a name).
    /// </summary>
    internal static string PolicyNamePrefix(Construct grantor, string? resourceName) =>
        resourceName is not null && !InputValidator.IsUnresolved(resourceName) ? resourceName : grantor.Node.Id;

    /// <summary>
    /// The role's path below the grantor's stack (the full path when the role lives in another stack), '/' as '-'. A role
    /// without a construct: <c>role-&lt;hash&gt;-&lt;name&gt;</c>, the hash over its exact ARN (or the Terraform expression a
    /// reference resolves to, stable across runs), so distinct roles never share a key while a repeated grant finds its policy.
    /// </summary>
    private static string RoleKey(Construct grantor, IRoleReference role)
    {
        if (role.RoleConstruct is not { } construct)
        {
            var arn = role.RoleArn;
            var exact = InputValidator.IsUnresolved(arn)
                ? Tokenization.Resolve(arn, new ResolveOptions { Scope = grantor, Resolver = new DefaultTokenResolver(new StringConcat()), Preparing = false })
                    .ToString()!
                : arn;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(exact)))[..8];
            var readable = InputValidator.IsUnresolved(role.RoleName) ? exact : role.RoleName;
            return $"role-{hash}-{NonIdCharacters().Replace(readable, "-").Trim('-')}";
        }

        var stackPrefix = TerraformStack.Of(grantor).Node.Path + "/";
        var path = construct.Node.Path;
        return (path.StartsWith(stackPrefix, StringComparison.Ordinal) ? path[stackPrefix.Length..] : path).Replace('/', '-');
    }

    /// <summary>The precondition of a policy attached by name to a role known only by ARN: its account is the deploying account.</summary>
    private static TerraformResourceLifecycle RoleInDeployingAccount(Construct scope, IRoleReference role) => new()
    {
        Precondition =
        [
            new Precondition
            {
                Condition = Fn.Contains(new[] { AccountContext.AccountIdOf(scope) }, RoleReference.AccountIdOf(role.RoleArn)),
                ErrorMessage = $"The role {role.RoleArn} is not in the account Terraform deploys to: IAM attaches inline policies " +
                               "(aws_iam_role_policy) by role name in that account only. Grant the role in its own account, or import a role of this account.",
            },
        ],
    };

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex NonIdCharacters();

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
