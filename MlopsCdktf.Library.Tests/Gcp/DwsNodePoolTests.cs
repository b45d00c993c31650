using System.Text.Json.Nodes;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>
/// Dynamic Workload Scheduler pools (<see cref="GpuProvisioning"/>): what GKE needs of a flex-start or queued-provisioning
/// pool is written (no reservation, no auto-repair, the run limit), what it refuses fails at synth with the rule, and
/// on-demand pools write nothing new.
/// </summary>
public sealed class DwsNodePoolTests
{
    /// <summary>An L4 flex-start pool for one run of at most 24 hours.</summary>
    public static GpuNodePoolProps FlexStartPool => T4Pool with
    {
        Name = "train-run-42",
        Gpu = GpuType.NvidiaL4,
        MachineType = "g2-standard-24",
        GpuCount = 2,
        Autoscaling = NodePoolAutoscaling.Total(0, 1),
        Provisioning = GpuProvisioning.FlexStart,
        MaxRunDuration = TimeSpan.FromHours(24),
    };

    /// <summary>An A100 queued-provisioning pool of up to 4 nodes, obtained all at once, for at most 3 days.</summary>
    public static GpuNodePoolProps QueuedPool => T4Pool with
    {
        Name = "train-queued",
        Gpu = GpuType.NvidiaA100_40Gb,
        MachineType = "a2-highgpu-8g",
        GpuCount = 8,
        NodeLocations = ["europe-west4-a"],
        Autoscaling = NodePoolAutoscaling.Total(0, 4),
        Provisioning = GpuProvisioning.QueuedProvisioning,
        MaxRunDuration = TimeSpan.FromDays(3),
    };

    private static JsonObject Synth(GpuNodePoolProps props) =>
        SynthHarness.Gcp(stack => new GpuNodePool(stack, "Gpu", props)).Single("google_container_node_pool");

    private static IReadOnlyList<string> Reject(GpuNodePoolProps props)
    {
        var error = GcpTestData.Reject<GpuNodePool>(stack => _ = new GpuNodePool(stack, "Gpu", props));
        Assert.That(error.ConstructPath, Is.EqualTo("test/Gpu"));
        return error.Problems;
    }

