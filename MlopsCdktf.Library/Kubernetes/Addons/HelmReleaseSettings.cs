namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>
/// How Terraform applies an add-on's Helm release. Every release waits for its workloads to be ready and is atomic
/// (a failed install is uninstalled, a failed upgrade rolled back, and the resources a failed upgrade created are
/// cleaned up): the apply fails, naming the release, instead of leaving a half-installed add-on behind.
/// </summary>
public sealed record HelmReleaseSettings
{
    /// <summary>Seconds Helm waits for the release's Deployments and DaemonSets to be ready before it fails and rolls
    /// back (<c>timeout</c>); between 60 and 3600.</summary>
    /// <value>The default value is 600: nodes of a new cluster may still be joining when the add-ons are applied, and an
    /// image pull on a fresh node takes minutes (Helm's own default, 300, is tight for that).</value>
    public int TimeoutSeconds { get; init; } = HelmReleaseDefaults.TimeoutSeconds;

    /// <summary>Release revisions Helm keeps (<c>max_history</c>), each a Secret in the release's namespace; between 1 and 100.</summary>
    /// <value>The default value is 10: enough to roll back by hand, without the unlimited history (Helm's 0) that grows a
    /// Secret per upgrade for ever.</value>
    public int MaxHistory { get; init; } = HelmReleaseDefaults.MaxHistory;
}

/// <summary>The one home of <see cref="HelmReleaseSettings"/>' defaults and limits.</summary>
internal static class HelmReleaseDefaults
{
    public const int TimeoutSeconds = 600;
    public const int MinTimeoutSeconds = 60;
    public const int MaxTimeoutSeconds = 3600;
    public const int MaxHistory = 10;
    public const int MaxMaxHistory = 100;

    /// <summary>The namespace the EKS add-ons run in: the system namespace, where <c>system-*-critical</c> priority
    /// classes are always admitted and the cluster autoscaler's Pod Identity association points.</summary>
    public const string Namespace = "kube-system";
}
