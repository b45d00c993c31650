using System.Globalization;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>
/// Machine shapes that do not exist fail at apply; the catalogue (<see cref="MachineShapes"/>) and the N1 GPU limits
/// (<see cref="GpuMachineRules"/>) refuse them at synth. Generated over the whole catalogue: every shape accepted, its
/// neighbours refused; every custom rule at its memory and vCPU boundaries.
/// </summary>
public sealed class MachineShapeTests
{
    private static IReadOnlyList<string> Check(string machineType) => new InputValidator("Test", "test/Subject").ValidateMachineShape(machineType).Problems;

    [Test]
    public void Every_shape_of_the_catalogue_is_accepted_and_its_missing_neighbours_are_refused()
    {
        Assert.That(MachineShapes.AllPredefined.Where(shape => Check(shape).Count > 0), Is.Empty);
        foreach (var (family, sizes) in MachineShapes.PredefinedVcpus)
        {
            foreach (var neighbour in sizes.SelectMany(n => new[] { n - 1, n + 1 }).Where(n => n > 0 && !sizes.Contains(n)).Distinct())
            {
                var shape = string.Create(CultureInfo.InvariantCulture, $"{family}-{neighbour}");
                Assert.That(Check(shape), Is.EqualTo(new[]
                {
                    $"MachineType was \"{shape}\": is not a {family} machine type: the sizes are {family}-{{{string.Join(",", sizes)}}} vCPUs.",
                }), shape);
            }
        }
    }

    [TestCase("n1-standard-3", "is not a n1-standard machine type: the sizes are n1-standard-{1,2,4,8,16,32,64,96} vCPUs")]
    [TestCase("n2-highmem-3", "is not a n2-highmem machine type: the sizes are n2-highmem-{2,4,8,16,32,48,64,80,96,128} vCPUs")]
    [TestCase("n9-standard-8", "is not a machine type of the catalogue (e2, n1, n2, n2d, n4, c2, c2d, c3, t2d, g2, a2, a3 shapes such as n2-standard-8, or a custom type such as n2-custom-8-32768) (" + MachineShapes.HowToExtend + ")")]
    [TestCase("n2-custom-8-2048", "N2 custom machine types need at least 512 MB per vCPU: 8 vCPUs need at least 4096 MB, not 2048")]
    [TestCase("n2-custom-8-70000", "the memory of a custom machine type must be a multiple of 256 MB; 70000 MB is not (try 69888 or 70144)")]
    [TestCase("n2-custom-34-65536", "N2 custom machine types take 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 72, 76, 80, 84, 88, 92, 96, 100, 104, 108, 112, 116, 120, 124, 128 vCPUs, not 34")]
    [TestCase("e2-custom-4-8192-ext", "E2 custom machine types have no extended memory (-ext)")]
    [TestCase("t2d-custom-4-8192", "custom machine types exist for custom, n1-custom, n2-custom, n2d-custom, e2-custom only (" + MachineShapes.HowToExtend + ")")]
    public void A_shape_that_does_not_exist_is_refused_saying_what_would(string machineType, string allowed) =>
        Assert.That(Check(machineType), Is.EqualTo(new[] { $"MachineType was \"{machineType}\": {allowed}." }));

    /// <summary>Generated: for every custom family and vCPU count, the least and most memory are accepted (the most with -ext
    /// where the family has extended memory) and 256 MB beyond either is refused.</summary>
    [Test]
    public void Custom_types_are_accepted_up_to_their_memory_boundaries_and_refused_just_beyond()
    {
        foreach (var (prefix, rule) in MachineShapes.CustomRules)
        {
            foreach (var vcpus in rule.Vcpus)
            {
                var least = ((rule.MinMbPerVcpu * (long)vcpus) + 255) / 256 * 256;
                var most = rule.MaxMbPerVcpu * (long)vcpus / 256 * 256;
                string Shape(long mb, string ext = "") => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{vcpus}-{mb}{ext}");
                Assert.That(Check(Shape(least)), Is.Empty, Shape(least));
                Assert.That(Check(Shape(most)), Is.Empty, Shape(most));
                Assert.That(Check(Shape(least - 256)), Has.Count.EqualTo(1), Shape(least - 256));
                Assert.That(Check(Shape(most + 256)), Has.Count.EqualTo(1), Shape(most + 256));
                if (rule.MaxExtendedMb is { } extended && most + 256 <= extended)
                {
                    Assert.That(Check(Shape(most + 256, "-ext")), Is.Empty, Shape(most + 256, "-ext"));
                    Assert.That(Check(Shape(extended + 256, "-ext")), Has.Count.EqualTo(1), Shape(extended + 256, "-ext"));
                }
            }
        }
    }

