using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>Input of <see cref="MlCluster"/>. Every optional member documents its default and why.</summary>
public sealed record MlClusterProps
{
    /// <summary>The project the cluster and its node service account live in; also names the Workload Identity pool.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The cluster name: 1–40 lowercase letters, digits and hyphens, starting with a letter. Changing it replaces the cluster.</summary>
    public required string Name { get; init; }

    /// <summary>A region (regional cluster: replicated control plane, the production choice) or a zone (zonal cluster).</summary>
    public required string Location { get; init; }

    /// <summary>The VPC network (name, id or self link) the nodes join.</summary>
    public required string Network { get; init; }

    /// <summary>The subnetwork the nodes get their addresses from; in the cluster's region.</summary>
    public required string Subnetwork { get; init; }

    /// <summary>Pod and Service IP ranges of the VPC-native cluster: secondary range names of <see cref="Subnetwork"/> or CIDRs.</summary>
    public required ClusterIpRanges IpRanges { get; init; }

    /// <summary>The primary range of <see cref="Subnetwork"/> (the nodes' addresses), when known: checked against the
    /// control-plane, Pod and Service ranges, which must not overlap it. Declares nothing.</summary>
    /// <value>The default value is null: the subnetwork is given by name and its range is not checked.</value>
    public string? SubnetworkCidr { get; init; }

    /// <summary>The /28 private range of the control plane's VPC peering; must not overlap any range in the VPC.</summary>
    /// <value>The default value is <c>172.16.0.0/28</c>, GKE's documented example; change it if your VPC uses it.</value>
    public string MasterIpv4CidrBlock { get; init; } = MlClusterDefaults.MasterIpv4CidrBlock;

    /// <summary>How fast the cluster gets new Kubernetes versions.</summary>
    /// <value>The default value is <see cref="ReleaseChannel.Regular"/>: GKE's recommended balance of fixes and stability.</value>
    public ReleaseChannel ReleaseChannel { get; init; } = ReleaseChannel.Regular;

    /// <summary>How Terraform and kubectl reach the control plane. The IP endpoint is never public.</summary>
    /// <value>The default value is <see cref="Gcp.ControlPlaneAccess.DnsEndpoint"/>: the IAM-authorised DNS endpoint is
    /// reachable from any runner that can reach Google APIs, and only callers with <c>container.clusters.connect</c> get
    /// through, so no network path or IP allow-list has to be kept in sync with CI runners.</value>
    public ControlPlaneAccess ControlPlaneAccess { get; init; } = ControlPlaneAccess.DnsEndpoint;

    /// <summary>Private CIDR blocks (besides the node subnet) allowed to reach the control plane's private IP endpoint
    /// (master authorized networks), e.g. a runner subnet or a VPN range connected to the VPC.</summary>
    /// <value>The default value is null: master authorized networks are enabled with no extra CIDRs, so only the nodes'
    /// subnet reaches the IP endpoint (Google Cloud public ranges are refused too). Required with
    /// <see cref="Gcp.ControlPlaneAccess.PrivateEndpoint"/>; public ranges are rejected (the IP endpoint is private).</value>
    public IReadOnlyList<string>? MasterAuthorizedNetworks { get; init; }

    /// <summary>The account id (6–30 characters) of the node service account created for this cluster.</summary>
    /// <value>The default value is null: <c>{Name}-nodes</c>, with the name cut so the id fits 30 characters.</value>
    public string? NodeServiceAccountId { get; init; }

    /// <summary>Whether the cluster may be deleted: GKE <c>deletion_protection</c> is on with <see cref="DeletionPolicy.PreventDestroy"/>.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>: a cluster delete takes every workload with it.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>What the cluster sends to Cloud Monitoring: system metrics, managed Prometheus, DCGM GPU metrics.</summary>
    /// <value>The default value is everything on (<see cref="ClusterMonitoring"/>'s defaults): GPU utilisation and the
    /// serving pods' metrics are what the dashboards and alerts read. DCGM without managed Prometheus is refused.</value>
    public ClusterMonitoring Monitoring { get; init; } = new();

