using Constructs;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.LaunchTemplate;
using MlopsCdktf.Core;
using EksNodeGroupResource = HashiCorp.Cdktf.Providers.Aws.EksNodeGroup.EksNodeGroup;

namespace MlopsCdktf.Aws.Eks;

/// <summary>
/// The system node group of an <see cref="EksCluster"/>: Amazon Linux 2023 (<c>AL2023_x86_64_STANDARD</c>) nodes in the
/// cluster's private subnets for CoreDNS, the cluster autoscaler and metrics-server, labelled <c>mlops.io/pool-role=system</c>.
/// Each node has IMDSv2 required with hop limit 1 (pods cannot read the node role's credentials), an encrypted gp3 root
/// volume and no SSH key; the node role carries <c>AmazonEKSWorkerNodePolicy</c>, <c>AmazonEC2ContainerRegistryPullOnly</c> and
/// <c>AmazonEKS_CNI_Policy</c>. The cluster's CoreDNS add-on waits for this group.
/// </summary>
/// <example>
/// <code>
/// var system = new EksNodeGroup(this, "System", new EksNodeGroupProps { Cluster = cluster, Name = "system" });
/// </code>
/// </example>
public sealed class EksNodeGroup : Construct, IEksNodeGroup
{
    /// <summary>Validates <paramref name="props"/> and declares the node group, its role and launch template.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public EksNodeGroup(Construct scope, string id, EksNodeGroupProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(EksNodeGroup)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        EksNodeGroupBuilder.Validate(v, props, props.MinSize, props.MaxSize, props.DiskSizeGb, props.Role);
        v.Require(props.InstanceTypes.Count > 0, nameof(props.InstanceTypes), "no type", "must list at least one instance type");
        foreach (var type in props.InstanceTypes)
        {
            v.Require(EksGpuInstanceRules.Of(type) is null, nameof(props.InstanceTypes), type,
                "is a GPU instance type: GPU nodes belong in an EksGpuNodeGroup (NVIDIA AMI, GPU taint)");
        }

        v.ThrowIfInvalid();

        Cluster = props.Cluster;
        var labels = new Dictionary<string, string>(props.NodeLabels) { [EksNodeGroupDefaults.RoleLabel] = props.Role };
        var built = EksNodeGroupBuilder.Create(this, props, EksNodeGroupDefaults.SystemAmiType, props.InstanceTypes, props.MinSize, props.MaxSize,
            props.DiskSizeGb, labels, [], new Dictionary<string, string>());
        (NodeGroup, Role, LaunchTemplate) = (built.NodeGroup, built.Role, built.LaunchTemplate);
        // CoreDNS runs on the system groups of the cluster that declares it; a cluster of another stack already has it.
        (props.Cluster as EksCluster)?.HostCoreDnsOn(NodeGroup);
    }

    /// <inheritdoc />
    public EksClusterBase Cluster { get; }

    /// <summary>The <c>aws_eks_node_group</c> resource.</summary>
    public EksNodeGroupResource NodeGroup { get; }

    /// <summary>The nodes' IAM role.</summary>
    public IamRole Role { get; }

    /// <summary>The nodes' launch template.</summary>
    public LaunchTemplate LaunchTemplate { get; }

    /// <inheritdoc />
    public string Name => NodeGroup.NodeGroupName;

    /// <inheritdoc />
    public string Arn => NodeGroup.Arn;

    /// <inheritdoc />
    public string AutoscalingGroupName => NodeGroup.Resources.Get(0).AutoscalingGroups.Get(0).Name;
}
