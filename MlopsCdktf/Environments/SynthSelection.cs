using System.Globalization;
using System.Text.RegularExpressions;
using Constructs;
using MlopsCdktf.Core;

namespace MlopsCdktf.Environments;

/// <summary>
/// Which environments one synthesis declares and how it delivers them, chosen without a code change: each setting is read
/// from the CDKTF context (<c>cdktf.json</c> <c>"context"</c>, or <c>CDKTF_CONTEXT_JSON</c> for a direct
/// <c>dotnet run</c>), else from its <c>MLOPS_*</c> environment variable (what <c>make</c> and CI set), else its default.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>env</c> / <c>MLOPS_ENV</c></term><description>one of the catalog's environments (default: all of them).</description></item>
/// <item><term><c>pr</c> / <c>MLOPS_PR</c></term><description>a pull request number: only its review environment <c>pr&lt;n&gt;</c>.</description></item>
/// <item><term><c>state</c> / <c>MLOPS_STATE</c></term><description><c>local</c> (default) or <c>remote</c>, by name in any case (never a number or a list).</description></item>
/// <item><term><c>infraVersion</c> / <c>MLOPS_INFRA_VERSION</c></term><description>the git commit (7–64 hex digits, SHA-1 or SHA-256; default <c>unversioned</c>).</description></item>
/// <item><term><c>run</c> / <c>MLOPS_RUN</c></term><description>a training run's name (with <c>env</c>): also declare its two run stacks (<c>make train</c>).</description></item>
/// <item><term><c>runCloud</c> / <c>MLOPS_RUN_CLOUD</c></term><description><c>gke</c> or <c>eks</c> (default: the environment's <see cref="TrainingRunSettings.DefaultCloud"/>).</description></item>
/// <item><term><c>bootstrap</c> / <c>MLOPS_BOOTSTRAP</c></term><description><c>true</c> or <c>1</c> (any case): only the state buckets of the selected environments; <c>false</c> or <c>0</c>.</description></item>
/// </list>
/// </remarks>
public static partial class SynthSelection
{
    private static readonly (string Key, string Variable) EnvironmentSetting = ("env", "MLOPS_ENV");
    private static readonly (string Key, string Variable) PullRequestSetting = ("pr", "MLOPS_PR");
    private static readonly (string Key, string Variable) StateSetting = ("state", "MLOPS_STATE");
    private static readonly (string Key, string Variable) InfraVersionSetting = ("infraVersion", "MLOPS_INFRA_VERSION");
    private static readonly (string Key, string Variable) BootstrapSetting = ("bootstrap", "MLOPS_BOOTSTRAP");
    private static readonly (string Key, string Variable) RunSetting = ("run", "MLOPS_RUN");
    private static readonly (string Key, string Variable) RunCloudSetting = ("runCloud", "MLOPS_RUN_CLOUD");

