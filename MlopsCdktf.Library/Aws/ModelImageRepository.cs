using System.Text.Json;
using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.EcrLifecyclePolicy;
using HashiCorp.Cdktf.Providers.Aws.EcrRepository;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using HashiCorp.Cdktf.Providers.Aws.KmsAlias;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// An Amazon ECR repository for model-serving container images, secure by default: immutable tags (a deployed tag always
/// names the same image), vulnerability scan on push, encryption with a customer managed KMS key (created with rotation,
/// or passed in), a lifecycle policy expiring untagged images, destroy guarded by <see cref="DeletionPolicy"/>, and
/// <see cref="GrantPull"/> handing out pull rights on this repository only.
/// </summary>
/// <example>
/// <code>
/// var images = new ModelImageRepository(this, "ModelImages", new ModelImageRepositoryProps { RepositoryName = "ml/churn-serving" });
/// images.GrantPull(executionRole);
/// var image = images.ImageUri("1.4.2");   // or "sha256:…"; "latest" is rejected
/// </code>
/// </example>
public sealed partial class ModelImageRepository : Construct
{
    private readonly ModelImageRepositoryProps _props;

    /// <summary>Validates <paramref name="props"/> and declares the repository, its key and lifecycle policy.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ModelImageRepository(Construct scope, string id, ModelImageRepositoryProps props)
        : base(scope, id)
    {
        new InputValidator(this).RequireMembers(props);
        _props = props;
        Validate(props);

        var tags = TerraformMaps.OrNull(props.Tags);
        (Key, KeyArn) = CustomerManagedKeys.UseOrCreate(this, props.KmsKeyArn, $"Encrypts container images in ECR repository {props.RepositoryName}",
            $"ecr-{props.RepositoryName.Replace('/', '-')}", props.KeyDeletionWindowDays, tags, props.DeletionPolicy);

        Repository = new EcrRepository(this, "Repository", new EcrRepositoryConfig
        {
            Name = props.RepositoryName,
            ImageTagMutability = ModelImageRepositoryDefaults.TagMutability,
            ImageScanningConfiguration = new EcrRepositoryImageScanningConfiguration { ScanOnPush = true },
            EncryptionConfiguration = new[]
            {
                new EcrRepositoryEncryptionConfiguration { EncryptionType = ModelImageRepositoryDefaults.EncryptionType, KmsKey = KeyArn },
            },
            ForceDelete = props.DeletionPolicy.AllowsForceDestroy(),
            Tags = tags,
            Lifecycle = props.DeletionPolicy.ToLifecycle(),
        });

        new EcrLifecyclePolicy(this, "LifecyclePolicy", new EcrLifecyclePolicyConfig
        {
            Repository = Repository.Name,
            Policy = LifecyclePolicyJson(props.UntaggedImageExpiryDays),
        });
    }

    /// <summary>The underlying <c>aws_ecr_repository</c> resource.</summary>
    public EcrRepository Repository { get; }

    /// <summary>The repository URL (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;name&gt;</c>).</summary>
    public string RepositoryUrl => Repository.RepositoryUrl;

    /// <summary>The repository ARN.</summary>
    public string RepositoryArn => Repository.Arn;

    /// <summary>The repository name (a reference, so dependents wait for the repository).</summary>
    public string RepositoryName => Repository.Name;

    /// <summary>The created KMS key, or null when <see cref="ModelImageRepositoryProps.KmsKeyArn"/> was passed in.</summary>
    public KmsKey? Key { get; }

    /// <summary>ARN of the KMS key encrypting the images (created or passed in).</summary>
    public string KeyArn { get; }

    /// <summary>
    /// The pinned URI of an image in this repository: <c>url:tag</c>, or <c>url@sha256:…</c> for a digest.
    /// </summary>
    /// <param name="tagOrDigest">A tag such as <c>1.4.2</c> or a digest <c>sha256:&lt;64 hex&gt;</c>; <c>latest</c> and empty tags are rejected.</param>
    /// <exception cref="ConstructInputException">When <paramref name="tagOrDigest"/> is not a pinned tag or digest.</exception>
    public string ImageUri(string tagOrDigest)
    {
        new InputValidator(this).ValidateImageTagOrDigest(tagOrDigest, nameof(tagOrDigest)).ThrowIfInvalid();
        return ContainerImageReference.Format(RepositoryUrl, tagOrDigest);
    }

    /// <summary>
    /// The least-privilege statements for pulling from this repository: layer and manifest reads on the repository ARN,
    /// plus <c>ecr:GetAuthorizationToken</c> on <c>*</c> — the one ECR action without resource-level permissions
    /// (the registry login token alone grants no image access).
    /// </summary>
    public IReadOnlyList<PolicyStatement> PullStatements() =>
    [
        new PolicyStatement { Sid = "PullModelImages", Actions = Actions.Ecr.PullImages, Resources = [RepositoryArn] },
        new PolicyStatement { Sid = "GetRegistryLoginToken", Actions = Actions.Ecr.GetAuthorizationToken, Resources = ["*"] },
    ];

    /// <summary>
    /// Lets <paramref name="role"/> pull images from this repository (see <see cref="PullStatements"/>), as one inline
    /// role policy. Pullers need no KMS permission: ECR decrypts through the grant it holds on the key.
    /// Granting twice to the same role returns the existing policy.
    /// </summary>
    public IamRolePolicy GrantPull(IamRole role)
    {
        var namePrefix = InputValidator.IsUnresolved(_props.RepositoryName) ? Node.Id : _props.RepositoryName;
        return PolicyDocuments.GrantOnce(this, "GrantPull", role, $"{namePrefix}-pull", PullStatements);
    }

    /// <summary>The ECR lifecycle policy document expiring untagged images <paramref name="days"/> after push.</summary>
    internal static string LifecyclePolicyJson(int days) => JsonSerializer.Serialize(new
    {
        rules = new[]
        {
            new
            {
                rulePriority = 1,
                description = $"Expire untagged images {days} days after push",
                selection = new { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = days },
                action = new { type = "expire" },
            },
        },
    });

    private void Validate(ModelImageRepositoryProps props)
    {
        var v = new InputValidator(this);
        var name = props.RepositoryName;
        if (name is null || !InputValidator.IsUnresolved(name))
        {
            v.Require(name is { Length: >= 2 and <= 256 }, nameof(props.RepositoryName), name, "must be 2 to 256 characters long");
            v.Matches(name ?? string.Empty, nameof(props.RepositoryName), RepositoryNamePattern(),
                "must be lowercase letters and digits in '/'-separated components, words joined by single '.', '_' or '-' (e.g. \"ml/churn-serving\")");
        }

        v.Matches(props.KmsKeyArn, nameof(props.KmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        if (props.KmsKeyArn is null)
        {
            v.ValidateKeyDeletionWindow(props.KeyDeletionWindowDays);
        }

        v.InRange(props.UntaggedImageExpiryDays, nameof(props.UntaggedImageExpiryDays), 1, ModelImageRepositoryDefaults.MaxUntaggedImageExpiryDays, "days");
        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();
    }

    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex RepositoryNamePattern();
}
