using System.Text.Json.Nodes;
using MlopsCdktf.Core;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>The secure defaults and validation of <see cref="ModelServingDeployment"/>, read back from the synthesized JSON.</summary>
public sealed class ModelServingDeploymentTests
{
    private static TerraformJson Synth(ModelServingDeploymentProps props) => Synth(_ => props);

    private static TerraformJson Synth(Func<HashiCorp.Cdktf.TerraformStack, ModelServingDeploymentProps> props) => SynthHarness.Kubernetes(stack =>
    {
        new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProvider(stack, "google", new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProviderConfig { Project = "acme-ml-test" });
        _ = new ModelServingDeployment(stack, "Serving", props(stack));
    });

    private static JsonNode PodSpec(TerraformJson json) => json.Single("kubernetes_deployment_v1")["spec"]!["template"]!["spec"]!;

    [Test]
    public void Deployment_rolls_one_pod_at_a_time_and_runs_hardened_non_root_containers()
    {
        var json = Synth(Serving with { Models = new ClaimMount { ClaimName = "training-workspace-models", MountPath = "/models" } });
        var spec = json.Single("kubernetes_deployment_v1")["spec"]!;
        Assert.That(spec["strategy"]!["type"]!.GetValue<string>(), Is.EqualTo("RollingUpdate"));
        Assert.That(spec["strategy"]!["rolling_update"]!["max_surge"]!.GetValue<string>(), Is.EqualTo("1"));
        Assert.That(spec["strategy"]!["rolling_update"]!["max_unavailable"]!.GetValue<string>(), Is.EqualTo("0"));
        Assert.That(json.Single("kubernetes_deployment_v1")["lifecycle"]!["ignore_changes"]![0]!.GetValue<string>(), Is.EqualTo("spec[0].replicas"), "the autoscaler owns replicas");

        var pod = PodSpec(json);
        Assert.That(pod["security_context"]!["run_as_non_root"]!.GetValue<bool>(), Is.True);
        Assert.That(pod["security_context"]!["seccomp_profile"]!["type"]!.GetValue<string>(), Is.EqualTo("RuntimeDefault"));
        Assert.That(pod["automount_service_account_token"]!.GetValue<bool>(), Is.False);
        var container = pod["container"]![0]!;
        var security = container["security_context"]!;
        Assert.That(security["run_as_non_root"]!.GetValue<bool>(), Is.True);
        Assert.That(security["read_only_root_filesystem"]!.GetValue<bool>(), Is.True);
        Assert.That(security["allow_privilege_escalation"]!.GetValue<bool>(), Is.False);
        Assert.That(security["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "ALL" }));
        Assert.That(security["seccomp_profile"]!["type"]!.GetValue<string>(), Is.EqualTo("RuntimeDefault"));
        Assert.That(container["resources"]!["requests"]!["cpu"]!.GetValue<string>(), Is.EqualTo("500m"));
        Assert.That(container["resources"]!["limits"]!["memory"]!.GetValue<string>(), Is.EqualTo("2Gi"));
        Assert.That(container["liveness_probe"]!["http_get"]!["path"]!.GetValue<string>(), Is.EqualTo("/healthz"));
        Assert.That(container["readiness_probe"]!["http_get"]!["path"]!.GetValue<string>(), Is.EqualTo("/ready"));
        Assert.That(container["readiness_probe"]!["http_get"]!["port"]!.GetValue<string>(), Is.EqualTo("8080"));

        var models = container["volume_mount"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "models")!;
        Assert.That(models["read_only"]!.GetValue<bool>(), Is.True);
        Assert.That(models["sub_path"], Is.Null, "kubelet would create a missing subPath as root");
        Assert.That(pod["volume"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "models")!["persistent_volume_claim"]!["read_only"]!.GetValue<bool>(), Is.True);
        Assert.That(pod["toleration"], Is.Null);
        Assert.That(container["resources"]!["limits"]!["nvidia.com/gpu"], Is.Null);
    }

    [Test]
    public void Service_autoscaler_and_disruption_budget_follow_the_props()
    {
        var json = Synth(stack => Serving with
        {
            Autoscaling = new PodAutoscaling
            {
                MinReplicas = 3,
                MaxReplicas = 9,
                PodsMetric = new PodsMetricTarget("qps", "50"),
                MetricsSource = new InstalledMetricsAdapter(stack, "Adapter", new InstalledMetricsAdapterProps { AdapterName = "prometheus-adapter" }),
            },
            MinAvailable = 2,
        });
        var service = json.Single("kubernetes_service_v1")["spec"]!;
        Assert.That(service["type"]!.GetValue<string>(), Is.EqualTo("ClusterIP"));
        Assert.That(service["port"]![0]!["target_port"]!.GetValue<string>(), Is.EqualTo("http"));

        var hpa = json.Single("kubernetes_horizontal_pod_autoscaler_v2")["spec"]!;
        Assert.That(hpa["scale_target_ref"]!["name"]!.GetValue<string>(), Is.EqualTo(json.Reference("kubernetes_deployment_v1", json.Single("kubernetes_deployment_v1"), "metadata[0].name")));
        var metrics = hpa["metric"]!.AsArray();
        Assert.That(metrics[0]!["resource"]!["name"]!.GetValue<string>(), Is.EqualTo("cpu"));
        Assert.That(metrics[0]!["resource"]!["target"]!["average_utilization"]!.GetValue<int>(), Is.EqualTo(70));
        Assert.That(metrics[1]!["pods"]!["metric"]!["name"]!.GetValue<string>(), Is.EqualTo("qps"));
        Assert.That(metrics[1]!["pods"]!["target"]!["average_value"]!.GetValue<string>(), Is.EqualTo("50"));
        Assert.That(json.Single("kubernetes_horizontal_pod_autoscaler_v2")["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()),
            Is.EqualTo(new[] { json.Address("kubernetes_resource", "Adapter/ApiService") }), "the autoscaler waits for the adapter check");
        Assert.That(json.Single("kubernetes_pod_disruption_budget_v1")["spec"]!["min_available"]!.GetValue<string>(), Is.EqualTo("2"));
        Assert.That(json.Resources("kubernetes_ingress_v1"), Is.Empty);
    }

    [Test]
    public void Gpus_come_with_the_pools_toleration_and_node_affinity()
    {
        var pod = PodSpec(Synth(Serving with { Gpu = new GpuRequest { Count = 2, Pool = GpuPool } }));
        Assert.That(pod["container"]![0]!["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo("2"));
        var toleration = pod["toleration"]![0]!;
        Assert.That((toleration["key"]!.GetValue<string>(), toleration["value"]!.GetValue<string>(), toleration["effect"]!.GetValue<string>()),
            Is.EqualTo(("nvidia.com/gpu", "present", "NoSchedule")));
        var match = pod["affinity"]!["node_affinity"]!["required_during_scheduling_ignored_during_execution"]!["node_selector_term"]![0]!["match_expressions"]![0]!;
        Assert.That(match["key"]!.GetValue<string>(), Is.EqualTo("mlops.io/pool-role"));
        Assert.That(match["values"]![0]!.GetValue<string>(), Is.EqualTo("gpu-training"));
    }

    [Test]
    public void Settings_and_secrets_are_mounted_as_read_only_files_and_secret_values_stay_out_of_terraform()
    {
        var json = Synth(Serving with { Settings = new Dictionary<string, string> { ["THRESHOLD"] = "0.7" }, SecretNames = ["feature-store-token"] });
        var container = PodSpec(json)["container"]![0]!;
        Assert.That(container["env"], Is.Null, "no secret or setting as an environment variable");
        Assert.That(container["env_from"], Is.Null);
        var mounts = container["volume_mount"]!.AsArray().ToDictionary(m => m!["mount_path"]!.GetValue<string>(), m => m!["read_only"]?.GetValue<bool>() ?? false);
        Assert.That(mounts, Does.ContainKey("/etc/model-config").WithValue(true));
        Assert.That(mounts, Does.ContainKey("/var/run/secrets/mlops/feature-store-token").WithValue(true));
        var secret = json.Single("kubernetes_secret_v1");
        Assert.That(secret["data"], Is.Null);
        Assert.That(secret["lifecycle"]!["ignore_changes"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EquivalentTo(new[] { "data", "binary_data" }));
        Assert.That(json.Single("kubernetes_config_map_v1")["data"]!["THRESHOLD"]!.GetValue<string>(), Is.EqualTo("0.7"));
    }

    [Test]
    public void Service_account_reads_only_the_registry_bucket_through_workload_identity()
    {
        var json = Synth(Serving);
        var gsa = json.Single("google_service_account");
        var ksa = json.Single("kubernetes_service_account_v1");
        Assert.That(ksa["metadata"]!["annotations"]!["iam.gke.io/gcp-service-account"]!.GetValue<string>(), Is.EqualTo(json.Reference("google_service_account", gsa, "email")));
        var wi = json.Single("google_service_account_iam_member");
        Assert.That(wi["role"]!.GetValue<string>(), Is.EqualTo("roles/iam.workloadIdentityUser"));
        Assert.That(wi["member"]!.GetValue<string>(), Is.EqualTo($"serviceAccount:acme-ml-test.svc.id.goog[ml-models/{json.Reference("kubernetes_service_account_v1", ksa, "metadata[0].name")}]"));
        var bucket = json.Single("google_storage_bucket_iam_member");
        Assert.That((bucket["bucket"]!.GetValue<string>(), bucket["role"]!.GetValue<string>()), Is.EqualTo(("acme-ml-registry", "roles/storage.objectViewer")));
        Assert.That(json.Resources("google_project_iam_member"), Is.Empty, "no project-wide role");
        Assert.That(PodSpec(json)["service_account_name"]!.GetValue<string>(), Is.EqualTo(json.Reference("kubernetes_service_account_v1", ksa, "metadata[0].name")));
    }

    [Test]
    public void Ingress_is_https_only()
    {
        var ingress = Synth(Serving with { Ingress = new ServingIngress { Host = "churn.ml.example.com", TlsSecretName = "churn-tls" } }).Single("kubernetes_ingress_v1")["spec"]!;
        Assert.That(ingress["tls"]![0]!["secret_name"]!.GetValue<string>(), Is.EqualTo("churn-tls"));
        Assert.That(ingress["tls"]![0]!["hosts"]![0]!.GetValue<string>(), Is.EqualTo("churn.ml.example.com"));
        Assert.That(ingress["ingress_class_name"]!.GetValue<string>(), Is.EqualTo("gce-internal"));
    }

    [Test]
    public void Invalid_input_is_reported_all_at_once()
    {
        var error = Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with
        {
            Namespace = "default",
            Image = "europe-west4-docker.pkg.dev/acme/models/churn:latest",
            Resources = Small with { CpuRequest = "2", MemoryLimit = "lots" },
            Autoscaling = new PodAutoscaling { MinReplicas = 1, MaxReplicas = 3 },
            Gpu = new GpuRequest { Count = 1 },
        }));
        Assert.That(error.ConstructPath, Is.EqualTo("test/Serving"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Namespace was \"default\": {KubernetesNames.SystemNamespaceAllowed}.",
            $"Image was \"europe-west4-docker.pkg.dev/acme/models/churn:latest\": {MlopsCdktf.Core.ContainerImageReference.AllowedImage}.",
            "Resources.CpuRequest was \"2\": must not exceed CpuLimit (1): Kubernetes rejects a request above its limit.",
            "Resources.MemoryLimit was \"lots\": must be a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi.",
            "Gpu.Pool was null: a GPU was requested but no GPU pool to tolerate was given, so the pod would never be scheduled (GPU nodes are tainted); pass the GPU pool's Selector.",
            "Autoscaling.MinReplicas was 1: must be more than the disruption budget's MinAvailable (1), or no pod could ever be evicted and node drains and upgrades would block.",
        }));
    }

    [TestCase("europe-west4-docker.pkg.dev/acme/models/churn")]
    [TestCase("churn:LATEST")]
    [TestCase("registry:5000/churn")]
    [TestCase("churn@sha256:abc")]
    public void Untagged_latest_and_malformed_images_are_rejected(string image) =>
        Assert.That(Reject<ModelServingDeployment>(stack => _ = new ModelServingDeployment(stack, "Serving", Serving with { Image = image })).Problems,
            Is.EqualTo(new[] { $"Image was \"{image}\": {MlopsCdktf.Core.ContainerImageReference.AllowedImage}." }));

    [TestCase("registry:5000/ml/churn:1.2.0")]
    [TestCase("churn@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Tagged_and_digest_images_are_accepted(string image) =>
        Assert.That(MlopsCdktf.Core.ContainerImageReference.IsPinnedImage(image), Is.True);

    [Test]
    public void A_pods_metric_without_a_metrics_source_is_refused()
    {
        // What every environment declared before: an HPA on qps with nothing serving custom.metrics.k8s.io never scales down.
        var error = Assert.Throws<MlopsCdktf.Core.ConstructInputException>(() => _ = new ModelServingDeployment(SynthHarness.BareStack(), "Serving",
            Serving with { Autoscaling = new PodAutoscaling { MinReplicas = 2, MaxReplicas = 6, PodsMetric = new PodsMetricTarget("qps", "20") } }))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Serving"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Autoscaling.MetricsSource was null: Autoscaling.PodsMetric (qps) is read from custom.metrics.k8s.io, which nothing in the cluster serves unless an adapter "
            + "is declared, and an autoscaler that cannot read one of its metrics never scales down: declare the adapter (e.g. an InstalledMetricsAdapter) or scale on "
            + "CPU only (PodsMetric = null).",
        }));
    }

    [Test]
    public void A_metrics_source_for_external_metrics_does_not_serve_a_pods_metric()
    {
        var stack = SynthHarness.BareStack();
        var external = new InstalledMetricsAdapter(stack, "Adapter", new InstalledMetricsAdapterProps { AdapterName = "keda", ApiGroup = "external.metrics.k8s.io" });
        var error = Assert.Throws<MlopsCdktf.Core.ConstructInputException>(() => _ = new ModelServingDeployment(stack, "Serving",
            Serving with { Autoscaling = new PodAutoscaling { MinReplicas = 2, MaxReplicas = 6, PodsMetric = new PodsMetricTarget("qps", "20"), MetricsSource = external } }))!;
        Assert.That(error.Problems, Is.EqualTo(new[] { "Autoscaling.MetricsSource was \"external.metrics.k8s.io\": must serve custom.metrics.k8s.io, where Pods metrics are read from." }));
    }

    [Test]
    public void The_installed_adapter_is_checked_at_plan_time()
    {
        var json = SynthHarness.Kubernetes(stack => new InstalledMetricsAdapter(stack, "Adapter", new InstalledMetricsAdapterProps { AdapterName = "custom-metrics-stackdriver-adapter" }));
        var check = json.DataSources("kubernetes_resource").Values.Single();
        Assert.That(check["api_version"]!.GetValue<string>(), Is.EqualTo("apiregistration.k8s.io/v1"));
        Assert.That(check["kind"]!.GetValue<string>(), Is.EqualTo("APIService"));
        Assert.That(check["metadata"]!["name"]!.GetValue<string>(), Is.EqualTo("v1beta1.custom.metrics.k8s.io"));
        var postcondition = check["lifecycle"]!["postcondition"]![0]!;
        Assert.That(postcondition["condition"]!.GetValue<string>(), Does.Contain("self.object.status.conditions").And.Contain("\"Available\""));
        Assert.That(postcondition["error_message"]!.GetValue<string>(), Does.Contain("custom-metrics-stackdriver-adapter"));
    }
}
