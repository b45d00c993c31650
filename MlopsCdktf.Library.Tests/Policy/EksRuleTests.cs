using MlopsCdktf.Policy;
using MlopsCdktf.Tests.Aws.Eks;
using static MlopsCdktf.Tests.Policy.PolicyHarness;

namespace MlopsCdktf.Tests.Policy;

/// <summary>The EKS and launch template rules: findings on hand-written bad JSON, none on what the EKS constructs write.</summary>
public sealed class EksRuleTests
{
    private static IReadOnlyList<string> FindingsOf(string resources) =>
        Lines(PolicyPack.Default.Evaluate(MlopsCdktf.Policy.Model.SynthesizedStack.Parse("hand", System.Text.Json.Nodes.JsonNode.Parse($$"""{ "resource": { {{resources}} } }""")!.AsObject()), [])
            .Findings.Where(f => f.RuleId.StartsWith("MLOPS-EKS-", StringComparison.Ordinal) || f.RuleId.StartsWith("MLOPS-EC2-", StringComparison.Ordinal)));

    [Test]
    public void A_cluster_open_to_the_internet_without_key_or_logs_has_a_finding_per_rule()
    {
        var findings = FindingsOf("""
            "aws_eks_cluster": {
              "defaults": { "name": "a", "role_arn": "arn:aws:iam::123456789012:role/a", "vpc_config": { "subnet_ids": ["subnet-1", "subnet-2"] } },
              "open": { "name": "b", "role_arn": "arn:aws:iam::123456789012:role/b", "enabled_cluster_log_types": ["api", "audit"],
                        "vpc_config": { "subnet_ids": ["subnet-1"], "endpoint_public_access": true, "public_access_cidrs": ["203.0.113.0/28", "0.0.0.0/0"] },
                        "encryption_config": { "resources": ["secrets"] } }
            }
            """);

        Assert.That(findings, Is.EqualTo(new[]
        {
            Line("MLOPS-EKS-1", "aws_eks_cluster.defaults", "hand/defaults", "public_access_cidrs is unset (0.0.0.0/0)."),
            Line("MLOPS-EKS-1", "aws_eks_cluster.open", "hand/open", "public_access_cidrs contains 0.0.0.0/0."),
            Line("MLOPS-EKS-2", "aws_eks_cluster.defaults", "hand/defaults"),
            Line("MLOPS-EKS-2", "aws_eks_cluster.open", "hand/open"),
            Line("MLOPS-EKS-3", "aws_eks_cluster.defaults", "hand/defaults", "Missing: api, audit, authenticator, controllerManager, scheduler."),
            Line("MLOPS-EKS-3", "aws_eks_cluster.open", "hand/open", "Missing: authenticator, controllerManager, scheduler."),
        }));
    }

    [Test]
    public void A_launch_template_with_imdsv1_or_a_hop_limit_above_one_and_an_untainted_gpu_group_are_findings()
    {
        var findings = FindingsOf("""
            "aws_launch_template": {
              "unset": { "name": "a" },
              "v1": { "name": "b", "metadata_options": { "http_tokens": "optional", "http_put_response_hop_limit": 1 } },
              "hops": { "name": "c", "metadata_options": { "http_tokens": "required", "http_put_response_hop_limit": 2 } },
              "good": { "name": "d", "metadata_options": { "http_tokens": "required", "http_put_response_hop_limit": 1 } }
            },
            "aws_eks_node_group": {
              "gpu": { "cluster_name": "c", "node_role_arn": "r", "subnet_ids": ["s"], "ami_type": "AL2023_x86_64_NVIDIA", "scaling_config": { "min_size": 0, "max_size": 1, "desired_size": 0 } },
              "wrong": { "cluster_name": "c", "node_role_arn": "r", "subnet_ids": ["s"], "ami_type": "AL2_x86_64_GPU", "taint": [{ "key": "nvidia.com/gpu", "value": "present", "effect": "PREFER_NO_SCHEDULE" }], "scaling_config": { "min_size": 0, "max_size": 1, "desired_size": 0 } },
              "tainted": { "cluster_name": "c", "node_role_arn": "r", "subnet_ids": ["s"], "ami_type": "AL2023_x86_64_NVIDIA", "taint": [{ "key": "nvidia.com/gpu", "value": "present", "effect": "NO_SCHEDULE" }], "scaling_config": { "min_size": 0, "max_size": 1, "desired_size": 0 } },
              "cpu": { "cluster_name": "c", "node_role_arn": "r", "subnet_ids": ["s"], "ami_type": "AL2023_x86_64_STANDARD", "scaling_config": { "min_size": 1, "max_size": 1, "desired_size": 1 } }
            }
            """);

        Assert.That(findings, Is.EqualTo(new[]
        {
            Line("MLOPS-EKS-4", "aws_eks_node_group.gpu", "hand/gpu", "ami_type is AL2023_x86_64_NVIDIA."),
            Line("MLOPS-EKS-4", "aws_eks_node_group.wrong", "hand/wrong", "ami_type is AL2_x86_64_GPU."),
            Line("MLOPS-EC2-1", "aws_launch_template.unset", "hand/unset"),
            Line("MLOPS-EC2-1", "aws_launch_template.v1", "hand/v1"),
            Line("MLOPS-EC2-2", "aws_launch_template.unset", "hand/unset"),
            Line("MLOPS-EC2-2", "aws_launch_template.hops", "hand/hops"),
        }));
    }

    [Test]
    public void What_the_eks_constructs_write_passes_every_rule_and_each_eks_rule_checked_something()
    {
        var stack = AwsStack();
        var (cluster, system, gpu) = EksTestData.Declare(stack);
        _ = new MlopsCdktf.Aws.Eks.ClusterAutoscalerIdentity(stack, "Autoscaler", new MlopsCdktf.Aws.Eks.ClusterAutoscalerIdentityProps { Cluster = cluster, NodeGroups = [system, gpu] });

        Assert.That(Findings(stack), Is.Empty);
        var synthesized = MlopsCdktf.Policy.Model.SynthesizedStack.From(stack);
        foreach (var id in new[] { "MLOPS-EKS-1", "MLOPS-EKS-2", "MLOPS-EKS-3", "MLOPS-EKS-4", "MLOPS-EC2-1", "MLOPS-EC2-2" })
        {
            Assert.That(PolicyPack.Default.Find(id)!.Evaluate(synthesized).Count(r => r.Outcome == PolicyOutcome.Compliant), Is.GreaterThan(0), $"{id} passed vacuously");
        }
    }
}
