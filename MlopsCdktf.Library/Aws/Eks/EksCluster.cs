using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.CloudwatchLogGroup;
using HashiCorp.Cdktf.Providers.Aws.EksAccessEntry;
using HashiCorp.Cdktf.Providers.Aws.EksAccessPolicyAssociation;
using HashiCorp.Cdktf.Providers.Aws.EksAddon;
using HashiCorp.Cdktf.Providers.Aws.EksCluster;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicyAttachment;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;
using EksAddonResource = HashiCorp.Cdktf.Providers.Aws.EksAddon.EksAddon;
using EksClusterResource = HashiCorp.Cdktf.Providers.Aws.EksCluster.EksCluster;

namespace MlopsCdktf.Aws.Eks;

/// <summary>
/// An Amazon EKS cluster, secure by default: the API endpoint private (public access only from an allow-list), Kubernetes
/// secrets envelope-encrypted with a customer managed key, all five control-plane log types kept in an encrypted log group
/// with a retention, authentication through access entries only (no <c>aws-auth</c> ConfigMap, no implicit admin for the
/// creator), a version from the <see cref="EksVersions"/> catalogue, and the managed add-ons VPC CNI, kube-proxy and the Pod
/// Identity agent pinned per version (<see cref="EksAddonVersions"/>) before any node joins; CoreDNS follows the first
/// system <see cref="EksNodeGroup"/>, which it needs to run.
/// </summary>
/// <example>
/// <code>
/// var cluster = new EksCluster(this, "Training", new EksClusterProps
/// {
///     Name = "mlops-dev-training",
///     SubnetIds = network.PrivateSubnetIds,
///     AdminPrincipalArns = ["arn:aws:iam::123456789012:role/platform-admin"],
/// });
/// </code>
/// </example>
public sealed partial class EksCluster : EksClusterBase
{
    private readonly EksClusterProps _props;
    private readonly Dictionary<string, string>? _tags;
    private EksAddonResource? _coreDns;

    /// <summary>Validates <paramref name="props"/> and declares the cluster, its role, keys, log group, access entries and
    /// the add-ons nodes need before they join.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public EksCluster(Construct scope, string id, EksClusterProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(EksCluster)))
    {
        new InputValidator(this).RequireMembers(props);
        _props = props;
        Validate(props);
        _tags = TerraformMaps.OrNull(props.Tags);
        Account = AccountContext.In(this);

        Role = CreateRole();
        var rolePolicies = new List<ITerraformDependable>
        {
            new IamRolePolicyAttachment(this, "ClusterPolicy", new IamRolePolicyAttachmentConfig
            {
                Role = Role.Name,
                PolicyArn = $"arn:{Account.Partition}:iam::aws:policy/{EksClusterDefaults.ClusterPolicy}",
            }),
        };

        var secrets = new Construct(this, "Secrets");
        // The key policy names the role by its ARN built from its name (known at plan, so the policy is too); the key waits
        // for the role, since KMS refuses a policy naming a principal that does not exist yet.
        var roleArn = $"arn:{Account.Partition}:iam::{Account.AccountId}:role/{RoleName(props.Name, "-cluster")}";
        (SecretsKey, SecretsKeyArn) = CustomerManagedKeys.UseOrCreate(secrets, props.SecretsKmsKeyArn, $"Encrypts the Kubernetes secrets and node volumes of EKS cluster {props.Name}",
            SecretsKeyAliasSource(props.Name), CustomerManagedKeys.MaxDeletionWindowDays, _tags, props.DeletionPolicy, SecretsKeyUse(roleArn));
        SecretsKey?.DependsOn = [Address(Role)];
        rolePolicies.Add(PolicyDocuments.AttachToRole(this, "SecretsKeyPolicy", Role, "encrypt-cluster-secrets",
        [
            new PolicyStatement { Sid = "EncryptClusterSecrets", Actions = Actions.Kms.EncryptClusterSecrets, Resources = [SecretsKeyArn] },
        ]));

        LogGroupName = $"/aws/eks/{props.Name}/cluster";
        var logs = new Construct(this, "Logs");
        LogKey = CustomerManagedKeys.Create(logs, $"Encrypts the control-plane logs of EKS cluster {props.Name}", $"eks-logs-{props.Name}",
            CustomerManagedKeys.MaxDeletionWindowDays, _tags, props.DeletionPolicy, CustomerManagedKeys.ForLogGroup(LogGroupName));
        // Created first, with a retention: EKS would otherwise create the group itself, unencrypted and kept for ever.
        LogGroup = new CloudwatchLogGroup(this, "LogGroup", new CloudwatchLogGroupConfig
        {
            Name = LogGroupName,
            RetentionInDays = props.LogRetentionDays,
            KmsKeyId = LogKey.Arn,
            Tags = _tags,
        });

        Cluster = new EksClusterResource(this, "Cluster", new EksClusterConfig
        {
            Name = props.Name,
            Version = props.KubernetesVersion,
            RoleArn = Role.Arn,
            VpcConfig = new EksClusterVpcConfig
            {
                SubnetIds = props.SubnetIds.ToArray(),
                EndpointPrivateAccess = true,
                EndpointPublicAccess = props.PublicAccess,
                PublicAccessCidrs = props.PublicAccess ? props.PublicAccessCidrs.ToArray() : null,
            },
            EncryptionConfig = new EksClusterEncryptionConfig
            {
                Resources = ["secrets"],
                Provider = new EksClusterEncryptionConfigProvider { KeyArn = SecretsKeyArn },
            },
            EnabledClusterLogTypes = EksClusterDefaults.ControlPlaneLogTypes.ToArray(),
            AccessConfig = new EksClusterAccessConfig
            {
                AuthenticationMode = EksClusterDefaults.AuthenticationMode,
                BootstrapClusterCreatorAdminPermissions = false,
            },
            // The networking add-ons are installed as managed add-ons below, at pinned versions: no unmanaged copies.
            BootstrapSelfManagedAddons = false,
            Tags = _tags,
            DependsOn = [.. rolePolicies, LogGroup],
        });

        DeclareAdmins();
        foreach (var addon in new[] { EksAddon.VpcCni, EksAddon.KubeProxy, EksAddon.PodIdentityAgent })
        {
            _computePrerequisites.Add(DeclareAddon(addon, dependsOn: []));
        }
    }

