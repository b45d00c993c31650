namespace MlopsCdktf.Kubernetes;

/// <summary>Input of <see cref="BatchJob"/>. Every optional member documents its default and why.</summary>
public sealed record BatchJobProps
{
    /// <summary>Name of the CronJob (DNS-1123 label, at most 52 characters: Kubernetes appends an 11-character suffix to job names).</summary>
    public required string Name { get; init; }

    /// <summary>The namespace (an <see cref="MlNamespace"/>'s name); never <c>default</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>When to run, in cron syntax (five fields, day of week 0–6; <c>@daily</c> and friends; <c>@every 1h</c>), in
    /// <see cref="TimeZone"/>; e.g. the weekly retrain <c>0 2 * * 1</c>. A schedule that never fires (<c>0 0 30 2 *</c>) is refused.</summary>
    public required string Schedule { get; init; }

    /// <summary>The job image pinned by tag or digest; <c>latest</c> and untagged images are rejected.</summary>
    public required string Image { get; init; }

    /// <summary>CPU and memory requests and limits (requests at most limits).</summary>
    public required ContainerResources Resources { get; init; }

    /// <summary>The container's command, e.g. <c>["python", "-m", "train"]</c>.</summary>
    /// <value>The default value is null: the image's entrypoint.</value>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Arguments to the command.</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>What the job is for: a label value (<c>app.kubernetes.io/component</c>), e.g. <c>retraining</c> or <c>batch-inference</c>.</summary>
    /// <value>The default value is <c>batch</c>.</value>
    public string Component { get; init; } = BatchJobDefaults.Component;

    /// <summary>GPUs for the job's container.</summary>
    /// <value>The default value is null: CPU only.</value>
    public GpuRequest? Gpu { get; init; }

    /// <summary>Claims mounted into the container, e.g. prepared directories of the shared workspace
    /// (<see cref="NfsWorkspaceVolume.Mount"/>): datasets in, checkpoints and models out. Each sets its own
    /// <see cref="ClaimMount.ReadOnly"/>; a mount with <see cref="ClaimMount.PreparedBy"/> makes the CronJob depend on the
    /// preparation.</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<ClaimMount> Mounts { get; init; } = [];

    /// <summary>The budget of the job's <see cref="MlNamespace"/> (<see cref="MlNamespace.Budget"/>): the job's pod (one run
    /// at a time) is checked at synth, with the workloads admitted before it, against the namespace's quota (CPU and memory
    /// requests and limits, GPUs, pods), and its mounts against the namespace.</summary>
    /// <value>The default value is null: not checked (the namespace is not declared here).</value>
    public NamespaceBudget? Budget { get; init; }

    /// <summary>The Kubernetes service account the pods run as, by name (e.g. a <see cref="WorkloadIdentityAccount"/>'s
    /// name); prefer <see cref="Identity"/>, which the CronJob also waits for. Not both.</summary>
    /// <value>The default value is null: the namespace's <c>default</c> account, with no token mounted.</value>
    public string? ServiceAccountName { get; init; }

    /// <summary>The identity the pods run as: a <see cref="WorkloadIdentityAccount"/> (GKE) or a
    /// <see cref="PodIdentityAccount"/> (EKS) in <see cref="Namespace"/>. The CronJob runs as its service account and
    /// waits for its account, bindings and association, so the first run already gets credentials.</summary>
    /// <value>The default value is null: <see cref="ServiceAccountName"/>, or the namespace's <c>default</c> account.</value>
    public IWorkloadIdentity? Identity { get; init; }

    /// <summary>The time zone of <see cref="Schedule"/> (IANA name).</summary>
    /// <value>The default value is <c>Etc/UTC</c>: schedules do not move with daylight saving time.</value>
    public string TimeZone { get; init; } = BatchJobDefaults.TimeZone;

    /// <summary>Seconds a run may take before Kubernetes stops it (<c>activeDeadlineSeconds</c>).</summary>
    /// <value>The default value is 21600 (6 hours): a hung run must not hold GPUs until the next one.</value>
    public int ActiveDeadlineSeconds { get; init; } = BatchJobDefaults.ActiveDeadlineSeconds;

    /// <summary>Retries of a failed run's pod (<c>backoffLimit</c>).</summary>
    /// <value>The default value is 2.</value>
    public int BackoffLimit { get; init; } = BatchJobDefaults.BackoffLimit;

    /// <summary>Seconds after its schedule a missed run may still start (<c>startingDeadlineSeconds</c>).</summary>
    /// <value>The default value is 3600: a run missed during an outage starts within the hour or waits for the next one.</value>
    public int StartingDeadlineSeconds { get; init; } = BatchJobDefaults.StartingDeadlineSeconds;

    /// <summary>Finished successful jobs kept for inspection.</summary>
    /// <value>The default value is 3.</value>
    public int SuccessfulJobsHistoryLimit { get; init; } = BatchJobDefaults.HistoryLimit;

    /// <summary>Finished failed jobs kept for inspection.</summary>
    /// <value>The default value is 3.</value>
    public int FailedJobsHistoryLimit { get; init; } = BatchJobDefaults.HistoryLimit;
}

/// <summary>The one home of <see cref="BatchJob"/>'s default values.</summary>
internal static class BatchJobDefaults
{
    public const string Component = "batch";
    public const string TimeZone = "Etc/UTC";
    public const int ActiveDeadlineSeconds = 21600;
    public const int BackoffLimit = 2;
    public const int StartingDeadlineSeconds = 3600;
    public const int HistoryLimit = 3;
    public const int TtlSecondsAfterFinished = 86400;
    public const int MaxNameLength = 52;
    public const string ConcurrencyPolicy = "Forbid";
}
