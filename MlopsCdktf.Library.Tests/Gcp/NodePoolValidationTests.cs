using MlopsCdktf.Gcp;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>GPU ↔ machine family, MIG, sharing and autoscaling mistakes fail at synth with the path, property, value and rule.</summary>
public sealed class NodePoolValidationTests
{
    private static IReadOnlyList<string> RejectGpu(GpuNodePoolProps props)
    {
        var error = Reject<GpuNodePool>(stack => _ = new GpuNodePool(stack, "Gpu", props));
        Assert.That(error.ConstructPath, Is.EqualTo("test/Gpu"));
        return error.Problems;
    }

    [Test]
    public void A_t4_on_an_a2_machine_is_rejected() =>
        Assert.That(RejectGpu(T4Pool with { MachineType = "a2-highgpu-1g" }).Single(), Is.EqualTo(
            "MachineType was \"a2-highgpu-1g\": nvidia-tesla-t4 GPUs attach only to N1 machine types (n1-standard-*, n1-highmem-*, n1-highcpu-*)."));

    [Test]
    public void An_a100_count_not_matching_the_a2_shape_is_rejected() =>
        Assert.That(RejectGpu(T4Pool with { Gpu = GpuType.NvidiaA100_40Gb, MachineType = "a2-highgpu-4g", GpuCount = 2 }).Single(), Is.EqualTo(
            "GpuCount was 2: a2-highgpu-4g has exactly 4 nvidia-tesla-a100 GPUs; GpuCount must equal the shape's count."));

    [Test]
    public void An_a100_80gb_on_a_standard_a2_shape_is_rejected() =>
        Assert.That(RejectGpu(T4Pool with { Gpu = GpuType.NvidiaA100_80Gb, MachineType = "a2-highgpu-1g" }).Single(), Is.EqualTo(
            "MachineType was \"a2-highgpu-1g\": nvidia-a100-80gb GPUs come only with machine types a2-ultragpu-{1,2,4,8}g."));

    [TestCase("g2-standard-24", 1, "GpuCount was 1: g2-standard-24 has exactly 2 nvidia-l4 GPUs; GpuCount must equal the shape's count.")]
    [TestCase("g2-standard-6", 1, "MachineType was \"g2-standard-6\": nvidia-l4 GPUs come only with machine types g2-standard-{4,8,12,16,32} (1 GPU), -24 (2), -48 (4) or -96 (8).")]
    [TestCase("n1-standard-8", 1, "MachineType was \"n1-standard-8\": nvidia-l4 GPUs come only with machine types g2-standard-{4,8,12,16,32} (1 GPU), -24 (2), -48 (4) or -96 (8).")]
    public void L4_needs_a_g2_shape_and_its_count(string machine, int count, string expected) =>
        Assert.That(RejectGpu(T4Pool with { Gpu = GpuType.NvidiaL4, MachineType = machine, GpuCount = count }).Single(), Is.EqualTo(expected));

    [Test]
    public void H100_on_a3_mega_points_to_the_mega_gpu_type() =>
        Assert.That(RejectGpu(T4Pool with { Gpu = GpuType.NvidiaH100_80Gb, MachineType = "a3-megagpu-8g", GpuCount = 8 }).Single(),
            Does.Contain("a3-highgpu-{1,2,4,8}g (a3-megagpu-8g takes NvidiaH100Mega80Gb)"));

    [TestCase(GpuType.NvidiaT4, 8, "GpuCount was 8: nvidia-tesla-t4 on n1-standard-8 allows 1, 2, 4 GPUs per node.")]
    [TestCase(GpuType.NvidiaV100, 3, "GpuCount was 3: nvidia-tesla-v100 on n1-standard-8 allows 1, 2, 4, 8 GPUs per node.")]
    public void N1_gpu_counts_are_limited(GpuType gpu, int count, string expected) =>
        Assert.That(RejectGpu(T4Pool with { Gpu = gpu, GpuCount = count }).Single(), Is.EqualTo(expected));

