using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Delivery;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// A training run is selected by name and checked, against the environment's fields, for what a plan would accept and the
/// run would then fail on: a pool GKE cannot give, an instance without the GPU, a quota that refuses the run's pod, a
/// duration Dynamic Workload Scheduler cuts short.
/// </summary>
public sealed class TrainingRunRulesTests
{
    private static readonly TrainingRunSettings Runs = Catalog.Dev.TrainingRuns!;

    private static IReadOnlyList<string> Problems(DeploymentEnvironment environment) =>
        Assert.Throws<ConstructInputException>(() => EnvironmentRules.Validate([environment]))!.Problems;

    private static IReadOnlyList<string> SelectionProblems(Dictionary<string, object> context) =>
        Assert.Throws<ConstructInputException>(() => DeliverySynth.Select(context))!.Problems;

    [Test]
    public void A_run_is_selected_by_name_with_its_environment_and_declares_its_two_stacks_after_the_environment()
    {
        var names = DeliverySynth.StackNames(new Dictionary<string, object> { ["env"] = "dev", ["run"] = "exp-7", ["runCloud"] = "EKS" });
        var plain = DeliverySynth.StackNames(new Dictionary<string, object> { ["env"] = "dev" });

        Assert.That(names, Is.EqualTo(plain.Concat(["mlops-train-dev-exp-7", "mlops-train-dev-exp-7-job"])));
        Assert.That(DeliverySynth.Select(new Dictionary<string, object> { ["env"] = "dev", ["run"] = "exp-7" }).Single().Delivery.Run,
            Is.EqualTo(new TrainingRunSelection("exp-7", TrainingCloud.Gke)), "GKE is dev's default cloud for runs");
    }

    [Test]
    public void A_run_needs_an_environment_that_allows_runs_a_valid_name_and_a_declared_cloud()
    {
        Assert.That(SelectionProblems(new() { ["run"] = "exp" }),
            Does.Contain("run (MLOPS_RUN) was \"exp\": needs env (MLOPS_ENV): a run belongs to one environment (make train ENV=<env> RUN=<name>)."));
        Assert.That(SelectionProblems(new() { ["env"] = "dev", ["run"] = "Exp_1" }),
            Has.Exactly(1).StartsWith("run (MLOPS_RUN) was \"Exp_1\": must be a run name: 2 to 20 lowercase letters"));
        Assert.That(SelectionProblems(new() { ["env"] = "staging", ["run"] = "exp" }),
            Does.Contain("run (MLOPS_RUN) was \"exp\": needs training runs declared for environment staging (DeploymentEnvironment.TrainingRuns is null)."));
        Assert.That(SelectionProblems(new() { ["env"] = "dev", ["run"] = "exp", ["runCloud"] = "azure" }),
            Does.Contain("runCloud (MLOPS_RUN_CLOUD) was \"azure\": must be gke or eks (any case)."));
        Assert.That(SelectionProblems(new() { ["env"] = "dev", ["runCloud"] = "eks" }),
            Does.Contain("runCloud (MLOPS_RUN_CLOUD) was \"eks\": needs run (MLOPS_RUN)."));
    }

    [Test]
    public void Runs_must_be_declared_on_at_least_one_cloud() =>
        Assert.That(Problems(Catalog.Dev with { TrainingRuns = Runs with { Eks = null, Gke = null } }),
            Does.Contain("[dev] TrainingRuns.Gke was \"null\": must declare runs on GKE, EKS or both (Gke and Eks are null)."));

    [Test]
    public void An_eks_run_needs_an_eks_cluster_and_an_instance_type_that_carries_its_gpu()
    {
        Assert.That(Problems(Catalog.Dev with { EksTraining = null }),
            Does.Contain("[dev] TrainingRuns.Eks.InstanceType was \"g5.xlarge\": needs an EKS cluster to run on: declare EksTraining, or remove TrainingRuns.Eks."));
        var problems = Problems(Catalog.Dev with { TrainingRuns = Runs with { Eks = Runs.Eks! with { Gpu = NvidiaGpu.H100 } } });
        Assert.That(problems, Has.Exactly(1).StartsWith("[dev] TrainingRuns.Eks.InstanceType was \"g5.xlarge\": ").And.Contain("H100"));
    }

