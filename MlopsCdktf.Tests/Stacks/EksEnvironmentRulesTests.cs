using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>An environment's EKS training cluster is checked against the catalogues and the rest of the environment, naming
/// the environment field, before any stack is declared.</summary>
public sealed class EksEnvironmentRulesTests
{
    private static readonly EksTrainingSettings Eks = Catalog.Dev.EksTraining!;

    private static IReadOnlyList<string> Problems(EksTrainingSettings eks) =>
        Assert.Throws<ConstructInputException>(() => MlopsApplication.Compose(SynthHarness.NewApp(), [Catalog.Dev with { EksTraining = eks }]))!.Problems;

    [Test]
    public void Dev_declares_an_eks_training_cluster_and_review_environments_do_not()
    {
        Assert.That(Catalog.Dev.EksTraining, Is.Not.Null);
        Assert.That(Catalog.Review(42).EksTraining, Is.Null, "a pull request does not create an EKS cluster");
        Assert.That(Catalog.Dev.EksTrainingRepositoryName, Is.EqualTo("mlops/dev/churn-training"));
    }

    [Test]
    public void A_gpu_instance_type_that_does_not_carry_the_gpu_is_named_with_its_field()
    {
        var problems = Problems(Eks with { Gpu = NvidiaGpu.H100, GpuInstanceType = "g5.xlarge" });

        Assert.That(problems, Has.Exactly(1).StartsWith("[dev] EksTraining.GpuInstanceType was \"g5.xlarge\": "));
        Assert.That(problems.Single(), Does.Contain("H100"));
    }

    [Test]
    public void A_kubernetes_version_eks_does_not_support_is_named_with_the_supported_ones()
    {
        var problems = Problems(Eks with { KubernetesVersion = "1.19" });

        Assert.That(problems, Has.Exactly(1).StartsWith("[dev] EksTraining.KubernetesVersion was \"1.19\": "));
        Assert.That(problems.Single(), Does.Contain(Eks.KubernetesVersion), "the message lists what is supported");
    }

    [Test]
    public void A_gpu_group_that_cannot_scale_up_from_zero_is_refused()
    {
        Assert.That(Problems(Eks with { MaxGpuNodes = 0 }), Is.EqualTo(new[]
        {
            "[dev] EksTraining.MaxGpuNodes was 0: must be at least 1: the GPU group scales from 0 to this many nodes, and with 0 it can never scale up (every GPU pod stays Pending).",
        }));
    }

    [Test]
    public void The_training_network_must_not_overlap_the_platform_network()
    {
        Assert.That(Problems(Eks with { CidrBlock = "10.110.128.0/17" }), Is.EqualTo(new[]
        {
            "[dev] EksTraining.CidrBlock was \"10.110.128.0/17\": overlaps [dev] Network.CidrBlock (10.110.0.0/16): the ranges must not share addresses; pick a range outside 10.110.0.0/16.",
        }));
    }

    [Test]
    public void Someone_must_be_able_to_reach_the_cluster_and_the_api_is_never_open_to_everyone()
    {
        Assert.That(Problems(Eks with { AdminRoleArns = [], PublicAccessCidrs = ["0.0.0.0/0"] }), Is.EqualTo(new[]
        {
            "[dev] EksTraining.AdminRoleArns was \"[]\": must name at least one role, the one make deploy runs as: the cluster grants its creator nothing (access entries only), so the add-ons and workloads stacks could not reach it.",
            "[dev] EksTraining.PublicAccessCidrs was \"0.0.0.0/0\": must not open the Kubernetes API to the whole internet: list the deploy runners' egress ranges.",
        }));
        Assert.That(Problems(Eks with { AdminRoleArns = ["arn:aws:iam::111111111111:user/alice"] }), Is.EqualTo(new[]
        {
            "[dev] EksTraining.AdminRoleArns was \"arn:aws:iam::111111111111:user/alice\": must be IAM role ARNs (arn:aws:iam::<12-digit account>:role/<name>).",
        }));
    }

    [Test]
    public void The_training_namespace_quota_must_hold_the_retrain_and_its_gpus()
    {
        var problems = Problems(Eks with { Quota = Eks.Quota with { Gpus = 0, RequestsMemory = "4Gi" } });

        Assert.That(problems, Has.Some.StartsWith("[dev] EksTraining.Quota.Gpus was 0: is below what the retrain needs: "));
        Assert.That(problems, Has.Some.StartsWith("[dev] EksTraining.Quota.RequestsMemory was \"4Gi\": is below what the retrain needs: requests.memory 8Gi"));
    }

    [Test]
    public void Zones_must_be_two_of_the_environments_region()
    {
        var problems = Problems(Eks with { AvailabilityZones = ["eu-west-1a", "us-east-1b"] });

        Assert.That(problems, Is.EqualTo(new[]
        {
            "[dev] EksTraining.AvailabilityZones was \"us-east-1b\": must be an availability zone of eu-west-1 (Aws.Region): eu-west-1a, eu-west-1b, eu-west-1c.",
        }));
    }
}