    [Test]
    public void Mig_on_a_t4_is_rejected() =>
        Assert.That(RejectGpu(T4Pool with { MigPartitionSize = "1g.5gb" }).Single(), Is.EqualTo(
            "MigPartitionSize was \"1g.5gb\": nvidia-tesla-t4 does not support Multi-Instance GPU; MIG needs A100 or H100."));

    [Test]
    public void A_mig_size_of_another_gpu_is_rejected() =>
        Assert.That(RejectGpu(T4Pool with { Gpu = GpuType.NvidiaA100_80Gb, MachineType = "a2-ultragpu-1g", MigPartitionSize = "1g.5gb" }).Single(), Is.EqualTo(
            "MigPartitionSize was \"1g.5gb\": nvidia-a100-80gb supports MIG partitions 1g.10gb, 2g.20gb, 3g.40gb, 7g.80gb."));

    [TestCase(1)]
    [TestCase(49)]
    public void Shared_clients_outside_2_to_48_are_rejected(int clients) =>
        Assert.That(RejectGpu(T4Pool with { Sharing = new GpuSharing(GpuSharingStrategy.Mps, clients) }).Single(), Is.EqualTo(
            $"Sharing.MaxSharedClientsPerGpu was {clients}: must be between 2 and 48 clients per GPU."));

    [Test]
    public void Mixed_per_zone_and_total_autoscaling_limits_are_rejected() =>
        Assert.That(RejectGpu(T4Pool with { Autoscaling = new NodePoolAutoscaling { MinNodeCount = 0, MaxNodeCount = 2, TotalMaxNodeCount = 4 } }).Single(), Is.EqualTo(
            "Autoscaling was \"MinNodeCount=0, MaxNodeCount=2, TotalMinNodeCount=unset, TotalMaxNodeCount=4\": per-zone limits (MinNodeCount/MaxNodeCount) and total limits (TotalMinNodeCount/TotalMaxNodeCount) are mutually exclusive; set one pair."));

    [Test]
    public void Min_above_max_is_rejected()
    {
        Assert.That(RejectGpu(T4Pool with { Autoscaling = NodePoolAutoscaling.Total(3, 2) }).Single(), Is.EqualTo(
            "Autoscaling.TotalMinNodeCount was 3: must not exceed TotalMaxNodeCount (2)."));
        var cpu = Reject<CpuNodePool>(stack => _ = new CpuNodePool(stack, "Cpu", CpuPool with { Autoscaling = NodePoolAutoscaling.PerZone(5, 1) }));
        Assert.That(cpu.ConstructPath, Is.EqualTo("test/Cpu"));
        Assert.That(cpu.Problems.Single(), Is.EqualTo("Autoscaling.MinNodeCount was 5: must not exceed MaxNodeCount (1)."));
    }

    [Test]
    public void Missing_autoscaling_limits_are_rejected() =>
        Assert.That(RejectGpu(T4Pool with { Autoscaling = new NodePoolAutoscaling() }).Single(), Does.StartWith("Autoscaling.MaxNodeCount was null: set per-zone"));

    [Test]
    public void Cpu_pool_rejects_gpu_machine_types_and_bad_names_and_labels()
    {
        var error = Reject<CpuNodePool>(stack => _ = new CpuNodePool(stack, "Cpu", CpuPool with
        {
            MachineType = "a2-highgpu-1g",
            Name = "Preprocessing",
            NodeLocations = ["europe-west4"],
            ResourceLabels = new Dictionary<string, string> { ["team"] = "ML Platform" },
        }));
        Assert.That(error.Problems, Has.Member("MachineType was \"a2-highgpu-1g\": is an accelerator-optimized (GPU) machine type; use GpuNodePool for it."));
        Assert.That(error.Problems, Has.Some.StartWith("Name was \"Preprocessing\": must be 1 to 40 characters"));
        Assert.That(error.Problems, Has.Member("NodeLocations was \"europe-west4\": must be a zone of region europe-west4 (the cluster's location, Cluster.Location europe-west4): europe-west4-a, europe-west4-b, europe-west4-c."));
        Assert.That(error.Problems, Has.Member("ResourceLabels[\"team\"] was \"ML Platform\": label values must be at most 63 characters of lowercase letters, digits, '_' and '-'."));
    }
}
