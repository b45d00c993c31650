using MlopsCdktf.Core.Scheduling;

namespace MlopsCdktf.Kubernetes;

/// <summary>CPU and memory a container requests (scheduling) and may use at most (limits). Both are always set.</summary>
public sealed record ContainerResources
{
    /// <summary>CPU the scheduler reserves, e.g. <c>500m</c>.</summary>
    public required string CpuRequest { get; init; }

    /// <summary>Memory the scheduler reserves, e.g. <c>1Gi</c>.</summary>
    public required string MemoryRequest { get; init; }

    /// <summary>CPU the container is throttled at; at least <see cref="CpuRequest"/>.</summary>
    public required string CpuLimit { get; init; }

    /// <summary>Memory the container is killed above; at least <see cref="MemoryRequest"/>.</summary>
    public required string MemoryLimit { get; init; }
}

/// <summary>GPUs for a container: an <c>nvidia.com/gpu</c> limit, a toleration for the pool's taint and node affinity to it.</summary>
public sealed record GpuRequest
{
    /// <summary>Whole GPUs per pod (1–16).</summary>
    /// <value>The default value is 1.</value>
    public int Count { get; init; } = 1;

    /// <summary>The GPU pool to run on. Required: without a pool to tolerate, a GPU pod would never be scheduled.</summary>
    public GpuNodeSelector? Pool { get; init; }
}

/// <summary>
/// A claim mounted into the container, e.g. a prepared directory of the training workspace
/// (<see cref="NfsWorkspaceVolume.Mount"/>). A mount with <see cref="PreparedBy"/> makes the workload depend on the
/// preparation's Job, and its owner uid:gid must be the workload's.
/// </summary>
public sealed record ClaimMount
{
    /// <summary>The PersistentVolumeClaim name, in the workload's namespace.</summary>
    public required string ClaimName { get; init; }

    /// <summary>The claim's namespace, when known: a pod can mount only claims of its own namespace, so a workload in
    /// another namespace is refused at synth (<see cref="NfsWorkspaceVolume.Mount"/> sets it).</summary>
    /// <value>The default value is null: unknown, the claim is taken to be in the workload's namespace.</value>
    public string? Namespace { get; init; }

    /// <summary>Where the claim appears in the container.</summary>
    public required string MountPath { get; init; }

    /// <summary>A directory of the claim to mount instead of its root, e.g. <c>models</c>. It must be one that
    /// <see cref="PreparedBy"/> creates: kubelet creates a missing <c>subPath</c> as root on the node, which fails on a
    /// root-squashed share and otherwise leaves a root-owned directory the non-root workload cannot write.</summary>
    /// <value>The default value is null: the claim's root (prefer a volume of the prepared directory,
    /// <see cref="NfsWorkspaceVolumeProps.Directory"/>, over a subPath).</value>
    public string? SubPath { get; init; }

    /// <summary>Whether the mount is read-only. The model server always mounts read-only.</summary>
    /// <value>The default value is false.</value>
    public bool ReadOnly { get; init; }

    /// <summary>The preparation that created the mounted directory; the workload depends on its Job.</summary>
    /// <value>The default value is null: nothing to wait for (then <see cref="SubPath"/> must be null too).</value>
    public WorkspacePreparation? PreparedBy { get; init; }
}
