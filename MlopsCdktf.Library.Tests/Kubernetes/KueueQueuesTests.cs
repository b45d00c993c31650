using System.Text.Json.Nodes;
using MlopsCdktf.Core.Scheduling;
using MlopsCdktf.Kubernetes.Kueue;
using MlopsCdktf.Tests.Kubernetes.Addons;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>The Kueue queues of a training namespace: flavors that put admitted pods on their pool, a ClusterQueue bound to
/// the namespace with a quota per flavor, the LocalQueue Jobs name, and GKE's queued-provisioning admission check.</summary>
public sealed class KueueQueuesTests
{
    private static readonly GpuNodeSelector A100Pool = GpuPool with { NodeLabelValue = "gpu-a100", TaintValue = "a100", TaintEffect = "NoExecute", GpusPerNode = 8 };

    internal static KueueQueuesProps Queues => new()
    {
        Namespace = "ml-training",
        Flavors =
        [
            new KueueFlavor { Name = "gpu-t4", Pool = GpuPool, Gpus = 4, Cpu = "32", Memory = "120Gi" },
            new KueueFlavor { Name = "gpu-a100", Pool = A100Pool, Gpus = 8, Cpu = "96", Memory = "680Gi" },
        ],
    };

    private static readonly Lazy<TerraformJson> QueuesJson = new(() => SynthHarness.Kubernetes(stack => _ = new KueueQueues(stack, "Queues", Queues)));

    private static readonly Lazy<TerraformJson> ProvisionedJson = new(() =>
        SynthHarness.Kubernetes(stack => _ = new KueueQueues(stack, "Queues", Queues with { QueuedProvisioning = true })));

    private static IEnumerable<JsonObject> Manifests(TerraformJson json, string kind) =>
        json.Resources("kubernetes_manifest").Values.Select(r => r["manifest"]!.AsObject()).Where(m => m["kind"]!.GetValue<string>() == kind);

    private static JsonObject Only(TerraformJson json, string kind) => Manifests(json, kind).Single();

    private static string Str(JsonNode? n) => n!.GetValue<string>();

    [Test]
    public void Each_flavor_puts_admitted_pods_on_its_pool_and_tolerates_its_taint()
    {
        var flavors = Manifests(QueuesJson.Value, "ResourceFlavor").ToList();
        Assert.That(flavors.Select(f => Str(f["metadata"]!["name"])), Is.EquivalentTo(new[] { "gpu-t4", "gpu-a100" }));
        var a100 = flavors.Single(f => Str(f["metadata"]!["name"]) == "gpu-a100");
        Assert.That(Str(a100["apiVersion"]), Is.EqualTo("kueue.x-k8s.io/v1beta1"));
        Assert.That(a100["metadata"]!.AsObject().ContainsKey("namespace"), Is.False, "a ResourceFlavor is cluster-scoped");
        Assert.That(a100["spec"]!["nodeLabels"]!.AsObject().ToDictionary(kv => kv.Key, kv => Str(kv.Value)),
            Is.EqualTo(new Dictionary<string, string> { ["mlops.io/pool-role"] = "gpu-a100" }));
        var toleration = a100["spec"]!["tolerations"]!.AsArray().Single()!;
        Assert.That((Str(toleration["key"]), Str(toleration["operator"]), Str(toleration["value"]), Str(toleration["effect"])),
            Is.EqualTo(("nvidia.com/gpu", "Equal", "a100", "NoExecute")));
        Assert.That(a100["spec"]!.AsObject().ContainsKey("nodeTaints"), Is.False, "tolerations are added to the pods; nodeTaints would require Jobs to carry them");
    }

