using Constructs;
using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>
/// Base of every stack in this app: names the stack <c>{project}-{cloud}-{env}</c> and configures its state backend
/// explicitly (CDKTF's implicit local backend writes an absolute machine path into the JSON).
/// </summary>
public abstract class MlopsStack : TerraformStack
{
    /// <summary>Creates the stack for <paramref name="environment"/> on <paramref name="cloud"/>.</summary>
    protected MlopsStack(Construct scope, string cloud, DeploymentEnvironment environment)
        : base(scope, StackName(cloud, environment))
    {
        Environment = environment;
        // Relative to the stack's working directory (cdktf.out/stacks/<name>); remote state replaces this later.
        new LocalBackend(this, new LocalBackendConfig { Path = $"terraform.{StackName(cloud, environment)}.tfstate" });
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

    /// <summary>The stack name for <paramref name="cloud"/> and <paramref name="environment"/>, e.g. <c>mlops-aws-dev</c>.</summary>
    public static string StackName(string cloud, DeploymentEnvironment environment) =>
        $"{environment.Project}-{cloud}-{environment.Name}";

    /// <summary>Declares the stack output <paramref name="name"/> (snake_case, what <c>cdktf output</c> and other stacks read).</summary>
    protected TerraformOutput Output(string name, string value, string description) =>
        new(this, name, new TerraformOutputConfig { Value = value, Description = description });

    /// <summary>Qualifies the bare provider source CDKTF writes (see <see cref="ProviderSources"/>).</summary>
    protected void QualifyProviderSource(string providerName) => ProviderSources.Qualify(this, providerName);
}
