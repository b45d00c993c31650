using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// The grant methods for a role declared in this app as a provider <see cref="IamRole"/>: each wraps the role with
/// <see cref="RoleReference.FromRole"/> and calls the <see cref="IRoleReference"/> grant, so policies, names and
/// de-duplication are exactly those of that grant. Extension methods, so they apply to the bucket and repository
/// interfaces and to every class implementing them.
/// </summary>
public static class IamRoleGrants
{
    /// <inheritdoc cref="IModelArtifactBucket.GrantRead"/>
    /// <param name="bucket">The bucket to grant on.</param>
    /// <param name="role">The role to grant to.</param>
    /// <param name="keyPrefix">Limit to keys under this prefix, e.g. <c>models/</c>; null grants the whole bucket.</param>
    /// <exception cref="ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    public static IamRolePolicy GrantRead(this IModelArtifactBucket bucket, IamRole role, string? keyPrefix = null) =>
        bucket.GrantRead(RoleReference.FromRole(role), keyPrefix);

    /// <inheritdoc cref="IModelArtifactBucket.GrantWrite"/>
    /// <param name="bucket">The bucket to grant on.</param>
    /// <param name="role">The role to grant to.</param>
    /// <param name="keyPrefix">Limit to keys under this prefix, e.g. <c>data-capture/</c>; null grants the whole bucket.</param>
    /// <exception cref="ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    public static IamRolePolicy GrantWrite(this IModelArtifactBucket bucket, IamRole role, string? keyPrefix = null) =>
        bucket.GrantWrite(RoleReference.FromRole(role), keyPrefix);

    /// <inheritdoc cref="IModelArtifactBucket.GrantReadWrite"/>
    /// <param name="bucket">The bucket to grant on.</param>
    /// <param name="role">The role to grant to.</param>
    /// <param name="keyPrefix">Limit to keys under this prefix; null grants the whole bucket.</param>
    /// <exception cref="ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    public static IamRolePolicy GrantReadWrite(this IModelArtifactBucket bucket, IamRole role, string? keyPrefix = null) =>
        bucket.GrantReadWrite(RoleReference.FromRole(role), keyPrefix);

    /// <inheritdoc cref="IModelImageRepository.GrantPull"/>
    /// <param name="repository">The repository to grant on.</param>
    /// <param name="role">The role to grant to.</param>
    public static IamRolePolicy GrantPull(this IModelImageRepository repository, IamRole role) =>
        repository.GrantPull(RoleReference.FromRole(role));

    /// <inheritdoc cref="ModelApiKey.GrantRead(IRoleReference)"/>
    /// <param name="apiKey">The secret to grant on.</param>
    /// <param name="role">The role to grant to.</param>
    public static IamRolePolicy GrantRead(this ModelApiKey apiKey, IamRole role) =>
        apiKey.GrantRead(RoleReference.FromRole(role));
}
