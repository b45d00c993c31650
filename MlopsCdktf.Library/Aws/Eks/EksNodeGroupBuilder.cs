using System.Globalization;
using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.AutoscalingGroupTag;
using HashiCorp.Cdktf.Providers.Aws.EksNodeGroup;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicyAttachment;
using HashiCorp.Cdktf.Providers.Aws.LaunchTemplate;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;
using MlopsCdktf.Core.Scheduling;
using EksNodeGroupResource = HashiCorp.Cdktf.Providers.Aws.EksNodeGroup.EksNodeGroup;

namespace MlopsCdktf.Aws.Eks;

/// <summary>A managed node group this library declared, as the cluster autoscaler's identity scopes it.</summary>
public interface IEksNodeGroup
{
    /// <summary>The cluster the group belongs to.</summary>
    EksClusterBase Cluster { get; }

    /// <summary>The node group name (a reference).</summary>
    string Name { get; }

    /// <summary>The node group ARN (<c>arn:…:eks:…:nodegroup/&lt;cluster&gt;/&lt;group&gt;/&lt;id&gt;</c>).</summary>
    string Arn { get; }

    /// <summary>The name of the Auto Scaling group EKS created for the node group, which the cluster autoscaler resizes.</summary>
    string AutoscalingGroupName { get; }
}

/// <summary>What a node group declares, returned by <see cref="EksNodeGroupBuilder.Create"/>.</summary>
internal sealed record BuiltNodeGroup(EksNodeGroupResource NodeGroup, IamRole Role, LaunchTemplate LaunchTemplate);

/// <summary>
/// The one builder of both node group kinds: the node role, the launch template and the node group, and the tags the
/// cluster autoscaler reads on the group's Auto Scaling group (managed node group tags do not reach it).
/// </summary>
internal static partial class EksNodeGroupBuilder
{
    /// <summary>The autoscaler's tag prefix.</summary>
    public const string AutoscalerTagPrefix = "k8s.io/cluster-autoscaler/";

    /// <summary>The AWS managed policies every node role carries: joining the cluster, pulling images from ECR, pod networking.</summary>
    public static readonly IReadOnlyList<string> NodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonEKS_CNI_Policy"];

