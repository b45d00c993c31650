using System.Text.Json.Nodes;
using MlopsCdktf.Core;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>The defaults and validation of <see cref="TrainingJob"/>: one hardened run, queued through Kueue when asked,
/// that Terraform creates without waiting and that a second apply leaves alone.</summary>
public sealed class TrainingJobTests
{
    /// <summary>A run with a GPU, a prepared checkpoint mount, a Workload Identity and a Kueue queue, declared in
    /// <paramref name="stack"/> (which needs a Google and a Kubernetes provider).</summary>
    public static TrainingJob DeclareFullRun(HashiCorp.Cdktf.TerraformStack stack)
    {
        var preparation = new WorkspacePreparation(stack, "Preparation", Preparation);
        var checkpoints = new NfsWorkspaceVolume(stack, "Checkpoints", ModelsVolume(preparation) with { Name = "training-workspace-checkpoints", Directory = "checkpoints" });
        var trainer = new WorkloadIdentityAccount(stack, "Trainer", new WorkloadIdentityAccountProps
        {
            Name = "churn-trainer", Namespace = "ml-models", ProjectId = "acme-ml-test", ReadBuckets = ["acme-ml-datasets"], WriteBuckets = ["acme-ml-registry"],
        });
        return new TrainingJob(stack, "Run", TrainingRun with
        {
            Command = ["python", "-m", "train"],
            Args = ["--epochs", "20"],
            Gpu = new GpuRequest { Count = 1, Pool = GpuPool },
            Mounts = [checkpoints.Mount("/workspace/checkpoints")],
            Identity = trainer,
            QueueName = "gpu-training",
            Environment = new Dictionary<string, string> { ["MODEL_VERSION"] = "1.4.0", ["CHECKPOINT_DIR"] = "/workspace/checkpoints" },
            RunLabels = new Dictionary<string, string> { ["mlops.io/run"] = "run-42", ["mlops.io/model-version"] = "1.4.0", ["mlops.io/infra-version"] = "2025.11.0" },
        });
    }

    private static TerraformJson SynthFull() => SynthHarness.Kubernetes(stack =>
    {
        new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProvider(stack, "google", new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProviderConfig { Project = "acme-ml-test" });
        DeclareFullRun(stack);
    });

    private static JsonObject SynthJob(TrainingJobProps props) =>
        SynthHarness.Kubernetes(stack => _ = new TrainingJob(stack, "Run", props)).Single("kubernetes_job_v1");

