using System.Globalization;
using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>
/// The Compute Engine machine types a node pool may use, as data: the predefined shapes per family and class
/// (https://cloud.google.com/compute/docs/machine-resource), and the custom machine type rules per family
/// (https://cloud.google.com/compute/docs/instances/creating-instance-with-custom-machine-type): allowed vCPU counts, memory
/// per vCPU, memory in multiples of 256 MB, extended memory. A shape that does not exist (<c>n1-standard-3</c>) fails at apply.
/// </summary>
public static partial class MachineShapes
{
    /// <summary>Where to extend the catalogue, quoted in messages.</summary>
    public const string HowToExtend = "if Compute Engine added it recently, add it to MlopsCdktf.Library/Gcp/MachineShapes.cs";

    private static readonly int[] N1Sizes = [2, 4, 8, 16, 32, 64, 96];
    private static readonly int[] N2Sizes = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128];
    private static readonly int[] N4Sizes = [2, 4, 8, 16, 32, 48, 64, 80];
    private static readonly int[] C2dSizes = [2, 4, 8, 16, 32, 56, 112];
    private static readonly int[] C3Sizes = [4, 8, 22, 44, 88, 176];

    /// <summary>The predefined <c>&lt;family&gt;-&lt;class&gt;-&lt;vCPUs&gt;</c> shapes: vCPU counts per family and class.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> PredefinedVcpus { get; } = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal)
    {
        ["e2-standard"] = [2, 4, 8, 16, 32], ["e2-highmem"] = [2, 4, 8, 16], ["e2-highcpu"] = [2, 4, 8, 16, 32],
        ["n1-standard"] = [1, .. N1Sizes], ["n1-highmem"] = N1Sizes, ["n1-highcpu"] = N1Sizes,
        ["n2-standard"] = N2Sizes, ["n2-highmem"] = N2Sizes, ["n2-highcpu"] = N2Sizes[..^1],
        ["n2d-standard"] = [.. N2Sizes, 224], ["n2d-highmem"] = N2Sizes[..^1], ["n2d-highcpu"] = [.. N2Sizes, 224],
        ["n4-standard"] = N4Sizes, ["n4-highmem"] = N4Sizes, ["n4-highcpu"] = N4Sizes,
        ["c2-standard"] = [4, 8, 16, 30, 60],
        ["c2d-standard"] = C2dSizes, ["c2d-highmem"] = C2dSizes, ["c2d-highcpu"] = C2dSizes,
        ["c3-standard"] = C3Sizes, ["c3-highmem"] = C3Sizes, ["c3-highcpu"] = C3Sizes,
        ["t2d-standard"] = [1, 2, 4, 8, 16, 32, 48, 60],
        ["g2-standard"] = [4, 8, 12, 16, 24, 32, 48, 96],
    };

    /// <summary>Shapes with a name rather than a vCPU count: shared-core and accelerator-optimized machine types.</summary>
    public static IReadOnlySet<string> NamedShapes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "e2-micro", "e2-small", "e2-medium",
        "a2-highgpu-1g", "a2-highgpu-2g", "a2-highgpu-4g", "a2-highgpu-8g", "a2-megagpu-16g",
        "a2-ultragpu-1g", "a2-ultragpu-2g", "a2-ultragpu-4g", "a2-ultragpu-8g",
        "a3-highgpu-1g", "a3-highgpu-2g", "a3-highgpu-4g", "a3-highgpu-8g", "a3-megagpu-8g",
    };

    /// <summary>The memory (GB) per vCPU of N1's predefined classes, for the GPU limits (<see cref="GpuMachineRules"/>).</summary>
    internal static readonly IReadOnlyDictionary<string, double> N1MemoryPerVcpuGb = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["n1-standard"] = 3.75, ["n1-highmem"] = 6.5, ["n1-highcpu"] = 0.9,
    };

    /// <summary>The custom machine type rules per prefix (<c>custom-</c> is N1's).</summary>
    internal static IReadOnlyDictionary<string, CustomMachineRule> CustomRules { get; } = new Dictionary<string, CustomMachineRule>(StringComparer.Ordinal)
    {
        ["custom"] = new("N1", [1, .. Even(2, 96)], 922, 6656, 624 * 1024),
        ["n1-custom"] = new("N1", [1, .. Even(2, 96)], 922, 6656, 624 * 1024),
        ["n2-custom"] = new("N2", [.. Even(2, 32), .. Step(36, 128, 4)], 512, 8192, 640 * 1024),
        ["n2d-custom"] = new("N2D", [2, 4, 8, 16, 32, 48, 64, 80, 96], 512, 8192, 768 * 1024),
        ["e2-custom"] = new("E2", Even(2, 32), 512, 8192, null),
    };

    /// <summary>Every machine type of the catalogue's predefined and named shapes, for tests and messages.</summary>
    internal static IEnumerable<string> AllPredefined =>
        PredefinedVcpus.SelectMany(kv => kv.Value.Select(n => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}-{n}"))).Concat(NamedShapes);

    /// <summary>
    /// Records a problem unless <paramref name="machineType"/> is a predefined or named shape of the catalogue, or a custom type
    /// within its family's rules. References are skipped.
    /// </summary>
    public static InputValidator ValidateMachineShape(this InputValidator validator, string? machineType, string property = "MachineType")
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (machineType is null || InputValidator.IsUnresolved(machineType) || NamedShapes.Contains(machineType))
        {
            return validator;
        }

        if (CustomPattern().Match(machineType) is { Success: true } custom)
        {
            return ValidateCustom(validator, machineType, property, custom);
        }

        var dash = machineType.LastIndexOf('-');
        if (dash > 0 && PredefinedVcpus.TryGetValue(machineType[..dash], out var sizes))
        {
            var known = int.TryParse(machineType[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var vcpus) && sizes.Contains(vcpus);
            return validator.Require(known, property, machineType,
                $"is not a {machineType[..dash]} machine type: the sizes are {machineType[..dash]}-{{{string.Join(",", sizes)}}} vCPUs");
        }

        return validator.Add(property, machineType,
            "is not a machine type of the catalogue (e2, n1, n2, n2d, n4, c2, c2d, c3, t2d, g2, a2, a3 shapes such as n2-standard-8, or a "
            + $"custom type such as n2-custom-8-32768) ({HowToExtend})");
    }

    /// <summary>The vCPUs and memory (GB) of a predefined N1 shape (<c>n1-standard-8</c> → 8, 30), or null.</summary>
    internal static (int Vcpus, double MemoryGb)? N1Resources(string machineType)
    {
        var dash = machineType.LastIndexOf('-');
        return dash > 0 && N1MemoryPerVcpuGb.TryGetValue(machineType[..dash], out var perVcpu)
               && int.TryParse(machineType[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var vcpus)
               && PredefinedVcpus[machineType[..dash]].Contains(vcpus)
            ? (vcpus, vcpus * perVcpu)
            : null;
    }

    private static InputValidator ValidateCustom(InputValidator validator, string machineType, string property, Match custom)
    {
        var prefix = custom.Groups["prefix"].Value;
        if (!CustomRules.TryGetValue(prefix, out var rule))
        {
            return validator.Add(property, machineType,
                $"custom machine types exist for {string.Join(", ", CustomRules.Keys)} only ({HowToExtend})");
        }

        var vcpus = int.Parse(custom.Groups["vcpus"].Value, CultureInfo.InvariantCulture);
        var memoryMb = long.Parse(custom.Groups["memory"].Value, CultureInfo.InvariantCulture);
        var extended = custom.Groups["ext"].Success;
        if (!rule.Vcpus.Contains(vcpus))
        {
            return validator.Add(property, machineType, $"{rule.Family} custom machine types take {Ranges(rule.Vcpus)} vCPUs, not {vcpus}");
        }

        if (memoryMb % 256 != 0)
        {
            return validator.Add(property, machineType,
                $"the memory of a custom machine type must be a multiple of 256 MB; {memoryMb} MB is not (try {memoryMb / 256 * 256} or {(memoryMb / 256 + 1) * 256})");
        }

        var min = (long)rule.MinMbPerVcpu * vcpus;
        var max = (long)rule.MaxMbPerVcpu * vcpus;
        if (memoryMb < min)
        {
            return validator.Add(property, machineType,
                $"{rule.Family} custom machine types need at least {rule.MinMbPerVcpu} MB per vCPU: {vcpus} vCPUs need at least {RoundUp(min)} MB, not {memoryMb}");
        }

        if (extended)
        {
            return rule.MaxExtendedMb is { } limit
                ? validator.Require(memoryMb <= limit, property, machineType,
                    $"{rule.Family} extended memory allows at most {limit} MB per VM, not {memoryMb}")
                : validator.Add(property, machineType, $"{rule.Family} custom machine types have no extended memory (-ext)");
        }

        return validator.Require(memoryMb <= max, property, machineType,
            $"{rule.Family} custom machine types allow at most {rule.MaxMbPerVcpu} MB per vCPU: {vcpus} vCPUs allow at most {max} MB, not {memoryMb}"
            + (rule.MaxExtendedMb is null ? string.Empty : " (add -ext for extended memory)"));
    }

    private static long RoundUp(long mb) => (mb + 255) / 256 * 256;

    private static string Ranges(IReadOnlyList<int> values) => string.Join(", ", values);

    private static int[] Even(int from, int to) => Step(from, to, 2);

    private static int[] Step(int from, int to, int step) => Enumerable.Range(0, ((to - from) / step) + 1).Select(i => from + (i * step)).ToArray();

    [GeneratedRegex("^(?<prefix>custom|[a-z][a-z0-9]*-custom)-(?<vcpus>[0-9]{1,4})-(?<memory>[0-9]{1,8})(?<ext>-ext)?$")]
    private static partial Regex CustomPattern();
}

/// <summary>The custom machine type rules of one family: vCPU counts, memory per vCPU (MB), extended memory limit (MB per VM).</summary>
/// <param name="Family">The family, e.g. <c>N2</c>.</param>
/// <param name="Vcpus">The vCPU counts allowed.</param>
/// <param name="MinMbPerVcpu">The least memory per vCPU, MB.</param>
/// <param name="MaxMbPerVcpu">The most memory per vCPU without extended memory, MB.</param>
/// <param name="MaxExtendedMb">The most memory per VM with extended memory (<c>-ext</c>), MB, or null when the family has none.</param>
internal sealed record CustomMachineRule(string Family, IReadOnlyList<int> Vcpus, int MinMbPerVcpu, int MaxMbPerVcpu, long? MaxExtendedMb);
