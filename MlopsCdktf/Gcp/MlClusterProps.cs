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

    /// <summary>The /28 private range of the control plane's VPC peering; must not overlap any range in the VPC.</summary>
    /// <value>The default value is <c>172.16.0.0/28</c>, GKE's documented example; change it if your VPC uses it.</value>
    public string MasterIpv4CidrBlock { get; init; } = MlClusterDefaults.MasterIpv4CidrBlock;

    /// <summary>How fast the cluster gets new Kubernetes versions.</summary>
    /// <value>The default value is <see cref="ReleaseChannel.Regular"/>: GKE's recommended balance of fixes and stability.</value>
    public ReleaseChannel ReleaseChannel { get; init; } = ReleaseChannel.Regular;

    /// <summary>CIDR blocks allowed to reach the public control-plane endpoint (master authorized networks).</summary>
    /// <value>The default value is null: master authorized networks are enabled with no external CIDRs, so only addresses
    /// inside the VPC reach the control plane (Google Cloud public ranges are refused too). List the deployers' egress
    /// ranges (CI runners, VPN) to let <c>terraform</c> and <c>kubectl</c> in.</value>
    public IReadOnlyList<string>? MasterAuthorizedNetworks { get; init; }

    /// <summary>The account id (6–30 characters) of the node service account created for this cluster.</summary>
    /// <value>The default value is null: <c>{Name}-nodes</c>, with the name cut so the id fits 30 characters.</value>
    public string? NodeServiceAccountId { get; init; }

    /// <summary>Whether the cluster may be deleted: GKE <c>deletion_protection</c> is on with <see cref="DeletionPolicy.PreventDestroy"/>.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>: a cluster delete takes every workload with it.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>GCP labels on the cluster (<c>resource_labels</c>), merged over the provider's <c>default_labels</c>.</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
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
    public static readonly string[] NodeRoles =
    [
        "roles/logging.logWriter",
        "roles/monitoring.metricWriter",
        "roles/monitoring.viewer",
        "roles/stackdriver.resourceMetadata.writer",
        "roles/artifactregistry.reader",
    ];
}
