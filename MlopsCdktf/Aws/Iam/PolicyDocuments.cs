using Constructs;
using HashiCorp.Cdktf.Providers.Aws.DataAwsIamPolicyDocument;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;

namespace MlopsCdktf.Aws.Iam;

/// <summary>Renders <see cref="PolicyStatement"/>s into Terraform: policy documents and inline role policies.</summary>
public static class PolicyDocuments
{
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
