using MlopsCdktf.Core;

namespace MlopsCdktf.Aws.Eks;

/// <summary>
/// Which EC2 instance types carry which NVIDIA GPU, and how many (https://aws.amazon.com/ec2/instance-types/#Accelerated_Computing),
/// as data: a GPU node group asking for an L4 on a <c>g5</c> type (A10G) fails at synth, not as a pending pod hours later.
/// The count is what a node offers as allocatable <c>nvidia.com/gpu</c>, and what the cluster autoscaler's node template
/// announces for a group at zero.
/// </summary>
public static class EksGpuInstanceRules
{
    /// <summary>Each family's GPU and GPUs per instance size.</summary>
    internal static readonly IReadOnlyDictionary<string, (NvidiaGpu Gpu, IReadOnlyDictionary<string, int> GpusPerSize)> Families =
        new Dictionary<string, (NvidiaGpu, IReadOnlyDictionary<string, int>)>
        {
            ["g4dn"] = (NvidiaGpu.T4, Sizes(("xlarge", 1), ("2xlarge", 1), ("4xlarge", 1), ("8xlarge", 1), ("16xlarge", 1), ("12xlarge", 4), ("metal", 8))),
            ["g5"] = (NvidiaGpu.A10G, Sizes(("xlarge", 1), ("2xlarge", 1), ("4xlarge", 1), ("8xlarge", 1), ("16xlarge", 1), ("12xlarge", 4), ("24xlarge", 4), ("48xlarge", 8))),
            ["g6"] = (NvidiaGpu.L4, Sizes(("xlarge", 1), ("2xlarge", 1), ("4xlarge", 1), ("8xlarge", 1), ("16xlarge", 1), ("12xlarge", 4), ("24xlarge", 4), ("48xlarge", 8))),
            ["g6e"] = (NvidiaGpu.L40S, Sizes(("xlarge", 1), ("2xlarge", 1), ("4xlarge", 1), ("8xlarge", 1), ("16xlarge", 1), ("12xlarge", 4), ("24xlarge", 4), ("48xlarge", 8))),
            ["p4d"] = (NvidiaGpu.A100, Sizes(("24xlarge", 8))),
            ["p5"] = (NvidiaGpu.H100, Sizes(("4xlarge", 1), ("48xlarge", 8))),
        };

    /// <summary>The GPU and GPU count of <paramref name="instanceType"/> (e.g. <c>g6.12xlarge</c> → L4 × 4), or null for a
    /// type this catalogue does not list.</summary>
    public static (NvidiaGpu Gpu, int Count)? Of(string? instanceType)
    {
        if (instanceType?.Split('.') is not [var family, var size] || !Families.TryGetValue(family, out var entry)
            || !entry.GpusPerSize.TryGetValue(size, out var count))
        {
            return null;
        }

        return (entry.Gpu, count);
    }

    /// <summary>The instance types carrying <paramref name="gpu"/>, e.g. <c>g6.xlarge (1)</c>, for messages and docs.</summary>
    public static IReadOnlyList<string> InstanceTypesWith(NvidiaGpu gpu) =>
        [.. Families.Where(f => f.Value.Gpu == gpu).SelectMany(f => f.Value.GpusPerSize.Select(s => $"{f.Key}.{s.Key} ({s.Value} GPU{(s.Value == 1 ? "" : "s")})"))];

    /// <summary>
    /// Adds a problem when <paramref name="instanceType"/> does not carry <paramref name="gpu"/>, naming the types that do.
    /// </summary>
    /// <param name="validator">The validator collecting problems.</param>
    /// <param name="gpu">The GPU the group must offer.</param>
    /// <param name="instanceType">The group's instance type, e.g. <c>g6.2xlarge</c>.</param>
    /// <param name="property">The property or environment field holding the instance type.</param>
    public static InputValidator ValidateGpuInstanceType(this InputValidator validator, NvidiaGpu gpu, string? instanceType, string property = "InstanceType")
    {
        ArgumentNullException.ThrowIfNull(validator);
        // A reference is refused too: the type fixes the GPU count the autoscaler's node template announces.
        if (!Enum.IsDefined(gpu) || instanceType is null)
        {
            return validator;
        }

        var carried = Of(instanceType);
        return validator.Require(carried?.Gpu == gpu, property, instanceType, carried is { } other
            ? $"{instanceType} carries {other.Gpu}, not {gpu}; {gpu} comes with {string.Join(", ", InstanceTypesWith(gpu))}"
            : $"is not a GPU instance type this library knows; {gpu} comes with {string.Join(", ", InstanceTypesWith(gpu))}");
    }

    private static IReadOnlyDictionary<string, int> Sizes(params (string Size, int Gpus)[] sizes) => sizes.ToDictionary(s => s.Size, s => s.Gpus);
}
