using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Kubernetes.Manifest;
using MlopsCdktf.Core;
using ManifestResource = HashiCorp.Cdktf.Providers.Kubernetes.Manifest.Manifest_;

namespace MlopsCdktf.Kubernetes.Kueue;

/// <summary>
/// The Kueue queues of one training namespace, as <c>kueue.x-k8s.io/v1beta1</c> custom resources (<c>kubernetes_manifest</c>):
/// a <c>ResourceFlavor</c> per GPU pool (the pool's node label as <c>nodeLabels</c>, its taint as <c>tolerations</c>, so an
/// admitted Job's pods land on the pool without naming it), a <c>ClusterQueue</c> admitting Jobs of that namespace only with
/// a nominal quota of <c>cpu</c>, <c>memory</c> and <c>nvidia.com/gpu</c> per flavor, and a <c>LocalQueue</c>
/// (<see cref="LocalQueueName"/>) in the namespace. With <see cref="KueueQueuesProps.QueuedProvisioning"/>, an
/// <c>AdmissionCheck</c> of the ProvisioningRequest controller and its <c>ProvisioningRequestConfig</c>
/// (<c>queued-provisioning.gke.io</c>, <c>nvidia.com/gpu</c>) make admission wait until GKE has provisioned the nodes.
/// A Job joins the queue with the label <see cref="QueueNameLabel"/> = <see cref="LocalQueueName"/>.
/// </summary>
/// <remarks>
/// <para>The ClusterQueue has no cohort, so it never borrows quota from other queues nor lends its own: a run gets at most
/// the nominal quota, and waits in the queue (not Pending on a node) for the rest.</para>
/// <para>These are custom resources of the CRDs the Kueue Helm release installs
/// (<see cref="Addons.KueueController"/>), and <c>kubernetes_manifest</c> reads a resource's CRD while planning: declare this
/// construct in a stack applied after the stack holding the release, never in the same one (a <c>depends_on</c> does not
/// help: the plan of a fresh cluster would fail before anything is applied). This construct therefore takes no dependency
/// on the release. Within the construct, the ClusterQueue depends on its flavors and admission check and the LocalQueue on
/// the ClusterQueue, so a destroy removes the queues before the flavors Kueue guards with its in-use finalizer.</para>
/// </remarks>
public sealed class KueueQueues : Construct
{
    /// <summary>The label a Job carries to be queued: its value is a LocalQueue's name in the Job's namespace.</summary>
    public const string QueueNameLabel = "kueue.x-k8s.io/queue-name";

    /// <summary>Validates <paramref name="props"/> and declares the queues.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public KueueQueues(Construct scope, string id, KueueQueuesProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(KueueQueues)))
    {
        new InputValidator(this).RequireMembers(props);
        var clusterQueueName = props.ClusterQueueName ?? props.Namespace + KueueQueuesDefaults.ClusterQueueSuffix;
        Validate(new InputValidator(this), props, clusterQueueName);

        Namespace = props.Namespace;
        ClusterQueueName = clusterQueueName;
        LocalQueueName = props.LocalQueueName;
        FlavorNames = props.Flavors.Select(f => f.Name).ToArray();

        Flavors = props.Flavors.Select(f => Manifest($"ResourceFlavor-{f.Name}", "ResourceFlavor", f.Name, null, FlavorSpec(f), [])).ToArray();
        if (props.QueuedProvisioning)
        {
            var name = clusterQueueName + KueueQueuesDefaults.ProvisioningSuffix;
            ProvisioningRequestConfig = Manifest("ProvisioningRequestConfig", "ProvisioningRequestConfig", name, null, new Dictionary<string, object>
            {
                ["provisioningClassName"] = KueueQueuesDefaults.QueuedProvisioningClass,
                ["managedResources"] = new[] { KueueQueuesDefaults.GpuResource },
            }, []);
            AdmissionCheck = Manifest("AdmissionCheck", "AdmissionCheck", name, null, new Dictionary<string, object>
            {
                ["controllerName"] = KueueQueuesDefaults.ProvisioningController,
                ["parameters"] = new Dictionary<string, object>
                {
                    ["apiGroup"] = KueueQueuesDefaults.ApiGroup,
                    ["kind"] = "ProvisioningRequestConfig",
                    ["name"] = name,
                },
            }, [ProvisioningRequestConfig]);
            AdmissionCheckName = name;
        }

        ClusterQueue = Manifest("ClusterQueue", "ClusterQueue", clusterQueueName, null, ClusterQueueSpec(props, AdmissionCheckName),
            AdmissionCheck is null ? [.. Flavors] : [.. Flavors, AdmissionCheck]);
        LocalQueue = Manifest("LocalQueue", "LocalQueue", LocalQueueName, Namespace, new Dictionary<string, object> { ["clusterQueue"] = clusterQueueName }, [ClusterQueue]);
    }