    /// <summary>The environments to declare in <paramref name="app"/>, each carrying this run's <see cref="DeliveryOptions"/>.</summary>
    /// <param name="app">The app whose context is read.</param>
    /// <param name="variables">Reads an environment variable (default: the process environment).</param>
    /// <exception cref="ConstructInputException">When a setting is invalid; every problem is listed.</exception>
    public static IReadOnlyList<DeploymentEnvironment> Read(Construct app, Func<string, string?>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        variables ??= Environment.GetEnvironmentVariable;
        string? Setting((string Key, string Variable) s) =>
            app.Node.TryGetContext(s.Key) is { } value && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text
                ? text.Trim()
                : variables(s.Variable) is { Length: > 0 } variable ? variable.Trim() : null;

        var environment = Setting(EnvironmentSetting);
        var pullRequest = Setting(PullRequestSetting);
        var state = Setting(StateSetting);
        var infraVersion = Setting(InfraVersionSetting);
        var bootstrap = Setting(BootstrapSetting);
        var run = Setting(RunSetting);
        var runCloudName = Setting(RunCloudSetting);

        var v = new InputValidator("SynthContext", "cdktf context / MLOPS_* variables");
        var names = Catalog.All.Select(e => e.Name).ToList();
        v.Require(environment is null || names.Contains(environment), Name(EnvironmentSetting), environment,
            $"must be one of {string.Join(", ", names)} (or unset for all of them; a review environment is chosen with {Name(PullRequestSetting)})");
        v.Matches(pullRequest, Name(PullRequestSetting), PullRequestNumber(), "must be a pull request number (1 to 10 digits, no leading zero)");
        v.Require(environment is null || pullRequest is null, Name(PullRequestSetting), pullRequest,
            $"selects the review environment, so {Name(EnvironmentSetting)} (\"{environment}\") must be unset: give one of them");
        // Names only: Enum.TryParse would also take "1", "7" or "local,remote" and select a mode nobody named.
        var stateMode = state is null ? StateMode.Local : Named<StateMode>(state);
        v.Require(stateMode is not null, Name(StateSetting), state,
            $"must be one of {string.Join(", ", Enum.GetNames<StateMode>().Select(n => n.ToLowerInvariant()))} (any case): local keeps the state files in the repository root (offline), remote uses the environment's S3/GCS state buckets");
        v.Matches(infraVersion, Name(InfraVersionSetting), EnvironmentRules.InfraVersion(),
            $"must be the git commit the infrastructure is built from (7 to 64 lowercase hex digits, SHA-1 or SHA-256, e.g. $(git rev-parse HEAD)) or \"{DeliveryOptions.Unversioned}\"");
        var stateBootstrap = bootstrap is not null && (bootstrap == "1" || string.Equals(bootstrap, "true", StringComparison.OrdinalIgnoreCase));
        var notBootstrap = bootstrap is null || bootstrap == "0" || string.Equals(bootstrap, "false", StringComparison.OrdinalIgnoreCase);
        v.Require(stateBootstrap || notBootstrap, Name(BootstrapSetting), bootstrap, "must be true or 1 (any case) to synthesize only the state buckets, or false or 0");
        v.Require(!stateBootstrap || pullRequest is null, Name(BootstrapSetting), bootstrap,
            $"cannot be combined with {Name(PullRequestSetting)}: review environments keep their state in dev's buckets");
        var runEnvironment = environment is null ? null : Catalog.All.FirstOrDefault(e => e.Name == environment);
        v.Require(run is null || environment is not null, Name(RunSetting), run, $"needs {Name(EnvironmentSetting)}: a run belongs to one environment (make train ENV=<env> RUN=<name>)");
        v.Matches(run, Name(RunSetting), RunName(), "must be a run name: 2 to 20 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
        v.Require(run is null || runEnvironment is null || runEnvironment.TrainingRuns is not null, Name(RunSetting), run,
            $"needs training runs declared for environment {environment} (DeploymentEnvironment.TrainingRuns is null)");
        v.Require(run is null || !stateBootstrap, Name(RunSetting), run, $"cannot be combined with {Name(BootstrapSetting)}");
        TrainingCloud? runCloud = runCloudName is null ? runEnvironment?.TrainingRuns?.DefaultCloud
            : Named<TrainingCloud>(runCloudName);
        v.Require(runCloudName is null || runCloud is not null, Name(RunCloudSetting), runCloudName, "must be gke or eks (any case)");
        v.Require(runCloudName is null || run is not null, Name(RunCloudSetting), runCloudName, $"needs {Name(RunSetting)}");
        v.Require(run is null || runCloud is null || runEnvironment?.TrainingRuns is not { } runs
                  || (runCloud == TrainingCloud.Gke ? runs.Gke is not null : runs.Eks is not null),
            Name(RunCloudSetting), runCloud?.ToString().ToLowerInvariant(), $"must be a cloud environment {environment} declares runs on (TrainingRuns.Gke / TrainingRuns.Eks)");
        v.ThrowIfInvalid();

        var delivery = new DeliveryOptions
        {
            Run = run is null ? null : new TrainingRunSelection(run, runCloud!.Value),
            State = stateMode!.Value,
            InfraVersion = infraVersion ?? DeliveryOptions.Unversioned,
            StateBootstrap = stateBootstrap,
        };
        IEnumerable<DeploymentEnvironment> selected = pullRequest is not null
            ? [Catalog.Review(long.Parse(pullRequest, CultureInfo.InvariantCulture))]
            : Catalog.All.Where(e => environment is null || e.Name == environment);
        return selected.Select(e => e with { Delivery = delivery }).ToList();
    }

    private static string Name((string Key, string Variable) s) => $"{s.Key} ({s.Variable})";

    /// <summary>The <typeparamref name="TEnum"/> member named <paramref name="text"/> (any case), or null: numbers and flag lists are not names.</summary>
    private static TEnum? Named<TEnum>(string text)
        where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TEnum>(name)
            : null;

    [GeneratedRegex(@"^[1-9][0-9]{0,9}\z")]
    private static partial Regex PullRequestNumber();

    /// <summary>A training run's name: it ends up in stack, node group, pool and Job names.</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,18}[a-z0-9]\z")]
    internal static partial Regex RunName();
}
