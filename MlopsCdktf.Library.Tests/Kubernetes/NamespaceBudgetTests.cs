using HashiCorp.Cdktf;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>
/// Where <see cref="MlNamespace"/> meets its workloads: the quota is compared, at synth, with what the workloads admitted
/// to its <see cref="NamespaceBudget"/> need together, and with the GPU pool's nodes and the namespace of each claim.
/// </summary>
public sealed class NamespaceBudgetTests
{
    private static readonly ContainerResources OneCpu = new() { CpuRequest = "1", MemoryRequest = "1Gi", CpuLimit = "1", MemoryLimit = "1Gi" };

    private static string Overrun(string key, string needed, string breakdown, string member, string allowed) =>
        $"with it, the workloads of namespace ml-models need {key} {needed} ({breakdown}), above the quota Quota.{member} ({allowed}): "
        + "Kubernetes refuses every pod that does not fit (exceeded quota), so the workload never runs or a rollout never finishes";

    private static (TerraformStack Stack, MlNamespace Namespace) NamespaceWith(NamespaceQuota quota)
    {
        var stack = SynthHarness.BareStack();
        return (stack, new MlNamespace(stack, "Namespace", Namespace with { Quota = quota }));
    }

    private static NamespaceQuota Quota(string cpu = "64", string limitsCpu = "128", int gpus = 8, int pods = 100) =>
        new() { RequestsCpu = cpu, RequestsMemory = "256Gi", LimitsCpu = limitsCpu, LimitsMemory = "512Gi", Gpus = gpus, Pods = pods };

