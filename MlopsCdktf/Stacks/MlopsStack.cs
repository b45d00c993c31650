using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using HashiCorp.Cdktf.Providers.Google.Provider;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>Which cloud holds a stack's remote state.</summary>
public enum StateStore
{
    /// <summary>The environment's S3 state bucket (AWS stacks).</summary>
    S3,

    /// <summary>The environment's GCS state bucket (GCP and Kubernetes stacks).</summary>
    Gcs,
}

/// <summary>
/// Base of every stack in this app: names the stack <c>{project}-{cloud}-{env}</c>, configures its state backend
/// explicitly (CDKTF's implicit local backend writes an absolute machine path into the JSON) and stamps it with the
/// infrastructure and model versions (outputs <c>infra_version</c>, <c>model_version</c>; tags/labels through
/// <see cref="StandardTags"/>).
/// </summary>
/// <remarks>
/// <see cref="StateMode.Local"/> (the default): state lives in the repository root (<c>terraform.&lt;stack&gt;.tfstate</c>,
/// git-ignored), written as a path relative to the stack's working folder <c>cdktf.out/stacks/&lt;stack&gt;/</c>: it survives
/// <c>make clean</c> and re-synthesis, and every stack reaches every other stack's state by the same relative path.
/// <see cref="StateMode.Remote"/>: the environment's S3 bucket (key <c>&lt;stack&gt;/terraform.tfstate</c>, encrypted, native
/// lock file) or GCS bucket (prefix <c>&lt;stack&gt;</c>). In both modes CDKTF derives each cross-stack reference's
/// <c>terraform_remote_state</c> from the producing stack's backend, so references resolve either way.
/// </remarks>
public abstract class MlopsStack : TerraformStack
{
    /// <summary>Creates the stack for <paramref name="environment"/> on <paramref name="cloud"/>, its remote state in <paramref name="store"/>.</summary>
    protected MlopsStack(Construct scope, string cloud, DeploymentEnvironment environment, StateStore store)
        : this(scope, environment, store, StackName(cloud, environment))
    {
    }

    /// <summary>Creates the stack <paramref name="name"/> for <paramref name="environment"/> (a training run's stacks).</summary>
    private protected MlopsStack(Construct scope, DeploymentEnvironment environment, StateStore store, string name)
        : base(scope, name)
    {
        Environment = environment;
        switch (environment.Delivery.State, store)
        {
            case (StateMode.Remote, StateStore.S3):
                new S3Backend(this, new S3BackendConfig
                {
                    Bucket = environment.State.AwsBucket,
                    Key = StateKey(name),
                    Region = environment.Aws.Region,
                    Encrypt = true,
                }).AddOverride("use_lockfile", true); // S3-native locking (Terraform 1.10+); the binding predates the argument.
                break;
            case (StateMode.Remote, StateStore.Gcs):
                new GcsBackend(this, new GcsBackendConfig { Bucket = environment.State.GcsBucket, Prefix = name });
                break;
            default:
                new LocalBackend(this, new LocalBackendConfig { Path = StatePath(name) });
                break;
        }

        Output("infra_version", environment.Delivery.InfraVersion, "The infrastructure version (git commit) this stack was synthesized from");
        Output("model_version", environment.Release.Version, "The model version (image tag or digest) the environment deploys");
    }

    /// <summary>The environment this stack deploys.</summary>
    public DeploymentEnvironment Environment { get; }

    /// <summary>
    /// Whether the stack lives for one training run only (created and destroyed by <c>make train</c>): its resources are not
    /// part of the environment's standing cost (the cost gate leaves it out; a run's cost is bounded by its duration).
    /// </summary>
    public virtual bool Ephemeral => false;

    /// <summary>The tags/labels every resource of the environment carries (<see cref="DeploymentEnvironment.StandardTags"/>).</summary>
    protected IDictionary<string, string> StandardTags() => new Dictionary<string, string>(Environment.StandardTags());

    /// <summary>The key of a stack's state object in the environment's S3 state bucket.</summary>
    public static string StateKey(string stackName) => $"{stackName}/terraform.tfstate";

    /// <summary>Where a stack's local state lives, relative to its working folder <c>cdktf.out/stacks/&lt;stack&gt;/</c>.</summary>
    public static string StatePath(string stackName) => $"../../../terraform.{stackName}.tfstate";

    /// <summary>The stack name for <paramref name="cloud"/> and <paramref name="environment"/>, e.g. <c>mlops-aws-dev</c>.</summary>
    public static string StackName(string cloud, DeploymentEnvironment environment) =>
        $"{environment.Project}-{cloud}-{environment.Name}";

    /// <summary>The AWS provider of the environment: its account only (<c>allowed_account_ids</c>), its region, default tags.</summary>
    protected void UseAwsProvider()
    {
        new AwsProvider(this, "aws", new AwsProviderConfig
        {
            Region = Environment.Aws.Region,
            AllowedAccountIds = [Environment.Aws.AccountId],
            DefaultTags = new[] { new AwsProviderDefaultTags { Tags = StandardTags() } },
        });
        QualifyProviderSource("aws");
    }

    /// <summary>The Google provider of the environment: its project and region (and zone), <c>default_labels</c> normalised to GCP's rules.</summary>
    /// <param name="withZone">Whether resources without a location of their own default to the environment's zone.</param>
    protected void UseGoogleProvider(bool withZone = false)
    {
        var gcp = Environment.Gcp;
        new GoogleProvider(this, "google", new GoogleProviderConfig
        {
            Project = gcp.ProjectId,
            Region = gcp.Region,
            Zone = withZone ? gcp.Zone : null,
            DefaultLabels = GcpLabels.Normalize(StandardTags()),
        });
        QualifyProviderSource("google");
    }

    /// <summary>Declares the stack output <paramref name="name"/> (snake_case, what <c>cdktf output</c> and other stacks read).</summary>
    protected TerraformOutput Output(string name, string value, string description) =>
        new(this, name, new TerraformOutputConfig { Value = value, Description = description });

    /// <summary>Qualifies the bare provider source CDKTF writes (see <see cref="ProviderSources"/>).</summary>
    protected void QualifyProviderSource(string providerName) => ProviderSources.Qualify(this, providerName);
}
