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
/// <item><term><c>state</c> / <c>MLOPS_STATE</c></term><description><c>local</c> (default) or <c>remote</c>.</description></item>
/// <item><term><c>infraVersion</c> / <c>MLOPS_INFRA_VERSION</c></term><description>the git commit (7–40 hex digits; default <c>unversioned</c>).</description></item>
/// <item><term><c>bootstrap</c> / <c>MLOPS_BOOTSTRAP</c></term><description><c>true</c>: only the state buckets of the selected environments.</description></item>
/// </list>
/// </remarks>
public static partial class SynthSelection
{
    private static readonly (string Key, string Variable) EnvironmentSetting = ("env", "MLOPS_ENV");
    private static readonly (string Key, string Variable) PullRequestSetting = ("pr", "MLOPS_PR");
    private static readonly (string Key, string Variable) StateSetting = ("state", "MLOPS_STATE");
    private static readonly (string Key, string Variable) InfraVersionSetting = ("infraVersion", "MLOPS_INFRA_VERSION");
    private static readonly (string Key, string Variable) BootstrapSetting = ("bootstrap", "MLOPS_BOOTSTRAP");

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

        var v = new InputValidator("SynthContext", "cdktf context / MLOPS_* variables");
        var names = Catalog.All.Select(e => e.Name).ToList();
        v.Require(environment is null || names.Contains(environment), Name(EnvironmentSetting), environment,
            $"must be one of {string.Join(", ", names)} (or unset for all of them; a review environment is chosen with {Name(PullRequestSetting)})");
        v.Matches(pullRequest, Name(PullRequestSetting), PullRequestNumber(), "must be a pull request number (1 to 10 digits, no leading zero)");
        v.Require(environment is null || pullRequest is null, Name(PullRequestSetting), pullRequest,
            $"selects the review environment, so {Name(EnvironmentSetting)} (\"{environment}\") must be unset: give one of them");
        v.Require(state is null || Enum.TryParse<StateMode>(state, ignoreCase: true, out _), Name(StateSetting), state,
            "must be local (state files in the repository root, offline) or remote (the environment's S3/GCS state buckets)");
        v.Matches(infraVersion, Name(InfraVersionSetting), EnvironmentRules.InfraVersion(),
            $"must be the git commit the infrastructure is built from (7 to 40 lowercase hex digits, e.g. $(git rev-parse HEAD)) or \"{DeliveryOptions.Unversioned}\"");
        v.Require(bootstrap is null or "true" or "false" or "True" or "False" or "1" or "0", Name(BootstrapSetting), bootstrap, "must be true (or 1) to synthesize only the state buckets, or false");
        var stateBootstrap = bootstrap is "true" or "True" or "1";
        v.Require(!stateBootstrap || pullRequest is null, Name(BootstrapSetting), bootstrap,
            $"cannot be combined with {Name(PullRequestSetting)}: review environments keep their state in dev's buckets");
        v.ThrowIfInvalid();

        var delivery = new DeliveryOptions
        {
            State = state is null ? StateMode.Local : Enum.Parse<StateMode>(state, ignoreCase: true),
            InfraVersion = infraVersion ?? DeliveryOptions.Unversioned,
            StateBootstrap = stateBootstrap,
        };
        IEnumerable<DeploymentEnvironment> selected = pullRequest is not null
            ? [Catalog.Review(long.Parse(pullRequest, CultureInfo.InvariantCulture))]
            : Catalog.All.Where(e => environment is null || e.Name == environment);
        return selected.Select(e => e with { Delivery = delivery }).ToList();
    }

    private static string Name((string Key, string Variable) s) => $"{s.Key} ({s.Variable})";

    [GeneratedRegex("^[1-9][0-9]{0,9}$")]
    private static partial Regex PullRequestNumber();
}
