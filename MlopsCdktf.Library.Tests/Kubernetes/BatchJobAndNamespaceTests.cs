using MlopsCdktf.Core;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>The defaults and validation of <see cref="BatchJob"/> and <see cref="MlNamespace"/>.</summary>
public sealed class BatchJobAndNamespaceTests
{
    [Test]
    public void Cron_job_never_overlaps_has_a_deadline_and_bounded_history_and_runs_hardened()
    {
        var spec = SynthHarness.Kubernetes(stack => _ = new BatchJob(stack, "Retrain", Retrain with { Gpu = new GpuRequest { Pool = GpuPool } }))
            .Single("kubernetes_cron_job_v1")["spec"]!;
        Assert.That(spec["schedule"]!.GetValue<string>(), Is.EqualTo("0 2 * * 1"));
        Assert.That(spec["concurrency_policy"]!.GetValue<string>(), Is.EqualTo("Forbid"));
        Assert.That(spec["timezone"]!.GetValue<string>(), Is.EqualTo("Etc/UTC"));
        Assert.That(spec["successful_jobs_history_limit"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(spec["failed_jobs_history_limit"]!.GetValue<int>(), Is.EqualTo(3));
        var job = spec["job_template"]!["spec"]!;
        Assert.That(job["active_deadline_seconds"]!.GetValue<int>(), Is.EqualTo(21600));
        Assert.That(job["backoff_limit"]!.GetValue<int>(), Is.EqualTo(2));
        var pod = job["template"]!["spec"]!;
        Assert.That(pod["restart_policy"]!.GetValue<string>(), Is.EqualTo("Never"));
        var security = pod["container"]![0]!["security_context"]!;
        Assert.That(security["read_only_root_filesystem"]!.GetValue<bool>(), Is.True);
        Assert.That(security["allow_privilege_escalation"]!.GetValue<bool>(), Is.False);
        Assert.That(security["capabilities"]!["drop"]![0]!.GetValue<string>(), Is.EqualTo("ALL"));
        Assert.That(pod["security_context"]!["run_as_non_root"]!.GetValue<bool>(), Is.True);
        Assert.That(pod["container"]![0]!["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo("1"));
        Assert.That(pod["toleration"]![0]!["key"]!.GetValue<string>(), Is.EqualTo("nvidia.com/gpu"));
    }

    [TestCase("0 2 * * 1")]
    [TestCase("*/15 0-6 1,15 JAN-MAR mon-fri")]
    [TestCase("@weekly")]
    public void Valid_schedules_pass(string schedule) => Assert.That(CronSchedule.Problem(schedule), Is.Null);

    [TestCase("0 2 * *", "has 4 field(s), not 5 (minute hour day-of-month month day-of-week)")]
    [TestCase("0 24 * * 1", "has an invalid hour field \"24\" (allowed: *, 0-23, ranges a-b, steps /n, lists a,b)")]
    [TestCase("0 2 * 13 1", "has an invalid month field \"13\" (allowed: *, 1-12 or JAN-DEC, ranges a-b, steps /n, lists a,b)")]
    [TestCase("0 2 * * 5-1", "has an invalid day of week field \"5-1\" (allowed: *, 0-6 or SUN-SAT, ranges a-b, steps /n, lists a,b)")]
    [TestCase("@fortnightly", "is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>")]
    public void Malformed_schedules_are_rejected_with_what_is_wrong(string schedule, string problem)
    {
        var error = Reject<BatchJob>(stack => _ = new BatchJob(stack, "Retrain", Retrain with { Schedule = schedule }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Schedule was \"{schedule}\": must be a cron schedule that fires (five fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * 1\"; @hourly, @daily and friends; or @every 1h); it {problem}.",
        }));
    }

    [Test]
    public void Batch_job_rejects_a_gpu_without_a_pool_requests_above_limits_and_a_long_name()
    {
        var error = Reject<BatchJob>(stack => _ = new BatchJob(stack, "Retrain", Retrain with
        {
            Name = new string('r', 53),
            Resources = Small with { MemoryRequest = "3Gi" },
            Gpu = new GpuRequest(),
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Resources.MemoryRequest was \"3Gi\": must not exceed MemoryLimit (2Gi): Kubernetes rejects a request above its limit.",
            "Gpu.Pool was null: a GPU was requested but no GPU pool to tolerate was given, so the pod would never be scheduled (GPU nodes are tainted); pass the GPU pool's Selector.",
            $"Name was \"{new string('r', 53)}\": must be at most 52 characters: Kubernetes appends an 11-character suffix to each job's name.",
        }));
    }

    [Test]
    public void Namespace_is_classified_restricted_by_pod_security_and_bounded_by_quota_and_limit_range()
    {
        var json = SynthHarness.Kubernetes(stack => _ = new MlNamespace(stack, "Namespace", Namespace));
        var labels = json.Single("kubernetes_namespace_v1")["metadata"]!["labels"]!;
        Assert.That(labels["data_classification"]!.GetValue<string>(), Is.EqualTo("confidential"));
        Assert.That(labels["pod-security.kubernetes.io/enforce"]!.GetValue<string>(), Is.EqualTo("restricted"));
        var hard = json.Single("kubernetes_resource_quota_v1")["spec"]!["hard"]!;
        Assert.That(hard["requests.cpu"]!.GetValue<string>(), Is.EqualTo("8"));
        Assert.That(hard["limits.memory"]!.GetValue<string>(), Is.EqualTo("64Gi"));
        Assert.That(hard["requests.nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo("2"));
        Assert.That(hard["pods"]!.GetValue<string>(), Is.EqualTo("50"));
        var limit = json.Single("kubernetes_limit_range_v1")["spec"]!["limit"]![0]!;
        Assert.That(limit["type"]!.GetValue<string>(), Is.EqualTo("Container"));
        Assert.That(limit["default_request"]!["cpu"]!.GetValue<string>(), Is.EqualTo("100m"));
        Assert.That(limit["default"]!["memory"]!.GetValue<string>(), Is.EqualTo("1Gi"));
    }

    [Test]
    public void Namespace_rejects_default_bad_label_values_and_a_quota_with_requests_above_limits()
    {
        var error = Reject<MlNamespace>(stack => _ = new MlNamespace(stack, "Namespace", Namespace with
        {
            Name = "default",
            Labels = new Dictionary<string, string> { ["team"] = "ML Platform" },
            Quota = Namespace.Quota with { RequestsCpu = "32" },
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Name was \"default\": {KubernetesNames.SystemNamespaceAllowed}.",
            $"Labels[\"team\"] was \"ML Platform\": {KubernetesNames.LabelValueAllowed}.",
            "Quota.RequestsCpu was \"32\": must not exceed LimitsCpu (16): Kubernetes rejects a request above its limit.",
        }));
    }
}
