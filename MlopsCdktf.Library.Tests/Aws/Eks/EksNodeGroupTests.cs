using System.Text.Json.Nodes;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws.Eks;

/// <summary><see cref="EksNodeGroup"/> and <see cref="EksGpuNodeGroup"/>: hardened nodes in the cluster's subnets, the GPU
/// taint and scale-from-zero tags the autoscaler reads, every input rule.</summary>
public sealed class EksNodeGroupTests
{
    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    private static Dictionary<string, string> AsgTags(TerraformJson json, string group) =>
        json.Resources("aws_autoscaling_group_tag").Values
            .Where(t => TerraformJson.ConstructPath(t)!.Contains($"/{group}/", StringComparison.Ordinal))
            .ToDictionary(t => t["tag"]!["key"]!.GetValue<string>(), t => t["tag"]!["value"]!.GetValue<string>());

    [Test]
    public void Both_groups_run_in_the_cluster_subnets_with_imdsv2_hop_limit_one_and_encrypted_root_volumes()
    {
        var json = SynthHarness.Aws(stack => EksTestData.Declare(stack));
        var key = json.Reference("aws_kms_key", json.ByPath("aws_kms_key", "Cluster/Secrets/Key"), "arn");

        foreach (var (group, ami) in new[] { ("System", "AL2023_x86_64_STANDARD"), ("Gpu", "AL2023_x86_64_NVIDIA") })
        {
            var nodeGroup = json.ByPath("aws_eks_node_group", $"{group}/NodeGroup");
            var template = json.ByPath("aws_launch_template", $"{group}/LaunchTemplate");
            var metadata = template["metadata_options"]!;
            var ebs = template["block_device_mappings"]![0]!["ebs"]!;
            var attachments = json.Resources("aws_iam_role_policy_attachment").Values
                .Where(a => TerraformJson.ConstructPath(a)!.Contains($"/{group}/", StringComparison.Ordinal))
                .Select(a => a["policy_arn"]!.GetValue<string>().Split('/')[^1]);
            Assert.Multiple(() =>
            {
                Assert.That(nodeGroup["ami_type"]!.GetValue<string>(), Is.EqualTo(ami), group);
                Assert.That(Strings(nodeGroup["subnet_ids"]), Is.EqualTo(new[] { EksTestData.SubnetA, EksTestData.SubnetB }), group);
                Assert.That(nodeGroup["cluster_name"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_eks_cluster", json.ByPath("aws_eks_cluster", "Cluster/Cluster"), "name")));
                Assert.That(nodeGroup["launch_template"]!["id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_launch_template", template, "id")));
                Assert.That(Strings(nodeGroup["lifecycle"]!["ignore_changes"]), Is.EqualTo(new[] { "scaling_config[0].desired_size" }),
                    "the cluster autoscaler owns the size");
                Assert.That(nodeGroup["remote_access"], Is.Null, "no SSH");
                Assert.That(template["key_name"], Is.Null, "no SSH key");
                Assert.That(metadata["http_tokens"]!.GetValue<string>(), Is.EqualTo("required"), group);
                Assert.That(metadata["http_put_response_hop_limit"]!.GetValue<int>(), Is.EqualTo(1), "pods must not reach the node role through IMDS");
                Assert.That(ebs["encrypted"]!.GetValue<string>(), Is.EqualTo("true"));
                Assert.That(ebs["volume_type"]!.GetValue<string>(), Is.EqualTo("gp3"));
                Assert.That(ebs["kms_key_id"]!.GetValue<string>(), Is.EqualTo(key), "the cluster's key by default");
                Assert.That(attachments, Is.EquivalentTo(new[] { "AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonEKS_CNI_Policy" }));
            });
        }
    }

    [Test]
    public void The_gpu_group_is_tainted_labelled_and_scales_from_zero_with_node_template_tags_on_its_auto_scaling_group()
    {
        EksGpuNodeGroup? gpu = null;
        var json = SynthHarness.Aws(stack => gpu = EksTestData.Declare(stack).Gpu);
        var nodeGroup = json.ByPath("aws_eks_node_group", "Gpu/NodeGroup");
        var tags = AsgTags(json, "Gpu");
        var asg = json.Resources("aws_autoscaling_group_tag").Values.Select(t => t["autoscaling_group_name"]!.GetValue<string>()).Distinct().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(nodeGroup["taint"]!.AsArray().Single()!.ToJsonString(), Is.EqualTo("""{"effect":"NO_SCHEDULE","key":"nvidia.com/gpu","value":"present"}"""));
            Assert.That(nodeGroup["labels"]!["mlops.io/pool-role"]!.GetValue<string>(), Is.EqualTo("gpu-training"));
            Assert.That(nodeGroup["scaling_config"]!["min_size"]!.GetValue<int>(), Is.Zero);
            Assert.That(nodeGroup["scaling_config"]!["desired_size"]!.GetValue<int>(), Is.Zero);
            Assert.That(nodeGroup["scaling_config"]!["max_size"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(nodeGroup["instance_types"]!.AsArray().Single()!.GetValue<string>(), Is.EqualTo("g6.12xlarge"));
            Assert.That(nodeGroup["capacity_type"]!.GetValue<string>(), Is.EqualTo("ON_DEMAND"));
            Assert.That(tags, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["k8s.io/cluster-autoscaler/enabled"] = "true",
                ["k8s.io/cluster-autoscaler/mlops-test"] = "owned",
                ["k8s.io/cluster-autoscaler/node-template/label/mlops.io/pool-role"] = "gpu-training",
                ["k8s.io/cluster-autoscaler/node-template/label/mlops.io/accelerator"] = "nvidia-l4",
                ["k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu"] = "present:NoSchedule",
                ["k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu"] = "4",
            }));
            Assert.That(asg, Has.Count.EqualTo(2), "one Auto Scaling group per node group");
            Assert.That(asg, Does.Contain(json.Reference("aws_eks_node_group", nodeGroup, "resources[0].autoscaling_groups[0].name")));
            Assert.That(gpu!.Selector, Is.EqualTo(new MlopsCdktf.Core.Scheduling.GpuNodeSelector
            {
                TaintKey = "nvidia.com/gpu", TaintValue = "present", TaintEffect = "NoSchedule",
                NodeLabelKey = "mlops.io/pool-role", NodeLabelValue = "gpu-training", GpusPerNode = 4,
            }));
        });
    }

    [Test]
    public void Spot_subnets_labels_volume_key_and_role_are_the_callers_choice()
    {
        var json = SynthHarness.Aws(stack => new EksGpuNodeGroup(stack, "Gpu", EksTestData.Gpu(stack) with
        {
            Spot = true,
            SubnetIds = [EksTestData.SubnetB],
            VolumeKmsKeyArn = EksTestData.GivenKeyArn,
            NodeLabels = new Dictionary<string, string> { ["team"] = "research" },
            Role = "gpu-research",
        }));
        var nodeGroup = json.ByPath("aws_eks_node_group", "Gpu/NodeGroup");

        Assert.Multiple(() =>
        {
            Assert.That(nodeGroup["capacity_type"]!.GetValue<string>(), Is.EqualTo("SPOT"));
            Assert.That(Strings(nodeGroup["subnet_ids"]), Is.EqualTo(new[] { EksTestData.SubnetB }));
            Assert.That(json.ByPath("aws_launch_template", "Gpu/LaunchTemplate")["block_device_mappings"]![0]!["ebs"]!["kms_key_id"]!.GetValue<string>(), Is.EqualTo(EksTestData.GivenKeyArn));
            Assert.That(AsgTags(json, "Gpu")["k8s.io/cluster-autoscaler/node-template/label/team"], Is.EqualTo("research"));
            Assert.That(nodeGroup["labels"]!["mlops.io/pool-role"]!.GetValue<string>(), Is.EqualTo("gpu-research"));
        });
    }

    [TestCaseSource(nameof(CatalogueInstanceTypes))]
    public void Every_catalogued_gpu_instance_type_announces_its_gpu_count(string instanceType, NvidiaGpu gpu, int count)
    {
        EksGpuNodeGroup? group = null;
        var json = SynthHarness.Aws(stack => group = new EksGpuNodeGroup(stack, "Gpu", EksTestData.Gpu(stack) with { Gpu = gpu, InstanceType = instanceType }));

        Assert.That(AsgTags(json, "Gpu")["k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu"], Is.EqualTo(count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(group!.Selector.GpusPerNode, Is.EqualTo(count));
    }

    public static IEnumerable<TestCaseData> CatalogueInstanceTypes() =>
        EksGpuInstanceRules.Families.SelectMany(f => f.Value.GpusPerSize.Select(s => new TestCaseData($"{f.Key}.{s.Key}", f.Value.Gpu, s.Value)
            .SetArgDisplayNames($"{f.Key}.{s.Key}")));

    [Test]
    public void A_gpu_instance_type_that_does_not_carry_the_gpu_is_refused_naming_the_types_that_do()
    {
        var wrong = Assert.Throws<ConstructInputException>(() => _ = new EksGpuNodeGroup(SynthHarness.BareStack(), "Gpu",
            EksTestData.Gpu(SynthHarness.BareStack()) with { Gpu = NvidiaGpu.L4, InstanceType = "g5.2xlarge" }))!;
        var unknown = Assert.Throws<ConstructInputException>(() => _ = new EksGpuNodeGroup(SynthHarness.BareStack(), "Gpu",
            EksTestData.Gpu(SynthHarness.BareStack()) with { Gpu = NvidiaGpu.A100, InstanceType = "m6i.large" }))!;

        Assert.That(wrong.Message, Does.StartWith("Invalid EksGpuNodeGroup at path [test/Gpu]:"));
        Assert.That(wrong.Problems, Is.EqualTo(new[]
        {
            "InstanceType was \"g5.2xlarge\": g5.2xlarge carries A10G, not L4; L4 comes with g6.xlarge (1 GPU), g6.2xlarge (1 GPU), g6.4xlarge (1 GPU), g6.8xlarge (1 GPU), g6.16xlarge (1 GPU), g6.12xlarge (4 GPUs), g6.24xlarge (4 GPUs), g6.48xlarge (8 GPUs).",
        }));
        Assert.That(unknown.Problems, Is.EqualTo(new[]
        {
            "InstanceType was \"m6i.large\": is not a GPU instance type this library knows; A100 comes with p4d.24xlarge (8 GPUs).",
        }));
    }

    [Test]
    public void A_gpu_group_that_cannot_scale_from_zero_is_refused()
    {
        var warm = Assert.Throws<ConstructInputException>(() => _ = new EksGpuNodeGroup(SynthHarness.BareStack(), "Gpu",
            EksTestData.Gpu(SynthHarness.BareStack()) with { MinSize = 1 }))!;
        var empty = Assert.Throws<ConstructInputException>(() => _ = new EksGpuNodeGroup(SynthHarness.BareStack(), "Gpu",
            EksTestData.Gpu(SynthHarness.BareStack()) with { MaxSize = 0 }))!;

        Assert.That(warm.Problems, Is.EqualTo(new[]
        {
            "MinSize was 1: must be 0 while ScaleFromZero is on (an idle GPU group would keep paying for its minimum): set MinSize = 0, or ScaleFromZero = false to keep GPUs warm.",
        }));
        Assert.That(empty.Problems, Is.EqualTo(new[]
        {
            "MaxSize was 0: must be between 1 and 1000 nodes.",
        }));
        Assert.DoesNotThrow(() => _ = new EksGpuNodeGroup(SynthHarness.BareStack(), "Gpu",
            EksTestData.Gpu(SynthHarness.BareStack()) with { MinSize = 1, ScaleFromZero = false }), "warm GPUs are a choice");
    }

    [Test]
    public void Node_group_rules_name_the_member_value_and_what_is_allowed()
    {
        var stack = SynthHarness.BareStack();
        var error = Assert.Throws<ConstructInputException>(() => _ = new EksNodeGroup(stack, "System", EksTestData.System(stack) with
        {
            Name = "system group",
            MinSize = 5,
            MaxSize = 3,
            DiskSizeGb = 10,
            InstanceTypes = ["g5.xlarge"],
            SubnetIds = ["subnet-0aaaaaaaaaaaaaaaa"],
            NodeLabels = new Dictionary<string, string> { ["mlops.io/pool-role"] = "x" },
        }))!;

        Assert.That(error.Message, Does.StartWith("Invalid EksNodeGroup at path [test/System]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Name was \"system group\": must be 1 to 63 letters, digits, hyphens and underscores, starting with a letter or digit.",
            "MaxSize was 3: must be at least MinSize (5).",
            "DiskSizeGb was 10: must be between 20 and 16384 GiB.",
            "SubnetIds was \"subnet-0aaaaaaaaaaaaaaaa\": must be one of the cluster's subnets (EKS places managed nodes where the control plane reaches them).",
            "NodeLabels was \"mlops.io/pool-role\": must not set mlops.io/pool-role: use Role.",
            "InstanceTypes was \"g5.xlarge\": is a GPU instance type: GPU nodes belong in an EksGpuNodeGroup (NVIDIA AMI, GPU taint).",
        }));
    }

    [Test]
    public void A_fixed_group_another_tool_owns_invites_no_autoscaler_and_terraform_keeps_its_size()
    {
        var json = SynthHarness.Aws(stack => _ = new EksGpuNodeGroup(stack, "Run",
            EksTestData.Gpu(stack) with { MinSize = 1, MaxSize = 1, ScaleFromZero = false, AutoscalerManaged = false }));

        var group = json.ByPath("aws_eks_node_group", "Run/NodeGroup");
        Assert.That(AsgTags(json, "Run"), Is.Empty, "no discovery tag: the environment's autoscaler may not resize this group, so it must not find it");
        Assert.That(group["tags"]!.AsObject().Select(t => t.Key), Has.None.StartWith("k8s.io/cluster-autoscaler/"));
        Assert.That(group["lifecycle"], Is.Null, "Terraform owns desired_size: no ignore_changes");
        Assert.That(group["scaling_config"]!["desired_size"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public void Only_the_autoscaler_moves_a_group_between_its_bounds_or_from_zero()
    {
        var stack = SynthHarness.BareStack();
        var error = Assert.Throws<ConstructInputException>(() => _ = new EksGpuNodeGroup(stack, "Run",
            EksTestData.Gpu(stack) with { MinSize = 0, MaxSize = 2, AutoscalerManaged = false }))!;

        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "AutoscalerManaged was False: must be true when MinSize (0) differs from MaxSize (2): without the autoscaler nothing moves the group between them.",
            "ScaleFromZero was True: must be false when AutoscalerManaged is false: only the cluster autoscaler scales a group from zero.",
        }));
    }

    [Test]
    public void A_group_on_a_cluster_of_another_stack_reads_its_subnets_and_secrets_key_by_the_cluster_name()
    {
        var json = SynthHarness.Aws(stack => _ = new EksGpuNodeGroup(stack, "Run", new EksGpuNodeGroupProps
        {
            Cluster = EksCluster.FromClusterName(stack, "Cluster", "mlops-dev-training"),
            Name = "run-a", Gpu = NvidiaGpu.A10G, InstanceType = "g5.xlarge", MinSize = 1, MaxSize = 1, ScaleFromZero = false, AutoscalerManaged = false,
        }));

        var data = json.DataSources("aws_eks_cluster").Values.Single();
        var alias = json.DataSources("aws_kms_alias").Values.Single();
        Assert.That(data["name"]!.GetValue<string>(), Is.EqualTo("mlops-dev-training"));
        Assert.That(alias["name"]!.GetValue<string>(), Is.EqualTo("alias/eks-mlops-dev-training"), "the alias EksCluster gives its secrets key");
        var group = json.ByPath("aws_eks_node_group", "Run/NodeGroup");
        Assert.That(group["subnet_ids"]!.GetValue<string>(), Does.Contain("data.aws_eks_cluster.").And.Contain("vpc_config[0].subnet_ids"));
        Assert.That(json.ByPath("aws_launch_template", "Run/LaunchTemplate")["block_device_mappings"]![0]!["ebs"]!["kms_key_id"]!.GetValue<string>(),
            Does.Contain("data.aws_kms_alias.").And.Contain("target_key_arn"));
        Assert.That(json.Resources("aws_eks_addon"), Is.Empty, "the other stack's cluster already has its add-ons");

        var declared = SynthHarness.Aws(stack => _ = new EksCluster(stack, "Cluster", EksTestData.ClusterProps with { Name = "mlops-dev-training" }));
        Assert.That(declared.Resources("aws_kms_alias").Values.Select(a => a["name"]!.GetValue<string>()), Does.Contain("alias/eks-mlops-dev-training"));
        Assert.That(Assert.Throws<ConstructInputException>(() => EksCluster.FromClusterName(SynthHarness.BareStack(), "Cluster", "bad name!"))!.Problems,
            Has.Exactly(1).StartsWith("ClusterName was \"bad name!\": must be an EKS cluster name"));
    }
}