    /// <summary>The <c>aws_eks_cluster</c> resource.</summary>
    public EksClusterResource Cluster { get; }

    /// <summary>The cluster's IAM role (trusted by <c>eks.amazonaws.com</c>, with <c>AmazonEKSClusterPolicy</c>).</summary>
    public IamRole Role { get; }

    /// <summary>The cluster name (a reference to the cluster, so users wait for it).</summary>
    public override string Name => Cluster.Name;

    /// <summary>The cluster ARN.</summary>
    public string Arn => Cluster.Arn;

    /// <summary>The Kubernetes API server URL (private unless <see cref="EksClusterProps.PublicAccess"/>).</summary>
    public string Endpoint => Cluster.Endpoint;

    /// <summary>The API server's certificate authority, base64-encoded PEM (as kubeconfig's <c>certificate-authority-data</c>).</summary>
    public string CertificateAuthorityData => Cluster.CertificateAuthority.Get(0).Data;

    /// <summary>The security group EKS creates for the control plane and managed nodes.</summary>
    public string ClusterSecurityGroupId => Cluster.VpcConfig.ClusterSecurityGroupId;

    /// <summary>The Kubernetes version the cluster runs (a reference).</summary>
    public string Version => Cluster.Version;

    /// <summary>The Kubernetes version asked for, as a literal (<see cref="EksClusterProps.KubernetesVersion"/>).</summary>
    public string KubernetesVersion => _props.KubernetesVersion;

    /// <summary>ARN of the key encrypting Kubernetes secrets: the created one, or <see cref="EksClusterProps.SecretsKmsKeyArn"/>.
    /// Node groups encrypt their root volumes with it unless given another key.</summary>
    public override string SecretsKeyArn { get; }

    /// <summary>The created secrets key, or null when <see cref="EksClusterProps.SecretsKmsKeyArn"/> was given.</summary>
    public KmsKey? SecretsKey { get; }

    /// <summary>The control-plane log group, <c>/aws/eks/&lt;name&gt;/cluster</c>.</summary>
    public CloudwatchLogGroup LogGroup { get; }

    /// <summary>The control-plane log group's name.</summary>
    public string LogGroupName { get; }

    /// <summary>The key encrypting the control-plane logs (created for this log group only).</summary>
    public KmsKey LogKey { get; }