    /// <summary>The training namespace whose Jobs the queue admits.</summary>
    public string Namespace { get; }

    /// <summary>The ClusterQueue's name.</summary>
    public string ClusterQueueName { get; }

    /// <summary>The LocalQueue's name: the value of a Job's <see cref="QueueNameLabel"/> label.</summary>
    public string LocalQueueName { get; }

    /// <summary>The ResourceFlavors' names, in the order the ClusterQueue tries them.</summary>
    public IReadOnlyList<string> FlavorNames { get; }

    /// <summary>Whether admission waits for GKE's queued provisioning (the AdmissionCheck is declared).</summary>
    public bool HasProvisioningCheck => AdmissionCheck is not null;

    /// <summary>The AdmissionCheck's (and its ProvisioningRequestConfig's) name, or null without queued provisioning.</summary>
    public string? AdmissionCheckName { get; }

    /// <summary>The ResourceFlavors' <c>kubernetes_manifest</c>s, in the order of <see cref="FlavorNames"/>.</summary>
    public IReadOnlyList<ManifestResource> Flavors { get; }

    /// <summary>The ClusterQueue's <c>kubernetes_manifest</c>.</summary>
    public ManifestResource ClusterQueue { get; }

    /// <summary>The LocalQueue's <c>kubernetes_manifest</c>: what a Job declared in the same stack waits for.</summary>
    public ManifestResource LocalQueue { get; }

    /// <summary>The AdmissionCheck's <c>kubernetes_manifest</c>, or null without queued provisioning.</summary>
    public ManifestResource? AdmissionCheck { get; }

    /// <summary>The ProvisioningRequestConfig's <c>kubernetes_manifest</c>, or null without queued provisioning.</summary>
    public ManifestResource? ProvisioningRequestConfig { get; }

