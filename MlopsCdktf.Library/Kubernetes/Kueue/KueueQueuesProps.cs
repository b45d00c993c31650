using MlopsCdktf.Core.Scheduling;

namespace MlopsCdktf.Kubernetes.Kueue;

/// <summary>Input of <see cref="KueueQueues"/>.</summary>
public sealed record KueueQueuesProps
{
    /// <summary>The training namespace: the ClusterQueue admits Jobs of this namespace only (its <c>namespaceSelector</c>
    /// matches <c>kubernetes.io/metadata.name</c>) and the LocalQueue lives in it. A DNS-1123 label, not a system namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The GPU pools the queue admits onto, each a ResourceFlavor with its nominal quota, in the order Kueue tries
    /// them. At least one, at most 16; names unique.</summary>
    public required IReadOnlyList<KueueFlavor> Flavors { get; init; }

    /// <summary>The ClusterQueue's name (cluster-wide, a DNS-1123 label).</summary>
    /// <value>The default value is null: <c>&lt;Namespace&gt;-gpu</c>, one ClusterQueue per training namespace.</value>
    public string? ClusterQueueName { get; init; }

    /// <summary>The LocalQueue's name in <see cref="Namespace"/> (a DNS-1123 label): the value Jobs put in their
    /// <c>kueue.x-k8s.io/queue-name</c> label.</summary>
    /// <value>The default value is <c>training</c>.</value>
    public string LocalQueueName { get; init; } = KueueQueuesDefaults.LocalQueueName;

    /// <summary>Whether admission waits for GKE's queued provisioning (Dynamic Workload Scheduler): an AdmissionCheck of
    /// the ProvisioningRequest controller with a ProvisioningRequestConfig of class <c>queued-provisioning.gke.io</c>
    /// managing <c>nvidia.com/gpu</c>, attached to the ClusterQueue. Kueue then creates a ProvisioningRequest for each
    /// admitted Job and starts its pods only once GKE has provisioned every node they need, all at once.</summary>
    /// <value>The default value is false: quota alone admits a Job (EKS, and GKE pools without queued provisioning; the
    /// ProvisioningRequest API exists only on GKE).</value>
    public bool QueuedProvisioning { get; init; }
}

/// <summary>One GPU pool as a Kueue ResourceFlavor and the ClusterQueue's nominal quota on it.</summary>
public sealed record KueueFlavor
{
    /// <summary>The ResourceFlavor's name (cluster-wide, a DNS-1123 label), e.g. <c>gpu-t4</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The pool: its node label becomes the flavor's <c>nodeLabels</c> (Kueue puts it in the admitted pods' node
    /// selector) and its taint the flavor's <c>tolerations</c> (Kueue adds them to the admitted pods).</summary>
    public required GpuNodeSelector Pool { get; init; }

    /// <summary>Whole GPUs (<c>nvidia.com/gpu</c>) admitted jobs may use at once on this pool, 1 to 10000: the pool's
    /// maximum nodes times its GPUs per node, or less to cap the spend.</summary>
    public required int Gpus { get; init; }

    /// <summary>CPU admitted jobs may request at once on this pool, a positive Kubernetes quantity such as <c>96</c>.</summary>
    public required string Cpu { get; init; }

    /// <summary>Memory admitted jobs may request at once on this pool, a positive memory quantity such as <c>384Gi</c>.</summary>
    public required string Memory { get; init; }
}

/// <summary>The one home of <see cref="KueueQueues"/>' defaults, names and Kueue's API words.</summary>
internal static class KueueQueuesDefaults
{
    public const string LocalQueueName = "training";
    public const string ClusterQueueSuffix = "-gpu";
    public const string ProvisioningSuffix = "-provisioning";
    public const int MaxFlavors = 16;
    public const int MaxGpus = 10000;

    public const string ApiGroup = "kueue.x-k8s.io";
    public const string ApiVersion = ApiGroup + "/v1beta1";
    public const string ProvisioningController = "kueue.x-k8s.io/provisioning-request";
    public const string QueuedProvisioningClass = "queued-provisioning.gke.io";
    public const string GpuResource = "nvidia.com/gpu";

    /// <summary>The resources every flavor is given a quota of, in the order of the ClusterQueue's <c>coveredResources</c>.</summary>
    public static readonly IReadOnlyList<string> CoveredResources = ["cpu", "memory", GpuResource];
}
