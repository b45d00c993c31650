using System.Text.Json.Nodes;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>The defaults of <see cref="GpuNodePool"/> and <see cref="CpuNodePool"/>, read back from the synthesized JSON.</summary>
public sealed class NodePoolTests
{
    private static JsonObject SynthGpu(GpuNodePoolProps? props = null) =>
        SynthHarness.Gcp(stack => new GpuNodePool(stack, "Gpu", props ?? T4Pool)).Single("google_container_node_pool");

    private static JsonObject SynthCpu(CpuNodePoolProps? props = null) =>
        SynthHarness.Gcp(stack => new CpuNodePool(stack, "Cpu", props ?? CpuPool)).Single("google_container_node_pool");

    [Test]
    public void Gpu_pool_attaches_the_accelerator_with_latest_driver_and_no_sharing_or_mig()
    {
        var accelerator = SynthGpu()["node_config"]!["guest_accelerator"]!.AsArray().Single()!;
        Assert.That(accelerator["type"]!.GetValue<string>(), Is.EqualTo("nvidia-tesla-t4"));
        Assert.That(accelerator["count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(accelerator["gpu_driver_installation_config"]!["gpu_driver_version"]!.GetValue<string>(), Is.EqualTo("LATEST"));
        Assert.That(accelerator["gpu_sharing_config"], Is.Null);
        Assert.That(accelerator["gpu_partition_size"], Is.Null);
    }

    [Test]
    public void Gpu_pool_is_tainted_labelled_and_scales_from_zero_on_demand_by_default()
    {
        var pool = SynthGpu();
        var config = pool["node_config"]!;
        var taint = config["taint"]!.AsArray().Single()!;
        Assert.That((taint["key"]!.GetValue<string>(), taint["value"]!.GetValue<string>(), taint["effect"]!.GetValue<string>()),
            Is.EqualTo(("nvidia.com/gpu", "present", "NO_SCHEDULE")));
        Assert.That(config["labels"]!["mlops.io/pool-role"]!.GetValue<string>(), Is.EqualTo("gpu-training"));
        Assert.That(config["labels"]!["mlops.io/accelerator"]!.GetValue<string>(), Is.EqualTo("nvidia-tesla-t4"));
        Assert.That(config["spot"]!.GetValue<bool>(), Is.False);

        var scaling = pool["autoscaling"]!;
        Assert.That(scaling["total_min_node_count"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(scaling["total_max_node_count"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(scaling["min_node_count"], Is.Null);
        Assert.That(scaling["location_policy"]!.GetValue<string>(), Is.EqualTo("ANY"));
        Assert.That(pool["initial_node_count"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public void Both_pools_share_the_secure_node_configuration()
    {
        foreach (var pool in new[] { SynthGpu(), SynthCpu() })
        {
            var config = pool["node_config"]!;
            Assert.That(config["image_type"]!.GetValue<string>(), Is.EqualTo("COS_CONTAINERD"));
            Assert.That(config["disk_type"]!.GetValue<string>(), Is.EqualTo("pd-ssd"));
            Assert.That(config["disk_size_gb"]!.GetValue<int>(), Is.EqualTo(200));
            Assert.That(config["shielded_instance_config"]!["enable_secure_boot"]!.GetValue<bool>(), Is.True);
            Assert.That(config["shielded_instance_config"]!["enable_integrity_monitoring"]!.GetValue<bool>(), Is.True);
            Assert.That(config["workload_metadata_config"]!["mode"]!.GetValue<string>(), Is.EqualTo("GKE_METADATA"));
            Assert.That(config["service_account"]!.GetValue<string>(), Is.EqualTo(Cluster.NodeServiceAccountEmail));
            Assert.That(config["oauth_scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "https://www.googleapis.com/auth/cloud-platform" }));
            Assert.That(config["metadata"]!["disable-legacy-endpoints"]!.GetValue<string>(), Is.EqualTo("true"));
            Assert.That(pool["management"]!["auto_repair"]!.GetValue<bool>(), Is.True);
            Assert.That(pool["management"]!["auto_upgrade"]!.GetValue<bool>(), Is.True);
            Assert.That(pool["upgrade_settings"]!["max_surge"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(pool["upgrade_settings"]!["max_unavailable"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(pool["cluster"]!.GetValue<string>(), Is.EqualTo(Cluster.ClusterId));
            Assert.That(pool["location"]!.GetValue<string>(), Is.EqualTo("europe-west4"));
        }
    }

    [Test]
    public void Cpu_pool_has_no_accelerator_and_no_taint_and_scales_per_zone()
    {
        var pool = SynthCpu();
        Assert.That(pool["node_config"]!["guest_accelerator"], Is.Null);
        Assert.That(pool["node_config"]!["taint"], Is.Null);
        Assert.That(pool["node_config"]!["labels"]!["mlops.io/pool-role"]!.GetValue<string>(), Is.EqualTo("preprocessing"));
        Assert.That(pool["autoscaling"]!["min_node_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(pool["autoscaling"]!["max_node_count"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(pool["initial_node_count"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [TestCase(null, 4, 2)]        // regional cluster, GKE's three zones: ceil(4 / 3) per zone
    [TestCase(1, 1, 1)]           // one zone: the total minimum is the per-zone count
    [TestCase(2, 4, 2)]
    public void Initial_node_count_is_per_zone_for_total_limits(int? zones, int totalMin, int expected)
    {
        var pool = SynthCpu(CpuPool with
        {
            Autoscaling = NodePoolAutoscaling.Total(totalMin, 8),
            NodeLocations = zones is null ? null : new[] { "europe-west4-a", "europe-west4-b" }[..zones.Value],
        });
        Assert.That(pool["initial_node_count"]!.GetValue<int>(), Is.EqualTo(expected));
    }

    [Test]
    public void A_total_minimum_below_the_zone_count_is_rejected_as_it_would_start_more_nodes()
    {
        var error = Reject<CpuNodePool>(stack => _ = new CpuNodePool(stack, "Cpu", CpuPool with { Autoscaling = NodePoolAutoscaling.Total(1, 4) }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Autoscaling.TotalMinNodeCount was 1: initial_node_count is per zone, so a pool in 3 zones starts with at least 3 nodes, more than the total minimum; pin NodeLocations to at most 1 zone(s) or raise the minimum to 3.",
        }));
    }

    [Test]
    public void Mig_sharing_spot_and_shapes_are_configurable()
    {
        var pool = SynthGpu(T4Pool with
        {
            Gpu = GpuType.NvidiaA100_40Gb,
            MachineType = "a2-highgpu-2g",
            GpuCount = 2,
            MigPartitionSize = "1g.5gb",
            Sharing = new GpuSharing(GpuSharingStrategy.TimeSharing, 4),
            Spot = true,
        });
        var accelerator = pool["node_config"]!["guest_accelerator"]![0]!;
        Assert.That(accelerator["type"]!.GetValue<string>(), Is.EqualTo("nvidia-tesla-a100"));
        Assert.That(accelerator["gpu_partition_size"]!.GetValue<string>(), Is.EqualTo("1g.5gb"));
        Assert.That(accelerator["gpu_sharing_config"]!["gpu_sharing_strategy"]!.GetValue<string>(), Is.EqualTo("TIME_SHARING"));
        Assert.That(accelerator["gpu_sharing_config"]!["max_shared_clients_per_gpu"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(pool["node_config"]!["spot"]!.GetValue<bool>(), Is.True);
    }

    [TestCase(GpuType.NvidiaT4, "n1-highmem-16", 4)]
    [TestCase(GpuType.NvidiaV100, "n1-standard-32", 8)]
    [TestCase(GpuType.NvidiaA100_40Gb, "a2-megagpu-16g", 16)]
    [TestCase(GpuType.NvidiaA100_80Gb, "a2-ultragpu-8g", 8)]
    [TestCase(GpuType.NvidiaL4, "g2-standard-8", 1)]
    [TestCase(GpuType.NvidiaL4, "g2-standard-24", 2)]
    [TestCase(GpuType.NvidiaL4, "g2-standard-96", 8)]
    [TestCase(GpuType.NvidiaH100_80Gb, "a3-highgpu-8g", 8)]
    [TestCase(GpuType.NvidiaH100Mega80Gb, "a3-megagpu-8g", 8)]
    public void Valid_gpu_machine_combinations_are_accepted(GpuType gpu, string machine, int count) =>
        Assert.DoesNotThrow(() => _ = new GpuNodePool(SynthHarness.BareStack(), "Gpu", T4Pool with { Gpu = gpu, MachineType = machine, GpuCount = count }));
}