    [Test]
    public void Flex_start_pool_asks_dws_without_reservation_or_auto_repair_and_bounds_each_node()
    {
        var pool = Synth(FlexStartPool);
        var config = pool["node_config"]!;
        Assert.That(config["flex_start"]!.GetValue<bool>(), Is.True);
        Assert.That(config["max_run_duration"]!.GetValue<string>(), Is.EqualTo("86400s"));
        Assert.That(config["reservation_affinity"]!["consume_reservation_type"]!.GetValue<string>(), Is.EqualTo("NO_RESERVATION"));
        Assert.That(config["spot"]!.GetValue<bool>(), Is.False);
        Assert.That(pool["management"]!["auto_repair"]!.GetValue<bool>(), Is.False);
        Assert.That(pool["management"]!["auto_upgrade"]!.GetValue<bool>(), Is.True);
        Assert.That(pool["queued_provisioning"], Is.Null);
        Assert.That(pool["autoscaling"]!["total_min_node_count"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(pool["autoscaling"]!["location_policy"]!.GetValue<string>(), Is.EqualTo("ANY"));
        Assert.That(pool["initial_node_count"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public void Queued_provisioning_pool_is_reached_only_through_provisioning_requests()
    {
        var pool = Synth(QueuedPool);
        Assert.That(pool["queued_provisioning"]!["enabled"]!.GetValue<bool>(), Is.True);
        var config = pool["node_config"]!;
        Assert.That(config["flex_start"], Is.Null, "GA queued provisioning; flex-start is a separate mode");
        Assert.That(config["max_run_duration"]!.GetValue<string>(), Is.EqualTo("259200s"));
        Assert.That(config["reservation_affinity"]!["consume_reservation_type"]!.GetValue<string>(), Is.EqualTo("NO_RESERVATION"));
        Assert.That(pool["management"]!["auto_repair"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public void The_pool_exposes_what_kueue_and_the_run_need()
    {
        var stack = SynthHarness.BareStack();
        var pool = new GpuNodePool(stack, "Gpu", QueuedPool);
        Assert.That(pool.Provisioning, Is.EqualTo(GpuProvisioning.QueuedProvisioning));
        Assert.That(pool.MaxRunDuration, Is.EqualTo(TimeSpan.FromDays(3)));
        Assert.That(pool.Selector.GpusPerNode, Is.EqualTo(8));
        Assert.That(new GpuNodePool(stack, "OnDemand", T4Pool).MaxRunDuration, Is.Null);
    }

    [Test]
    public void On_demand_pools_write_none_of_the_dws_settings()
    {
        var pool = Synth(T4Pool);
        var config = pool["node_config"]!.AsObject();
        Assert.That(config.ContainsKey("flex_start") || config.ContainsKey("max_run_duration") || config.ContainsKey("reservation_affinity"), Is.False);
        Assert.That(pool.ContainsKey("queued_provisioning"), Is.False);
        Assert.That(pool["management"]!["auto_repair"]!.GetValue<bool>(), Is.True);
    }

    [TestCase(GpuProvisioning.FlexStart)]
    [TestCase(GpuProvisioning.QueuedProvisioning)]
    public void A_dws_pool_without_a_maximum_run_duration_is_rejected(GpuProvisioning mode) =>
        Assert.That(Reject(FlexStartPool with { Provisioning = mode, MaxRunDuration = null }), Is.EqualTo(new[]
        {
            $"MaxRunDuration was null: is required when Provisioning is {mode}: GKE deletes each node after it, so it bounds the run's cost; set the run's budget, at most 7d (604800s).",
        }));

    [TestCase(8 * 24 * 3600.0, "8d (691200s)")]
    [TestCase(10.0, "10s")]
    [TestCase(90.5, "00:01:30.5000000")]
    public void A_maximum_run_duration_outside_what_dws_allows_is_rejected(double seconds, string shown) =>
        Assert.That(Reject(FlexStartPool with { MaxRunDuration = TimeSpan.FromSeconds(seconds) }), Is.EqualTo(new[]
        {
            $"MaxRunDuration was \"{shown}\": must be whole seconds between 30s and 7d (604800s) when Provisioning is FlexStart (Dynamic Workload Scheduler runs nodes for at most 7 days).",
        }));

    [Test]
    public void A_maximum_run_duration_on_an_on_demand_pool_is_rejected() =>
        Assert.That(Reject(T4Pool with { MaxRunDuration = TimeSpan.FromHours(6) }), Is.EqualTo(new[]
        {
            "MaxRunDuration was \"6h (21600s)\": applies only to Dynamic Workload Scheduler pools: set Provisioning to FlexStart or QueuedProvisioning, or leave it null (an on-demand pool scales its idle nodes down instead of deleting busy ones).",
        }));

    [Test]
    public void A_dws_pool_that_is_spot_starts_above_zero_or_balances_zones_is_rejected_with_every_rule() =>
        Assert.That(Reject(QueuedPool with
        {
            Spot = true,
            Autoscaling = NodePoolAutoscaling.Total(1, 4) with { LocationPolicy = LocationPolicy.Balanced },
        }), Is.EqualTo(new[]
        {
            "Spot was True: must be false when Provisioning is QueuedProvisioning: Dynamic Workload Scheduler and Spot are separate provisioning models, GKE accepts one of them.",
            "Autoscaling.TotalMinNodeCount was 1: must be 0 when Provisioning is QueuedProvisioning: GKE creates Dynamic Workload Scheduler nodes only for pending workloads, so the pool starts and idles at 0 nodes.",
            "Autoscaling.LocationPolicy was Balanced: must be Any when Provisioning is QueuedProvisioning: Dynamic Workload Scheduler takes capacity in whichever zone has it.",
        }));

    [Test]
    public void A_per_zone_minimum_above_zero_is_named_as_such() =>
        Assert.That(Reject(FlexStartPool with { Autoscaling = NodePoolAutoscaling.PerZone(1, 2) }), Is.EqualTo(new[]
        {
            "Autoscaling.MinNodeCount was 1: must be 0 when Provisioning is FlexStart: GKE creates Dynamic Workload Scheduler nodes only for pending workloads, so the pool starts and idles at 0 nodes.",
        }));

    [Test]
    public void An_undefined_provisioning_mode_is_rejected() =>
        Assert.That(Reject(T4Pool with { Provisioning = (GpuProvisioning)7 }).Single(), Does.StartWith("Provisioning was 7: must be one of"));

    /// <summary>Property: every whole-second duration from 30 s to 7 days is accepted in both DWS modes and written as
    /// Google's duration string; every duration just outside is refused.</summary>
    [Test]
    public void Every_whole_second_duration_within_the_dws_range_is_accepted_and_written_in_seconds()
    {
        var random = new Random(22);
        var limit = (long)DwsRules.MaxRunDurationLimit.TotalSeconds;
        var samples = new long[] { 30, 31, 3600, limit - 1, limit }.Concat(Enumerable.Range(0, 40).Select(_ => random.NextInt64(30, limit + 1)));
        foreach (var seconds in samples)
        {
            foreach (var mode in new[] { GpuProvisioning.FlexStart, GpuProvisioning.QueuedProvisioning })
            {
                var v = new InputValidator("GpuNodePool", "test/Gpu");
                v.ValidateMaxRunDuration(mode, TimeSpan.FromSeconds(seconds));
                Assert.That(v.Problems, Is.Empty, $"{seconds}s in {mode}");
                Assert.That(DwsRules.ToDurationString(TimeSpan.FromSeconds(seconds)), Is.EqualTo($"{seconds}s"));
            }
        }

        foreach (var seconds in new[] { 0L, 29, limit + 1, -60 })
        {
            var v = new InputValidator("GpuNodePool", "test/Gpu");
            v.ValidateMaxRunDuration(GpuProvisioning.FlexStart, TimeSpan.FromSeconds(seconds));
            Assert.That(v.Problems, Has.Count.EqualTo(1), $"{seconds}s");
        }
    }

    /// <summary>Property: the pool JSON of every GPU × shape the machine rules accept carries the DWS settings exactly when
    /// the mode is a DWS mode.</summary>
    [TestCase(GpuType.NvidiaT4, "n1-standard-8", 1)]
    [TestCase(GpuType.NvidiaL4, "g2-standard-8", 1)]
    [TestCase(GpuType.NvidiaH100_80Gb, "a3-highgpu-8g", 8)]
    public void Dws_settings_are_written_exactly_for_dws_modes(GpuType gpu, string machine, int count)
    {
        foreach (var mode in Enum.GetValues<GpuProvisioning>())
        {
            var pool = Synth(T4Pool with
            {
                Gpu = gpu,
                MachineType = machine,
                GpuCount = count,
                Provisioning = mode,
                MaxRunDuration = mode.IsDws() ? TimeSpan.FromHours(12) : null,
            });
            var config = pool["node_config"]!.AsObject();
            Assert.That(config.ContainsKey("max_run_duration"), Is.EqualTo(mode.IsDws()), $"{gpu} {mode}");
            Assert.That(config.ContainsKey("reservation_affinity"), Is.EqualTo(mode.IsDws()), $"{gpu} {mode}");
            Assert.That(config.ContainsKey("flex_start"), Is.EqualTo(mode == GpuProvisioning.FlexStart), $"{gpu} {mode}");
            Assert.That(pool.ContainsKey("queued_provisioning"), Is.EqualTo(mode == GpuProvisioning.QueuedProvisioning), $"{gpu} {mode}");
            Assert.That(pool["management"]!["auto_repair"]!.GetValue<bool>(), Is.EqualTo(!mode.IsDws()), $"{gpu} {mode}");
        }
    }
}
