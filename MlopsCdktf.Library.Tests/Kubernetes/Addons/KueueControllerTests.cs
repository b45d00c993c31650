using System.Text.Json.Nodes;
using MlopsCdktf.Kubernetes.Addons;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.Addons.AddonsTestData;

namespace MlopsCdktf.Tests.Kubernetes.Addons;

/// <summary>The Kueue release: pinned chart from its OCI repository, its own namespace, the values the chart reads and
/// the controller configuration that limits Kueue to labelled Jobs.</summary>
public sealed class KueueControllerTests
{
    private static readonly Lazy<TerraformJson> KueueJson = new(() => Synth(stack => _ = new KueueController(stack, "Kueue", new KueueControllerProps
    {
        NodeSelector = new Dictionary<string, string> { ["mlops.io/pool-role"] = "system" },
    })));

    private static JsonObject KueueValues => Values(Release(KueueJson.Value, KueueController.ReleaseName));

    private static JsonObject ManagerConfig =>
        JsonNode.Parse(KueueValues["managerConfig"]!["controllerManagerConfigYaml"]!.GetValue<string>())!.AsObject();

    [Test]
    public void Release_is_the_pinned_oci_chart_in_its_own_namespace_created_by_helm()
    {
        var release = Release(KueueJson.Value, KueueController.ReleaseName);
        Assert.Multiple(() =>
        {
            Assert.That(release["repository"]!.GetValue<string>(), Is.EqualTo("oci://registry.k8s.io/kueue/charts"));
            Assert.That(release["chart"]!.GetValue<string>(), Is.EqualTo("kueue"));
            Assert.That(release["version"]!.GetValue<string>(), Is.EqualTo(PinnedCharts.Kueue.Version).And.EqualTo("0.14.8"));
            Assert.That(release["namespace"]!.GetValue<string>(), Is.EqualTo("kueue-system"));
            Assert.That(release["create_namespace"]!.GetValue<bool>(), Is.True, "kueue-system is Kueue's alone: the release creates it");
            Assert.That(release["wait"]!.GetValue<bool>(), Is.True);
            Assert.That(release["atomic"]!.GetValue<bool>(), Is.True);
            Assert.That(release["cleanup_on_fail"]!.GetValue<bool>(), Is.True);
            Assert.That(release["timeout"]!.GetValue<int>(), Is.EqualTo(600));
            Assert.That(release["max_history"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(release["set"], Is.Null);
        });
    }

    [Test]
    public void Image_is_the_released_controller_of_the_pinned_chart_never_a_staging_tag()
    {
        var image = KueueValues["controllerManager"]!["manager"]!["image"]!;
        Assert.That(image["repository"]!.GetValue<string>(), Is.EqualTo("registry.k8s.io/kueue/kueue"), "the chart's default is the staging registry");
        Assert.That(image["tag"]!.GetValue<string>(), Is.EqualTo("v" + PinnedCharts.Kueue.Version), "the controller of the chart's own version");
        Assert.That(image["pullPolicy"]!.GetValue<string>(), Is.EqualTo("IfNotPresent"));
    }

    [Test]
    public void Every_value_set_is_a_key_the_pinned_chart_reads()
    {
        var values = KueueValues;
        Assert.That(values.Select(kv => kv.Key), Is.SubsetOf(ChartKeys.Kueue));
        Assert.That(values["controllerManager"]!.AsObject().Select(kv => kv.Key), Is.SubsetOf(ChartKeys.KueueControllerManager));
        Assert.That(values["controllerManager"]!["manager"]!.AsObject().Select(kv => kv.Key), Is.SubsetOf(ChartKeys.KueueManager));
        Assert.That(values["managerConfig"]!.AsObject().Select(kv => kv.Key), Is.EqualTo(new[] { "controllerManagerConfigYaml" }));
    }

    [Test]
    public void Controller_manages_only_labelled_batch_jobs()
    {
        var config = ManagerConfig;
        Assert.That(config["apiVersion"]!.GetValue<string>(), Is.EqualTo("config.kueue.x-k8s.io/v1beta1"));
        Assert.That(config["kind"]!.GetValue<string>(), Is.EqualTo("Configuration"));
        Assert.That(config["integrations"]!["frameworks"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { "batch/job" }));
        Assert.That(config["manageJobsWithoutQueueName"]!.GetValue<bool>(), Is.False, "an unlabelled Job (the retraining CronJob's) runs as before");
        Assert.That(config["leaderElection"]!["leaderElect"]!.GetValue<bool>(), Is.True, "two replicas need a leader");
        Assert.That(config["webhook"]!["port"]!.GetValue<int>(), Is.EqualTo(9443), "the chart's webhook Service targets 9443");
        Assert.That(config["health"]!["healthProbeBindAddress"]!.GetValue<string>(), Is.EqualTo(":8081"), "the chart's probes call 8081");
        Assert.That(config.ContainsKey("internalCertManagement"), Is.False, "the chart adds its own internal certificate settings");
        Assert.That(KueueValues["enableCertManager"]!.GetValue<bool>(), Is.False);
        Assert.That(KueueValues["controllerManager"]!["featureGates"]!.AsArray(), Is.Empty, "ProvisioningACC is GA and locked on in 0.14");
    }

    [Test]
    public void Controller_is_highly_available_hardened_and_on_system_nodes()
    {
        var manager = KueueValues["controllerManager"]!;
        Assert.That(manager["replicas"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(manager["podDisruptionBudget"]!["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(manager["podDisruptionBudget"]!["minAvailable"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(manager["nodeSelector"]!["mlops.io/pool-role"]!.GetValue<string>(), Is.EqualTo("system"));
        Assert.That(manager["tolerations"]!.AsArray(), Is.Empty, "never on GPU nodes");
        var spread = manager["topologySpreadConstraints"]![0]!;
        Assert.That(spread["topologyKey"]!.GetValue<string>(), Is.EqualTo("kubernetes.io/hostname"));
        // The chart's selector labels (kueue.selectorLabels).
        Assert.That(spread["labelSelector"]!["matchLabels"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()), Is.EqualTo(new Dictionary<string, string>
        {
            ["app.kubernetes.io/instance"] = "kueue", ["app.kubernetes.io/name"] = "kueue", ["control-plane"] = "controller-manager",
        }));
        var container = manager["manager"]!;
        Assert.That(container["podSecurityContext"]!["runAsNonRoot"]!.GetValue<bool>(), Is.True);
        Assert.That(container["podSecurityContext"]!["seccompProfile"]!["type"]!.GetValue<string>(), Is.EqualTo("RuntimeDefault"));
        Assert.That(container["containerSecurityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>(), Is.True);
        Assert.That(container["containerSecurityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>(), Is.False);
        Assert.That(container["containerSecurityContext"]!["capabilities"]!["drop"]![0]!.GetValue<string>(), Is.EqualTo("ALL"));
        Assert.That(container["resources"]!["requests"]!["cpu"]!.GetValue<string>(), Is.EqualTo("500m"));
        Assert.That(container["resources"]!["limits"]!["memory"]!.GetValue<string>(), Is.EqualTo("512Mi"));
        Assert.That(container.AsObject().ContainsKey("priorityClassName"), Is.False, "GKE admits system-*-critical pods in kube-system only");
    }

    [Test]
    public void One_replica_has_no_disruption_budget_that_would_block_every_drain()
    {
        var values = Values(Release(Synth(stack => _ = new KueueController(stack, "Kueue", new KueueControllerProps { Replicas = 1 })), KueueController.ReleaseName));
        Assert.That(values["controllerManager"]!["podDisruptionBudget"]!["enabled"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public void Eks_addons_declare_kueue_only_when_asked()
    {
        var without = Synth(stack => _ = new EksClusterAddons(stack, "Addons", EksAddons));
        Assert.That(without.Resources("helm_release").Values.Select(r => r["name"]!.GetValue<string>()), Has.None.EqualTo(KueueController.ReleaseName));

        EksClusterAddons? addons = null;
        var with = Synth(stack => addons = new EksClusterAddons(stack, "Addons", EksAddons with { Kueue = true }));
        var values = Values(Release(with, KueueController.ReleaseName));
        Assert.That(values["controllerManager"]!["nodeSelector"]!["mlops.io/pool-role"]!.GetValue<string>(), Is.EqualTo("system"), "on the system nodes");
        Assert.That(addons!.Kueue, Is.Not.Null);
        Assert.That(addons.Dependables, Has.Count.EqualTo(4));
    }

    [Test]
    [Category("Snapshot")]
    public void Kueue_release_matches_its_snapshot() => LibrarySnapshot.Matches(KueueJson.Value.Root, "kueue-controller");

    [Test]
    public void Kueue_reports_every_bad_input_at_once()
    {
        var error = Reject<KueueController>(stack => _ = new KueueController(stack, "Kueue", new KueueControllerProps
        {
            NodeSelector = new Dictionary<string, string> { ["bad key!"] = "system" },
            Replicas = 4,
            Resources = new MlopsCdktf.Kubernetes.ContainerResources { CpuRequest = "500m", MemoryRequest = "512m", CpuLimit = "2", MemoryLimit = "512Mi" },
            Release = new HelmReleaseSettings { MaxHistory = 0 },
        }));
        Assert.That(error.Problems, Has.Count.EqualTo(4));
        Assert.That(error.Problems[0], Is.EqualTo("NodeSelector key was \"bad key!\": must be a Kubernetes label key: an optional DNS prefix and '/', then 1 to 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends."));
        Assert.That(error.Problems[1], Is.EqualTo("Replicas was 4: must be between 1 and 3 replicas (one leads; the others serve the webhooks and take over)."));
        Assert.That(error.Problems[2], Does.StartWith("Resources.MemoryRequest was \"512m\": must be a memory quantity in whole bytes"));
        Assert.That(error.Problems[3], Is.EqualTo("Release.MaxHistory was 0: must be between 1 and 100 revisions (each is a Secret in the release's namespace; 0, Helm's unlimited, is refused)."));
    }
}
