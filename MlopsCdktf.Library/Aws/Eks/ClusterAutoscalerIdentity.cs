using Constructs;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws.Eks;

/// <summary>Input of <see cref="ClusterAutoscalerIdentity"/>.</summary>
public sealed record ClusterAutoscalerIdentityProps
{
    /// <summary>The cluster the autoscaler runs in.</summary>
    public required EksCluster Cluster { get; init; }

    /// <summary>The node groups the autoscaler may resize (all of <see cref="Cluster"/>): it may scale nothing else.</summary>
    public required IReadOnlyList<IEksNodeGroup> NodeGroups { get; init; }

    /// <summary>The IAM role name (1 to 64 letters, digits and <c>+=,.@_-</c>).</summary>
    /// <value>The default value is null: <c>&lt;cluster&gt;-cluster-autoscaler</c>, cut to 64 characters.</value>
    public string? RoleName { get; init; }

    /// <summary>Tags of the role and the association, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is null: the cluster's tags.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>
/// The Kubernetes cluster autoscaler's AWS identity, through EKS Pod Identity (a <see cref="PodIdentityRole"/> for
/// <see cref="Namespace"/>/<see cref="ServiceAccountName"/>): it may set the desired capacity of, and terminate instances in,
/// the Auto Scaling groups of the given node groups only (by ARN), read those node groups (<c>eks:DescribeNodegroup</c>, for
/// groups at zero), and describe Auto Scaling groups, launch templates and instance types (read-only actions without
/// resource-level permissions, on <c>*</c>). The Helm release of the autoscaler uses the same namespace and service account.
/// </summary>
/// <example>
/// <code>
/// var autoscaler = new ClusterAutoscalerIdentity(this, "Autoscaler", new ClusterAutoscalerIdentityProps
/// {
///     Cluster = cluster,
///     NodeGroups = [system, gpus],
/// });
/// </code>
/// </example>
public sealed class ClusterAutoscalerIdentity : Construct
{
    /// <summary>The namespace the cluster autoscaler runs in.</summary>
    public const string Namespace = "kube-system";

    /// <summary>The autoscaler's service account (the Helm chart's <c>rbac.serviceAccount.name</c>).</summary>
    public const string ServiceAccountName = "cluster-autoscaler";

    /// <summary>Validates <paramref name="props"/> and declares the role, its policy and the Pod Identity association.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ClusterAutoscalerIdentity(Construct scope, string id, ClusterAutoscalerIdentityProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ClusterAutoscalerIdentity)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        v.Require(props.NodeGroups.Count > 0, nameof(props.NodeGroups), "no node group", "must list the node groups the autoscaler resizes");
        foreach (var group in props.NodeGroups)
        {
            v.Require(group is not null && ReferenceEquals(group.Cluster, props.Cluster), nameof(props.NodeGroups), (group as Construct)?.Node.Path,
                "must be node groups of Cluster: the autoscaler of one cluster must not resize another's");
        }

        v.Matches(props.RoleName, nameof(props.RoleName), PodIdentityRole.RoleNamePattern(), PodIdentityRole.RoleNameDescription);
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();

        var account = AccountContext.In(this);
        var asgArns = props.NodeGroups.Select(g => account.Arn("autoscaling", $"autoScalingGroup:*:autoScalingGroupName/{g.AutoscalingGroupName}")).ToArray();
        Identity = new PodIdentityRole(this, "PodIdentity", new PodIdentityRoleProps
        {
            Cluster = props.Cluster,
            Namespace = Namespace,
            ServiceAccount = ServiceAccountName,
            RoleName = props.RoleName ?? EksCluster.RoleName(props.Cluster.LiteralName, "-cluster-autoscaler"),
            Tags = props.Tags,
            Statements =
            [
                new PolicyStatement { Sid = "ScaleTheseNodeGroups", Actions = Actions.Autoscaling.ScaleGroups, Resources = asgArns },
                new PolicyStatement { Sid = "ReadTheseNodeGroups", Actions = Actions.Eks.DescribeNodegroup, Resources = [.. props.NodeGroups.Select(g => g.Arn)] },
                new PolicyStatement { Sid = "DiscoverNodeGroups", Actions = Actions.Autoscaling.DiscoverGroups, Resources = ["*"] },
            ],
        });
        ClusterName = props.Cluster.Name;
    }

    /// <summary>The role and its association.</summary>
    public PodIdentityRole Identity { get; }

    /// <summary>The role's ARN.</summary>
    public string RoleArn => Identity.RoleArn;

    /// <summary>The cluster's name (the chart's <c>autoDiscovery.clusterName</c>).</summary>
    public string ClusterName { get; }
}