    [Test]
    public void A_cpu_pool_refuses_a_shape_that_does_not_exist_naming_the_member()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new CpuNodePool(SynthHarness.BareStack(), "Pool", CpuPool with { MachineType = "n1-standard-3" }))!;
        Assert.That(error.Message, Does.StartWith("Invalid CpuNodePool at path [test/Pool]:"));
        Assert.That(error.Problems, Is.EqualTo(new[] { "MachineType was \"n1-standard-3\": is not a n1-standard machine type: the sizes are n1-standard-{1,2,4,8,16,32,64,96} vCPUs." }));
    }

    /// <summary>The N1 + GPU table: one V100 allows 12 vCPUs and 78 GB, so n1-standard-8 fits and n1-standard-16 does not.</summary>
    [TestCase(GpuType.NvidiaV100, 1, "n1-highmem-8", true)]
    [TestCase(GpuType.NvidiaV100, 1, "n1-standard-16", false)]
    [TestCase(GpuType.NvidiaV100, 1, "n1-standard-96", false)]
    [TestCase(GpuType.NvidiaV100, 8, "n1-highmem-96", true)]
    [TestCase(GpuType.NvidiaT4, 1, "n1-highmem-32", true)]
    [TestCase(GpuType.NvidiaT4, 1, "n1-standard-64", false)]
    [TestCase(GpuType.NvidiaT4, 2, "n1-highmem-64", false)]
    [TestCase(GpuType.NvidiaT4, 4, "n1-highmem-96", true)]
    [TestCase(GpuType.NvidiaP4, 1, "n1-highmem-16", true)]
    [TestCase(GpuType.NvidiaP4, 1, "n1-highmem-32", false)]
    public void N1_machines_are_limited_in_vcpus_and_memory_per_gpu_count(GpuType gpu, int count, string machineType, bool accepted)
    {
        var problems = new InputValidator("Test", "test/Subject").ValidateGpuMachine(gpu, count, machineType).Problems;
        Assert.That(problems, accepted ? Is.Empty : Has.Count.EqualTo(1));
    }

    [Test]
    public void One_v100_on_n1_standard_96_is_refused_naming_the_limit_and_what_would_fit()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new GpuNodePool(SynthHarness.BareStack(), "Pool",
            T4Pool with { Gpu = GpuType.NvidiaV100, MachineType = "n1-standard-96" }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "MachineType was \"n1-standard-96\": has 96 vCPUs and 360 GB, but N1 with 1 nvidia-tesla-v100 GPU (GpuCount) allows at most 12 vCPUs and 78 GB: "
            + "use a smaller N1 shape or more GPUs (1 GPU: up to 12 vCPUs, 78 GB; 2 GPUs: up to 24 vCPUs, 156 GB; 4 GPUs: up to 48 vCPUs, 312 GB; 8 GPUs: up to 96 vCPUs, 624 GB).",
        }));
    }

    /// <summary>Generated: for every N1 GPU type and count, the largest N1 shape within the limit is accepted and the next
    /// larger one of the same class refused.</summary>
    [Test]
    public void For_every_n1_gpu_count_the_largest_fitting_shape_is_accepted_and_the_next_refused()
    {
        foreach (var (gpu, limits) in GpuMachineRules.N1Limits)
        {
            foreach (var (count, limit) in limits)
            {
                foreach (var (family, perVcpu) in MachineShapes.N1MemoryPerVcpuGb)
                {
                    var sizes = MachineShapes.PredefinedVcpus[family];
                    var fits = sizes.Where(n => n <= limit.Vcpus && n * perVcpu <= limit.MemoryGb).ToList();
                    if (fits.Count > 0)
                    {
                        var largest = $"{family}-{fits[^1]}";
                        Assert.That(new InputValidator("T", "t").ValidateGpuMachine(gpu, count, largest).Problems, Is.Empty, $"{gpu} × {count} on {largest}");
                    }

                    if (sizes.FirstOrDefault(n => !fits.Contains(n) && (fits.Count == 0 || n > fits[^1])) is > 0 and var next)
                    {
                        var shape = $"{family}-{next}";
                        Assert.That(new InputValidator("T", "t").ValidateGpuMachine(gpu, count, shape).Problems, Has.Count.EqualTo(1), $"{gpu} × {count} on {shape}");
                    }
                }
            }
        }
    }

    [Test]
    public void A_gpu_pool_machine_type_given_as_a_reference_is_accepted()
    {
        var stack = SynthHarness.BareStack();
        var machine = new HashiCorp.Cdktf.TerraformVariable(stack, "machine", new HashiCorp.Cdktf.TerraformVariableConfig { Type = "string" });
        Assert.DoesNotThrow(() => _ = new GpuNodePool(stack, "Pool", T4Pool with { MachineType = machine.StringValue }));
    }
}
