using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>A GPU pool pinned to a zone without its GPU fails at synth, naming the property, the zone, the GPU and where it is offered.</summary>
public sealed class GpuZoneTests
{
    private static readonly NodePoolCluster EastCluster = Cluster with { Location = "us-east1" };

    private static string Catalogue => $"(accelerator catalogue MlopsCdktf.Library/Gcp/accelerator-zones.tsv of {AcceleratorZoneCatalog.Embedded.Date}; "
                                       + "if it is out of date, regenerate it with scripts/update-accelerator-zones.sh)";

    [Test]
    public void A_t4_pool_in_a_zone_without_t4s_names_the_zones_that_have_them()
    {
        var error = Reject<GpuNodePool>(stack => _ = new GpuNodePool(stack, "Gpu", T4Pool with { Cluster = EastCluster, NodeLocations = ["us-east1-b", "us-east1-d"] }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"NodeLocations was \"us-east1-d\": nvidia-tesla-t4 (NvidiaT4) is not offered in zone us-east1-d; in us-east1 it is offered in us-east1-b, us-east1-c {Catalogue}.",
        }));
    }

    [Test]
    public void A_gpu_no_zone_of_the_region_offers_names_the_regions_that_do()
    {
        var error = Reject<GpuNodePool>(stack => _ = new GpuNodePool(stack, "Gpu", T4Pool with
        {
            Gpu = GpuType.NvidiaA100_80Gb,
            MachineType = "a2-ultragpu-1g",
            Cluster = Cluster with { Location = "europe-west1" },
            NodeLocations = ["europe-west1-b"],
        }));
        Assert.That(error.Problems.Single(), Is.EqualTo(
            "NodeLocations was \"europe-west1-b\": nvidia-a100-80gb (NvidiaA100_80Gb) is not offered in zone europe-west1-b; in europe-west1 it is offered in "
            + $"no zone (regions that offer it: asia-southeast1, europe-west4, us-central1, us-east4) {Catalogue}."));
    }

    [Test]
    public void A_zonal_cluster_without_node_locations_is_checked_by_its_location()
    {
        var error = Reject<GpuNodePool>(stack => _ = new GpuNodePool(stack, "Gpu", T4Pool with { Cluster = Cluster with { Location = "us-west1-c" } }));
        Assert.That(error.Problems.Single(), Does.StartWith("Cluster.Location was \"us-west1-c\": nvidia-tesla-t4 (NvidiaT4) is not offered in zone us-west1-c; in us-west1 it is offered in us-west1-a, us-west1-b "));
    }

    [TestCase("europe-west4-b")]
    [TestCase("europe-west4-a")] // uncertain rows pass a construct: only an environment insists on certainty
    [TestCase("asia-south1-a")] // a region the catalogue does not cover cannot be checked
    public void Zones_that_offer_the_gpu_or_cannot_be_judged_are_accepted(string zone) =>
        Assert.DoesNotThrow(() => SynthHarnessGpu(zone));

    [Test]
    public void An_environment_check_rejects_uncertain_rows_and_uncovered_regions()
    {
        var v = new InputValidator("DeploymentEnvironment", "Catalog");
        v.ValidateGpuZone(GpuType.NvidiaT4, "europe-west4-a", "[dev] Gcp.Zone", requireListed: true);
        v.ValidateGpuZone(GpuType.NvidiaT4, "asia-south1-a", "[qa] Gcp.Zone", requireListed: true);
        v.ValidateGpuZone(GpuType.NvidiaT4, "europe-west4-b", "[ok] Gcp.Zone", requireListed: true);
        Assert.That(v.Problems, Is.EqualTo(new[]
        {
            "[dev] Gcp.Zone was \"europe-west4-a\": nvidia-tesla-t4 (NvidiaT4) in zone europe-west4-a is marked uncertain (its sources disagree); "
            + $"pin a zone where it is listed: europe-west4-b, europe-west4-c {Catalogue}.",
            "[qa] Gcp.Zone was \"asia-south1-a\": nvidia-tesla-t4 (NvidiaT4) availability cannot be checked: the accelerator catalogue has no data for region "
            + "asia-south1 (it covers asia-east1, asia-northeast1, asia-southeast1, europe-west1, europe-west2, europe-west4, southamerica-east1, us-central1, "
            + "us-east1, us-east4, us-west1); regenerate MlopsCdktf.Library/Gcp/accelerator-zones.tsv with scripts/update-accelerator-zones.sh from gcloud output.",
        }));
    }

    private static void SynthHarnessGpu(string zone) =>
        MlopsCdktf.Tests.Support.SynthHarness.Gcp(stack => _ = new GpuNodePool(stack, "Gpu", T4Pool with
        {
            Cluster = Cluster with { Location = AcceleratorZoneCatalog.RegionOf(zone) },
            NodeLocations = [zone],
        }));
}