    /// <summary>The subnets of the cluster, where node groups go by default.</summary>
    public override IReadOnlyList<string> SubnetIds => _props.SubnetIds;

    /// <summary>The managed add-ons declared so far, by add-on (CoreDNS appears with the first system node group).</summary>
    public IReadOnlyDictionary<EksAddon, EksAddonResource> Addons => _addons;

    /// <summary>The cluster name as a literal, for names derived from it.</summary>
    internal override string LiteralName => _props.Name;

    /// <summary>The account, region and partition of the stack's provider (data sources of this construct).</summary>
    internal override AccountContext Account { get; }

    /// <summary>The cluster's tags, or null.</summary>
    internal override Dictionary<string, string>? Tags => _tags;

    /// <summary>What node groups wait for: the add-ons nodes need to become Ready (networking, Service routing, Pod Identity).</summary>
    internal override IReadOnlyList<ITerraformDependable> ComputePrerequisites => _computePrerequisites;

    /// <summary>
    /// A cluster another stack deployed with this construct, read by its literal <paramref name="clusterName"/>: node groups
    /// added to it (e.g. for one training run) go into its subnets and encrypt their volumes with its secrets key, found
    /// through the key's alias. Nothing of the other stack's outputs is read; the plan fails naming a cluster that does not exist.
    /// </summary>
    /// <exception cref="ConstructInputException">When <paramref name="clusterName"/> is not a literal EKS cluster name.</exception>
    public static EksClusterBase FromClusterName(Construct scope, string id, string clusterName) => new ImportedEksCluster(scope, id, clusterName);

    /// <summary>The alias of the secrets key this construct creates for the cluster <paramref name="clusterName"/>.</summary>
    internal static string SecretsKeyAlias(Construct scope, string clusterName) => CustomerManagedKeys.AliasName(scope, SecretsKeyAliasSource(clusterName));

    private static string SecretsKeyAliasSource(string clusterName) => $"eks-{clusterName}";

    private readonly List<ITerraformDependable> _computePrerequisites = [];
    private readonly Dictionary<EksAddon, EksAddonResource> _addons = [];

    /// <summary>
    /// Called by each system <see cref="EksNodeGroup"/>: CoreDNS is declared with the first and waits for every one (a
    /// Deployment needs nodes; its add-on is DEGRADED, and Terraform times out, while none is ready).
    /// </summary>
    internal void HostCoreDnsOn(TerraformResource nodeGroup)
    {
        _coreDnsHosts.Add(nodeGroup);
        _coreDns ??= DeclareAddon(EksAddon.CoreDns, []);
        _coreDns.DependsOn = [.. _coreDnsHosts.Select(Address)];
    }

    private readonly List<TerraformResource> _coreDnsHosts = [];

    /// <summary>The Terraform address of <paramref name="resource"/>, as <c>depends_on</c> takes it after construction.</summary>
    private static string Address(TerraformResource resource) => $"{resource.TerraformResourceType}.{resource.FriendlyUniqueId}";

    private EksAddonResource DeclareAddon(EksAddon addon, ITerraformDependable[] dependsOn)
    {
        var version = _props.AddonVersions.TryGetValue(addon, out var pinned) ? pinned : EksAddonVersions.For(_props.KubernetesVersion, addon);
        var resource = new EksAddonResource(this, $"Addon-{addon.AddonName()}", new EksAddonConfig
        {
            ClusterName = Cluster.Name,
            AddonName = addon.AddonName(),
            AddonVersion = version,
            // Created over whatever a bootstrap left; updates keep changes made on the cluster (EKS reports them as
            // conflicts instead of silently reverting an operator's fix).
            ResolveConflictsOnCreate = "OVERWRITE",
            ResolveConflictsOnUpdate = "PRESERVE",
            Tags = _tags,
            DependsOn = dependsOn.Length == 0 ? null : dependsOn,
        });
        _addons[addon] = resource;
        return resource;
    }

    private IamRole CreateRole()
    {
        var trust = PolicyDocuments.Create(this, "TrustPolicy",
        [
            new PolicyStatement
            {
                Sid = "EksAssumesClusterRole",
                Actions = Actions.Sts.AssumeRole,
                Resources = [],
                Principals = [PolicyPrincipal.Service(EksClusterDefaults.ClusterServicePrincipal)],
            },
        ]);
        return new IamRole(this, "Role", new IamRoleConfig
        {
            Name = RoleName(_props.Name, "-cluster"),
            Description = $"Role of EKS cluster {_props.Name}",
            AssumeRolePolicy = trust.Json,
            Tags = _tags,
        });
    }