    [Test]
    public void A_namespace_gpu_quota_of_1_refuses_a_job_asking_for_2()
    {
        var (stack, ns) = NamespaceWith(Quota(gpus: 1));
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Retrain", Retrain with
        {
            Namespace = ns.Name,
            Budget = ns.Budget,
            Gpu = new GpuRequest { Count = 2, Pool = GpuPool },
        }))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Retrain"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Gpu.Count was 2: {Overrun("requests.nvidia.com/gpu", "2", "BatchJob churn-retrain: 1 pod (one run at a time) × 2", "Gpus", "1")}.",
        }));
    }

    [Test]
    public void A_cpu_request_quota_of_2_refuses_3_serving_pods_of_1_cpu()
    {
        var (stack, ns) = NamespaceWith(Quota(cpu: "2"));
        var error = Assert.Throws<ConstructInputException>(() => _ = new ModelServingDeployment(stack, "Serving", Serving with
        {
            Namespace = ns.Name,
            Budget = ns.Budget,
            Resources = OneCpu,
            Autoscaling = new PodAutoscaling { MinReplicas = 2, MaxReplicas = 4 },
        }))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Serving"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Resources.CpuRequest was \"1\": "
            + Overrun("requests.cpu", "3", "ModelServingDeployment churn: 3 pods (Autoscaling.MinReplicas 2 + 1 rollout surge pod) × 1", "RequestsCpu", "2") + ".",
        }));
    }

    [Test]
    public void Requests_at_the_quota_fit_and_one_millicore_more_is_refused_naming_every_workload()
    {
        var (stack, ns) = NamespaceWith(Quota(cpu: "4"));
        _ = new ModelServingDeployment(stack, "Serving", Serving with { Namespace = ns.Name, Budget = ns.Budget, Resources = OneCpu });
        Assert.DoesNotThrow(() => _ = new BatchJob(stack, "Fits", Retrain with { Name = "fits", Namespace = ns.Name, Budget = ns.Budget, Resources = OneCpu }),
            "3 serving pods × 1 + 1 job × 1 = 4 = the quota");
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Over", Retrain with
        {
            Name = "over",
            Namespace = ns.Name,
            Budget = ns.Budget,
            Resources = OneCpu with { CpuRequest = "1m" },
        }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Resources.CpuRequest was \"1m\": " + Overrun("requests.cpu", "4001m",
                "ModelServingDeployment churn: 3 pods (Autoscaling.MinReplicas 2 + 1 rollout surge pod) × 1; BatchJob fits: 1 pod (one run at a time) × 1; BatchJob over: 1 pod (one run at a time) × 1m",
                "RequestsCpu", "4") + ".",
        }));
    }

    [Test]
    public void A_limits_cpu_quota_below_a_jobs_limit_is_refused()
    {
        var (stack, ns) = NamespaceWith(Quota(cpu: "2", limitsCpu: "2"));
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Retrain", Retrain with
        {
            Namespace = ns.Name,
            Budget = ns.Budget,
            Resources = Small with { CpuRequest = "1", CpuLimit = "3" },
        }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Resources.CpuLimit was \"3\": " + Overrun("limits.cpu", "3", "BatchJob churn-retrain: 1 pod (one run at a time) × 3", "LimitsCpu", "2") + ".",
        }));
    }

    [Test]
    public void A_pods_quota_used_up_by_servings_minimum_replicas_and_surge_pod_is_refused()
    {
        var (stack, ns) = NamespaceWith(Quota(pods: 3));
        var error = Assert.Throws<ConstructInputException>(() => _ = new ModelServingDeployment(stack, "Serving", Serving with
        {
            Namespace = ns.Name,
            Budget = ns.Budget,
            Autoscaling = new PodAutoscaling { MinReplicas = 3, MaxReplicas = 6 },
        }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Autoscaling.MinReplicas was 3: " + Overrun("pods", "4", "ModelServingDeployment churn: 4 pods (Autoscaling.MinReplicas 3 + 1 rollout surge pod)", "Pods", "3") + ".",
        }));
        Assert.That(ns.Budget.Admitted, Is.Empty, "a refused workload is not admitted");
    }

    /// <summary>Property-style: quota and request pairs around the boundary, for serving replicas plus one job.</summary>
    [Test]
    public void Generated_quota_and_request_pairs_are_refused_exactly_when_the_sum_exceeds_the_quota()
    {
        var wrong = new List<string>();
        foreach (var quotaMilli in new[] { 1000, 1999, 2000, 2001, 3500, 4000, 8000 })
        {
            foreach (var replicas in new[] { 2, 3, 5 })
            {
                foreach (var requestMilli in new[] { 100, 250, 499, 500, 501, 1000 })
                {
                    var jobMilli = 250;
                    var needed = ((replicas + 1) * requestMilli) + jobMilli;
                    var quota = Quota(cpu: $"{quotaMilli}m", limitsCpu: "1000");
                    var demands = new[]
                    {
                        new WorkloadDemand("serving", replicas + 1, OneCpu with { CpuRequest = $"{requestMilli}m", CpuLimit = "2" }),
                        new WorkloadDemand("job", 1, OneCpu with { CpuRequest = $"{jobMilli}m" }),
                    };
                    var overruns = NamespaceBudget.Overruns(quota, demands);
                    if ((needed > quotaMilli) != overruns.Any(o => o.QuotaKey == "requests.cpu") || overruns.Any(o => o.QuotaKey != "requests.cpu"))
                    {
                        wrong.Add($"quota {quotaMilli}m, {replicas}+1 × {requestMilli}m + {jobMilli}m = {needed}m: {string.Join(", ", overruns.Select(o => o.QuotaKey))}");
                    }
                }
            }
        }

        foreach (var (gpus, perPod) in from q in Enumerable.Range(0, 5) from p in Enumerable.Range(1, 4) select (q, p))
        {
            var refused = NamespaceBudget.Overruns(Quota(gpus: gpus), [new WorkloadDemand("job", 1, OneCpu, perPod)]).Any(o => o.QuotaMember == "Gpus");
            if (refused != perPod > gpus)
            {
                wrong.Add($"GPU quota {gpus}, job {perPod}: refused {refused}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Memory_quotas_compare_binary_and_decimal_units()
    {
        var quota = Quota() with { RequestsMemory = "4Gi", LimitsMemory = "4Gi" };
        Assert.That(NamespaceBudget.Overruns(quota, [new WorkloadDemand("job", 4, OneCpu with { MemoryRequest = "1Gi", MemoryLimit = "1Gi" })]), Is.Empty);
        var over = NamespaceBudget.Overruns(quota, [new WorkloadDemand("job", 4, OneCpu with { MemoryRequest = "1G", MemoryLimit = "1074Mi" })]);
        Assert.That(over.Select(o => (o.QuotaKey, o.Needed)), Is.EqualTo(new[] { ("limits.memory", "4296Mi") }), "4 × 1G = 3.73Gi fits, 4 × 1074Mi does not");
    }

    [Test]
    public void A_limit_range_default_above_the_quota_is_refused()
    {
        var error = Reject<MlNamespace>(stack => _ = new MlNamespace(stack, "Namespace", Namespace with
        {
            Quota = Namespace.Quota with { RequestsCpu = "500m", LimitsCpu = "2" },
            ContainerDefaults = new ContainerResources { CpuRequest = "500m", MemoryRequest = "256Mi", CpuLimit = "3", MemoryLimit = "1Gi" },
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "ContainerDefaults.CpuLimit was \"3\": must be at most Quota.LimitsCpu (2): the LimitRange gives it to every container without a spec, and a pod asking for more than the whole namespace's quota is refused.",
        }));
        Assert.DoesNotThrow(() => _ = new MlNamespace(SynthHarness.BareStack(), "Namespace", Namespace with
        {
            Quota = Namespace.Quota with { RequestsCpu = "1", LimitsCpu = "1" },
        }), "the default limit of 1 CPU equal to the quota is the largest valid value");
    }

    [Test]
    public void A_pod_asking_for_more_gpus_than_a_node_of_the_pool_has_is_refused()
    {
        var stack = SynthHarness.BareStack();
        var pool = new GpuNodePool(stack, "Pool", T4Pool with { GpuCount = 1 });
        Assert.That(pool.Selector.GpusPerNode, Is.EqualTo(1));
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Retrain", Retrain with { Gpu = new GpuRequest { Count = 2, Pool = pool.Selector } }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Gpu.Count was 2: must be at most the GPU pool's 1 GPU per node (Gpu.Pool.GpusPerNode): a pod runs on one node, so a pod asking for more stays Pending for ever.",
        }));
    }

    [Test]
    public void Generated_gpu_counts_against_gpus_per_node()
    {
        var wrong = new List<string>();
        for (var perNode = 1; perNode <= 8; perNode *= 2)
        {
            for (var count = 1; count <= 9; count++)
            {
                var pool = GpuPool with { GpusPerNode = perNode };
                var refused = false;
                try
                {
                    _ = new BatchJob(SynthHarness.BareStack(), "Job", Retrain with { Gpu = new GpuRequest { Count = count, Pool = pool } });
                }
                catch (ConstructInputException)
                {
                    refused = true;
                }

                if (refused != count > perNode)
                {
                    wrong.Add($"{count} GPUs on {perNode} per node: refused {refused}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void A_workload_mounting_a_claim_of_another_namespace_is_refused()
    {
        var stack = SynthHarness.BareStack();
        var preparation = new WorkspacePreparation(stack, "Preparation", Preparation);
        var volume = new NfsWorkspaceVolume(stack, "Models", ModelsVolume(preparation) with { Namespace = "ml-research" });
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Retrain", Retrain with { Mounts = [volume.Mount("/workspace/models")] }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Mounts[0].Namespace was \"ml-research\": is not the workload's namespace (ml-models): a pod can mount only claims of its own namespace, so it would never start; declare a volume and claim in ml-models.",
        }));
    }

    [Test]
    public void Claims_and_workloads_given_the_namespaces_reference_are_recognised_as_one_namespace()
    {
        var stack = SynthHarness.BareStack();
        var ns = new MlNamespace(stack, "Namespace", Namespace);
        var preparation = new WorkspacePreparation(stack, "Preparation", Preparation);
        var inNamespace = new NfsWorkspaceVolume(stack, "Models", ModelsVolume(preparation) with { Namespace = ns.Name });
        var literal = new NfsWorkspaceVolume(stack, "Other", ModelsVolume(preparation) with { Name = "other-models", Namespace = "ml-research" });

        Assert.DoesNotThrow(() => _ = new BatchJob(stack, "Retrain", Retrain with { Namespace = ns.Name, Budget = ns.Budget, Mounts = [inNamespace.Mount("/workspace/models")] }));
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "OtherJob", Retrain with
        {
            Name = "other",
            Namespace = ns.Name,
            Budget = ns.Budget,
            Mounts = [literal.Mount("/workspace/models")],
        }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Mounts[0].Namespace was \"ml-research\": is not the workload's namespace (ml-models): a pod can mount only claims of its own namespace, so it would never start; declare a volume and claim in ml-models.",
        }));
    }

    [Test]
    public void A_budget_of_another_namespace_is_refused()
    {
        var stack = SynthHarness.BareStack();
        var research = new MlNamespace(stack, "Research", Namespace with { Name = "ml-research" });
        var error = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Retrain", Retrain with { Budget = research.Budget }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Budget was \"the budget of namespace ml-research\": must be the budget of the workload's Namespace (ml-models): pass that MlNamespace's Budget.",
        }));
    }

    [Test]
    public void Another_reference_to_the_budgets_namespace_is_not_refused()
    {
        var stack = SynthHarness.BareStack();
        var ns = new MlNamespace(stack, "Namespace", Namespace);
        Assert.DoesNotThrow(() => _ = new BatchJob(stack, "Retrain", Retrain with { Namespace = ns.Namespace.Metadata.Name, Budget = ns.Budget }),
            "a fresh reference to the namespace's name cannot be told apart from another namespace's: not refused");
    }
}
