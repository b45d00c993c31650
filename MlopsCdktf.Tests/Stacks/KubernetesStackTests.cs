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
        Assert.That(manifest[MlopsStack.StackName(KubernetesStack.Cloud, env)]!["dependencies"]!.AsArray().Select(d => d!.GetValue<string>()),
            Is.EqualTo(new[] { GcpName(env) }));
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
    public void Workspace_volume_mounts_the_gcp_stacks_filestore_in_the_classified_namespace(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var ns = json.Single("kubernetes_namespace_v1")["metadata"]!;
        Assert.That(ns["name"]!.GetValue<string>(), Is.EqualTo(KubernetesStack.WorkloadNamespace));
        Assert.That(ns["labels"]!["data_classification"]!.GetValue<string>(), Is.EqualTo("confidential"));

        var pv = json.Single("kubernetes_persistent_volume_v1")["spec"]![0]!;
        Assert.That(pv["persistent_volume_source"]!["nfs"]!["server"]!.GetValue<string>(), Does.Contain(RemoteOutputs(env)[2..] + "google_filestore_instance"));
        Assert.That(pv["capacity"]!["storage"]!.GetValue<string>(), Is.EqualTo($"{env.Training.WorkspaceCapacityGb}Gi"));
        var claim = json.Single("kubernetes_persistent_volume_claim_v1")["metadata"]!;
        Assert.That(claim["namespace"]!.GetValue<string>(), Is.EqualTo(json.Reference("kubernetes_namespace_v1", json.Single("kubernetes_namespace_v1"), "metadata[0].name")));
    }

    [TestCaseSource(nameof(Environments))]
    public void Quota_and_serving_are_sized_from_the_environment(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var workloads = env.ClusterWorkloads;
        var hard = json.Single("kubernetes_resource_quota_v1")["spec"]!["hard"]!;
        Assert.That(hard["requests.cpu"]!.GetValue<string>(), Is.EqualTo(workloads.Quota.RequestsCpu));
        Assert.That(hard["limits.memory"]!.GetValue<string>(), Is.EqualTo(workloads.Quota.LimitsMemory));
        Assert.That(hard["requests.nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo(workloads.Quota.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var hpa = json.Single("kubernetes_horizontal_pod_autoscaler_v2")["spec"]!;
        Assert.That(hpa["min_replicas"]!.GetValue<int>(), Is.EqualTo(workloads.ServingAutoscaling.MinReplicas));
        Assert.That(hpa["max_replicas"]!.GetValue<int>(), Is.EqualTo(workloads.ServingAutoscaling.MaxReplicas));
        var container = json.Single("kubernetes_deployment_v1")["spec"]!["template"]!["spec"]!["container"]![0]!;
        Assert.That(container["image"]!.GetValue<string>(), Is.EqualTo(workloads.ServingImage));
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
            Is.EqualTo(env.Training.GpusPerNode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(pod["container"]![0]!["volume_mount"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "workspace")!["read_only"]!.GetValue<bool>(), Is.False);

        var batch = json.ByPath("kubernetes_cron_job_v1", "BatchInference/CronJob")["spec"]!;
        Assert.That(batch["schedule"]!.GetValue<string>(), Is.EqualTo(env.ClusterWorkloads.BatchInferenceSchedule));
        Assert.That(batch["job_template"]!["spec"]!["template"]!["spec"]!["toleration"], Is.Null, "batch inference runs on CPU nodes");
    }
}