    private static void Validate(InputValidator v, KueueQueuesProps props, string clusterQueueName)
    {
        v.ValidateWorkloadNamespace(props.Namespace, nameof(props.Namespace));
        v.ValidateDns1123Label(clusterQueueName, nameof(props.ClusterQueueName));
        v.ValidateDns1123Label(props.LocalQueueName, nameof(props.LocalQueueName));
        if (props.Flavors is not { Count: > 0 and <= KueueQueuesDefaults.MaxFlavors })
        {
            v.Add(nameof(props.Flavors), props.Flavors is null ? null : props.Flavors.Count == 0 ? "none" : $"{props.Flavors.Count} flavors",
                props.Flavors is { Count: > 0 }
                    ? $"must name at most {KueueQueuesDefaults.MaxFlavors} GPU pools (one ClusterQueue tries its flavors in order; split the pools over several queues)"
                    : "must name at least one GPU pool with its quota: a ClusterQueue without a flavor admits no Job, so every queued run would wait for ever");
            v.ThrowIfInvalid();
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < props.Flavors.Count; i++)
        {
            var property = $"{nameof(props.Flavors)}[{i}]";
            if (props.Flavors[i] is not { } flavor)
            {
                v.Add(property, null, "must not be null");
                continue;
            }

            v.ValidateDns1123Label(flavor.Name, property + ".Name");
            if (flavor.Name is not null && !InputValidator.IsUnresolved(flavor.Name) && !seen.Add(flavor.Name))
            {
                v.Add(property + ".Name", flavor.Name, "must be unique among the flavors: a ResourceFlavor is one cluster-wide object, and the ClusterQueue lists each once");
            }

            if (flavor.Pool is null)
            {
                v.Add(property + ".Pool", null, "must be the GPU pool's selector (its node label and taint)");
            }
            else
            {
                PodSecurity.ValidatePool(v, flavor.Pool, property + ".Pool");
            }

            v.InRange(flavor.Gpus, property + ".Gpus", 1, KueueQueuesDefaults.MaxGpus,
                "GPUs (a GPU pool's flavor without GPU quota would admit no GPU Job)");
            v.Require(KubernetesQuantity.Parse(flavor.Cpu) is > 0, property + ".Cpu", flavor.Cpu, "must be a positive Kubernetes quantity such as 96 or 7500m");
            var memoryProblem = KubernetesQuantity.MemoryProblem(flavor.Memory);
            v.Require(memoryProblem is null && KubernetesQuantity.Parse(flavor.Memory) is > 0, property + ".Memory", flavor.Memory,
                memoryProblem ?? "must be a positive memory quantity such as 384Gi");
        }

        v.ThrowIfInvalid();
    }

    private ManifestResource Manifest(string id, string kind, string name, string? ns, Dictionary<string, object> spec, ITerraformDependable[] dependsOn)
    {
        var metadata = new Dictionary<string, object>
        {
            ["name"] = name,
            ["labels"] = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "cdktf", ["app.kubernetes.io/part-of"] = "kueue-queues" },
        };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new ManifestResource(this, id, new ManifestConfig
        {
            Manifest = new Dictionary<string, object>
            {
                ["apiVersion"] = KueueQueuesDefaults.ApiVersion,
                ["kind"] = kind,
                ["metadata"] = metadata,
                ["spec"] = spec,
            },
            DependsOn = dependsOn.Length > 0 ? dependsOn : null,
        });
    }

    private static Dictionary<string, object> FlavorSpec(KueueFlavor flavor) => new()
    {
        // Kueue writes these into an admitted Job's pod template: the pods select the pool and tolerate its taint.
        ["nodeLabels"] = new Dictionary<string, string> { [flavor.Pool.NodeLabelKey] = flavor.Pool.NodeLabelValue },
        ["tolerations"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["key"] = flavor.Pool.TaintKey,
                ["operator"] = "Equal",
                ["value"] = flavor.Pool.TaintValue,
                ["effect"] = flavor.Pool.TaintEffect,
            },
        },
    };

    private static Dictionary<string, object> ClusterQueueSpec(KueueQueuesProps props, string? admissionCheck)
    {
        var spec = new Dictionary<string, object>
        {
            ["namespaceSelector"] = new Dictionary<string, object>
            {
                ["matchLabels"] = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = props.Namespace },
            },
            ["queueingStrategy"] = "BestEffortFIFO",
            ["resourceGroups"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["coveredResources"] = KueueQueuesDefaults.CoveredResources.ToArray(),
                    ["flavors"] = props.Flavors.Select(f => (object)new Dictionary<string, object>
                    {
                        ["name"] = f.Name,
                        // In the order of coveredResources, as Kueue requires.
                        ["resources"] = new object[]
                        {
                            Quota("cpu", f.Cpu),
                            Quota("memory", f.Memory),
                            Quota(KueueQueuesDefaults.GpuResource, f.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        },
                    }).ToArray(),
                },
            },
        };
        if (admissionCheck is not null)
        {
            spec["admissionChecks"] = new[] { admissionCheck };
        }

        return spec;
    }

    private static Dictionary<string, object> Quota(string resource, string nominal) => new() { ["name"] = resource, ["nominalQuota"] = nominal };
}
