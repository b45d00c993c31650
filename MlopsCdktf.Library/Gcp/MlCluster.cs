using System.Net;
using System.Net.Sockets;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Google.ContainerCluster;
using HashiCorp.Cdktf.Providers.Google.ProjectIamMember;
using HashiCorp.Cdktf.Providers.Google.ServiceAccount;
using MlopsCdktf.Core;
using ContainerClusterResource = HashiCorp.Cdktf.Providers.Google.ContainerCluster.ContainerCluster;
using ServiceAccountResource = HashiCorp.Cdktf.Providers.Google.ServiceAccount.ServiceAccount;

namespace MlopsCdktf.Gcp;

/// <summary>
/// A GKE Standard cluster for ML training, secure by default: private nodes (no public IPs); Workload Identity
/// (<c>&lt;project&gt;.svc.id.goog</c>); a release channel; shielded nodes; Dataplane V2 (eBPF, with network policy
/// enforcement); VPC-native IP allocation; the default node pool removed (add <see cref="GpuNodePool"/> and
/// <see cref="CpuNodePool"/>); a dedicated node service account with only the logging, monitoring and Artifact
/// Registry read roles nodes need, instead of the Compute Engine default account (Editor); deletion protection from
/// <see cref="DeletionPolicy"/>.
/// </summary>
/// <example>
/// <code>
/// var cluster = new MlCluster(this, "Cluster", new MlClusterProps
/// {
///     ProjectId = "acme-ml-prod",
///     Name = "ml-training",
///     Location = "europe-west4",
///     Network = "ml-vpc",
///     Subnetwork = "ml-europe-west4",
///     IpRanges = ClusterIpRanges.SecondaryRanges(pods: "gke-pods", services: "gke-services"),
/// });
/// </code>
/// </example>
public sealed class MlCluster : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the cluster, its node service account and the account's roles.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public MlCluster(Construct scope, string id, MlClusterProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(MlCluster)))
    {
        new InputValidator(this).RequireMembers(props);
        var accountId = props.NodeServiceAccountId ?? DefaultAccountId(props.Name);
        Validate(props, accountId);

        NodeServiceAccount = new ServiceAccountResource(this, "NodeServiceAccount", new ServiceAccountConfig
        {
            Project = props.ProjectId,
            AccountId = accountId,
            DisplayName = $"GKE nodes of {props.Name}",
            Description = "Least-privilege identity of the cluster's nodes (logs, metrics, image pulls); workloads use Workload Identity.",
        });

        var roleBindings = MlClusterDefaults.NodeRoles.Select(role => new ProjectIamMember(this, $"NodeRole-{role["roles/".Length..]}", new ProjectIamMemberConfig
        {
            Project = props.ProjectId,
            Role = role,
            Member = NodeServiceAccount.Member,
        })).ToArray();

        var ranges = props.IpRanges;
        Cluster = new ContainerClusterResource(this, "Cluster", new ContainerClusterConfig
        {
            Project = props.ProjectId,
            Name = props.Name,
            Location = props.Location,
            Network = props.Network,
            Subnetwork = props.Subnetwork,
            NetworkingMode = "VPC_NATIVE",
            IpAllocationPolicy = new ContainerClusterIpAllocationPolicy
            {
                ClusterSecondaryRangeName = ranges.PodsRangeName,
                ServicesSecondaryRangeName = ranges.ServicesRangeName,
                ClusterIpv4CidrBlock = ranges.PodsCidr,
                ServicesIpv4CidrBlock = ranges.ServicesCidr,
            },
            // The IP endpoint is never public: Terraform and kubectl come in through the IAM-authorised DNS endpoint
            // (ControlPlaneAccess.DnsEndpoint) or from inside the VPC (ControlPlaneAccess.PrivateEndpoint).
            PrivateClusterConfig = new ContainerClusterPrivateClusterConfig
            {
                EnablePrivateNodes = true,
                EnablePrivateEndpoint = true,
                MasterIpv4CidrBlock = props.MasterIpv4CidrBlock,
            },
            ControlPlaneEndpointsConfig = new ContainerClusterControlPlaneEndpointsConfig
            {
                DnsEndpointConfig = new ContainerClusterControlPlaneEndpointsConfigDnsEndpointConfig
                {
                    AllowExternalTraffic = props.ControlPlaneAccess == ControlPlaneAccess.DnsEndpoint,
                },
                IpEndpointsConfig = new ContainerClusterControlPlaneEndpointsConfigIpEndpointsConfig { Enabled = true },
            },
            // Always on: the private IP endpoint admits the node subnet and the listed (private) CIDRs only.
            MasterAuthorizedNetworksConfig = new ContainerClusterMasterAuthorizedNetworksConfig
            {
                GcpPublicCidrsAccessEnabled = false,
                CidrBlocks = props.MasterAuthorizedNetworks is { Count: > 0 } networks
                    ? networks.Select(cidr => new ContainerClusterMasterAuthorizedNetworksConfigCidrBlocks { CidrBlock = cidr }).ToArray()
                    : null,
            },
            WorkloadIdentityConfig = new ContainerClusterWorkloadIdentityConfig { WorkloadPool = $"{props.ProjectId}.svc.id.goog" },
            ReleaseChannel = new ContainerClusterReleaseChannel { Channel = props.ReleaseChannel.ToProvider() },
            EnableShieldedNodes = true,
            EnableLegacyAbac = false,
            DatapathProvider = MlClusterDefaults.DatapathProvider,
            RemoveDefaultNodePool = true,
            InitialNodeCount = 1,
            // The default pool exists briefly before removal: even then it must not run as the Compute Engine default account.
            // Only its creation reads this block: see Lifecycle below.
            NodeConfig = new ContainerClusterNodeConfig
            {
                ServiceAccount = NodeServiceAccount.Email,
                OauthScopes = [NodePoolDefaults.CloudPlatformScope],
                ShieldedInstanceConfig = new ContainerClusterNodeConfigShieldedInstanceConfig { EnableSecureBoot = true, EnableIntegrityMonitoring = true },
                WorkloadMetadataConfig = new ContainerClusterNodeConfigWorkloadMetadataConfig { Mode = "GKE_METADATA" },
            },
            // System metrics always (GKE requires them whenever metrics are sent); managed Prometheus and DCGM GPU metrics by default.
            MonitoringConfig = new ContainerClusterMonitoringConfig
            {
                EnableComponents = props.Monitoring.Components.ToArray(),
                ManagedPrometheus = new ContainerClusterMonitoringConfigManagedPrometheus { Enabled = props.Monitoring.ManagedPrometheus },
            },
            DeletionProtection = props.DeletionPolicy.ProtectsFromDeletion(),
            ResourceLabels = TerraformMaps.OrNull(props.Labels),
            DependsOn = roleBindings,
            // With the default pool removed, GKE reports the first remaining pool's configuration as the cluster's node_config
            // and the provider stores it on every refresh (hashicorp/google 6.50.0, resourceContainerClusterRead). A spot pool
            // then reads back spot = true against the configured false, and spot is ForceNew: the next plan would replace the
            // cluster. Any other difference would be applied to "default-pool", which no longer exists. The block only matters
            // at creation, so later differences are ignored.
            Lifecycle = new TerraformResourceLifecycle { IgnoreChanges = new[] { "node_config" } },
        });

        ControlPlaneAccess = props.ControlPlaneAccess;
        NodePoolTarget = new NodePoolCluster
        {
            ClusterId = Cluster.Id,
            Location = props.Location,
            NodeServiceAccountEmail = NodeServiceAccount.Email,
            GpuMetrics = props.Monitoring.GpuMetrics,
        };
        Monitoring = props.Monitoring;
    }

    /// <summary>The underlying <c>google_container_cluster</c> resource, for attributes this construct does not surface.</summary>
    public ContainerClusterResource Cluster { get; }

    /// <summary>The node service account (<c>google_service_account</c>).</summary>
    public ServiceAccountResource NodeServiceAccount { get; }

    /// <summary>The cluster name (a reference, so dependents wait for the cluster).</summary>
    public string Name => Cluster.Name;

    /// <summary>The cluster location (region or zone).</summary>
    public string Location => Cluster.Location;

    /// <summary>The control plane's private IP address (no scheme), reachable from inside the VPC only.</summary>
    public string Endpoint => Cluster.Endpoint;

    /// <summary>The cluster CA certificate, base64-encoded PEM as GKE returns it (signs the IP endpoint's certificate).</summary>
    public string CaCertificate => Cluster.MasterAuth.ClusterCaCertificate;

    /// <summary>The control plane's DNS name (no scheme), e.g. <c>gke-…​.europe-west4.gke.goog</c>.</summary>
    public string DnsEndpoint => Cluster.GetStringAttribute("control_plane_endpoints_config.0.dns_endpoint_config.0.endpoint");

    /// <summary>How Terraform and kubectl reach the control plane.</summary>
    public ControlPlaneAccess ControlPlaneAccess { get; }

    /// <summary>
    /// What a Kubernetes client (the <c>kubernetes</c> provider) needs to reach the API server the way
    /// <see cref="ControlPlaneAccess"/> allows: the DNS endpoint (publicly trusted certificate, so no CA) or the private
    /// IP endpoint with the cluster CA. Authenticate with a Google access token (<c>google_client_config</c>).
    /// </summary>
    public ClusterConnection Connection => ControlPlaneAccess == ControlPlaneAccess.DnsEndpoint
        ? new ClusterConnection { Host = $"https://{DnsEndpoint}", CaCertificateBase64 = null }
        : new ClusterConnection { Host = $"https://{Endpoint}", CaCertificateBase64 = CaCertificate };

    /// <summary>Email of the nodes' service account.</summary>
    public string NodeServiceAccountEmail => NodeServiceAccount.Email;

    /// <summary>What the cluster sends to Cloud Monitoring (managed Prometheus, DCGM GPU metrics).</summary>
    public ClusterMonitoring Monitoring { get; }

    /// <summary>What a <see cref="GpuNodePool"/> or <see cref="CpuNodePool"/> needs to attach to this cluster.</summary>
    public NodePoolCluster NodePoolTarget { get; }

    /// <summary>
    /// The email of the nodes' service account of a cluster named <paramref name="clusterName"/> in
    /// <paramref name="projectId"/> when <see cref="MlClusterProps.NodeServiceAccountId"/> is not given: what a pool added
    /// by another stack (e.g. for one training run) runs its nodes as.
    /// </summary>
    public static string DefaultNodeServiceAccountEmail(string clusterName, string projectId) =>
        $"{DefaultAccountId(clusterName)}@{projectId}.iam.gserviceaccount.com";

    private static string DefaultAccountId(string name)
    {
        var stem = name.Length > 30 - MlClusterDefaults.NodeServiceAccountSuffix.Length
            ? name[..(30 - MlClusterDefaults.NodeServiceAccountSuffix.Length)].TrimEnd('-')
            : name;
        return stem + MlClusterDefaults.NodeServiceAccountSuffix;
    }

    private void Validate(MlClusterProps props, string accountId)
    {
        var v = new InputValidator(this);
        v.ValidateProjectId(props.ProjectId);
        v.ValidateResourceName(props.Name, nameof(props.Name), 40);
        v.ValidateLocation(props.Location);
        v.ValidateNetworkReference(props.Network, nameof(props.Network));
        v.ValidateNetworkReference(props.Subnetwork, nameof(props.Subnetwork));
        if (props.NodeServiceAccountId is not null)
        {
            // A reference is accepted: IAM checks it at apply.
            v.Require(InputValidator.IsUnresolved(accountId) || (accountId.Length is >= 6 and <= 30 && GcpNamesAccountId(accountId)),
                nameof(props.NodeServiceAccountId), accountId, "must be a service account id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter");
        }
        else if (props.Name is { Length: > 0 } name)
        {
            // The default id is derived from Name: a problem with it is the name's, and is reported against Name.
            if (InputValidator.IsUnresolved(name))
            {
                v.Add(nameof(props.Name), name,
                    "is a Terraform reference, but the node service account id is derived from the name at synth time; give a literal name, "
                    + "or set NodeServiceAccountId (a reference is accepted there)");
            }
            else if (!(accountId.Length is >= 6 and <= 30 && GcpNamesAccountId(accountId)) && v.Problems.All(p => !p.StartsWith(nameof(props.Name) + " ", StringComparison.Ordinal)))
            {
                v.Add(nameof(props.Name), name,
                    $"derives the node service account id \"{accountId}\", which is not a service account id (6 to 30 lowercase letters, digits and "
                    + "hyphens, starting with a letter); change the name or set NodeServiceAccountId");
            }
        }

        var ranges = props.IpRanges;
        var byName = ranges.PodsRangeName is not null || ranges.ServicesRangeName is not null;
        var byCidr = ranges.PodsCidr is not null || ranges.ServicesCidr is not null;
        if (byName == byCidr)
        {
            v.Add(nameof(props.IpRanges), byName ? "secondary range names and CIDRs" : "empty",
                "set either PodsRangeName and ServicesRangeName (existing secondary ranges) or PodsCidr and ServicesCidr, not both");
        }
        else if (byName)
        {
            v.NotBlank(ranges.PodsRangeName, "IpRanges.PodsRangeName").NotBlank(ranges.ServicesRangeName, "IpRanges.ServicesRangeName");
        }
        else
        {
            RequireCidr(v, ranges.PodsCidr, "IpRanges.PodsCidr");
            RequireCidr(v, ranges.ServicesCidr, "IpRanges.ServicesCidr");
        }

        RequireCidr(v, props.MasterIpv4CidrBlock, nameof(props.MasterIpv4CidrBlock));
        v.Require(Cidr.ParseIpv4(props.MasterIpv4CidrBlock) is not { } master || (master.PrefixLength == 28 && IsPrivate(master.BaseAddress)),
            nameof(props.MasterIpv4CidrBlock), props.MasterIpv4CidrBlock, "must be a private (RFC 1918) IPv4 /28 range, e.g. 172.16.0.0/28");
        if (props.SubnetworkCidr is not null)
        {
            RequireCidr(v, props.SubnetworkCidr, nameof(props.SubnetworkCidr));
        }

        // GKE refuses a control-plane range that overlaps the node subnet or the Pod and Service ranges, and Pods and Services
        // sharing addresses route to the wrong place: every pair must be disjoint.
        v.ValidateDisjoint((nameof(props.SubnetworkCidr), props.SubnetworkCidr), ("IpRanges.PodsCidr", ranges.PodsCidr),
            ("IpRanges.ServicesCidr", ranges.ServicesCidr), (nameof(props.MasterIpv4CidrBlock), props.MasterIpv4CidrBlock));
        v.Defined(props.ReleaseChannel, nameof(props.ReleaseChannel));
        v.Require((props.MasterAuthorizedNetworks?.Count ?? 0) <= 100, nameof(props.MasterAuthorizedNetworks), $"{props.MasterAuthorizedNetworks?.Count} ranges",
            "may list at most 100 ranges (GKE's limit for authorized networks)");
        foreach (var cidr in props.MasterAuthorizedNetworks ?? [])
        {
            RequireCidr(v, cidr, nameof(props.MasterAuthorizedNetworks));
            if (IPNetwork.TryParse(cidr, out var network) && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                v.Require(IsPrivate(network.BaseAddress), nameof(props.MasterAuthorizedNetworks), cidr,
                    "the control plane's IP endpoint is private, so only private (RFC 1918) ranges inside or connected to the VPC can use it; "
                    + "reach it from outside with ControlPlaneAccess.DnsEndpoint (IAM-authorised) instead");
            }
        }

        v.Defined(props.ControlPlaneAccess, nameof(props.ControlPlaneAccess));
        v.Require(props.ControlPlaneAccess != ControlPlaneAccess.PrivateEndpoint || props.MasterAuthorizedNetworks is { Count: > 0 },
            nameof(props.MasterAuthorizedNetworks), props.MasterAuthorizedNetworks is null ? null : "[]",
            "with ControlPlaneAccess.PrivateEndpoint and no DNS endpoint, no Terraform runner could reach the control plane: list the private "
            + "range your runners deploy from (inside the VPC or connected to it), or use ControlPlaneAccess.DnsEndpoint");

        v.Require(props.Monitoring is not null, nameof(props.Monitoring), null, "must be set (its defaults turn everything on)");
        if (props.Monitoring is { GpuMetrics: true, ManagedPrometheus: false })
        {
            v.Add("Monitoring.ManagedPrometheus", "false",
                "DCGM GPU metrics (Monitoring.GpuMetrics) are collected by Managed Service for Prometheus, so it must be on; "
                + "turn ManagedPrometheus on or GpuMetrics off");
        }

        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateGcpLabels(props.Labels);
        v.ThrowIfInvalid();
    }

    private static bool GcpNamesAccountId(string id) =>
        char.IsAsciiLetterLower(id[0]) && id[^1] != '-' && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static void RequireCidr(InputValidator v, string? cidr, string property)
    {
        if (cidr is not null && InputValidator.IsUnresolved(cidr))
        {
            return;
        }

        v.ValidateIpv4Cidr(cidr, property);
    }

    private static bool IsPrivate(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168);
    }
}
