using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Creates <see cref="IRoleReference"/>s: for a role declared in this app, or for one imported by ARN.</summary>
/// <example>
/// <code>
/// artifacts.GrantRead(RoleReference.FromArn("arn:aws:iam::123456789012:role/ml/batch-scorer"), keyPrefix: "models/");
/// artifacts.GrantRead(RoleReference.FromArn(trainingRoleArn.StringValue));   // a Terraform variable: resolved at plan
/// </code>
/// </example>
public static class RoleReference
{
    /// <summary>Where <see cref="FromArn"/> reports a malformed ARN (there is no construct yet).</summary>
    internal const string ImportPath = "RoleReference.FromArn";

    /// <summary>The role <paramref name="role"/> declared in this app (grants also accept an <see cref="IamRole"/> directly).</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="role"/> is null.</exception>
    public static IRoleReference FromRole(IamRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return new DeclaredRole(role);
    }

    /// <summary>
    /// A role created elsewhere, by its ARN: <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/[&lt;path&gt;/]&lt;name&gt;</c>.
    /// A literal ARN is validated and its last segment is the role name; a Terraform reference (a variable, a remote
    /// state output) is resolved at plan time, the name taken with <c>element(reverse(split("/", arn)), 0)</c>.
    /// </summary>
    /// <remarks>
    /// Grants to such a role create an inline policy (<c>aws_iam_role_policy</c>) in the grantor's stack, attached by
    /// name: the role must belong to the account Terraform deploys to. Each such policy carries a precondition comparing
    /// the ARN's account with the deploying account, so a role of another account fails the plan instead of silently
    /// granting a same-named local role. Service-linked roles (<c>role/aws-service-role/…</c>) take no inline policies.
    /// </remarks>
    /// <param name="roleArn">The role ARN, a literal or a Terraform reference.</param>
    /// <exception cref="ConstructInputException">When a literal <paramref name="roleArn"/> is not a role ARN that takes inline policies.</exception>
    public static IRoleReference FromArn(string roleArn)
    {
        var v = new InputValidator(nameof(RoleReference), ImportPath).NotBlank(roleArn, nameof(roleArn));
        if (string.IsNullOrWhiteSpace(roleArn) || InputValidator.IsUnresolved(roleArn))
        {
            v.ThrowIfInvalid();
            return new ImportedRole(roleArn, Token.AsString(Fn.Element(Fn.Reverse(Fn.Split("/", roleArn)), 0)));
        }

        var match = AwsArnPatterns.IamRole().Match(roleArn);
        v.Require(match.Success, nameof(roleArn), roleArn, AwsArnPatterns.IamRoleArnDescription);
        v.Require(!match.Success || !match.Groups[2].Value.StartsWith("aws-service-role/", StringComparison.Ordinal), nameof(roleArn), roleArn,
            "must not be a service-linked role (role/aws-service-role/...): IAM attaches no inline policies to service-linked roles");
        v.ThrowIfInvalid();
        return new ImportedRole(roleArn, match.Groups[3].Value);
    }

    /// <summary>
    /// The account id in <paramref name="roleArn"/>: read from a literal role ARN, or a Terraform expression
    /// (<c>element(split(":", arn), 4)</c>) for a reference or any other form.
    /// </summary>
    internal static string AccountIdOf(string roleArn) =>
        !InputValidator.IsUnresolved(roleArn) && AwsArnPatterns.IamRole().Match(roleArn) is { Success: true } match
            ? match.Groups[1].Value
            : Token.AsString(Fn.Element(Fn.Split(":", roleArn), 4));

    private sealed record DeclaredRole(IamRole Role) : IRoleReference
    {
        public string RoleName => Role.Name;

        public string RoleArn => Role.Arn;

        public Construct RoleConstruct => Role;
    }

    private sealed record ImportedRole(string RoleArn, string RoleName) : IRoleReference
    {
        public Construct? RoleConstruct => null;
    }
}
