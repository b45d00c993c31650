using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>
/// Base of every stack in this app: names the stack <c>{project}-{cloud}-{env}</c> and configures its state backend
/// explicitly (CDKTF's implicit local backend writes an absolute machine path into the JSON).
/// </summary>
/// <remarks>
/// Local state lives in the repository root (<c>terraform.&lt;stack&gt;.tfstate</c>, git-ignored), written as a path
/// relative to the stack's working folder <c>cdktf.out/stacks/&lt;stack&gt;/</c>: it survives <c>make clean</c> and
/// re-synthesis, and every stack reaches every other stack's state by the same relative path, which cross-stack
/// references (<c>terraform_remote_state</c>) rely on.
/// </remarks>
public abstract class MlopsStack : TerraformStack
{
    /// <summary>Creates the stack for <paramref name="environment"/> on <paramref name="cloud"/>.</summary>
    protected MlopsStack(Construct scope, string cloud, DeploymentEnvironment environment)
        : base(scope, StackName(cloud, environment))
    {
        Environment = environment;
        // Relative to the stack's working directory (cdktf.out/stacks/<name>): the repository root. Remote state comes later.
        new LocalBackend(this, new LocalBackendConfig { Path = StatePath(StackName(cloud, environment)) });
    }

    /// <summary>The environment this stack deploys.</summary>
    protected DeploymentEnvironment Environment { get; }

    /// <summary>The tags/labels every resource of the environment carries.</summary>
    protected IDictionary<string, string> StandardTags() => new Dictionary<string, string>
    {
        ["Project"] = Environment.Project,
        ["Environment"] = Environment.Name,
        ["ManagedBy"] = "cdktf",
        ["CostCenter"] = Environment.CostCenter,
    };

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

    /// <summary>Declares the stack output <paramref name="name"/> (snake_case, what <c>cdktf output</c> and other stacks read).</summary>
    protected TerraformOutput Output(string name, string value, string description) =>
        new(this, name, new TerraformOutputConfig { Value = value, Description = description });

    /// <summary>Qualifies the bare provider source CDKTF writes (see <see cref="ProviderSources"/>).</summary>
    protected void QualifyProviderSource(string providerName) => ProviderSources.Qualify(this, providerName);
}
