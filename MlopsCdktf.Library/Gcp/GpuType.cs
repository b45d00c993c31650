namespace MlopsCdktf.Gcp;

/// <summary>The NVIDIA GPUs GKE node pools can attach. Each fits only certain machine families (see <see cref="GpuMachineRules"/>).</summary>
public enum GpuType
{
    /// <summary>NVIDIA T4 (<c>nvidia-tesla-t4</c>), on N1 machines, 1, 2 or 4 per VM. Inference and small training.</summary>
    NvidiaT4,

    /// <summary>NVIDIA P4 (<c>nvidia-tesla-p4</c>), on N1 machines, 1, 2 or 4 per VM.</summary>
    NvidiaP4,

    /// <summary>NVIDIA P100 (<c>nvidia-tesla-p100</c>), on N1 machines, 1, 2 or 4 per VM.</summary>
    NvidiaP100,

    /// <summary>NVIDIA V100 (<c>nvidia-tesla-v100</c>), on N1 machines, 1, 2, 4 or 8 per VM.</summary>
    NvidiaV100,

    /// <summary>NVIDIA L4 (<c>nvidia-l4</c>), on G2 machines; the count is fixed by the shape.</summary>
    NvidiaL4,

    /// <summary>NVIDIA A100 40GB (<c>nvidia-tesla-a100</c>), on A2 Standard machines (<c>a2-highgpu-*</c>, <c>a2-megagpu-16g</c>).</summary>
    NvidiaA100_40Gb,

    /// <summary>NVIDIA A100 80GB (<c>nvidia-a100-80gb</c>), on A2 Ultra machines (<c>a2-ultragpu-*</c>).</summary>
    NvidiaA100_80Gb,

    /// <summary>NVIDIA H100 80GB (<c>nvidia-h100-80gb</c>), on A3 High machines (<c>a3-highgpu-*</c>).</summary>
    NvidiaH100_80Gb,

    /// <summary>NVIDIA H100 Mega 80GB (<c>nvidia-h100-mega-80gb</c>), on A3 Mega machines (<c>a3-megagpu-8g</c>).</summary>
    NvidiaH100Mega80Gb,
}

/// <summary>How several containers share one physical GPU.</summary>
public enum GpuSharingStrategy
{
    /// <summary>Time-slicing: containers take turns on the whole GPU; no memory isolation.</summary>
    TimeSharing,

    /// <summary>NVIDIA Multi-Process Service: containers run concurrently on the GPU.</summary>
    Mps,
}

/// <summary>Which NVIDIA driver GKE installs on GPU nodes.</summary>
public enum GpuDriverVersion
{
    /// <summary>The newest driver for the GKE version; needed by recent CUDA releases.</summary>
    Latest,

    /// <summary>The default driver for the GKE version.</summary>
    Default,

    /// <summary>No driver: you install one yourself (e.g. with the NVIDIA GPU Operator).</summary>
    InstallationDisabled,
}

/// <summary>GPU sharing on a node pool: the strategy and how many containers share one GPU (2–48).</summary>
/// <param name="Strategy">Time-sharing or MPS.</param>
/// <param name="MaxSharedClientsPerGpu">Containers per physical GPU, 2–48.</param>
public sealed record GpuSharing(GpuSharingStrategy Strategy, int MaxSharedClientsPerGpu);

/// <summary>Maps the GPU enums to the provider's strings, in one place.</summary>
internal static class GpuProviderValues
{
    public static string ToProvider(this GpuType type) => type switch
    {
        GpuType.NvidiaT4 => "nvidia-tesla-t4",
        GpuType.NvidiaP4 => "nvidia-tesla-p4",
        GpuType.NvidiaP100 => "nvidia-tesla-p100",
        GpuType.NvidiaV100 => "nvidia-tesla-v100",
        GpuType.NvidiaL4 => "nvidia-l4",
        GpuType.NvidiaA100_40Gb => "nvidia-tesla-a100",
        GpuType.NvidiaA100_80Gb => "nvidia-a100-80gb",
        GpuType.NvidiaH100_80Gb => "nvidia-h100-80gb",
        GpuType.NvidiaH100Mega80Gb => "nvidia-h100-mega-80gb",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string ToProvider(this GpuSharingStrategy strategy) => strategy switch
    {
        GpuSharingStrategy.TimeSharing => "TIME_SHARING",
        GpuSharingStrategy.Mps => "MPS",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };

    public static string ToProvider(this GpuDriverVersion version) => version switch
    {
        GpuDriverVersion.Latest => "LATEST",
        GpuDriverVersion.Default => "DEFAULT",
        GpuDriverVersion.InstallationDisabled => "INSTALLATION_DISABLED",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, null),
    };
}

/// <summary>The Compute Engine names of the GPU types, as quotas, node pools and prices name them.</summary>
public static class GpuTypeNames
{
    /// <summary>The accelerator type name of <paramref name="type"/>, e.g. <c>nvidia-l4</c> for <see cref="GpuType.NvidiaL4"/>.</summary>
    public static string AcceleratorType(this GpuType type) => type.ToProvider();
}