    [Test]
    public void Cluster_queue_admits_only_the_training_namespace_with_a_quota_per_flavor_and_never_borrows()
    {
        var queue = Only(QueuesJson.Value, "ClusterQueue");
        Assert.That(Str(queue["metadata"]!["name"]), Is.EqualTo("ml-training-gpu"));
        var spec = queue["spec"]!;
        Assert.That(Str(spec["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]), Is.EqualTo("ml-training"));
        Assert.That(spec["namespaceSelector"]!.AsObject().Count, Is.EqualTo(1), "only matchLabels: {} would admit every namespace");
        Assert.That(spec.AsObject().ContainsKey("cohort"), Is.False, "without a cohort a ClusterQueue neither borrows nor lends");
        Assert.That(spec.AsObject().ContainsKey("admissionChecks"), Is.False);
        var group = spec["resourceGroups"]!.AsArray().Single()!;
        Assert.That(group["coveredResources"]!.AsArray().Select(Str), Is.EqualTo(new[] { "cpu", "memory", "nvidia.com/gpu" }));
        var t4 = group["flavors"]![0]!;
        Assert.That(Str(t4["name"]), Is.EqualTo("gpu-t4"));
        Assert.That(t4["resources"]!.AsArray().Select(r => (Str(r!["name"]), Str(r["nominalQuota"]))),
            Is.EqualTo(new[] { ("cpu", "32"), ("memory", "120Gi"), ("nvidia.com/gpu", "4") }));
        Assert.That(t4["resources"]!.AsArray().Any(r => r!.AsObject().ContainsKey("borrowingLimit") || r.AsObject().ContainsKey("lendingLimit")), Is.False);
    }

    [Test]
    public void Local_queue_lives_in_the_namespace_and_points_at_the_cluster_queue()
    {
        KueueQueues? queues = null;
        var json = SynthHarness.Kubernetes(stack => queues = new KueueQueues(stack, "Queues", Queues with { LocalQueueName = "runs" }));
        var local = Only(json, "LocalQueue");
        Assert.That(Str(local["metadata"]!["namespace"]), Is.EqualTo("ml-training"));
        Assert.That(Str(local["metadata"]!["name"]), Is.EqualTo("runs").And.EqualTo(queues!.LocalQueueName));
        Assert.That(Str(local["spec"]!["clusterQueue"]), Is.EqualTo(queues.ClusterQueueName).And.EqualTo(Str(Only(json, "ClusterQueue")["metadata"]!["name"])));
        Assert.That(queues.HasProvisioningCheck, Is.False);
        Assert.That(queues.AdmissionCheckName, Is.Null);
        Assert.That(KueueQueues.QueueNameLabel, Is.EqualTo("kueue.x-k8s.io/queue-name"));
        Assert.That(Manifests(json, "AdmissionCheck"), Is.Empty);
        Assert.That(Manifests(json, "ProvisioningRequestConfig"), Is.Empty);
    }

    [Test]
    public void Queued_provisioning_attaches_a_provisioning_request_check_of_gke_class_managing_gpus()
    {
        var check = Only(ProvisionedJson.Value, "AdmissionCheck");
        var config = Only(ProvisionedJson.Value, "ProvisioningRequestConfig");
        var queue = Only(ProvisionedJson.Value, "ClusterQueue");
        Assert.That(Str(check["spec"]!["controllerName"]), Is.EqualTo("kueue.x-k8s.io/provisioning-request"));
        var parameters = check["spec"]!["parameters"]!;
        Assert.That(Str(parameters["apiGroup"]), Is.EqualTo("kueue.x-k8s.io"));
        Assert.That(Str(parameters["kind"]), Is.EqualTo("ProvisioningRequestConfig"));
        Assert.That(Str(parameters["name"]), Is.EqualTo(Str(config["metadata"]!["name"])), "the check reads this config");
        Assert.That(Str(config["spec"]!["provisioningClassName"]), Is.EqualTo("queued-provisioning.gke.io"));
        Assert.That(config["spec"]!["managedResources"]!.AsArray().Select(Str), Is.EqualTo(new[] { "nvidia.com/gpu" }));
        Assert.That(queue["spec"]!["admissionChecks"]!.AsArray().Select(Str), Is.EqualTo(new[] { Str(check["metadata"]!["name"]) }));
        Assert.That(Str(check["metadata"]!["name"]), Is.EqualTo("ml-training-gpu-provisioning"));
    }

    [Test]
    public void Destroy_removes_queues_before_what_they_use()
    {
        var json = ProvisionedJson.Value;
        string Address(string suffix) => json.Address("kubernetes_manifest", suffix);
        List<string> DependsOn(string suffix) => json.ByPath("kubernetes_manifest", suffix)["depends_on"]!.AsArray().Select(Str).ToList();

        Assert.That(DependsOn("/ClusterQueue"), Is.EquivalentTo(new[] { Address("/ResourceFlavor-gpu-t4"), Address("/ResourceFlavor-gpu-a100"), Address("/AdmissionCheck") }));
        Assert.That(DependsOn("/LocalQueue"), Is.EqualTo(new[] { Address("/ClusterQueue") }));
        Assert.That(DependsOn("/AdmissionCheck"), Is.EqualTo(new[] { Address("/ProvisioningRequestConfig") }));
        Assert.That(json.Resources("kubernetes_manifest").Values.SelectMany(r => r["depends_on"]?.AsArray().Select(Str) ?? []),
            Has.All.StartWith("kubernetes_manifest."), "nothing outside the queues: the Kueue release is in an earlier stack");
    }

    [Test]
    public void Every_flavor_tolerates_its_pools_taint_and_the_cluster_queue_covers_exactly_the_flavors_property()
    {
        var random = new Random(22);
        for (var run = 0; run < 6; run++)
        {
            var flavors = Enumerable.Range(0, random.Next(1, 6)).Select(i => new KueueFlavor
            {
                Name = $"pool-{i}",
                Pool = GpuPool with
                {
                    TaintKey = random.Next(2) == 0 ? "nvidia.com/gpu" : "mlops.io/gpu",
                    TaintValue = $"v{random.Next(4)}",
                    TaintEffect = KubernetesTaintEffects[random.Next(KubernetesTaintEffects.Length)],
                    NodeLabelValue = $"label-{random.Next(4)}",
                },
                Gpus = random.Next(1, 64),
                Cpu = $"{random.Next(1, 200)}",
                Memory = $"{random.Next(1, 900)}Gi",
            }).ToList();
            var json = SynthHarness.Kubernetes(stack => _ = new KueueQueues(stack, "Queues", Queues with { Flavors = flavors }));

            var declared = Manifests(json, "ResourceFlavor").ToDictionary(m => Str(m["metadata"]!["name"]));
            Assert.That(declared.Keys, Is.EquivalentTo(flavors.Select(f => f.Name)), $"run {run}");
            foreach (var flavor in flavors)
            {
                var spec = declared[flavor.Name]["spec"]!;
                var toleration = spec["tolerations"]!.AsArray().Single()!;
                Assert.That((Str(toleration["key"]), Str(toleration["value"]), Str(toleration["effect"])), Is.EqualTo((flavor.Pool.TaintKey, flavor.Pool.TaintValue, flavor.Pool.TaintEffect)), $"run {run}");
                Assert.That(Str(spec["nodeLabels"]![flavor.Pool.NodeLabelKey]), Is.EqualTo(flavor.Pool.NodeLabelValue), $"run {run}");
            }

            var group = Only(json, "ClusterQueue")["spec"]!["resourceGroups"]![0]!;
            var covered = group["coveredResources"]!.AsArray().Select(Str).ToList();
            var queued = group["flavors"]!.AsArray().ToList();
            Assert.That(queued.Select(f => Str(f!["name"])), Is.EqualTo(flavors.Select(f => f.Name)), $"run {run}: every flavor, in the given order, once");
            foreach (var (entry, flavor) in queued.Zip(flavors))
            {
                var quotas = entry!["resources"]!.AsArray().Select(r => (Str(r!["name"]), Str(r["nominalQuota"]))).ToList();
                Assert.That(quotas.Select(q => q.Item1), Is.EqualTo(covered), $"run {run}: Kueue requires the covered resources in order");
                Assert.That(quotas, Is.EqualTo(new[] { ("cpu", flavor.Cpu), ("memory", flavor.Memory), ("nvidia.com/gpu", flavor.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture)) }), $"run {run}");
            }
        }
    }

    [Test]
    [Category("Snapshot")]
    public void Queues_match_their_snapshot() => LibrarySnapshot.Matches(QueuesJson.Value.Root, "kueue-queues");

    [Test]
    [Category("Snapshot")]
    public void Queues_with_queued_provisioning_match_their_snapshot() => LibrarySnapshot.Matches(ProvisionedJson.Value.Root, "kueue-queues-queued-provisioning");

    [Test]
    public void Queues_refuse_no_flavor()
    {
        var error = Gcp.GcpTestData.Reject<KueueQueues>(stack => _ = new KueueQueues(stack, "Queues", Queues with { Flavors = [] }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Flavors was \"none\": must name at least one GPU pool with its quota: a ClusterQueue without a flavor admits no Job, so every queued run would wait for ever.",
        }));
        Assert.That(error.ConstructPath, Is.EqualTo("test/Queues"));
    }

    [Test]
    public void Queues_refuse_more_flavors_than_one_queue_tries()
    {
        var flavors = Enumerable.Range(0, 17).Select(i => Queues.Flavors[0] with { Name = $"gpu-{i}" }).ToList();
        var error = Gcp.GcpTestData.Reject<KueueQueues>(stack => _ = new KueueQueues(stack, "Queues", Queues with { Flavors = flavors }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Flavors was \"17 flavors\": must name at most 16 GPU pools (one ClusterQueue tries its flavors in order; split the pools over several queues).",
        }));
    }

