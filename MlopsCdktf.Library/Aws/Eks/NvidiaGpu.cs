namespace MlopsCdktf.Aws.Eks;

/// <summary>The NVIDIA GPUs EC2 instance families carry (see <see cref="EksGpuInstanceRules"/>).</summary>
public enum NvidiaGpu
{
    /// <summary>NVIDIA T4 (16 GB), on <c>g4dn</c>: inference and small training.</summary>
    T4,

    /// <summary>NVIDIA A10G (24 GB), on <c>g5</c>.</summary>
    A10G,

    /// <summary>NVIDIA L4 (24 GB), on <c>g6</c>.</summary>
    L4,

    /// <summary>NVIDIA L40S (48 GB), on <c>g6e</c>.</summary>
    L40S,

    /// <summary>NVIDIA A100 (40 GB), on <c>p4d</c>.</summary>
    A100,

    /// <summary>NVIDIA H100 (80 GB), on <c>p5</c>.</summary>
    H100,
}
