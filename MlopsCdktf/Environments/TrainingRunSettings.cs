using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Environments;

/// <summary>The cluster a training run trains on.</summary>
public enum TrainingCloud
{
    /// <summary>The environment's GKE cluster (<c>mlops-gcp-{env}</c>): a Dynamic Workload Scheduler pool per run.</summary>
    Gke,

    /// <summary>The environment's EKS cluster (<c>mlops-eks-{env}</c>): a managed GPU node group per run.</summary>
    Eks,
}

/// <summary>
/// Ephemeral training runs of an environment (<c>make train ENV=&lt;env&gt; RUN=&lt;name&gt;</c>): GPU capacity that exists
/// for one run only (stack <c>mlops-train-{env}-{run}</c>) and the Job that trains the environment's model release on it
/// (stack <c>mlops-train-{env}-{run}-job</c>), both destroyed when the run ends. See docs/training-runs.md.
/// </summary>
public sealed record TrainingRunSettings
{
    /// <summary>Runs on the GKE cluster, or null for none.</summary>
    /// <value>The default value is null.</value>
    public GkeTrainingRunSettings? Gke { get; init; }

    /// <summary>Runs on the EKS cluster (the environment must declare <see cref="DeploymentEnvironment.EksTraining"/>), or null for none.</summary>
    /// <value>The default value is null.</value>
    public EksTrainingRunSettings? Eks { get; init; }

    /// <summary>The trainer container's requests and limits (one pod per node, all of the node's GPUs).</summary>
    public required ContainerResources Resources { get; init; }

    /// <summary>
    /// The longest a run may take: the Job's <c>activeDeadlineSeconds</c>, and on GKE the pool's <c>max_run_duration</c>
    /// (GKE deletes the nodes after it, whatever Terraform does). At most 7 days (Dynamic Workload Scheduler's limit).
    /// </summary>
    /// <value>The default value is 24 hours.</value>
    public TimeSpan MaxRunDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How many runs may train at once per cloud: the Kueue queue's quota (a whole node's GPUs and the run's requests
    /// per run). A run beyond it waits in the queue, suspended with no pod, and starts when one finishes; the namespace quota
    /// must admit this many runs.</summary>
    /// <value>The default value is 1.</value>
    public int MaxConcurrentRuns { get; init; } = 1;

    /// <summary>The cloud <c>make train</c> uses when <c>CLOUD</c> is not given: GKE when declared, else EKS.</summary>
    public TrainingCloud DefaultCloud => Gke is not null ? TrainingCloud.Gke : TrainingCloud.Eks;
}

/// <summary>The GPU pool of one run on GKE.</summary>
public sealed record GkeTrainingRunSettings
{
    /// <summary>The GPU model.</summary>
    public required GpuType Gpu { get; init; }

    /// <summary>The machine type, validated against the GPU (<see cref="GpuMachineRules"/>).</summary>
    public required string MachineType { get; init; }

    /// <summary>GPUs per node; the run's pod asks for all of them.</summary>
    /// <value>The default value is 1.</value>
    public int GpusPerNode { get; init; } = 1;

    /// <summary>How GKE obtains the GPUs: flex-start (no reservation; the node comes when capacity is free; Google's advice
    /// for runs on one node) or queued provisioning (all nodes at once, through Kueue's ProvisioningRequest admission check,
    /// which the environment's queue then carries).</summary>
    /// <value>The default value is <see cref="GpuProvisioning.FlexStart"/>.</value>
    public GpuProvisioning Provisioning { get; init; } = GpuProvisioning.FlexStart;
}

/// <summary>The GPU node group of one run on EKS.</summary>
public sealed record EksTrainingRunSettings
{
    /// <summary>The GPU model.</summary>
    public required NvidiaGpu Gpu { get; init; }

    /// <summary>The instance type, validated against the GPU (<see cref="EksGpuInstanceRules"/>).</summary>
    public required string InstanceType { get; init; }

    /// <summary>Spot capacity (cheaper; a reclaimed node fails the run, which the Job's retry limit does not hide).</summary>
    /// <value>The default value is false: on-demand, a run is not interrupted.</value>
    public bool Spot { get; init; }
}

/// <summary>The training run one synthesis declares (<c>MLOPS_RUN</c>, <c>MLOPS_RUN_CLOUD</c>; <see cref="SynthSelection"/>).</summary>
/// <param name="Name">The run's name: 2 to 20 lowercase letters, digits and '-', starting with a letter.</param>
/// <param name="Cloud">The cluster it trains on.</param>
public sealed record TrainingRunSelection(string Name, TrainingCloud Cloud);