    /// <summary>Checks what both kinds share; <paramref name="minSize"/>/<paramref name="maxSize"/>/<paramref name="diskSizeGb"/>/<paramref name="role"/> are the kind's own members.</summary>
    public static void Validate(InputValidator v, EksNodeGroupBaseProps props, int minSize, int maxSize, int diskSizeGb, string role)
    {
        v.Matches(props.Name, nameof(props.Name), NodeGroupNamePattern(), "must be 1 to 63 letters, digits, hyphens and underscores, starting with a letter or digit");
        v.InRange(minSize, "MinSize", 0, EksNodeGroupDefaults.MaxGroupSize, "nodes");
        v.InRange(maxSize, "MaxSize", 1, EksNodeGroupDefaults.MaxGroupSize, "nodes");
        v.Require(minSize <= maxSize, "MaxSize", maxSize, $"must be at least MinSize ({minSize})");
        v.InRange(diskSizeGb, "DiskSizeGb", EksNodeGroupDefaults.MinDiskSizeGb, EksNodeGroupDefaults.MaxDiskSizeGb, "GiB");
        v.Require(KubernetesNames.IsLabelValue(role) && role.Length > 0, "Role", role, "must be a Kubernetes label value: 1 to 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit");
        if (props.SubnetIds is { } subnets)
        {
            v.Require(subnets.Count > 0, nameof(props.SubnetIds), "no subnet", "must list at least one subnet, or be null for the cluster's subnets");
            foreach (var subnet in subnets)
            {
                v.Matches(subnet, nameof(props.SubnetIds), AwsArnPatterns.SubnetId(), "must be subnet ids (subnet-0123456789abcdef0) or references to them");
                v.Require(InputValidator.IsUnresolved(subnet) || props.Cluster.SubnetIds.Contains(subnet), nameof(props.SubnetIds), subnet,
                    "must be one of the cluster's subnets (EKS places managed nodes where the control plane reaches them)");
            }
        }

        v.Require(props.AutoscalerManaged || minSize == maxSize, nameof(props.AutoscalerManaged), props.AutoscalerManaged,
            $"must be true when MinSize ({minSize}) differs from MaxSize ({maxSize}): without the autoscaler nothing moves the group between them");
        v.Matches(props.VolumeKmsKeyArn, nameof(props.VolumeKmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateKubernetesLabels(props.NodeLabels, nameof(props.NodeLabels));
        v.Require(!props.NodeLabels.ContainsKey(EksNodeGroupDefaults.RoleLabel), nameof(props.NodeLabels), EksNodeGroupDefaults.RoleLabel,
            "must not set mlops.io/pool-role: use Role");
        v.ValidateAwsTags(props.Tags);
    }

    /// <summary>Declares the role, launch template, node group and Auto Scaling group tags in <paramref name="scope"/>.</summary>
    public static BuiltNodeGroup Create(Construct scope, EksNodeGroupBaseProps props, string amiType, IReadOnlyList<string> instanceTypes,
        int minSize, int maxSize, int diskSizeGb, IReadOnlyDictionary<string, string> labels, IReadOnlyList<NodeTaint> taints,
        IReadOnlyDictionary<string, string> templateResources)
    {
        var cluster = props.Cluster;
        var account = cluster.Account;
        var tags = new Dictionary<string, string>(cluster.Tags ?? []);
        foreach (var (key, value) in props.Tags)
        {
            tags[key] = value;
        }

        var groupName = $"{cluster.LiteralName}-{props.Name}";
        var role = new IamRole(scope, "NodeRole", new IamRoleConfig
        {
            Name = EksCluster.RoleName(groupName, "-node"),
            Description = $"Nodes of EKS node group {props.Name} of cluster {cluster.LiteralName}",
            AssumeRolePolicy = PolicyDocuments.Create(scope, "NodeTrustPolicy",
            [
                new PolicyStatement
                {
                    Sid = "Ec2AssumesNodeRole", Actions = Actions.Sts.AssumeRole, Resources = [], Principals = [PolicyPrincipal.Service("ec2.amazonaws.com")],
                },
            ]).Json,
            Tags = TerraformMaps.OrNull(tags),
        });
        var attachments = NodePolicies.Select(policy => (ITerraformDependable)new IamRolePolicyAttachment(scope, $"NodeRole-{policy}", new IamRolePolicyAttachmentConfig
        {
            Role = role.Name,
            PolicyArn = $"arn:{account.Partition}:iam::aws:policy/{policy}",
        })).ToList();

        var launchTemplate = new LaunchTemplate(scope, "LaunchTemplate", new LaunchTemplateConfig
        {
            Name = groupName,
            Description = $"Nodes of EKS node group {props.Name}: IMDSv2 only, encrypted root volume, no SSH key",
            UpdateDefaultVersion = true,
            MetadataOptions = new LaunchTemplateMetadataOptions
            {
                HttpEndpoint = "enabled",
                // IMDSv2 only, and one hop: pods (one hop further, behind the node) cannot read the node role's credentials.
                HttpTokens = "required",
                HttpPutResponseHopLimit = 1,
            },
            BlockDeviceMappings = new[]
            {
                new LaunchTemplateBlockDeviceMappings
                {
                    DeviceName = "/dev/xvda",
                    Ebs = new LaunchTemplateBlockDeviceMappingsEbs
                    {
                        VolumeSize = diskSizeGb,
                        VolumeType = "gp3",
                        Encrypted = "true",
                        KmsKeyId = props.VolumeKmsKeyArn ?? cluster.SecretsKeyArn,
                        DeleteOnTermination = "true",
                    },
                },
            },
            Tags = TerraformMaps.OrNull(tags),
        });

        var autoscalerTags = props.AutoscalerManaged ? AutoscalerTags(cluster.LiteralName, labels, taints, templateResources) : new Dictionary<string, string>();
        var nodeGroup = new EksNodeGroupResource(scope, "NodeGroup", new EksNodeGroupConfig
        {
            ClusterName = cluster.Name,
            NodeGroupName = props.Name,
            NodeRoleArn = role.Arn,
            SubnetIds = (props.SubnetIds ?? cluster.SubnetIds).ToArray(),
            AmiType = amiType,
            CapacityType = props.Spot ? "SPOT" : "ON_DEMAND",
            InstanceTypes = instanceTypes.ToArray(),
            ScalingConfig = new EksNodeGroupScalingConfig { MinSize = minSize, MaxSize = maxSize, DesiredSize = minSize },
            UpdateConfig = new EksNodeGroupUpdateConfig { MaxUnavailable = 1 },
            LaunchTemplate = new EksNodeGroupLaunchTemplate { Id = launchTemplate.Id, Version = Token.AsString(launchTemplate.LatestVersion) },
            Labels = new Dictionary<string, string>(labels),
            Taint = taints.Count == 0 ? null : taints.Select(t => new EksNodeGroupTaint { Key = t.Key, Value = t.Value, Effect = TaintEffectName(t.Effect) }).ToArray(),
            Tags = new Dictionary<string, string>(tags.Concat(autoscalerTags).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value)),
            // The cluster autoscaler owns the size from here on (unless Terraform does).
            Lifecycle = props.AutoscalerManaged ? new TerraformResourceLifecycle { IgnoreChanges = new[] { "scaling_config[0].desired_size" } } : null,
            // Nodes join with their role's policies in place and become Ready only with networking installed.
            DependsOn = [.. attachments, .. cluster.ComputePrerequisites],
        });

        // Managed node group tags stay on the node group: the autoscaler reads a group at zero from its Auto Scaling group.
        var asgName = nodeGroup.Resources.Get(0).AutoscalingGroups.Get(0).Name;
        foreach (var (key, value) in autoscalerTags)
        {
            new AutoscalingGroupTagA(scope, $"AsgTag-{NonIdCharacters().Replace(key[AutoscalerTagPrefix.Length..], "-")}", new AutoscalingGroupTagAConfig
            {
                AutoscalingGroupName = asgName,
                Tag = new AutoscalingGroupTagTag { Key = key, Value = value, PropagateAtLaunch = false },
            });
        }

        return new BuiltNodeGroup(nodeGroup, role, launchTemplate);
    }

    /// <summary>
    /// Auto-discovery (<c>enabled</c>, <c>&lt;cluster&gt;=owned</c>) and the node template of a group at zero: its labels, its
    /// taints (<c>value:Effect</c>) and its extended resources (e.g. <c>nvidia.com/gpu</c>), so the autoscaler knows a
    /// pending GPU pod fits before any node exists.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> AutoscalerTags(string clusterName, IReadOnlyDictionary<string, string> labels,
        IReadOnlyList<NodeTaint> taints, IReadOnlyDictionary<string, string> resources)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [AutoscalerTagPrefix + "enabled"] = "true",
            [AutoscalerTagPrefix + clusterName] = "owned",
        };
        foreach (var (key, value) in labels)
        {
            tags[$"{AutoscalerTagPrefix}node-template/label/{key}"] = value;
        }

        foreach (var taint in taints)
        {
            tags[$"{AutoscalerTagPrefix}node-template/taint/{taint.Key}"] = $"{taint.Value}:{taint.Effect}";
        }

        foreach (var (key, value) in resources)
        {
            tags[$"{AutoscalerTagPrefix}node-template/resources/{key}"] = value;
        }

        return tags;
    }

    /// <summary>The EKS API's word for a taint effect (<c>NO_SCHEDULE</c>, …).</summary>
    internal static string TaintEffectName(TaintEffect effect) => effect switch
    {
        TaintEffect.NoSchedule => "NO_SCHEDULE",
        TaintEffect.PreferNoSchedule => "PREFER_NO_SCHEDULE",
        TaintEffect.NoExecute => "NO_EXECUTE",
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect, null),
    };

    /// <summary>A count as a tag value.</summary>
    internal static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex NodeGroupNamePattern();

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex NonIdCharacters();
}
