using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Helm.Release;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>
/// The one builder of the add-ons' <c>helm_release</c>s: the pinned repository, chart and version; the namespace (created
/// by the release only when the add-on owns it, e.g. <c>kueue-system</c>; never <c>kube-system</c>); <c>wait</c>, <c>atomic</c> and <c>cleanup_on_fail</c> on; the validated timeout and history;
/// and one values document serialized from a typed record (<see cref="HelmValues"/>), never a YAML string.
/// </summary>
internal static class ChartRelease
{
    /// <summary>Checks <paramref name="settings"/>, reported under <paramref name="property"/> (e.g. <c>Release</c>).</summary>
    public static void Validate(InputValidator v, HelmReleaseSettings? settings, string property)
    {
        if (settings is null)
        {
            v.Add(property, null, "must not be null (leave it out for the defaults)");
            return;
        }

        v.InRange(settings.TimeoutSeconds, property + ".TimeoutSeconds", HelmReleaseDefaults.MinTimeoutSeconds, HelmReleaseDefaults.MaxTimeoutSeconds,
            "seconds (Helm waits this long for the release's pods to be ready, then rolls back)");
        v.InRange(settings.MaxHistory, property + ".MaxHistory", 1, HelmReleaseDefaults.MaxMaxHistory,
            "revisions (each is a Secret in the release's namespace; 0, Helm's unlimited, is refused)");
    }

    /// <summary>Declares the release of <paramref name="chart"/> named <paramref name="name"/> in <paramref name="ns"/>
    /// (created by Helm when <paramref name="createNamespace"/>: a namespace the add-on alone uses).</summary>
    public static Release Declare<TValues>(Construct scope, string name, string ns, PinnedChart chart, TValues values, HelmReleaseSettings settings,
        IReadOnlyList<ITerraformDependable>? dependsOn = null, bool createNamespace = false) =>
        new(scope, "Release", new ReleaseConfig
        {
            Name = name,
            Namespace = ns,
            Repository = chart.Repository,
            Chart = chart.Chart,
            Version = chart.Version,
            Values = [HelmValues.Serialize(values)],
            CreateNamespace = createNamespace,
            Wait = true,
            Atomic = true,
            CleanupOnFail = true,
            Timeout = settings.TimeoutSeconds,
            MaxHistory = settings.MaxHistory,
            DependsOn = dependsOn is { Count: > 0 } ? dependsOn.ToArray() : null,
        });
}
