namespace MlopsCdktf.Environments;

/// <summary>Where Terraform keeps the state of the synthesized stacks.</summary>
public enum StateMode
{
    /// <summary>
    /// A local file per stack in the repository root (<c>terraform.&lt;stack&gt;.tfstate</c>, git-ignored): works offline,
    /// for one person. The default, so <c>make synth</c> / <c>make test</c> need no cloud.
    /// </summary>
    Local,

    /// <summary>
    /// The environment's state buckets (<see cref="StateStorage"/>): S3 with native lock files for AWS stacks, GCS for GCP and
    /// Kubernetes stacks. For teams and CI; the buckets come from the bootstrap stacks (<c>make bootstrap-state</c>).
    /// </summary>
    Remote,
}

/// <summary>
/// How one synthesis delivers an environment: where its state lives and which infrastructure version (git commit) it is.
/// Chosen per run through CDKTF context or <c>MLOPS_*</c> variables (<see cref="SynthSelection"/>), never in code.
/// </summary>
public sealed record DeliveryOptions
{
    /// <summary>The infrastructure version of a synthesis given no commit: fixed, so output stays deterministic.</summary>
    public const string Unversioned = "unversioned";

    /// <summary>The defaults: local state, <see cref="Unversioned"/>.</summary>
    public static DeliveryOptions Default { get; } = new();

    /// <summary>Where the stacks' state lives.</summary>
    /// <value>The default value is <see cref="StateMode.Local"/>: it works offline.</value>
    public StateMode State { get; init; } = StateMode.Local;

    /// <summary>The git commit the infrastructure is synthesized from, stamped on every resource and output.</summary>
    /// <value>The default value is <see cref="Unversioned"/>: passed in by the caller (CI gives the commit), never read from git or the clock.</value>
    public string InfraVersion { get; init; } = Unversioned;

    /// <summary>Synthesize only the environment's state buckets (<c>mlops-tfstate-aws-{env}</c>, <c>mlops-tfstate-gcp-{env}</c>),
    /// applied once before any stack uses <see cref="StateMode.Remote"/>.</summary>
    /// <value>The default value is false: the application's stacks.</value>
    public bool StateBootstrap { get; init; }

    /// <summary>The training run to declare besides the environment's stacks (its two run stacks), or null for none.</summary>
    /// <value>The default value is null: no run.</value>
    public TrainingRunSelection? Run { get; init; }
}

/// <summary>The buckets an environment's remote state lives in (created by its bootstrap stack; derived, see <see cref="DeploymentEnvironment.State"/>).</summary>
public sealed record StateStorage
{
    /// <summary>The S3 bucket of the AWS stacks' state, in the environment's account and region.</summary>
    public required string AwsBucket { get; init; }

    /// <summary>The GCS bucket of the GCP and Kubernetes stacks' state, in the environment's project and region.</summary>
    public required string GcsBucket { get; init; }
}

/// <summary>What makes an environment a pull request's review environment.</summary>
public sealed record ReviewSettings
{
    /// <summary>The pull request number the environment is named after (<c>pr&lt;number&gt;</c>).</summary>
    public required long PullRequest { get; init; }

    /// <summary>Hours the environment may live; stamped as the <c>TimeToLive</c> tag for a janitor to act on leftovers.</summary>
    /// <value>The default value is 72 hours: the pull request's close event destroys it first in the normal case.</value>
    public int TimeToLiveHours { get; init; } = 72;
}
