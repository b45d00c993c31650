using System.Text.Json.Nodes;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>What every Kubernetes stack must carry, read from the full app's JSON and manifest.</summary>
public sealed class KubernetesStackTests
{
    public static IEnumerable<DeploymentEnvironment> Environments() => Catalog.All;

    private static TerraformJson Synth(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(KubernetesStack.Cloud, env));

    private static string GcpName(DeploymentEnvironment env) => MlopsStack.StackName(GcpTrainingStack.Cloud, env);

    private static string RemoteOutputs(DeploymentEnvironment env) =>
        $"${{data.terraform_remote_state.cross-stack-reference-input-{GcpName(env)}.outputs.cross-stack-output-";

    [TestCaseSource(nameof(Environments))]
    public void Depends_on_the_gcp_stack_and_reads_its_state(DeploymentEnvironment env)
    {
        var manifest = JsonNode.Parse(AppSynth.Manifest)!["stacks"]!;
        // Environments with GKE training runs install Kueue first (mlops-gke-addons-<env>): their queue is declared here.
        var addons = env.TrainingRuns?.Gke is null ? Array.Empty<string>() : [MlopsStack.StackName(GkeAddonsStack.Cloud, env)];
        Assert.That(manifest[MlopsStack.StackName(KubernetesStack.Cloud, env)]!["dependencies"]!.AsArray().Select(d => d!.GetValue<string>()),
            Is.EquivalentTo(addons.Append(GcpName(env))));
        Assert.That(manifest[GcpName(env)]!["dependencies"]!.AsArray(), Is.Empty);

        var remote = Synth(env).DataSources("terraform_remote_state");
        Assert.That(remote.Keys, Is.EquivalentTo(new[] { $"cross-stack-reference-input-{GcpName(env)}" }));
        Assert.That(remote.Values.Single()["config"]!["path"]!.GetValue<string>(), Is.EqualTo(MlopsStack.StatePath(GcpName(env))));
    }

    [TestCaseSource(nameof(Environments))]
    public void Kubernetes_provider_takes_the_dns_endpoint_from_the_gcp_stack_and_the_callers_token(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var k8s = json.Root["provider"]!["kubernetes"]![0]!;
        Assert.That(k8s["host"]!.GetValue<string>(), Does.StartWith("https://" + RemoteOutputs(env) + "google_container_cluster")
            .And.Contain("dns_endpoint_config"));
        Assert.That(k8s["cluster_ca_certificate"], Is.Null, "the DNS endpoint's certificate is publicly trusted; the cluster CA would break TLS");
        Assert.That(k8s["token"]!.GetValue<string>(), Is.EqualTo("${data.google_client_config.client.access_token}"));
        var providers = json.Root["terraform"]!["required_providers"]!;
        Assert.That(providers["kubernetes"]!["source"]!.GetValue<string>(), Is.EqualTo("hashicorp/kubernetes"));
        Assert.That(providers["kubernetes"]!["version"]!.GetValue<string>(), Is.EqualTo("2.38.0"));
        Assert.That(json.Root["terraform"]!["backend"]!["local"]!["path"]!.GetValue<string>(), Is.EqualTo($"../../../terraform.mlops-k8s-{env.Name}.tfstate"));
    }

