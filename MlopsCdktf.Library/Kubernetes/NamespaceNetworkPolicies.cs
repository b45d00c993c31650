using System.Globalization;
using Constructs;
using HashiCorp.Cdktf.Providers.Kubernetes.NetworkPolicyV1;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// Default deny for a namespace, both ways, plus one NetworkPolicy per workload allowing exactly what it needs
/// (<see cref="PodNetworkAccess"/>): cluster DNS, Google APIs and the GKE metadata server (GKE) or AWS APIs and the Pod
/// Identity agent (EKS), and callers of its ports from this namespace and named ones. GKE Dataplane V2 enforces
/// NetworkPolicies, as does the EKS VPC CNI with network policy enabled; neither isolates anything without one.
/// </summary>
/// <remarks>
/// NFS needs no allow: kubelet mounts the workspace from the node's network namespace, which pod policies do not
/// govern, and denying pods direct NFS traffic keeps them from speaking to the share themselves. Kubelet's probes come
/// from the node and are always allowed.
/// </remarks>
/// <example>
/// <code>
/// new NamespaceNetworkPolicies(this, "NetworkPolicies", new NamespaceNetworkPoliciesProps
/// {
///     Namespace = ns.Name,
///     Allows =
///     [
///         new PodNetworkAccess
///         {
///             Name = "churn",
///             PodLabels = new Dictionary&lt;string, string&gt; { ["app.kubernetes.io/name"] = "churn" },
///             Egress = [EgressTarget.KubeDns, EgressTarget.GoogleApis, EgressTarget.GkeMetadataServer],
///             IngressPorts = [8080],
///             CallerNamespaces = ["web"],
///         },
///     ],
/// });
/// </code>
/// </example>
public sealed class NamespaceNetworkPolicies : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the policies.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public NamespaceNetworkPolicies(Construct scope, string id, NamespaceNetworkPoliciesProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(NamespaceNetworkPolicies)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        DefaultDeny = new NetworkPolicyV1(this, "DefaultDeny", new NetworkPolicyV1Config
        {
            Metadata = new NetworkPolicyV1Metadata { Name = NetworkPolicyDefaults.DefaultDenyName, Namespace = props.Namespace },
            Spec = new NetworkPolicyV1Spec
            {
                PodSelector = new NetworkPolicyV1SpecPodSelector(),
                PolicyTypes = ["Ingress", "Egress"],
            },
        });

        Allows = props.Allows.Select(allow => new NetworkPolicyV1(this, $"Allow-{allow.Name}", new NetworkPolicyV1Config
        {
            Metadata = new NetworkPolicyV1Metadata { Name = $"allow-{allow.Name}", Namespace = props.Namespace },
            Spec = new NetworkPolicyV1Spec
            {
                PodSelector = new NetworkPolicyV1SpecPodSelector { MatchLabels = new Dictionary<string, string>(allow.PodLabels) },
                PolicyTypes = PolicyTypes(allow),
                Ingress = allow.IngressPorts.Count == 0 ? null : new[] { IngressRule(allow, props.Namespace) },
                Egress = allow.Egress.Count == 0 ? null : allow.Egress.Distinct().Order().SelectMany(EgressRules).ToArray(),
            },
        })).ToList();
    }

    /// <summary>The <c>default-deny</c> policy: every pod of the namespace, no ingress or egress rule.</summary>
    public NetworkPolicyV1 DefaultDeny { get; }

    /// <summary>One policy per <see cref="NamespaceNetworkPoliciesProps.Allows"/> entry, in order.</summary>
    public IReadOnlyList<NetworkPolicyV1> Allows { get; }

    private static string[] PolicyTypes(PodNetworkAccess allow) =>
        (allow.IngressPorts.Count, allow.Egress.Count) switch
        {
            ( > 0, > 0) => ["Ingress", "Egress"],
            ( > 0, _) => ["Ingress"],
            _ => ["Egress"],
        };

    // Callers by namespace name, this namespace first: an explicit selector rather than an empty pod_selector block, which
    // depends on how the provider reads an otherwise empty peer.
    private static NetworkPolicyV1SpecIngress IngressRule(PodNetworkAccess allow, string ownNamespace) => new()
    {
        From = new[] { ownNamespace }.Concat(allow.CallerNamespaces)
            .Select(ns => new NetworkPolicyV1SpecIngressFrom
            {
                NamespaceSelector = new NetworkPolicyV1SpecIngressFromNamespaceSelector
                {
                    MatchLabels = new Dictionary<string, string> { [NetworkPolicyDefaults.NamespaceNameLabel] = ns },
                },
            })
            .ToArray(),
        Ports = allow.IngressPorts.Select(p => new NetworkPolicyV1SpecIngressPorts
        {
            Port = p.ToString(CultureInfo.InvariantCulture),
            Protocol = "TCP",
        }).ToArray(),
    };

    private static IEnumerable<NetworkPolicyV1SpecEgress> EgressRules(EgressTarget target) => target switch
    {
        EgressTarget.KubeDns =>
        [
            new NetworkPolicyV1SpecEgress
            {
                To = new[]
                {
                    new NetworkPolicyV1SpecEgressTo
                    {
                        NamespaceSelector = new NetworkPolicyV1SpecEgressToNamespaceSelector
                        {
                            MatchLabels = new Dictionary<string, string> { [NetworkPolicyDefaults.NamespaceNameLabel] = NetworkPolicyDefaults.KubeSystem },
                        },
                        PodSelector = new NetworkPolicyV1SpecEgressToPodSelector
                        {
                            MatchLabels = new Dictionary<string, string> { [NetworkPolicyDefaults.KubeDnsLabelKey] = NetworkPolicyDefaults.KubeDnsLabelValue },
                        },
                    },
                },
                Ports = new[]
                {
                    new NetworkPolicyV1SpecEgressPorts { Port = NetworkPolicyDefaults.DnsPort, Protocol = "UDP" },
                    new NetworkPolicyV1SpecEgressPorts { Port = NetworkPolicyDefaults.DnsPort, Protocol = "TCP" },
                },
            },
        ],
        EgressTarget.GoogleApis =>
        [
            new NetworkPolicyV1SpecEgress
            {
                To = new[] { new NetworkPolicyV1SpecEgressTo { IpBlock = new NetworkPolicyV1SpecEgressToIpBlock { Cidr = "0.0.0.0/0", Except = NetworkPolicyDefaults.NonPublicRanges } } },
                Ports = new[] { new NetworkPolicyV1SpecEgressPorts { Port = NetworkPolicyDefaults.HttpsPort, Protocol = "TCP" } },
            },
        ],
        EgressTarget.GkeMetadataServer =>
        [
            Tcp(NetworkPolicyDefaults.MetadataServerCidr, NetworkPolicyDefaults.MetadataServerPort),
            Tcp(NetworkPolicyDefaults.GkeMetadataServerCidr, NetworkPolicyDefaults.GkeMetadataServerPort),
        ],
        EgressTarget.AwsApis =>
        [
            new NetworkPolicyV1SpecEgress
            {
                To = new[] { new NetworkPolicyV1SpecEgressTo { IpBlock = new NetworkPolicyV1SpecEgressToIpBlock { Cidr = "0.0.0.0/0", Except = [NetworkPolicyDefaults.LinkLocalRange] } } },
                Ports = new[] { new NetworkPolicyV1SpecEgressPorts { Port = NetworkPolicyDefaults.HttpsPort, Protocol = "TCP" } },
            },
        ],
        EgressTarget.EksPodIdentityAgent => [Tcp(NetworkPolicyDefaults.PodIdentityAgentCidr, NetworkPolicyDefaults.PodIdentityAgentPort)],
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    private static NetworkPolicyV1SpecEgress Tcp(string cidr, string port) => new()
    {
        To = new[] { new NetworkPolicyV1SpecEgressTo { IpBlock = new NetworkPolicyV1SpecEgressToIpBlock { Cidr = cidr } } },
        Ports = new[] { new NetworkPolicyV1SpecEgressPorts { Port = port, Protocol = "TCP" } },
    };

    private void Validate(NamespaceNetworkPoliciesProps props)
    {
        var v = new InputValidator(this);
        v.ValidateDns1123Label(props.Namespace, nameof(props.Namespace));
        for (var i = 0; i < props.Allows.Count; i++)
        {
            var allow = props.Allows[i];
            var p = $"Allows[{i}]";
            if (allow is null)
            {
                v.Add(p, null, "must not be null");
                continue;
            }

            v.ValidateDns1123Label(allow.Name, p + ".Name");
            v.Require(!InputValidator.IsUnresolved(allow.Name), p + ".Name", "a Terraform reference", "must be a literal name: it also names the construct");
            v.Require(allow.Name is null || allow.Name.Length <= 57, p + ".Name", allow.Name, "must be at most 57 characters (the policy is named allow-{Name})");
            v.Require(allow.PodLabels is { Count: > 0 }, p + ".PodLabels", allow.PodLabels?.Count ?? 0,
                "must select the workload's pods by at least one label: an empty selector would open the allows to every pod of the namespace");
            v.ValidateKubernetesLabels(allow.PodLabels, p + ".PodLabels");
            foreach (var target in allow.Egress)
            {
                v.Defined(target, p + ".Egress");
            }

            v.Require(!allow.Egress.Contains(EgressTarget.GoogleApis) || (allow.Egress.Contains(EgressTarget.KubeDns) && allow.Egress.Contains(EgressTarget.GkeMetadataServer)),
                p + ".Egress", string.Join(", ", allow.Egress),
                "GoogleApis needs KubeDns (to resolve *.googleapis.com) and GkeMetadataServer (Workload Identity tokens)");
            v.Require(!allow.Egress.Contains(EgressTarget.AwsApis) || (allow.Egress.Contains(EgressTarget.KubeDns) && allow.Egress.Contains(EgressTarget.EksPodIdentityAgent)),
                p + ".Egress", string.Join(", ", allow.Egress),
                "AwsApis needs KubeDns (to resolve *.amazonaws.com) and EksPodIdentityAgent (Pod Identity credentials)");
            foreach (var port in allow.IngressPorts)
            {
                v.InRange(port, p + ".IngressPorts", 1, 65535);
            }

            foreach (var ns in allow.CallerNamespaces)
            {
                v.ValidateDns1123Label(ns, p + ".CallerNamespaces");
            }

            v.Require(allow.CallerNamespaces.Count == 0 || allow.IngressPorts.Count > 0, p + ".CallerNamespaces", string.Join(", ", allow.CallerNamespaces),
                "callers need IngressPorts to connect to");
            v.Require(allow.Egress.Count > 0 || allow.IngressPorts.Count > 0, p, allow.Name, "allows nothing: give Egress or IngressPorts, or leave it out");
        }

        v.Require(props.Allows.Where(a => a is not null).Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() == props.Allows.Count(a => a is not null),
            nameof(props.Allows), string.Join(", ", props.Allows.Where(a => a is not null).Select(a => a.Name)), "must not use a name twice");
        v.ThrowIfInvalid();
    }
}
