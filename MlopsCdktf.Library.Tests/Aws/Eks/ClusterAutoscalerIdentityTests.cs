using System.Text.Json.Nodes;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws.Eks;

/// <summary><see cref="ClusterAutoscalerIdentity"/> and <see cref="PodIdentityRole"/>: trust through Pod Identity for one
/// service account, permissions scoped to the given node groups.</summary>
public sealed class ClusterAutoscalerIdentityTests
{
    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    private static TerraformJson Synth() => SynthHarness.Aws(stack =>
    {
        var (cluster, system, gpu) = EksTestData.Declare(stack);
        _ = new ClusterAutoscalerIdentity(stack, "Autoscaler", new ClusterAutoscalerIdentityProps { Cluster = cluster, NodeGroups = [system, gpu] });
    });

    [Test]
    public void Only_the_autoscaler_service_account_of_this_cluster_assumes_the_role_through_pod_identity()
    {
        var json = Synth();
        var trust = json.ByPath("aws_iam_policy_document", "Autoscaler/PodIdentity/TrustPolicy")["statement"]![0]!;
        var association = json.Single("aws_eks_pod_identity_association");
        var conditions = trust["condition"]!.AsArray().ToDictionary(c => c!["variable"]!.GetValue<string>(), c => Strings(c!["values"]).Single());

        Assert.Multiple(() =>
        {
            Assert.That(Strings(trust["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "pods.eks.amazonaws.com" }));
            Assert.That(Strings(trust["actions"]), Is.EqualTo(new[] { "sts:AssumeRole", "sts:TagSession" }));
            Assert.That(conditions["aws:RequestTag/eks-cluster-name"], Is.EqualTo("mlops-test"));
            Assert.That(conditions["aws:RequestTag/kubernetes-namespace"], Is.EqualTo(ClusterAutoscalerIdentity.Namespace));
            Assert.That(conditions["aws:RequestTag/kubernetes-service-account"], Is.EqualTo(ClusterAutoscalerIdentity.ServiceAccountName));
            Assert.That(conditions, Does.ContainKey("aws:SourceAccount"));
            Assert.That(association["namespace"]!.GetValue<string>(), Is.EqualTo("kube-system"));
            Assert.That(association["service_account"]!.GetValue<string>(), Is.EqualTo("cluster-autoscaler"));
            Assert.That(association["role_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_iam_role", json.ByPath("aws_iam_role", "Autoscaler/PodIdentity/Role"), "arn")));
            Assert.That(Strings(association["depends_on"]).Single(), Does.StartWith("aws_iam_role_policy."), "permissions before the first pod");
        });
    }

    [Test]
    public void The_autoscaler_may_resize_only_these_node_groups_auto_scaling_groups()
    {
        var json = Synth();
        var statements = json.PolicyStatements(json.ByPath("aws_iam_role_policy", "Autoscaler/PodIdentity/Policy")).ToDictionary(s => s["sid"]!.GetValue<string>());
        var groups = new[] { "System", "Gpu" }.Select(g => json.ByPath("aws_eks_node_group", $"{g}/NodeGroup")).ToList();
        var asgs = groups.Select(g => json.Reference("aws_eks_node_group", g, "resources[0].autoscaling_groups[0].name"));

        Assert.Multiple(() =>
        {
            Assert.That(Strings(statements["ScaleTheseNodeGroups"]["actions"]), Is.EqualTo(Actions.Autoscaling.ScaleGroups));
            Assert.That(Strings(statements["ScaleTheseNodeGroups"]["resources"]).Select(r => r[(r.IndexOf("autoScalingGroupName/", StringComparison.Ordinal) + 21)..]),
                Is.EqualTo(asgs));
            Assert.That(Strings(statements["ScaleTheseNodeGroups"]["resources"]), Has.All.Contains(":autoscaling:").And.All.Contains(":autoScalingGroup:*:autoScalingGroupName/"));
            Assert.That(Strings(statements["ReadTheseNodeGroups"]["resources"]), Is.EqualTo(groups.Select(g => json.Reference("aws_eks_node_group", g, "arn"))));
            Assert.That(Strings(statements["DiscoverNodeGroups"]["resources"]), Is.EqualTo(new[] { "*" }));
            Assert.That(Strings(statements["DiscoverNodeGroups"]["actions"]), Has.All.Matches<string>(a => a.Contains(":Describe", StringComparison.Ordinal) || a.Contains(":Get", StringComparison.Ordinal)),
                "only read-only actions on *");
        });
    }

    [Test]
    public void Node_groups_of_another_cluster_and_an_empty_list_are_refused()
    {
        var stack = SynthHarness.BareStack();
        var (cluster, system, _) = EksTestData.Declare(stack);
        var other = new EksCluster(stack, "Other", EksTestData.ClusterProps with { Name = "other" });

        var foreign = Assert.Throws<ConstructInputException>(() => _ = new ClusterAutoscalerIdentity(stack, "Autoscaler",
            new ClusterAutoscalerIdentityProps { Cluster = other, NodeGroups = [system] }))!;
        var none = Assert.Throws<ConstructInputException>(() => _ = new ClusterAutoscalerIdentity(stack, "Autoscaler2",
            new ClusterAutoscalerIdentityProps { Cluster = cluster, NodeGroups = [] }))!;

        Assert.That(foreign.Problems, Is.EqualTo(new[]
        {
            "NodeGroups was \"test/System\": must be node groups of Cluster: the autoscaler of one cluster must not resize another's.",
        }));
        Assert.That(none.Problems, Is.EqualTo(new[] { "NodeGroups was \"no node group\": must list the node groups the autoscaler resizes." }));
    }

    [Test]
    public void A_workload_role_carries_the_given_statements_for_its_service_account()
    {
        var json = SynthHarness.Aws(stack => new PodIdentityRole(stack, "Trainer", new PodIdentityRoleProps
        {
            Cluster = EksTestData.Cluster(stack),
            Namespace = "training",
            ServiceAccount = "trainer",
            Statements = [new PolicyStatement { Sid = "ReadModels", Actions = Actions.S3.ReadObjects, Resources = ["arn:aws:s3:::acme-models/models/*"] }],
        }));
        var role = json.ByPath("aws_iam_role", "Trainer/Role");
        var statement = json.PolicyStatements(json.ByPath("aws_iam_role_policy", "Trainer/Policy")).Single();

        Assert.That(role["name"]!.GetValue<string>(), Is.EqualTo("mlops-test-training-trainer"));
        Assert.That(Strings(statement["resources"]), Is.EqualTo(new[] { "arn:aws:s3:::acme-models/models/*" }));
        Assert.That(json.Single("aws_eks_pod_identity_association")["service_account"]!.GetValue<string>(), Is.EqualTo("trainer"));

        var error = Assert.Throws<ConstructInputException>(() => _ = new PodIdentityRole(SynthHarness.BareStack(), "Empty", new PodIdentityRoleProps
        {
            Cluster = EksTestData.Cluster(SynthHarness.BareStack()), Namespace = "Training", ServiceAccount = "trainer", Statements = [],
        }))!;
        Assert.That(error.Problems, Has.Count.EqualTo(2));
        Assert.That(error.Problems[0], Does.StartWith("Namespace was \"Training\": "));
        Assert.That(error.Problems[1], Is.EqualTo("Statements was \"no statement\": must grant at least one statement (a role without permissions needs no Pod Identity)."));
    }
}