    [TestCaseSource(nameof(Environments))]
    public void Workspace_volumes_mount_the_gcp_stacks_filestore_in_the_classified_namespace(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var ns = Namespace(json, KubernetesStack.WorkloadNamespace);
        Assert.That(ns["labels"]!["data_classification"]!.GetValue<string>(), Is.EqualTo("confidential"));
        Assert.That(ns["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>(), Is.EqualTo("restricted"));

        foreach (var pv in json.Resources("kubernetes_persistent_volume_v1").Values.Select(v => v["spec"]![0]!))
        {
            Assert.That(pv["persistent_volume_source"]!["nfs"]!["server"]!.GetValue<string>(), Does.Contain(RemoteOutputs(env)[2..] + "google_filestore_instance"));
            Assert.That(pv["capacity"]!["storage"]!.GetValue<string>(), Is.EqualTo($"{env.Training.WorkspaceCapacityGb}Gi"));
        }

        // Workload claims live in ml-models; only the preparation's claim of the share root lives in its admin namespace.
        var claims = json.Resources("kubernetes_persistent_volume_claim_v1").Values.Select(c => c["metadata"]!["namespace"]!.GetValue<string>()).ToList();
        Assert.That(claims.Count(n => n == NamespaceRef(json, KubernetesStack.WorkloadNamespace)), Is.EqualTo(KubernetesStack.WorkspaceDirectories.Count));
        Assert.That(claims.Count(n => n == NamespaceRef(json, "ml-workspace-admin")), Is.EqualTo(1));
    }

    [TestCaseSource(nameof(Environments))]
    public void The_serving_pod_can_start_on_a_fresh_share(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var job = json.Single("kubernetes_job_v1");
        var jobAddress = json.Address("kubernetes_job_v1", "WorkspacePreparation/Job");
        var script = job["spec"]!["template"]!["spec"]!["container"]![0]!["command"]!.AsArray().Select(c => c!.GetValue<string>()).Last();
        var prepared = System.Text.RegularExpressions.Regex.Match(script, "for d in ([^;]*); do").Groups[1].Value.Split(' ');
        Assert.That(prepared, Is.EquivalentTo(KubernetesStack.WorkspaceDirectories));
        Assert.That(script, Does.Contain("mkdir -p -- \"$d\""), "idempotent: an existing directory is no failure");
        Assert.That(job["wait_for_completion"]!.GetValue<bool>(), Is.True);

        // Every workload mounts only volumes whose NFS path is a directory the Job creates, with no subPath, and waits for the Job.
        var volumes = json.Resources("kubernetes_persistent_volume_v1");
        var shareRoot = json.ByPath("kubernetes_persistent_volume_v1", "WorkspacePreparation/AdminVolume/Volume")["spec"]![0]!["persistent_volume_source"]!["nfs"]!["path"]!.GetValue<string>();
        var claims = json.Resources("kubernetes_persistent_volume_claim_v1");
        foreach (var (type, path, pod) in Workloads(json))
        {
            Assert.That(DependsOn(json.ByPath(type, path)), Does.Contain(jobAddress), $"{path} must wait for the preparation");
            var mounts = pod["container"]![0]!["volume_mount"]!.AsArray();
            Assert.That(mounts.Select(m => m!["sub_path"]), Has.All.Null, $"{path}: kubelet would create a missing subPath as root");
            foreach (var volume in pod["volume"]!.AsArray().Where(v => v!["persistent_volume_claim"] is not null))
            {
                var claimRef = volume!["persistent_volume_claim"]!["claim_name"]!.GetValue<string>();
                var claim = claims.Single(c => claimRef == $"${{kubernetes_persistent_volume_claim_v1.{c.Key}.metadata[0].name}}").Value;
                var pvRef = claim["spec"]!["volume_name"]!.GetValue<string>();
                var pv = volumes.Single(v => pvRef == $"${{kubernetes_persistent_volume_v1.{v.Key}.metadata[0].name}}").Value;
                var nfsPath = pv["spec"]![0]!["persistent_volume_source"]!["nfs"]!["path"]!.GetValue<string>();
                var directory = nfsPath[(nfsPath.LastIndexOf('/') + 1)..];
                Assert.That(nfsPath, Is.EqualTo($"{shareRoot}/{directory}"), $"{path}: the volume is a directory at the share's root");
                Assert.That(prepared, Does.Contain(directory), $"{path} mounts {nfsPath}, which the preparation does not create");
                Assert.That(DependsOn(pv), Does.Contain(jobAddress));
            }
        }
    }

    [TestCaseSource(nameof(Environments))]
    public void The_preparation_has_no_squash_access_and_the_workloads_cannot_run_as_root(DeploymentEnvironment env)
    {
        // The GCP stack exports the share to the node range without root squash (kubelet mounts from the node).
        var filestore = AppSynth.Stack(GcpName(env)).Single("google_filestore_instance");
        var rules = filestore["file_shares"]!["nfs_export_options"]!.AsArray();
        var nodes = rules.Single(r => r!["ip_ranges"]!.AsArray().Any(i => i!.GetValue<string>() == env.Gcp.NodesCidr))!;
        Assert.That(nodes["squash_mode"]!.GetValue<string>(), Is.EqualTo("NO_ROOT_SQUASH"));

        var json = Synth(env);
        var prep = json.Single("kubernetes_job_v1")["spec"]!["template"]!["spec"]!;
        Assert.That(prep["security_context"]!["run_as_user"]!.GetValue<string>(), Is.EqualTo("0"));
        var script = prep["container"]![0]!["command"]!.AsArray().Last()!.GetValue<string>();
        Assert.That(Namespace(json, "ml-workspace-admin")["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>(), Is.EqualTo("baseline"));

        // Every ml-models workload runs non-root as the uid:gid the preparation hands the directories to.
        foreach (var (_, path, pod) in Workloads(json))
        {
            var security = pod["security_context"]!;
            Assert.That(security["run_as_non_root"]!.GetValue<bool>(), Is.True, path);
            var owner = $"{security["run_as_user"]!.GetValue<string>()}:{security["run_as_group"]!.GetValue<string>()}";
            Assert.That(script, Does.Contain($"chown {owner} \"$d\""), $"{path} runs as {owner}: the directories must be its own");
            Assert.That(pod["container"]![0]!["security_context"]!["capabilities"]!["add"], Is.Null, path);
        }
    }

    [TestCaseSource(nameof(Environments))]
    public void Every_autoscaler_metric_has_a_source(DeploymentEnvironment env)
    {
        // metrics-server (part of GKE) serves Resource metrics; nothing in the stacks serves custom or external metrics.
        var hpa = Synth(env).Single("kubernetes_horizontal_pod_autoscaler_v2");
        Assert.That(hpa["spec"]!["metric"]!.AsArray().Select(m => m!["type"]!.GetValue<string>()), Has.All.EqualTo("Resource"));
        Assert.That(Synth(env).DataSources("kubernetes_resource"), Is.Empty);
    }

    [TestCaseSource(nameof(Environments))]
    public void Ml_models_denies_all_traffic_except_what_each_workload_needs(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var policies = json.Resources("kubernetes_network_policy_v1").Values
            .Where(p => p["metadata"]!["namespace"]!.GetValue<string>() == NamespaceRef(json, KubernetesStack.WorkloadNamespace))
            .ToDictionary(p => p["metadata"]!["name"]!.GetValue<string>(), p => p["spec"]!);
        var model = env.Release.Name;
        Assert.That(policies.Keys, Is.EquivalentTo(new[] { "default-deny", $"allow-{model}", $"allow-{model}-retrain", $"allow-{model}-batch-inference" }),
            "no allow beyond one per workload");
        var deny = policies["default-deny"];
        Assert.That(deny["pod_selector"]!.AsObject(), Is.Empty);
        Assert.That(deny["policy_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EquivalentTo(new[] { "Ingress", "Egress" }));

        // Each workload's pods are selected by exactly one allow, which admits only the model server's port.
        foreach (var (_, path, pod) in Workloads(json))
        {
            var name = Labels(json, path)["app.kubernetes.io/name"];
            var selecting = policies.Where(p => p.Key != "default-deny" && p.Value["pod_selector"]!["match_labels"]!["app.kubernetes.io/name"]!.GetValue<string>() == name).ToList();
            Assert.That(selecting, Has.Count.EqualTo(1), path);
            var allow = selecting[0].Value;
            Assert.That(allow["egress"]!.AsArray().SelectMany(r => r!["ports"]!.AsArray().Select(p => p!["port"]!.GetValue<string>())).Distinct(),
                Is.EquivalentTo(new[] { "53", "443", "80", "988" }), $"{path}: DNS, Google APIs, the metadata server; no NFS (kubelet mounts from the node)");
            var ingressPorts = allow["ingress"]?.AsArray().SelectMany(r => r!["ports"]!.AsArray().Select(p => p!["port"]!.GetValue<string>())).ToList() ?? [];
            var containerPorts = pod["container"]![0]!["port"]?.AsArray().Select(p => p!["container_port"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList() ?? [];
            Assert.That(ingressPorts, Is.EquivalentTo(containerPorts), $"{path}: only the model server accepts connections, on its container port");
        }

        // The preparation's namespace: default deny and nothing else.
        var admin = json.Resources("kubernetes_network_policy_v1").Values
            .Where(p => p["metadata"]!["namespace"]!.GetValue<string>() == NamespaceRef(json, "ml-workspace-admin")).ToList();
        Assert.That(admin.Select(p => p["metadata"]!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "default-deny" }));
    }

    [TestCaseSource(nameof(Environments))]
    public void Quota_and_serving_are_sized_from_the_environment(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var workloads = env.ClusterWorkloads;
        var hard = json.ByPath("kubernetes_resource_quota_v1", $"{MlopsStack.StackName(KubernetesStack.Cloud, env)}/Namespace/Quota")["spec"]!["hard"]!;
        Assert.That(hard["requests.cpu"]!.GetValue<string>(), Is.EqualTo(workloads.Quota.RequestsCpu));
        Assert.That(hard["limits.memory"]!.GetValue<string>(), Is.EqualTo(workloads.Quota.LimitsMemory));
        Assert.That(hard["requests.nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo(workloads.Quota.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var hpa = json.Single("kubernetes_horizontal_pod_autoscaler_v2")["spec"]!;
        Assert.That(hpa["min_replicas"]!.GetValue<int>(), Is.EqualTo(workloads.ServingAutoscaling.MinReplicas));
        Assert.That(hpa["max_replicas"]!.GetValue<int>(), Is.EqualTo(workloads.ServingAutoscaling.MaxReplicas));
        var container = json.Single("kubernetes_deployment_v1")["spec"]!["template"]!["spec"]!["container"]![0]!;
        Assert.That(container["image"]!.GetValue<string>(), Is.EqualTo(env.GkeServingImage));
        Assert.That(container["resources"]!["limits"]!["memory"]!.GetValue<string>(), Is.EqualTo(workloads.ServingResources.MemoryLimit));

        // The serving identity reads the GCP stack's registry bucket, and only it.
        var read = json.Resources("google_storage_bucket_iam_member").Values.Where(m => m["role"]!.GetValue<string>() == "roles/storage.objectViewer").ToList();
        Assert.That(read.Select(m => m["bucket"]!.GetValue<string>()), Has.All.StartWith(RemoteOutputs(env) + "google_storage_bucket"));
    }

    [TestCaseSource(nameof(Environments))]
    public void The_weekly_retrain_runs_mondays_at_two_on_the_gpu_pool_with_the_workspace_writable(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var retrain = json.ByPath("kubernetes_cron_job_v1", "WeeklyRetrain/CronJob")["spec"]!;
        Assert.That(retrain["schedule"]!.GetValue<string>(), Is.EqualTo("0 2 * * 1"));
        Assert.That(retrain["concurrency_policy"]!.GetValue<string>(), Is.EqualTo("Forbid"));
        var pod = retrain["job_template"]!["spec"]!["template"]!["spec"]!;
        Assert.That(pod["toleration"]![0]!["key"]!.GetValue<string>(), Is.EqualTo("nvidia.com/gpu"));
        Assert.That(pod["container"]![0]!["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>(),
            Is.EqualTo(env.Training.GpuCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var mounts = pod["container"]![0]!["volume_mount"]!.AsArray().ToDictionary(m => m!["mount_path"]!.GetValue<string>(), m => m!["read_only"]?.GetValue<bool>() ?? false);
        Assert.That(mounts, Is.EqualTo(new Dictionary<string, bool>
        {
            ["/tmp"] = false, ["/workspace/datasets"] = true, ["/workspace/checkpoints"] = false, ["/workspace/models"] = false,
        }));

        var batch = json.ByPath("kubernetes_cron_job_v1", "BatchInference/CronJob")["spec"]!;
        Assert.That(batch["schedule"]!.GetValue<string>(), Is.EqualTo(env.ClusterWorkloads.BatchInferenceSchedule));
        Assert.That(batch["job_template"]!["spec"]!["template"]!["spec"]!["toleration"], Is.Null, "batch inference runs on CPU nodes");
    }

    private static JsonNode Namespace(TerraformJson json, string name) =>
        json.Resources("kubernetes_namespace_v1").Values.Single(n => n["metadata"]!["name"]!.GetValue<string>() == name)["metadata"]!;

    private static string NamespaceRef(TerraformJson json, string name) =>
        json.Reference("kubernetes_namespace_v1", json.Resources("kubernetes_namespace_v1").Values.Single(n => n["metadata"]!["name"]!.GetValue<string>() == name), "metadata[0].name");

    /// <summary>The workloads of ml-models: the model server and both CronJobs, with their pod specs.</summary>
    private static IEnumerable<(string Type, string Path, JsonNode Pod)> Workloads(TerraformJson json)
    {
        yield return ("kubernetes_deployment_v1", "ModelServing/Deployment", json.ByPath("kubernetes_deployment_v1", "ModelServing/Deployment")["spec"]!["template"]!["spec"]!);
        foreach (var path in new[] { "WeeklyRetrain/CronJob", "BatchInference/CronJob" })
        {
            yield return ("kubernetes_cron_job_v1", path, json.ByPath("kubernetes_cron_job_v1", path)["spec"]!["job_template"]!["spec"]!["template"]!["spec"]!);
        }
    }

    private static IReadOnlyDictionary<string, string> Labels(TerraformJson json, string path)
    {
        var type = path.StartsWith("ModelServing", StringComparison.Ordinal) ? "kubernetes_deployment_v1" : "kubernetes_cron_job_v1";
        return json.ByPath(type, path)["metadata"]!["labels"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
    }

    private static IReadOnlyList<string> DependsOn(JsonNode resource) =>
        resource["depends_on"]?.AsArray().Select(d => d!.GetValue<string>()).ToList() ?? [];
}