    [Test]
    public void A_gke_run_pool_must_be_a_machine_that_carries_the_gpu_in_a_zone_that_offers_it()
    {
        var machine = Problems(Catalog.Dev with { TrainingRuns = Runs with { Gke = Runs.Gke! with { MachineType = "e2-standard-8" } } });
        Assert.That(machine, Has.Exactly(1).StartsWith("[dev] TrainingRuns.Gke.MachineType was \"e2-standard-8\": "));

        // A100 80GB GPUs are not offered in dev's zone (europe-west4-b): every flex-start request would wait for capacity that never comes.
        var zone = Problems(Catalog.Dev with { TrainingRuns = Runs with { Gke = Runs.Gke! with { Gpu = GpuType.NvidiaA100_80Gb, MachineType = "a2-ultragpu-1g" } } });
        Assert.That(zone, Has.Exactly(1).StartsWith("[dev] Gcp.Zone was \"europe-west4-b\": nvidia-a100-80gb"));

        // The runs' T4 where it is only uncertain: reported for the runs, besides the training pool's own report.
        var uncertain = Problems(Catalog.Dev with { Gcp = Catalog.Dev.Gcp with { Zone = "europe-west4-a" }, Training = Catalog.Dev.Training with { Gpu = GpuType.NvidiaL4, GpuMachineType = "g2-standard-8" } });
        Assert.That(uncertain, Has.Exactly(1).StartsWith("[dev] Gcp.Zone was \"europe-west4-a\": nvidia-tesla-t4 (NvidiaT4) in zone europe-west4-a is marked uncertain"));
    }

    [Test]
    public void A_run_pool_is_a_dynamic_workload_scheduler_pool_never_an_on_demand_one()
    {
        var problems = Problems(Catalog.Dev with { TrainingRuns = Runs with { Gke = Runs.Gke! with { Provisioning = GpuProvisioning.OnDemand } } });

        Assert.That(problems, Is.EqualTo(new[]
        {
            "[dev] TrainingRuns.Gke.Provisioning was OnDemand: must be FlexStart or QueuedProvisioning: a run's pool exists for the run and must not wait for an on-demand GPU GKE may not have.",
        }));
    }

    [TestCase(0)]
    [TestCase(24 * 7 + 1)]
    public void The_maximum_run_duration_is_within_what_dws_allows(int hours)
    {
        var problems = Problems(Catalog.Dev with { TrainingRuns = Runs with { MaxRunDuration = TimeSpan.FromHours(hours) } });

        Assert.That(problems, Has.Exactly(1).StartsWith($"[dev] TrainingRuns.MaxRunDuration was {TimeSpan.FromHours(hours)}: must be more than 0 and at most 7 days"));
    }

    [Test]
    public void A_namespace_quota_that_would_refuse_the_run_pod_is_named_on_each_cloud()
    {
        var big = Runs with { Resources = new ContainerResources { CpuRequest = "6", MemoryRequest = "8Gi", CpuLimit = "6", MemoryLimit = "14Gi" } };

        var problems = Problems(Catalog.Dev with { TrainingRuns = big });

        Assert.That(problems, Has.Exactly(1).StartsWith("[dev] EksTraining.Quota.RequestsCpu was \"4\": is below what the training runs Kueue admits at once need: requests.cpu 6"));
        Assert.That(problems.Where(p => p.StartsWith("[dev] ClusterWorkloads.Quota.", StringComparison.Ordinal)), Is.Empty, "GKE's namespace allows 8 CPUs");

        // Two runs at once: the namespace must admit both pods and both nodes' GPUs, or Kueue admits a run Kubernetes refuses.
        var two = Problems(Catalog.Dev with { TrainingRuns = Runs with { MaxConcurrentRuns = 2 } });
        Assert.That(two, Has.Exactly(1).StartsWith("[dev] EksTraining.Quota.Gpus was 1: is below what the training runs Kueue admits at once need: requests.nvidia.com/gpu 2"));
        Assert.That(two, Has.Exactly(1).StartsWith("[dev] ClusterWorkloads.Quota.Gpus was 1: "));
    }
}
