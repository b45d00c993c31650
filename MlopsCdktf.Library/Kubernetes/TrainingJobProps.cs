namespace MlopsCdktf.Kubernetes;

/// <summary>Input of <see cref="TrainingJob"/>: one training run. Every optional member documents its default and why.</summary>
public sealed record TrainingJobProps
{
    /// <summary>Name of the Job (a DNS-1123 label, at most 63 characters), e.g. <c>churn-train-run-42</c>. A Job's pod
    /// template cannot change, so a new run is a new name (or a new run stack).</summary>
    public required string Name { get; init; }

    /// <summary>The namespace (an <see cref="MlNamespace"/>'s name); never <c>default</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>The training image pinned by tag or digest; <c>latest</c> and untagged images are rejected.</summary>
    public required string Image { get; init; }

    /// <summary>CPU and memory requests and limits (requests at most limits).</summary>
    public required ContainerResources Resources { get; init; }

    /// <summary>The container's command, e.g. <c>["python", "-m", "train"]</c>.</summary>
    /// <value>The default value is null: the image's entrypoint.</value>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Arguments to the command.</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables of the container (name → value), e.g. the model version and where to write the
    /// artefact. Names are C identifiers (<c>MODEL_VERSION</c>); values are plain text: pass secrets through
    /// <see cref="Identity"/>, never here.</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra labels on the Job and its pod linking the run to what it trains and runs on, e.g.
    /// <c>mlops.io/run</c>, <c>mlops.io/model-version</c>, <c>mlops.io/infra-version</c>. Kubernetes label keys and values;
    /// the construct's own keys (<c>app.kubernetes.io/name</c>, <c>app.kubernetes.io/component</c>,
    /// <c>app.kubernetes.io/managed-by</c>, <c>kueue.x-k8s.io/queue-name</c>) are reserved.</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyDictionary<string, string> RunLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>What the job is for: a label value (<c>app.kubernetes.io/component</c>).</summary>
    /// <value>The default value is <c>training</c>.</value>
    public string Component { get; init; } = TrainingJobDefaults.Component;

    /// <summary>GPUs for the container, with the GPU pool to tolerate and require (a <c>GpuNodePool.Selector</c> or an EKS
    /// GPU node group's).</summary>
    /// <value>The default value is null: CPU only.</value>
    public GpuRequest? Gpu { get; init; }

    /// <summary>Claims mounted into the container, e.g. prepared directories of the shared workspace
    /// (<see cref="NfsWorkspaceVolume.Mount"/>): datasets in, checkpoints out. A mount with
    /// <see cref="ClaimMount.PreparedBy"/> makes the Job depend on the preparation.</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<ClaimMount> Mounts { get; init; } = [];

    /// <summary>The identity the pod runs as: a <see cref="WorkloadIdentityAccount"/> (GKE) or a
    /// <see cref="PodIdentityAccount"/> (EKS) in <see cref="Namespace"/>, e.g. with create-only rights on the model
    /// registry. The Job waits for its account and bindings, so the run already gets credentials.</summary>
    /// <value>The default value is null: the namespace's <c>default</c> account, with no token mounted.</value>
    public IWorkloadIdentity? Identity { get; init; }

    /// <summary>The budget of the Job's <see cref="MlNamespace"/> (<see cref="MlNamespace.Budget"/>): the run's pod is
    /// checked at synth, with the workloads admitted before it, against the namespace's quota.</summary>
    /// <value>The default value is null: not checked (the namespace is not declared here).</value>
    public NamespaceBudget? Budget { get; init; }

    /// <summary>The Kueue LocalQueue (in <see cref="Namespace"/>) the run is submitted to: sets the label
    /// <c>kueue.x-k8s.io/queue-name</c>, so Kueue holds the Job suspended until its ClusterQueue admits it (with GKE queued
    /// provisioning, once the ProvisioningRequest has all nodes). Required to run on a
    /// <c>GpuProvisioning.QueuedProvisioning</c> pool. With a queue, the pod template fields Kueue writes on admission
    /// (node selector, tolerations, annotations) are ignored by Terraform, so a second apply shows no change.</summary>
    /// <value>The default value is null: the Job starts at once, without Kueue.</value>
    public string? QueueName { get; init; }

    /// <summary>Seconds the run may take before Kubernetes stops it (<c>activeDeadlineSeconds</c>, 60 s to 7 days); under
    /// Kueue it counts from admission. Keep it below the GPU pool's maximum run duration.</summary>
    /// <value>The default value is 86400 (24 hours): a hung run must not hold GPUs for days.</value>
    public int ActiveDeadlineSeconds { get; init; } = TrainingJobDefaults.ActiveDeadlineSeconds;

    /// <summary>Retries of a failed run's pod (<c>backoffLimit</c>, 0–10). Training resumes from its checkpoints.</summary>
    /// <value>The default value is 1: one retry for a lost node, not a loop of failing GPU hours.</value>
    public int BackoffLimit { get; init; } = TrainingJobDefaults.BackoffLimit;
}

/// <summary>The one home of <see cref="TrainingJob"/>'s default values.</summary>
internal static class TrainingJobDefaults
{
    public const string Component = "training";
    public const int ActiveDeadlineSeconds = 86400;
    public const int MinActiveDeadlineSeconds = 60;
    public const int MaxActiveDeadlineSeconds = 7 * 86400;
    public const int BackoffLimit = 1;
    public const int MaxBackoffLimit = 10;

    /// <summary>How long Terraform waits for a deleted Job to be gone (its pod's grace period included); the provider's
    /// default is one minute.</summary>
    public const string DeleteTimeout = "10m";

    /// <summary>The label Kueue reads the LocalQueue from.</summary>
    public const string QueueLabel = "kueue.x-k8s.io/queue-name";

    /// <summary>What Kueue writes into the pod template when it admits a workload (the ResourceFlavor's node labels and
    /// tolerations, the ProvisioningRequest's annotations), and restores when it suspends it.</summary>
    public static readonly string[] KueueManagedFields =
    [
        "spec[0].template[0].metadata[0].annotations",
        "spec[0].template[0].spec[0].node_selector",
        "spec[0].template[0].spec[0].toleration",
    ];
}
