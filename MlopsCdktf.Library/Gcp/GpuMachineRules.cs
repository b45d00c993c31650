using System.Globalization;
using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>
/// Which machine types accept which GPUs, how many, and which MIG partitions
/// (https://cloud.google.com/compute/docs/gpus). N1 takes T4/P4/P100/V100 in counts of 1, 2, 4 (V100 also 8);
/// the accelerator-optimized families (A2, G2, A3) come with a fixed GPU count per shape.
/// </summary>
public static partial class GpuMachineRules
{
    private static readonly IReadOnlyDictionary<int, int> G2VcpusToGpus = new Dictionary<int, int>
    {
        [4] = 1, [8] = 1, [12] = 1, [16] = 1, [32] = 1, [24] = 2, [48] = 4, [96] = 8,
    };

    /// <summary>
    /// The most vCPUs and memory (GB) an N1 machine may have per attached GPU count, per GPU type (the N1 table of
    /// https://cloud.google.com/compute/docs/gpus: "one V100 on n1-standard-96" is refused by Compute Engine). P100 × 4 takes
    /// the larger of its zone-dependent limits.
    /// </summary>
    internal static readonly IReadOnlyDictionary<GpuType, IReadOnlyDictionary<int, (int Vcpus, int MemoryGb)>> N1Limits =
        new Dictionary<GpuType, IReadOnlyDictionary<int, (int, int)>>
        {
            [GpuType.NvidiaT4] = new Dictionary<int, (int, int)> { [1] = (48, 312), [2] = (48, 624), [4] = (96, 624) },
            [GpuType.NvidiaP4] = new Dictionary<int, (int, int)> { [1] = (24, 156), [2] = (48, 312), [4] = (96, 624) },
            [GpuType.NvidiaV100] = new Dictionary<int, (int, int)> { [1] = (12, 78), [2] = (24, 156), [4] = (48, 312), [8] = (96, 624) },
            [GpuType.NvidiaP100] = new Dictionary<int, (int, int)> { [1] = (16, 104), [2] = (32, 208), [4] = (96, 624) },
        };

