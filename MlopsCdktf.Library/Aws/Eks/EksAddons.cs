using MlopsCdktf.Core;

namespace MlopsCdktf.Aws.Eks;

/// <summary>The EKS managed add-ons every cluster of this library runs.</summary>
public enum EksAddon
{
    /// <summary>Amazon VPC CNI (<c>vpc-cni</c>): pod networking; nodes stay NotReady without it, so it is installed before
    /// any node group.</summary>
    VpcCni,

    /// <summary>kube-proxy (<c>kube-proxy</c>): Service routing on every node; installed before any node group.</summary>
    KubeProxy,

    /// <summary>EKS Pod Identity agent (<c>eks-pod-identity-agent</c>): hands pods the credentials of their Pod Identity role;
    /// installed before any node group, so the first pods (the cluster autoscaler) get theirs.</summary>
    PodIdentityAgent,

    /// <summary>CoreDNS (<c>coredns</c>): cluster DNS, a Deployment that needs nodes to run: created after the system node
    /// group (the add-on stays DEGRADED, and its creation times out, without a node to schedule on).</summary>
    CoreDns,
}

/// <summary>
/// The add-on versions pinned per Kubernetes version, as data: the latest version of the EKS add-on type for that Kubernetes
/// version as AWS published it (https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html, managing-coredns,
/// managing-vpc-cni, pod-id-agent-setup). Moving a pin is a reviewed change of this file; check a new pin with
/// <c>aws eks describe-addon-versions --kubernetes-version &lt;v&gt; --addon-name &lt;name&gt;</c>.
/// </summary>
public static class EksAddonVersions
{
    private const string VpcCni = "v1.22.2-eksbuild.1";
    private const string PodIdentityAgent = "v1.3.10-eksbuild.3";

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<EksAddon, string>> Pins =
        new Dictionary<string, IReadOnlyDictionary<EksAddon, string>>
        {
            ["1.32"] = Versions(kubeProxy: "v1.32.13-eksbuild.16", coreDns: "v1.11.4-eksbuild.40"),
            ["1.33"] = Versions(kubeProxy: "v1.33.10-eksbuild.13", coreDns: "v1.12.4-eksbuild.18"),
            ["1.34"] = Versions(kubeProxy: "v1.34.6-eksbuild.13", coreDns: "v1.13.2-eksbuild.11"),
            ["1.35"] = Versions(kubeProxy: "v1.35.3-eksbuild.13", coreDns: "v1.14.3-eksbuild.3"),
        };

    /// <summary>The add-on's name in the EKS API (<c>vpc-cni</c>, <c>kube-proxy</c>, <c>eks-pod-identity-agent</c>, <c>coredns</c>).</summary>
    public static string AddonName(this EksAddon addon) => addon switch
    {
        EksAddon.VpcCni => "vpc-cni",
        EksAddon.KubeProxy => "kube-proxy",
        EksAddon.PodIdentityAgent => "eks-pod-identity-agent",
        EksAddon.CoreDns => "coredns",
        _ => throw new ArgumentOutOfRangeException(nameof(addon), addon, null),
    };

    /// <summary>The pinned version of <paramref name="addon"/> for Kubernetes <paramref name="kubernetesVersion"/>, or null
    /// when the version is not in <see cref="EksVersions.Supported"/>.</summary>
    public static string? For(string kubernetesVersion, EksAddon addon) =>
        Pins.TryGetValue(kubernetesVersion, out var versions) ? versions[addon] : null;

    /// <summary>What an add-on version looks like, e.g. <c>v1.22.2-eksbuild.1</c>.</summary>
    internal static InputValidator ValidateAddonVersion(this InputValidator validator, string? version, string property) =>
        validator.Matches(version, property, AddonVersionPattern.Value,
            "must be an EKS add-on version such as v1.22.2-eksbuild.1 (aws eks describe-addon-versions lists them)");

    private static readonly Lazy<System.Text.RegularExpressions.Regex> AddonVersionPattern =
        new(() => new System.Text.RegularExpressions.Regex(@"^v[0-9]+\.[0-9]+\.[0-9]+(-[a-z]+)?-eksbuild\.[0-9]+$"));

    private static IReadOnlyDictionary<EksAddon, string> Versions(string kubeProxy, string coreDns) => new Dictionary<EksAddon, string>
    {
        [EksAddon.VpcCni] = VpcCni,
        [EksAddon.KubeProxy] = kubeProxy,
        [EksAddon.PodIdentityAgent] = PodIdentityAgent,
        [EksAddon.CoreDns] = coreDns,
    };
}
