using Constructs;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// What every model image repository does the same way, created here (<see cref="ModelImageRepository"/>) or imported
/// (<see cref="ImportedModelImageRepository"/>): pinned image URIs, pull statements and the pull grant. The one home
/// of that logic; only this library derives from it.
/// </summary>
public abstract class ModelImageRepositoryBase : Construct, IModelImageRepository
{
    /// <summary>Declares the construct.</summary>
    private protected ModelImageRepositoryBase(Construct scope, string id)
        : base(scope, id)
    {
    }

    /// <inheritdoc/>
    public abstract string RepositoryName { get; }

    /// <inheritdoc/>
    public abstract string RepositoryArn { get; }

    /// <inheritdoc/>
    public abstract string RepositoryUrl { get; }

    /// <inheritdoc/>
    public abstract string? RegistryId { get; }

    /// <inheritdoc/>
    public abstract string? KeyArn { get; }

    /// <summary>The repository name as the user gave it, or null (names grant policies; otherwise the construct id).</summary>
    private protected abstract string? GivenRepositoryName { get; }

    /// <inheritdoc/>
    public string ImageUri(string tagOrDigest)
    {
        new InputValidator(this).ValidateImageTagOrDigest(tagOrDigest, nameof(tagOrDigest)).ThrowIfInvalid();
        return ContainerImageReference.Format(RepositoryUrl, tagOrDigest);
    }

    /// <inheritdoc/>
    public IReadOnlyList<PolicyStatement> PullStatements() =>
    [
        new PolicyStatement { Sid = "PullModelImages", Actions = Actions.Ecr.PullImages, Resources = [RepositoryArn] },
        new PolicyStatement { Sid = "GetRegistryLoginToken", Actions = Actions.Ecr.GetAuthorizationToken, Resources = ["*"] },
    ];

    /// <inheritdoc/>
    public IamRolePolicy GrantPull(IRoleReference role)
    {
        var namePrefix = PolicyDocuments.PolicyNamePrefix(this, GivenRepositoryName);
        return PolicyDocuments.GrantOnce(this, "GrantPull", role, $"{namePrefix}-pull", PullStatements);
    }
}
