using Constructs;

namespace MlopsCdktf.Aws;

/// <summary>
/// An IAM role that grant methods (<see cref="IModelArtifactBucket.GrantRead"/>, <see cref="IModelImageRepository.GrantPull"/>,
/// <see cref="ModelApiKey.GrantRead(IRoleReference)"/>) attach inline policies to: a role declared in this app
/// (<see cref="RoleReference.FromRole"/>) or one created elsewhere, known by its ARN (<see cref="RoleReference.FromArn"/>).
/// </summary>
/// <remarks>
/// Grants emit <c>aws_iam_role_policy</c> resources, which IAM attaches by role name in the account Terraform deploys to:
/// a role of another account cannot be granted this way (grant there, or use a resource policy).
/// </remarks>
public interface IRoleReference
{
    /// <summary>The role name, as <c>aws_iam_role_policy.role</c> takes it (a literal, or a Terraform expression).</summary>
    string RoleName { get; }

    /// <summary>The role ARN (a literal, or a Terraform expression).</summary>
    string RoleArn { get; }

    /// <summary>
    /// The construct declaring the role in this app, or null for a role imported by ARN. A grant puts its policy under
    /// this construct when it lives in another stack than the grantor (the policy belongs with its role), and tells
    /// roles apart by its path; without a construct the policy goes in the grantor and roles are told apart by ARN.
    /// </summary>
    Construct? RoleConstruct { get; }
}