    private static readonly IReadOnlyDictionary<GpuType, string[]> MigPartitions = new Dictionary<GpuType, string[]>
    {
        [GpuType.NvidiaA100_40Gb] = ["1g.5gb", "2g.10gb", "3g.20gb", "7g.40gb"],
        [GpuType.NvidiaA100_80Gb] = ["1g.10gb", "2g.20gb", "3g.40gb", "7g.80gb"],
        [GpuType.NvidiaH100_80Gb] = ["1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "7g.80gb"],
        [GpuType.NvidiaH100Mega80Gb] = ["1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "7g.80gb"],
    };

    /// <summary>
    /// The GPU count <paramref name="machineType"/> has built in, for accelerator-optimized shapes
    /// (<c>a2-highgpu-4g</c> → 4, <c>g2-standard-24</c> → 2), or null for machines GPUs are attached to (N1) or unknown shapes.
    /// </summary>
    internal static int? FixedGpuCount(string machineType)
    {
        var accelerator = AcceleratorShape().Match(machineType);
        if (accelerator.Success)
        {
            return int.Parse(accelerator.Groups["count"].Value, CultureInfo.InvariantCulture);
        }

        var g2 = G2Shape().Match(machineType);
        return g2.Success && G2VcpusToGpus.TryGetValue(int.Parse(g2.Groups["vcpus"].Value, CultureInfo.InvariantCulture), out var gpus) ? gpus : null;
    }

    /// <summary>The MIG partition sizes <paramref name="type"/> supports; empty when it has no MIG.</summary>
    internal static IReadOnlyList<string> MigPartitionSizes(GpuType type) => MigPartitions.TryGetValue(type, out var sizes) ? sizes : [];

    /// <summary>
    /// Adds a problem when <paramref name="machineType"/> cannot carry <paramref name="count"/> GPUs of <paramref name="type"/>,
    /// naming the machine family and counts that would work.
    /// </summary>
    /// <param name="validator">The validator collecting problems.</param>
    /// <param name="type">The GPU type.</param>
    /// <param name="count">The GPUs per node.</param>
    /// <param name="machineType">The node machine type, e.g. <c>g2-standard-24</c>.</param>
    /// <param name="machineProperty">The property or environment field that holds the machine type, e.g. <c>[prod] Training.GpuMachineType</c>.</param>
    /// <param name="countProperty">The property or environment field that holds the count, e.g. <c>[prod] Training.GpuCount</c>.</param>
    public static InputValidator ValidateGpuMachine(this InputValidator validator, GpuType type, int count, string machineType,
        string machineProperty = "MachineType", string countProperty = "GpuCount")
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (!Enum.IsDefined(type))
        {
            return validator.Add("Gpu", type, $"must be one of {string.Join(", ", Enum.GetNames<GpuType>())}");
        }

        // A reference cannot be compared with the GPU's shapes: it is accepted, and GKE checks it at apply.
        if (InputValidator.IsUnresolved(machineType))
        {
            return validator;
        }

        var gpu = type.ToProvider();
        switch (type)
        {
            case GpuType.NvidiaT4 or GpuType.NvidiaP4 or GpuType.NvidiaP100 or GpuType.NvidiaV100:
                if (!N1Shape().IsMatch(machineType))
                {
                    return validator.Add(machineProperty, machineType, $"{gpu} GPUs attach only to N1 machine types (n1-standard-*, n1-highmem-*, n1-highcpu-*)");
                }

                var limits = N1Limits[type];
                if (!limits.TryGetValue(count, out var limit))
                {
                    return validator.Add(countProperty, count, $"{gpu} on {machineType} allows {string.Join(", ", limits.Keys)} GPUs per node");
                }

                return MachineShapes.N1Resources(machineType) is not { } machine || (machine.Vcpus <= limit.Vcpus && machine.MemoryGb <= limit.MemoryGb)
                    ? validator
                    : validator.Add(machineProperty, machineType,
                        string.Create(CultureInfo.InvariantCulture, $"has {machine.Vcpus} vCPUs and {machine.MemoryGb:0.##} GB, but N1 with {count} {gpu} GPU{(count == 1 ? string.Empty : "s")} ")
                        + $"({countProperty[(countProperty.LastIndexOf(' ') + 1)..]}) allows at most {limit.Vcpus} vCPUs and {limit.MemoryGb} GB: use a smaller N1 shape "
                        + $"or more GPUs ({string.Join("; ", limits.Select(l => $"{l.Key} GPU{(l.Key == 1 ? string.Empty : "s")}: up to {l.Value.Vcpus} vCPUs, {l.Value.MemoryGb} GB"))})");
            case GpuType.NvidiaA100_40Gb:
                return RequireShape(validator, gpu, count, machineType, A2HighShape(), "a2-highgpu-{1,2,4,8}g or a2-megagpu-16g", machineProperty, countProperty);
            case GpuType.NvidiaA100_80Gb:
                return RequireShape(validator, gpu, count, machineType, A2UltraShape(), "a2-ultragpu-{1,2,4,8}g", machineProperty, countProperty);
            case GpuType.NvidiaL4:
                return RequireShape(validator, gpu, count, machineType, G2Shape(), "g2-standard-{4,8,12,16,32} (1 GPU), -24 (2), -48 (4) or -96 (8)", machineProperty, countProperty);
            case GpuType.NvidiaH100_80Gb:
                return RequireShape(validator, gpu, count, machineType, A3HighShape(), "a3-highgpu-{1,2,4,8}g (a3-megagpu-8g takes NvidiaH100Mega80Gb)", machineProperty, countProperty);
            case GpuType.NvidiaH100Mega80Gb:
                return RequireShape(validator, gpu, count, machineType, A3MegaShape(), "a3-megagpu-8g", machineProperty, countProperty);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "a GpuType without machine rules");
        }
    }

    private static InputValidator RequireShape(InputValidator validator, string gpu, int count, string machineType, Regex shape, string shapes,
        string machineProperty, string countProperty)
    {
        if (!shape.IsMatch(machineType) || FixedGpuCount(machineType) is not { } fixedCount)
        {
            return validator.Add(machineProperty, machineType, $"{gpu} GPUs come only with machine types {shapes}");
        }

        return validator.Require(count == fixedCount, countProperty, count,
            $"{machineType} has exactly {fixedCount} {gpu} GPU{(fixedCount == 1 ? string.Empty : "s")}; {countProperty[(countProperty.LastIndexOf(' ') + 1)..]} must equal the shape's count");
    }

    [GeneratedRegex("^n1-(standard|highmem|highcpu)-[0-9]+$")]
    private static partial Regex N1Shape();

    [GeneratedRegex("^(a2-highgpu-(1|2|4|8)g|a2-megagpu-16g)$")]
    private static partial Regex A2HighShape();

    [GeneratedRegex("^a2-ultragpu-(1|2|4|8)g$")]
    private static partial Regex A2UltraShape();

    [GeneratedRegex("^a3-highgpu-(1|2|4|8)g$")]
    private static partial Regex A3HighShape();

    [GeneratedRegex("^a3-megagpu-8g$")]
    private static partial Regex A3MegaShape();

    [GeneratedRegex("^a[23]-(high|mega|ultra)gpu-(?<count>[0-9]+)g$")]
    private static partial Regex AcceleratorShape();

    [GeneratedRegex("^g2-standard-(?<vcpus>[0-9]+)$")]
    private static partial Regex G2Shape();
}
