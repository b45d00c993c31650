using System.Text.Json;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.EcrLifecyclePolicy;
using HashiCorp.Cdktf.Providers.Aws.EcrRepository;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// An Amazon ECR repository for model-serving container images, secure by default: immutable tags (a deployed tag always
/// names the same image), vulnerability scan on push, encryption with a customer managed KMS key (created with rotation,
/// or passed in), a lifecycle policy expiring untagged images, destroy guarded by <see cref="DeletionPolicy"/>, and
/// <see cref="ModelImageRepositoryBase.GrantPull"/> handing out pull rights on this repository only.
/// </summary>
/// <example>
/// <code>
/// var images = new ModelImageRepository(this, "ModelImages", new ModelImageRepositoryProps { RepositoryName = "ml/churn-serving" });
/// images.GrantPull(executionRole);
/// var image = images.ImageUri("1.4.2");   // or "sha256:…"; "latest" is rejected
/// </code>
/// </example>
public sealed class ModelImageRepository : ModelImageRepositoryBase
{
    private readonly ModelImageRepositoryProps _props;

    /// <summary>Validates <paramref name="props"/> and declares the repository, its key and lifecycle policy.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ModelImageRepository(Construct scope, string id, ModelImageRepositoryProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ModelImageRepository)))
    {
        new InputValidator(this).RequireMembers(props);
        _props = props;
        Validate(props);

        var tags = TerraformMaps.OrNull(props.Tags);
        (Key, KeyArn) = CustomerManagedKeys.UseOrCreate(this, props.KmsKeyArn, $"Encrypts container images in ECR repository {props.RepositoryName}",
            $"ecr-{props.RepositoryName.Replace('/', '-')}", props.KeyDeletionWindowDays, tags, props.DeletionPolicy,
            KeyUse.ThroughWithGrants("ecr"));

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
    public override string RepositoryUrl => Repository.RepositoryUrl;

    /// <summary>The repository ARN.</summary>
    public override string RepositoryArn => Repository.Arn;

    /// <summary>The repository name (a reference, so dependents wait for the repository).</summary>
    public override string RepositoryName => Repository.Name;

    /// <summary>The created KMS key, or null when <see cref="ModelImageRepositoryProps.KmsKeyArn"/> was passed in.</summary>
    public KmsKey? Key { get; }

    /// <summary>ARN of the KMS key encrypting the images (created or passed in): never null.</summary>
    public override string KeyArn { get; }

    /// <summary>Always null: the repository is in the deploying account's registry.</summary>
    public override string? RegistryId => null;

    private protected override string GivenRepositoryName => _props.RepositoryName;

    /// <summary>
    /// A repository of the deploying account and region, created elsewhere, imported by name: its ARN and URL are built
    /// from the account, region and DNS suffix the stack's provider works in (<see cref="AccountContext"/> data sources).
    /// Grants and <see cref="ModelImageRepositoryBase.ImageUri"/> work as for a repository created here.
    /// </summary>
    /// <param name="scope">Where the import is declared.</param>
    /// <param name="id">Its id in <paramref name="scope"/>.</param>
    /// <param name="repositoryName">The existing repository's name (ECR naming rules), or a Terraform reference.</param>
    /// <exception cref="ConstructInputException">When the name breaks ECR's rules.</exception>
    public static IModelImageRepository FromRepositoryName(Construct scope, string id, string repositoryName) =>
        new ImportedModelImageRepository(scope, id, new ImportedModelImageRepositoryProps { RepositoryName = repositoryName });

    /// <summary>
    /// A repository created elsewhere, possibly in another account or region, imported by its URL
    /// (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;name&gt;</c>): account, region and name are read from the URL
    /// (by Terraform's <c>regex</c> at plan time when the URL is a reference). Pulling from another account also needs
    /// that repository's policy to allow the role.
    /// </summary>
    /// <param name="scope">Where the import is declared.</param>
    /// <param name="id">Its id in <paramref name="scope"/>.</param>
    /// <param name="repositoryUrl">The repository URL, as <c>aws_ecr_repository.repository_url</c> gives it, or a Terraform reference.</param>
    /// <exception cref="ConstructInputException">When a literal URL is not an ECR repository URL.</exception>
    public static IModelImageRepository FromRepositoryUrl(Construct scope, string id, string repositoryUrl) =>
        new ImportedModelImageRepository(scope, id, new ImportedModelImageRepositoryProps { RepositoryUrl = repositoryUrl });

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
        v.ValidateEcrRepositoryName(props.RepositoryName);

        v.Matches(props.KmsKeyArn, nameof(props.KmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateArnRegion(this, props.KmsKeyArn, nameof(props.KmsKeyArn), "the repository");
        if (props.KmsKeyArn is null)
        {
            v.ValidateKeyDeletionWindow(props.KeyDeletionWindowDays);
        }

        v.InRange(props.UntaggedImageExpiryDays, nameof(props.UntaggedImageExpiryDays), 1, ModelImageRepositoryDefaults.MaxUntaggedImageExpiryDays, "days");
        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();
    }
}
