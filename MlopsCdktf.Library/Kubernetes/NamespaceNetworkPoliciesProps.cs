namespace MlopsCdktf.Kubernetes;

/// <summary>Destinations outside the namespace a workload's pods may open connections to.</summary>
public enum EgressTarget
{
    /// <summary>Cluster DNS: the <c>kube-dns</c> pods in <c>kube-system</c>, UDP and TCP 53.</summary>
    KubeDns,

    /// <summary>HTTPS (TCP 443) to addresses outside the private, shared and link-local ranges: Google APIs (GCS,
    /// IAM credentials, Artifact Registry) through Private Google Access; private nodes without Cloud NAT reach
    /// nothing else there. Needs <see cref="KubeDns"/> to resolve the API names and
    /// <see cref="GkeMetadataServer"/> for Workload Identity tokens.</summary>
    GoogleApis,

    /// <summary>The GKE metadata server, which issues Workload Identity tokens: <c>169.254.169.254</c> TCP 80 (what pods
    /// dial; Dataplane V2 evaluates policy before its NAT) and <c>169.254.169.252</c> TCP 988 (where the node's metadata
    /// server listens, what an iptables datapath has already rewritten the request to).</summary>
    GkeMetadataServer,

    /// <summary>HTTPS (TCP 443) to any address but the link-local range: AWS APIs on EKS, whether through interface VPC
    /// endpoints (private addresses in the VPC: STS, ECR, CloudWatch Logs) or the S3 gateway endpoint and NAT (public
    /// addresses). The VPC's private addresses are included because the endpoints live there. Needs
    /// <see cref="KubeDns"/> to resolve the API names and <see cref="EksPodIdentityAgent"/> for Pod Identity credentials.</summary>
    AwsApis,

    /// <summary>The EKS Pod Identity agent on the pod's node, which hands out the role's credentials:
    /// <c>169.254.170.23</c> TCP 80 (the address the AWS SDKs read from <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>).</summary>
    EksPodIdentityAgent,
}

/// <summary>What one workload's pods may send and receive beyond the namespace's default deny.</summary>
public sealed record PodNetworkAccess
{
    /// <summary>Name of the NetworkPolicy (DNS-1123 label), e.g. the workload's name.</summary>
    public required string Name { get; init; }

    /// <summary>The labels selecting the workload's pods (<c>podSelector.matchLabels</c>), e.g.
    /// <c>app.kubernetes.io/name = churn</c>; never empty (that would select every pod of the namespace).</summary>
    public required IReadOnlyDictionary<string, string> PodLabels { get; init; }

    /// <summary>Where the pods may connect to.</summary>
    /// <value>The default value is nowhere.</value>
    public IReadOnlyList<EgressTarget> Egress { get; init; } = [];

    /// <summary>TCP ports of the pods (container ports, not Service ports) that callers may connect to.</summary>
    /// <value>The default value is none: nothing may connect to the pods.</value>
    public IReadOnlyList<int> IngressPorts { get; init; } = [];

    /// <summary>Namespaces whose pods may connect to <see cref="IngressPorts"/>, besides pods of this namespace
    /// (matched by the <c>kubernetes.io/metadata.name</c> label every namespace carries).</summary>
    /// <value>The default value is none: only pods of the same namespace.</value>
    public IReadOnlyList<string> CallerNamespaces { get; init; } = [];
}

/// <summary>Input of <see cref="NamespaceNetworkPolicies"/>.</summary>
public sealed record NamespaceNetworkPoliciesProps
{
    /// <summary>The namespace (an <see cref="MlNamespace"/>'s name).</summary>
    public required string Namespace { get; init; }

    /// <summary>What each workload may do beyond the default deny: one NetworkPolicy each.</summary>
    /// <value>The default value is none: every pod of the namespace is isolated both ways.</value>
    public IReadOnlyList<PodNetworkAccess> Allows { get; init; } = [];
}

/// <summary>The one home of <see cref="NamespaceNetworkPolicies"/>'s fixed values.</summary>
internal static class NetworkPolicyDefaults
{
    public const string DefaultDenyName = "default-deny";
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";
    public const string KubeSystem = "kube-system";
    public const string KubeDnsLabelKey = "k8s-app";
    public const string KubeDnsLabelValue = "kube-dns";
    public const string DnsPort = "53";
    public const string HttpsPort = "443";
    public const string MetadataServerCidr = "169.254.169.254/32";
    public const string MetadataServerPort = "80";
    public const string GkeMetadataServerCidr = "169.254.169.252/32";
    public const string GkeMetadataServerPort = "988";
    public const string PodIdentityAgentCidr = "169.254.170.23/32";
    public const string PodIdentityAgentPort = "80";
    public const string LinkLocalRange = "169.254.0.0/16";

    /// <summary>Everything that is not Google APIs: private (pods, services, nodes, Filestore), shared and link-local ranges.</summary>
    public static readonly string[] NonPublicRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];
}