    [Test]
    public void Queues_report_every_bad_input_at_once()
    {
        var error = Gcp.GcpTestData.Reject<KueueQueues>(stack => _ = new KueueQueues(stack, "Queues", new KueueQueuesProps
        {
            Namespace = "kube-system",
            LocalQueueName = "Training",
            Flavors =
            [
                new KueueFlavor { Name = "gpu-t4", Pool = GpuPool with { TaintEffect = "NO_SCHEDULE" }, Gpus = 0, Cpu = "0", Memory = "256m" },
                new KueueFlavor { Name = "gpu-t4", Pool = GpuPool, Gpus = 1, Cpu = "lots", Memory = "0" },
            ],
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Namespace was \"kube-system\": " + MlopsCdktf.Core.KubernetesNames.SystemNamespaceAllowed + ".",
            "LocalQueueName was \"Training\": must be a DNS-1123 label: 1 to 63 lowercase letters, digits and '-', alphanumeric at both ends.",
            "Flavors[0].Pool.TaintEffect was \"NO_SCHEDULE\": must be one of NoSchedule, PreferNoSchedule, NoExecute (Kubernetes' spelling); NO_SCHEDULE is the GKE API's spelling of NoSchedule.",
            "Flavors[0].Gpus was 0: must be between 1 and 10000 GPUs (a GPU pool's flavor without GPU quota would admit no GPU Job).",
            "Flavors[0].Cpu was \"0\": must be a positive Kubernetes quantity such as 96 or 7500m.",
            "Flavors[0].Memory was \"256m\": " + MlopsCdktf.Kubernetes.KubernetesQuantity.MemoryAllowed + ".",
            "Flavors[1].Name was \"gpu-t4\": must be unique among the flavors: a ResourceFlavor is one cluster-wide object, and the ClusterQueue lists each once.",
            "Flavors[1].Cpu was \"lots\": must be a positive Kubernetes quantity such as 96 or 7500m.",
            "Flavors[1].Memory was \"0\": must be a positive memory quantity such as 384Gi.",
        }));
    }

    [Test]
    public void Queues_refuse_a_cluster_queue_name_that_is_not_a_label_even_when_derived()
    {
        var ns = "ml-training-" + new string('a', 50);
        var error = Gcp.GcpTestData.Reject<KueueQueues>(stack => _ = new KueueQueues(stack, "Queues", Queues with { Namespace = ns }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"ClusterQueueName was \"{ns}-gpu\": must be a DNS-1123 label: 1 to 63 lowercase letters, digits and '-', alphanumeric at both ends.",
        }));
    }

    private static readonly string[] KubernetesTaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
}
