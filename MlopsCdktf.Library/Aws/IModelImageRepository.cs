using Constructs;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Aws.Iam;

namespace MlopsCdktf.Aws;

/// <summary>
/// A repository of model-serving images: one this app creates (<see cref="ModelImageRepository"/>) or one created
/// elsewhere and imported (<see cref="ModelImageRepository.FromRepositoryName"/>, <see cref="ModelImageRepository.FromRepositoryUrl"/>).
/// What <see cref="SageMakerEndpoint"/> needs of a repository: its name, ARN and URL, pinned image URIs and pull grants.
/// </summary>
/// <remarks>Granting pull to an <see cref="HashiCorp.Cdktf.Providers.Aws.IamRole.IamRole"/> is an extension method
/// (<see cref="IamRoleGrants"/>).</remarks>
public interface IModelImageRepository : IConstruct
{
    /// <summary>The repository name (a reference to the repository resource when created here).</summary>
    string RepositoryName { get; }

    /// <summary>The repository ARN.</summary>
    string RepositoryArn { get; }

    /// <summary>The repository URL, <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.&lt;dns suffix&gt;/&lt;name&gt;</c>.</summary>
    string RepositoryUrl { get; }

    /// <summary>The registry (account id) holding the repository when it is named explicitly (a repository imported by
    /// URL), or null for the deploying account's registry. Image lookups pass it as <c>registry_id</c>.</summary>
    string? RegistryId { get; }

    /// <summary>ARN of the KMS key encrypting the images, or null when not known (an imported repository): pulling needs
    /// no key permission, ECR decrypts through its own grant.</summary>
    string? KeyArn { get; }

    /// <summary>The pinned URI of an image in this repository: <c>url:tag</c>, or <c>url@sha256:…</c> for a digest.</summary>
    /// <param name="tagOrDigest">A tag such as <c>1.4.2</c> or a digest <c>sha256:&lt;64 hex&gt;</c>; <c>latest</c> and empty tags are rejected.</param>
    /// <exception cref="Core.ConstructInputException">When <paramref name="tagOrDigest"/> is not a pinned tag or digest.</exception>
    string ImageUri(string tagOrDigest);

    /// <summary>
    /// The least-privilege statements for pulling from this repository: layer and manifest reads on the repository ARN,
    /// plus <c>ecr:GetAuthorizationToken</c> on <c>*</c> — the one ECR action without resource-level permissions
    /// (the registry login token alone grants no image access).
    /// </summary>
    IReadOnlyList<PolicyStatement> PullStatements();

    /// <summary>
    /// Lets <paramref name="role"/> pull images from this repository (see <see cref="PullStatements"/>), as one inline
    /// role policy. Pullers need no KMS permission: ECR decrypts through the grant it holds on the key.
    /// Granting twice to the same role returns the existing policy.
    /// </summary>
    /// <param name="role">The role to grant to: see <see cref="RoleReference"/>.</param>
    IamRolePolicy GrantPull(IRoleReference role);
}