    /// <summary>An IAM role name from a prefix and a suffix, the prefix cut so the whole fits IAM's 64 characters.</summary>
    internal static string RoleName(string prefix, string suffix) => prefix[..Math.Min(prefix.Length, 64 - suffix.Length)] + suffix;

    /// <summary>
    /// The secrets key's users: the cluster role (envelope encryption of secrets, a grant for the control plane), the
    /// account's principals through EKS and EC2 (creating the cluster, launching encrypted volumes), and Auto Scaling's
    /// service-linked role, which launches the node groups' instances with encrypted root volumes and has no KMS permission
    /// of its own.
    /// </summary>
    private static KeyUse SecretsKeyUse(string clusterRoleArn) => new()
    {
        ViaServices = ["eks", "ec2"],
        ServiceGrants = true,
        ServicePrincipals = account =>
        [
            new PolicyStatement
            {
                Sid = "ClusterRoleEncryptsSecrets",
                Actions = [.. Actions.Kms.EncryptClusterSecrets, .. Actions.Kms.CreateGrant],
                Resources = ["*"],
                Principals = [new PolicyPrincipal("AWS", [clusterRoleArn])],
            },
            new PolicyStatement
            {
                Sid = "AutoScalingEncryptsNodeVolumes",
                Actions = Actions.Kms.UseKey,
                Resources = ["*"],
                Principals = [AnyPrincipal],
                Conditions = AutoScalingServiceLinkedRoleOnly(account),
            },
            new PolicyStatement
            {
                Sid = "AutoScalingAttachesNodeVolumes",
                Actions = Actions.Kms.CreateGrant,
                Resources = ["*"],
                Principals = [AnyPrincipal],
                Conditions = [.. AutoScalingServiceLinkedRoleOnly(account), new PolicyCondition("Bool", "kms:GrantIsForAWSResource", ["true"])],
            },
        ],
    };

    private static readonly PolicyPrincipal AnyPrincipal = new("AWS", ["*"]);

    /// <summary>
    /// Auto Scaling's service-linked role, named in conditions rather than as the principal: KMS refuses a key policy whose
    /// principal does not exist yet, and on a new account the role is created only by the first Auto Scaling group — the node
    /// groups, after this key. <c>aws:PrincipalArn</c> is not checked for existence, so the key is created on any account.
    /// </summary>
    internal static PolicyCondition[] AutoScalingServiceLinkedRoleOnly(AccountContext account) =>
    [
        new("StringEquals", "aws:PrincipalArn", [AutoScalingServiceLinkedRole(account)]),
        new("StringEquals", "kms:CallerAccount", [account.AccountId]),
    ];

    /// <summary>The ARN of EC2 Auto Scaling's service-linked role in the deploying account.</summary>
    internal static string AutoScalingServiceLinkedRole(AccountContext account) =>
        $"arn:{account.Partition}:iam::{account.AccountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

    private void DeclareAdmins()
    {
        for (var i = 0; i < _props.AdminPrincipalArns.Count; i++)
        {
            var arn = _props.AdminPrincipalArns[i];
            var key = InputValidator.IsUnresolved(arn) ? i.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : NonIdCharacters().Replace(arn[(arn.IndexOf(":iam::", StringComparison.Ordinal) + 19)..], "-");
            var entry = new EksAccessEntry(this, $"Admin-{key}", new EksAccessEntryConfig
            {
                ClusterName = Cluster.Name,
                PrincipalArn = arn,
                Type = "STANDARD",
                Tags = _tags,
            });
            new EksAccessPolicyAssociation(this, $"AdminPolicy-{key}", new EksAccessPolicyAssociationConfig
            {
                ClusterName = Cluster.Name,
                PrincipalArn = entry.PrincipalArn,
                PolicyArn = $"arn:{Account.Partition}:eks::aws:cluster-access-policy/{EksClusterDefaults.ClusterAdminPolicy}",
                AccessScope = new EksAccessPolicyAssociationAccessScope { Type = "cluster" },
            });
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex NonIdCharacters();
}
