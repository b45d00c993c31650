namespace MlopsCdktf.Core.Scheduling;

/// <summary>
/// Where GPU pods may run: the GPU pool's taint (tolerated) and node label (required by node affinity). The one type
/// node pools (which set the taint and label) and workloads (which tolerate and select them) share.
/// <see cref="Gcp.GpuNodePool.Selector"/> provides it for pools this library creates.
/// </summary>
public sealed record GpuNodeSelector
{
    /// <summary>The pool's taint key, e.g. <c>nvidia.com/gpu</c>.</summary>
    public required string TaintKey { get; init; }

    /// <summary>The pool's taint value, e.g. <c>present</c>.</summary>
    public required string TaintValue { get; init; }

    /// <summary>The pool's taint effect in Kubernetes' spelling, e.g. <c>NoSchedule</c>.</summary>
    public required string TaintEffect { get; init; }

    /// <summary>A label every node of the pool carries, e.g. <c>mlops.io/pool-role</c>.</summary>
    public required string NodeLabelKey { get; init; }

    /// <summary>That label's value, e.g. <c>gpu-training</c>.</summary>
    public required string NodeLabelValue { get; init; }

    /// <summary>The GPUs one node of the pool offers (its allocatable <c>nvidia.com/gpu</c>). A pod asking for more stays
    /// Pending for ever (no node fits), so workloads are refused at synth when their <c>Gpu.Count</c> exceeds it.</summary>
    /// <value>The default value is null: unknown, not checked. <see cref="Gcp.GpuNodePool.Selector"/> sets the pool's
    /// <c>GpuCount</c> (null with MIG partitions or GPU sharing, where the count differs).</value>
    public int? GpusPerNode { get; init; }

    /// <summary>The selector pods of a pool with <paramref name="taint"/> and node label <paramref name="labelKey"/>=<paramref name="labelValue"/> need.</summary>
    internal static GpuNodeSelector For(NodeTaint taint, string labelKey, string labelValue) => new()
    {
        TaintKey = taint.Key,
        TaintValue = taint.Value,
        TaintEffect = taint.Effect.ToString(),
        NodeLabelKey = labelKey,
        NodeLabelValue = labelValue,
    };
}
