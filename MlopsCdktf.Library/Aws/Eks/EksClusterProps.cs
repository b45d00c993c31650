using MlopsCdktf.Core;

namespace MlopsCdktf.Aws.Eks;

/// <summary>Input of <see cref="EksCluster"/>.</summary>
public sealed record EksClusterProps
{
    /// <summary>The cluster name: 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit; also the
    /// prefix of its roles, keys and log group. Changing it replaces the cluster.</summary>
    public required string Name { get; init; }

    /// <summary>The subnets of the control plane's network interfaces and, by default, of the node groups: at least two,
    /// in two availability zones (EKS refuses one zone), private — typically <see cref="PrivateNetwork.PrivateSubnetIds"/>.
    /// Changing them replaces the cluster.</summary>
    public required IReadOnlyList<string> SubnetIds { get; init; }

    /// <summary>The Kubernetes minor version, one of <see cref="EksVersions.Supported"/>.</summary>
    /// <value>The default value is <see cref="EksVersions.Default"/>, the newest version in standard support.</value>
    public string KubernetesVersion { get; init; } = EksVersions.Default;

    /// <summary>Whether the API endpoint is also reachable from the internet (from <see cref="PublicAccessCidrs"/> only).
    /// The private endpoint is always on: nodes and the VPC reach the API privately.</summary>
    /// <value>The default value is false: the API is reachable from the VPC only (a bastion, VPN or CI runner inside it).</value>
    public bool PublicAccess { get; init; }

    /// <summary>The only ranges allowed to reach the public endpoint when <see cref="PublicAccess"/> is on: at least one,
    /// never <c>0.0.0.0/0</c>. Must be empty when <see cref="PublicAccess"/> is off.</summary>
    /// <value>The default value is no range.</value>
    public IReadOnlyList<string> PublicAccessCidrs { get; init; } = [];

    /// <summary>ARN of an existing KMS key that envelope-encrypts Kubernetes secrets; its policy must let the cluster role use
    /// it. Changing it replaces the cluster.</summary>
    /// <value>The default value is null: a key is created for the cluster (rotation on, <see cref="DeletionPolicy"/>), whose
    /// policy lets the cluster role encrypt secrets and Auto Scaling encrypt node volumes with it.</value>
    public string? SecretsKmsKeyArn { get; init; }

    /// <summary>Days CloudWatch Logs keeps the control-plane logs (api, audit, authenticator, controllerManager, scheduler),
    /// one of its retention values.</summary>
    /// <value>The default value is 365: a year of audit trail, to investigate who did what after the fact.</value>
    public int LogRetentionDays { get; init; } = EksClusterDefaults.LogRetentionDays;

    /// <summary>IAM role or user ARNs granted cluster administration (an access entry with <c>AmazonEKSClusterAdminPolicy</c>
    /// at cluster scope) — typically the deployer role and the platform team's role.</summary>
    /// <value>The default value is none: the creator gets no implicit admin rights (bootstrap permissions are off), so name
    /// whoever administers the cluster here.</value>
    public IReadOnlyList<string> AdminPrincipalArns { get; init; } = [];

    /// <summary>Add-on versions replacing the pins of <see cref="EksAddonVersions"/> for this cluster, by add-on.</summary>
    /// <value>The default value is none: every add-on at the version pinned for <see cref="KubernetesVersion"/>.</value>
    public IReadOnlyDictionary<EksAddon, string> AddonVersions { get; init; } = new Dictionary<EksAddon, string>();

    /// <summary>With <see cref="DeletionPolicy.PreventDestroy"/> the created keys carry <c>prevent_destroy</c>.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>, like every key of this library.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Tags of every resource, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>The one home of <see cref="EksClusterProps"/>' defaults and of the EKS constants the constructs share.</summary>
internal static class EksClusterDefaults
{
    public const int LogRetentionDays = 365;
    public const string AuthenticationMode = "API";
    public const string ClusterPolicy = "AmazonEKSClusterPolicy";
    public const string ClusterAdminPolicy = "AmazonEKSClusterAdminPolicy";
    public const string ClusterServicePrincipal = "eks.amazonaws.com";
    public const string PodIdentityServicePrincipal = "pods.eks.amazonaws.com";

    /// <summary>Every control-plane log type (CKV_AWS_37 asks for all of them).</summary>
    public static readonly IReadOnlyList<string> ControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
}