    [Test]
    public void A_run_is_one_job_terraform_does_not_wait_for_with_a_deadline_a_small_retry_limit_and_no_ttl()
    {
        var job = SynthJob(TrainingRun);
        Assert.That(job["wait_for_completion"]!.GetValue<bool>(), Is.False);
        Assert.That(job["timeouts"]!["delete"]!.GetValue<string>(), Is.EqualTo("10m"));
        var spec = job["spec"]!;
        Assert.That(spec["active_deadline_seconds"]!.GetValue<int>(), Is.EqualTo(86400));
        Assert.That(spec["backoff_limit"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(spec["ttl_seconds_after_finished"], Is.Null, "the provider would re-create a Job the cluster deleted");
        Assert.That(job["lifecycle"], Is.Null, "no Kueue queue: nothing else writes the Job");
        Assert.That(job["metadata"]!["labels"]!.AsObject().ContainsKey("kueue.x-k8s.io/queue-name"), Is.False);
    }

    [Test]
    public void The_pod_runs_with_the_batch_job_security_defaults()
    {
        var pod = SynthJob(TrainingRun)["spec"]!["template"]!["spec"]!;
        var batch = SynthHarness.Kubernetes(stack => _ = new BatchJob(stack, "Retrain", Retrain))
            .Single("kubernetes_cron_job_v1")["spec"]!["job_template"]!["spec"]!["template"]!["spec"]!;
        foreach (var field in new[] { "restart_policy", "automount_service_account_token", "security_context", "volume" })
        {
            Assert.That(pod[field]!.ToJsonString(), Is.EqualTo(batch[field]!.ToJsonString()), field);
        }

        foreach (var field in new[] { "security_context", "volume_mount", "resources", "image_pull_policy" })
        {
            Assert.That(pod["container"]![0]![field]!.ToJsonString(), Is.EqualTo(batch["container"]![0]![field]!.ToJsonString()), "container " + field);
        }

        Assert.That(pod["enable_service_links"]!.GetValue<bool>(), Is.False);
        Assert.That(pod["container"]![0]!["security_context"]!["read_only_root_filesystem"]!.GetValue<bool>(), Is.True);
        Assert.That(pod["security_context"]!["run_as_user"]!.GetValue<string>(), Is.EqualTo("1000"));
    }

    [Test]
    public void A_queued_gpu_run_gets_its_queue_labels_gpu_placement_mounts_identity_and_ignores_what_kueue_writes()
    {
        var json = SynthFull();
        var run = json.Resources("kubernetes_job_v1").Values.Single(j => j["metadata"]!["name"]!.GetValue<string>() == "churn-train-run-42");
        var labels = run["metadata"]!["labels"]!;
        Assert.That(labels["kueue.x-k8s.io/queue-name"]!.GetValue<string>(), Is.EqualTo("gpu-training"));
        Assert.That(labels["mlops.io/model-version"]!.GetValue<string>(), Is.EqualTo("1.4.0"));
        var template = run["spec"]!["template"]!;
        Assert.That(template["metadata"]!["labels"]!["mlops.io/run"]!.GetValue<string>(), Is.EqualTo("run-42"));
        Assert.That(template["metadata"]!["labels"]!.AsObject().ContainsKey("kueue.x-k8s.io/queue-name"), Is.False, "Kueue reads the queue from the Job");
        Assert.That(template["metadata"]!["labels"]!["app.kubernetes.io/name"]!.GetValue<string>(), Is.EqualTo("churn-train-run-42"));

        var pod = template["spec"]!;
        Assert.That(pod["service_account_name"]!.GetValue<string>(), Does.Contain("kubernetes_service_account_v1"));
        Assert.That(pod["toleration"]![0]!["key"]!.GetValue<string>(), Is.EqualTo("nvidia.com/gpu"));
        var expression = pod["affinity"]!["node_affinity"]!["required_during_scheduling_ignored_during_execution"]!["node_selector_term"]![0]!["match_expressions"]![0]!;
        Assert.That(expression["key"]!.GetValue<string>(), Is.EqualTo("mlops.io/pool-role"));
        var container = pod["container"]![0]!;
        Assert.That(container["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo("1"));
        Assert.That(container["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "MODEL_VERSION", "CHECKPOINT_DIR" }));
        Assert.That(container["volume_mount"]!.AsArray().Select(m => m!["mount_path"]!.GetValue<string>()), Is.EqualTo(new[] { "/tmp", "/workspace/checkpoints" }));

        Assert.That(run["lifecycle"]!["ignore_changes"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[]
        {
            "spec[0].template[0].metadata[0].annotations", "spec[0].template[0].spec[0].node_selector", "spec[0].template[0].spec[0].toleration",
        }));
        var dependsOn = run["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.That(dependsOn, Has.Some.StartWith("kubernetes_job_v1."), "waits for the workspace preparation");
        Assert.That(dependsOn, Has.Some.StartWith("kubernetes_service_account_v1."), "waits for its identity");
        Assert.That(dependsOn, Has.Some.StartWith("google_service_account_iam_member."), "waits for the Workload Identity binding");
    }

    [Test]
    public void The_run_exposes_what_the_caller_waits_on()
    {
        var run = new TrainingJob(SynthHarness.BareStack(), "Run", TrainingRun with { QueueName = "gpu-training" });
        Assert.That(run.Namespace, Is.EqualTo("ml-models"));
        Assert.That(run.QueueName, Is.EqualTo("gpu-training"));
        Assert.That(run.PodSelector, Is.EqualTo(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "churn-train-run-42" }));
    }

    [Test]
    public void Bad_environment_names_run_labels_queue_deadline_and_retries_are_rejected_together()
    {
        var error = Reject<TrainingJob>(stack => _ = new TrainingJob(stack, "Run", TrainingRun with
        {
            Environment = new Dictionary<string, string> { ["model-version"] = "1", ["1ST"] = "x" },
            RunLabels = new Dictionary<string, string> { ["mlops.io/run"] = "run 42", ["app.kubernetes.io/name"] = "other", ["kueue.x-k8s.io/queue-name"] = "q" },
            QueueName = "GPU_Queue",
            ActiveDeadlineSeconds = 30,
            BackoffLimit = 11,
        }));
        Assert.That(error.ConstructPath, Is.EqualTo("test/Run"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Environment key was \"model-version\": {KubernetesNames.EnvVarNameAllowed}.",
            $"Environment key was \"1ST\": {KubernetesNames.EnvVarNameAllowed}.",
            $"RunLabels[\"mlops.io/run\"] was \"run 42\": {KubernetesNames.LabelValueAllowed}.",
            "RunLabels key was \"app.kubernetes.io/name\": is set by the construct (it selects the run's pods); reserved keys: app.kubernetes.io/name, app.kubernetes.io/component, app.kubernetes.io/managed-by, kueue.x-k8s.io/queue-name.",
            "RunLabels key was \"kueue.x-k8s.io/queue-name\": is set by QueueName: give the Kueue LocalQueue there.",
            $"QueueName was \"GPU_Queue\": {KubernetesNames.Dns1123LabelAllowed}.",
            "ActiveDeadlineSeconds was 30: must be between 60 and 604800 seconds.",
            "BackoffLimit was 11: must be between 0 and 10.",
        }));
    }

    [Test]
    public void The_shared_pod_rules_apply_a_gpu_without_a_pool_a_mount_on_tmp_and_a_default_namespace()
    {
        var error = Reject<TrainingJob>(stack => _ = new TrainingJob(stack, "Run", TrainingRun with
        {
            Namespace = "default",
            Gpu = new GpuRequest { Count = 2 },
            Mounts = [new ClaimMount { ClaimName = "scratch", MountPath = "/tmp/" }],
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Namespace was \"default\": {KubernetesNames.SystemNamespaceAllowed}.",
            "Gpu.Pool was null: a GPU was requested but no GPU pool to tolerate was given, so the pod would never be scheduled (GPU nodes are tainted); pass the GPU pool's Selector.",
            "Mounts[0].MountPath was \"/tmp/\": is where the workload already mounts its writable /tmp (an emptyDir: the root filesystem is read-only): two volumes cannot be mounted at one path (Kubernetes refuses the pod); choose another path.",
        }));
    }

    [Test]
    public void An_identity_of_another_namespace_is_rejected()
    {
        var error = Reject<TrainingJob>(stack =>
        {
            var other = new WorkloadIdentityAccount(stack, "Trainer", new WorkloadIdentityAccountProps { Name = "trainer", Namespace = "ml-research", ProjectId = "acme-ml-test" });
            _ = new TrainingJob(stack, "Run", TrainingRun with { Identity = other });
        });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Identity.Namespace was \"ml-research\": must be the workload's Namespace (ml-models): a pod can run only as a service account of its own namespace.",
        }));
    }

    /// <summary>Property: any set of valid run labels lands on both the Job and its pod, next to the selector label, and any
    /// valid environment keeps its order.</summary>
    [Test]
    public void Valid_run_labels_and_environment_always_reach_job_and_pod()
    {
        var random = new Random(42);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        string Word(int length) => new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        for (var i = 0; i < 5; i++)
        {
            var labels = Enumerable.Range(0, random.Next(1, 4)).ToDictionary(n => $"mlops.io/k{n}-{Word(4)}", _ => Word(random.Next(1, 20)));
            var env = Enumerable.Range(0, random.Next(1, 4)).ToDictionary(n => $"V{n}_{Word(3).ToUpperInvariant()}", _ => Word(8));
            var job = SynthJob(TrainingRun with { RunLabels = labels, Environment = env });
            foreach (var target in new[] { job["metadata"]!["labels"]!, job["spec"]!["template"]!["metadata"]!["labels"]! })
            {
                foreach (var (key, value) in labels)
                {
                    Assert.That(target[key]!.GetValue<string>(), Is.EqualTo(value), key);
                }

                Assert.That(target["app.kubernetes.io/name"]!.GetValue<string>(), Is.EqualTo("churn-train-run-42"));
            }

            var names = job["spec"]!["template"]!["spec"]!["container"]![0]!["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>());
            Assert.That(names, Is.EqualTo(env.Keys));
        }
    }
}
