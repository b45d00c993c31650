using System.Text.Json.Nodes;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws.Eks;

/// <summary><see cref="EksCluster"/>: the secure defaults EKS needs in the JSON, the add-ons' order, every input rule.</summary>
public sealed class EksClusterTests
{
    private static JsonObject Cluster(TerraformJson json) => json.ByPath("aws_eks_cluster", "Cluster/Cluster");

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    [Test]
    public void The_endpoint_is_private_secrets_use_the_created_key_and_every_log_type_goes_to_a_group_created_first()
    {
        var json = SynthHarness.Aws(stack => EksTestData.Declare(stack));
        var cluster = Cluster(json);
        var vpc = cluster["vpc_config"]!.AsObject();
        var key = json.ByPath("aws_kms_key", "Cluster/Secrets/Key");
        var logGroup = json.ByPath("aws_cloudwatch_log_group", "Cluster/LogGroup");

        Assert.Multiple(() =>
        {
            Assert.That(vpc["endpoint_private_access"]!.GetValue<bool>(), Is.True);
            Assert.That(vpc["endpoint_public_access"]!.GetValue<bool>(), Is.False);
            Assert.That(vpc["public_access_cidrs"], Is.Null);
            Assert.That(Strings(vpc["subnet_ids"]), Is.EqualTo(new[] { EksTestData.SubnetA, EksTestData.SubnetB }));
            Assert.That(Strings(cluster["encryption_config"]!["resources"]), Is.EqualTo(new[] { "secrets" }));
            Assert.That(cluster["encryption_config"]!["provider"]!["key_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
            Assert.That(key["enable_key_rotation"]!.GetValue<bool>(), Is.True);
            Assert.That(Strings(cluster["enabled_cluster_log_types"]), Is.EquivalentTo(new[] { "api", "audit", "authenticator", "controllerManager", "scheduler" }));
            Assert.That(logGroup["name"]!.GetValue<string>(), Is.EqualTo("/aws/eks/mlops-test/cluster"), "the name EKS writes to");
            Assert.That(logGroup["retention_in_days"]!.GetValue<int>(), Is.EqualTo(365));
            Assert.That(logGroup["kms_key_id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", json.ByPath("aws_kms_key", "Cluster/Logs/Key"), "arn")));
            Assert.That(Strings(cluster["depends_on"]), Does.Contain(json.Reference("aws_cloudwatch_log_group", logGroup, "x")[2..^3]),
                "the group must exist before EKS starts logging, or EKS creates it unencrypted without retention");
            Assert.That(cluster["version"]!.GetValue<string>(), Is.EqualTo(EksVersions.Default));
        });
    }

    [Test]
    public void Authentication_is_through_access_entries_only_and_each_admin_gets_cluster_admin_at_cluster_scope()
    {
        var json = SynthHarness.Aws(stack => EksTestData.Cluster(stack));
        var access = Cluster(json)["access_config"]!;
        var entry = json.Single("aws_eks_access_entry");
        var association = json.Single("aws_eks_access_policy_association");

        Assert.Multiple(() =>
        {
            Assert.That(access["authentication_mode"]!.GetValue<string>(), Is.EqualTo("API"), "no aws-auth ConfigMap");
            Assert.That(access["bootstrap_cluster_creator_admin_permissions"]!.GetValue<bool>(), Is.False);
            Assert.That(entry["principal_arn"]!.GetValue<string>(), Is.EqualTo(EksTestData.AdminArn));
            Assert.That(association["policy_arn"]!.GetValue<string>(), Does.EndWith(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"));
            Assert.That(association["access_scope"]!["type"]!.GetValue<string>(), Is.EqualTo("cluster"));
            Assert.That(association["principal_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_eks_access_entry", entry, "principal_arn")),
                "the association waits for its access entry");
        });
    }

    [Test]
    public void The_cluster_role_has_the_cluster_policy_and_the_secrets_key_admits_the_role_and_auto_scaling()
    {
        var json = SynthHarness.Aws(stack => EksTestData.Declare(stack));
        var role = json.ByPath("aws_iam_role", "Cluster/Role");
        var attachment = json.ByPath("aws_iam_role_policy_attachment", "Cluster/ClusterPolicy");
        var keyPolicy = json.ByPath("aws_iam_policy_document", "Cluster/Secrets/KeyPolicy")["statement"]!.AsArray();
        var sids = keyPolicy.Select(s => s!["sid"]!.GetValue<string>()).ToList();
        var clusterRole = keyPolicy.Single(s => s!["sid"]!.GetValue<string>() == "ClusterRoleEncryptsSecrets")!;
        var autoScaling = keyPolicy.Single(s => s!["sid"]!.GetValue<string>() == "AutoScalingAttachesNodeVolumes")!;

        Assert.Multiple(() =>
        {
            Assert.That(attachment["policy_arn"]!.GetValue<string>(), Does.EndWith(":iam::aws:policy/AmazonEKSClusterPolicy"));
            Assert.That(attachment["role"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_iam_role", role, "name")));
            Assert.That(sids, Does.Contain("AccountAdministersKey").And.Contain("AutoScalingEncryptsNodeVolumes"));
            Assert.That(Strings(clusterRole["principals"]![0]!["identifiers"]).Single(), Does.EndWith(":role/mlops-test-cluster"));
            Assert.That(Strings(json.ByPath("aws_kms_key", "Cluster/Secrets/Key")["depends_on"]), Is.EqualTo(new[] { json.Reference("aws_iam_role", role, "x")[2..^3] }), "KMS refuses a policy naming a missing role");
            // Auto Scaling launches the nodes' encrypted volumes with its own role, which has no KMS permission of its own; on a
            // new account that role does not exist until the first node group creates it, and KMS refuses a key policy naming
            // a missing principal: the role is named in a condition, never as the principal.
            Assert.That(Strings(autoScaling["principals"]![0]!["identifiers"]).Single(), Is.EqualTo("*"));
            var conditions = autoScaling["condition"]!.AsArray().ToDictionary(c => c!["variable"]!.GetValue<string>(), c => Strings(c!["values"]).Single());
            Assert.That(conditions["aws:PrincipalArn"], Does.EndWith(":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"));
            Assert.That(conditions["kms:CallerAccount"], Does.Contain("account_id"));
            Assert.That(conditions["kms:GrantIsForAWSResource"], Is.EqualTo("true"));
            Assert.That(keyPolicy.SelectMany(s => s!["principals"]!.AsArray()).SelectMany(p => Strings(p!["identifiers"])),
                Has.None.Contain("AWSServiceRoleForAutoScaling"), "no principal names a role that may not exist yet");
        });
    }

    [Test]
    public void Networking_add_ons_come_before_the_nodes_and_coredns_after_the_system_group()
    {
        var json = SynthHarness.Aws(stack => EksTestData.Declare(stack));
        var addons = json.Resources("aws_eks_addon").Values.ToDictionary(a => a["addon_name"]!.GetValue<string>());
        var system = json.ByPath("aws_eks_node_group", "System/NodeGroup");
        var gpu = json.ByPath("aws_eks_node_group", "Gpu/NodeGroup");
        string Address(string name) => json.Reference("aws_eks_addon", addons[name], "x")[2..^3];

        Assert.Multiple(() =>
        {
            Assert.That(addons.Keys, Is.EquivalentTo(new[] { "vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns" }));
            foreach (var (name, addon) in addons)
            {
                Assert.That(addon["addon_version"]!.GetValue<string>(), Is.EqualTo(EksAddonVersions.For(EksVersions.Default, Enum.GetValues<EksAddon>().Single(a => a.AddonName() == name))));
                Assert.That(addon["resolve_conflicts_on_create"]!.GetValue<string>(), Is.EqualTo("OVERWRITE"));
                Assert.That(addon["resolve_conflicts_on_update"]!.GetValue<string>(), Is.EqualTo("PRESERVE"));
            }

            foreach (var group in new[] { system, gpu })
            {
                Assert.That(Strings(group["depends_on"]), Is.SupersetOf(new[] { Address("vpc-cni"), Address("kube-proxy"), Address("eks-pod-identity-agent") }),
                    "nodes stay NotReady without the CNI");
            }

            Assert.That(Strings(addons["coredns"]["depends_on"]), Is.EqualTo(new[] { json.Reference("aws_eks_node_group", system, "x")[2..^3] }),
                "CoreDNS needs a node to run on: only the system group can host it (the GPU group is tainted)");
            Assert.That(Cluster(json)["bootstrap_self_managed_addons"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public void Coredns_waits_for_every_system_group()
    {
        var json = SynthHarness.Aws(stack =>
        {
            _ = new EksNodeGroup(stack, "System", EksTestData.System(stack));
            _ = new EksNodeGroup(stack, "Batch", EksTestData.System(stack) with { Name = "batch", Role = "batch" });
        });
        var coreDns = json.Resources("aws_eks_addon").Values.Single(a => a["addon_name"]!.GetValue<string>() == "coredns");

        Assert.That(Strings(coreDns["depends_on"]), Is.EqualTo(new[] { "System", "Batch" }.Select(g =>
            json.Reference("aws_eks_node_group", json.ByPath("aws_eks_node_group", $"{g}/NodeGroup"), "x")[2..^3])));
    }

    [Test]
    public void A_public_endpoint_is_reachable_only_from_its_allow_list_and_given_key_and_versions_are_used()
    {
        var json = SynthHarness.Aws(stack => new EksCluster(stack, "Cluster", EksTestData.ClusterProps with
        {
            KubernetesVersion = "1.33",
            PublicAccess = true,
            PublicAccessCidrs = ["203.0.113.0/28"],
            SecretsKmsKeyArn = EksTestData.GivenKeyArn,
            AddonVersions = new Dictionary<EksAddon, string> { [EksAddon.VpcCni] = "v1.22.3-eksbuild.1" },
        }));
        var vpc = Cluster(json)["vpc_config"]!;
        var addons = json.Resources("aws_eks_addon").Values.ToDictionary(a => a["addon_name"]!.GetValue<string>(), a => a["addon_version"]!.GetValue<string>());

        Assert.Multiple(() =>
        {
            Assert.That(vpc["endpoint_public_access"]!.GetValue<bool>(), Is.True);
            Assert.That(Strings(vpc["public_access_cidrs"]), Is.EqualTo(new[] { "203.0.113.0/28" }));
            Assert.That(Cluster(json)["encryption_config"]!["provider"]!["key_arn"]!.GetValue<string>(), Is.EqualTo(EksTestData.GivenKeyArn));
            Assert.That(json.Resources("aws_kms_key").Keys, Has.Count.EqualTo(1), "only the log group's key is created");
            Assert.That(addons["vpc-cni"], Is.EqualTo("v1.22.3-eksbuild.1"));
            Assert.That(addons["kube-proxy"], Is.EqualTo(EksAddonVersions.For("1.33", EksAddon.KubeProxy)));
            Assert.That(addons, Does.Not.ContainKey("coredns"), "no system node group yet");
        });
    }

    [Test]
    public void Every_catalogued_version_has_every_add_on_pinned_and_a_consistent_support_calendar()
    {
        foreach (var version in EksVersions.Supported)
        {
            foreach (var addon in Enum.GetValues<EksAddon>())
            {
                Assert.That(EksAddonVersions.For(version.Version, addon), Does.Match(@"^v[0-9]+\.[0-9]+\.[0-9]+-eksbuild\.[0-9]+$"), $"{version.Version} {addon}");
            }

            Assert.That(version.Released, Is.LessThan(version.EndOfStandardSupport));
            Assert.That(version.EndOfStandardSupport.AddMonths(12), Is.EqualTo(version.EndOfExtendedSupport), version.Version);
        }

        Assert.That(EksVersions.Find(EksVersions.Default), Is.Not.Null);
        Assert.That(EksAddonVersions.For("1.35", EksAddon.KubeProxy), Does.StartWith("v1.35."), "kube-proxy follows the cluster's minor version");
    }

    [Test]
    public void Every_input_rule_names_the_member_value_and_what_is_allowed()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new EksCluster(SynthHarness.BareStack(), "Cluster", EksTestData.ClusterProps with
        {
            Name = "-bad name",
            KubernetesVersion = "1.29",
            SubnetIds = [EksTestData.SubnetA],
            PublicAccess = true,
            PublicAccessCidrs = ["0.0.0.0/0", "10.0.0.300/24"],
            SecretsKmsKeyArn = "alias/eks",
            LogRetentionDays = 100,
            AdminPrincipalArns = ["arn:aws:sts::123456789012:assumed-role/admin/session"],
            AddonVersions = new Dictionary<EksAddon, string> { [EksAddon.CoreDns] = "latest" },
        }))!;

        Assert.That(error.Message, Does.StartWith("Invalid EksCluster at path [test/Cluster]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Name was \"-bad name\": must be an EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit.",
            "KubernetesVersion was \"1.29\": must be a Kubernetes version Amazon EKS supports: 1.32 (standard support until 2026-03-23), 1.33 (standard support until 2026-07-29), 1.34 (standard support until 2026-12-02), 1.35 (standard support until 2027-03-27).",
            "SubnetIds was \"subnet-0123456789abcdef0\": must list at least two different subnets, in two availability zones (EKS refuses a cluster in one zone).",
            "PublicAccessCidrs was \"0.0.0.0/0\": must not open the public endpoint to the whole internet (0.0.0.0/0): list the ranges that need the API, or keep PublicAccess off and reach it from the VPC.",
            error.Problems[4],
            error.Problems[5],
            "LogRetentionDays was 100: must be one of CloudWatch's retention values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
            error.Problems[7],
            "AddonVersions[CoreDns] was \"latest\": must be an EKS add-on version such as v1.22.2-eksbuild.1 (aws eks describe-addon-versions lists them).",
        }));
        Assert.That(error.Problems[4], Does.StartWith("PublicAccessCidrs was \"10.0.0.300/24\": "));
        Assert.That(error.Problems[5], Does.StartWith("SecretsKmsKeyArn was \"alias/eks\": must be a KMS key ARN"));
        Assert.That(error.Problems[7], Does.StartWith("AdminPrincipalArns was \"arn:aws:sts::123456789012:assumed-role/admin/session\": must be an IAM role or user ARN"));
    }

    [Test]
    public void A_public_endpoint_needs_an_allow_list_and_an_allow_list_needs_a_public_endpoint()
    {
        var open = Assert.Throws<ConstructInputException>(() => _ = new EksCluster(SynthHarness.BareStack(), "Cluster",
            EksTestData.ClusterProps with { PublicAccess = true }))!;
        var unused = Assert.Throws<ConstructInputException>(() => _ = new EksCluster(SynthHarness.BareStack(), "Cluster",
            EksTestData.ClusterProps with { PublicAccessCidrs = ["203.0.113.0/28"] }))!;

        Assert.That(open.Problems, Is.EqualTo(new[]
        {
            "PublicAccessCidrs was \"no range\": must list the ranges allowed to reach the public endpoint (e.g. the office or CI egress /32s) when PublicAccess is on; an empty list would open it to the internet.",
        }));
        Assert.That(unused.Problems, Is.EqualTo(new[]
        {
            "PublicAccessCidrs was \"203.0.113.0/28\": has no effect while PublicAccess is off (the endpoint is private): turn PublicAccess on or remove the ranges.",
        }));
    }
}