    /// <summary>GCP labels on the cluster (<c>resource_labels</c>), merged over the provider's <c>default_labels</c>.</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>How Terraform and kubectl reach a <see cref="MlCluster"/>'s control plane. Its IP endpoint is never public.</summary>
public enum ControlPlaneAccess
{
    /// <summary>
    /// GKE's DNS-based endpoint with external traffic allowed: reachable from wherever Google APIs are, authorised by IAM
    /// (<c>container.clusters.connect</c>, e.g. <c>roles/container.developer</c>) before Kubernetes RBAC. Its certificate is
    /// publicly trusted, so clients need no cluster CA.
    /// </summary>
    DnsEndpoint,

    /// <summary>
    /// The private IP endpoint only: runners must deploy from inside the VPC (the node subnet or a range in
    /// <see cref="MlClusterProps.MasterAuthorizedNetworks"/>, e.g. self-hosted CI runners or a VPN), trusting the cluster CA.
    /// </summary>
    PrivateEndpoint,
}

/// <summary>What a Kubernetes client needs to reach a cluster's API server: the URL and, for the IP endpoint, the CA.</summary>
public sealed record ClusterConnection
{
    /// <summary>The API server URL, <c>https://…</c>.</summary>
    public required string Host { get; init; }

    /// <summary>The base64-encoded PEM CA certificate to trust, or null when the endpoint's certificate is publicly trusted
    /// (the DNS endpoint: passing the cluster CA there would make TLS verification fail).</summary>
    public string? CaCertificateBase64 { get; init; }
}

/// <summary>
/// The Pod and Service ranges of a VPC-native cluster: either names of secondary ranges of the subnetwork
/// (<see cref="SecondaryRanges"/>, preferred: the network team owns the addressing) or CIDRs GKE creates ranges for
/// (<see cref="Cidrs"/>). Exactly one form.
/// </summary>
public sealed record ClusterIpRanges
{
    /// <summary>Name of the subnetwork's secondary range for Pods.</summary>
    public string? PodsRangeName { get; init; }

    /// <summary>Name of the subnetwork's secondary range for Services.</summary>
    public string? ServicesRangeName { get; init; }

    /// <summary>CIDR for Pods (e.g. <c>10.8.0.0/14</c>), when GKE should create the range.</summary>
    public string? PodsCidr { get; init; }

    /// <summary>CIDR for Services (e.g. <c>10.12.0.0/20</c>), when GKE should create the range.</summary>
    public string? ServicesCidr { get; init; }

    /// <summary>Existing secondary ranges of the subnetwork, by name.</summary>
    public static ClusterIpRanges SecondaryRanges(string pods, string services) => new() { PodsRangeName = pods, ServicesRangeName = services };

    /// <summary>Ranges GKE creates from these CIDRs.</summary>
    public static ClusterIpRanges Cidrs(string pods, string services) => new() { PodsCidr = pods, ServicesCidr = services };
}

/// <summary>The one home of <see cref="MlCluster"/>'s default values.</summary>
internal static class MlClusterDefaults
{
    public const string MasterIpv4CidrBlock = "172.16.0.0/28";
    public const string DatapathProvider = "ADVANCED_DATAPATH";
    public const string NodeServiceAccountSuffix = "-nodes";

    /// <summary>The roles a GKE node needs (logs, metrics, metadata, image pulls) and nothing more.</summary>
    /// <remarks><c>roles/container.defaultNodeServiceAccount</c> is the role GKE documents for custom node service accounts
    /// (logging, monitoring, metadata, autoscaling metrics); image pulls from Artifact Registry need the reader role.</remarks>
    public static readonly string[] NodeRoles =
    [
        "roles/container.defaultNodeServiceAccount",
        "roles/artifactregistry.reader",
    ];
}
