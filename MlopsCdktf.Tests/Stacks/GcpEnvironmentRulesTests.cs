using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>Issue 17, items 3 and 4, and issue 18: the GPU × zone, GPU × machine and GPU quota rules, reported against the environment field.</summary>
public sealed class GcpEnvironmentRulesTests
{
    private static string Date => AcceleratorZoneCatalog.Embedded.Date;

    private static IReadOnlyList<string> Reject(params DeploymentEnvironment[] environments) =>
        Assert.Throws<ConstructInputException>(() => MlopsApplication.Compose(SynthHarness.NewApp(), environments))!.Problems;

    [Test]
    public void Every_environment_pins_its_gpu_pool_to_a_zone_that_lists_its_gpu() =>
        Assert.That(Catalog.All.Select(e => AcceleratorZoneCatalog.Embedded.Offer(e.Gcp.Zone, e.Training.Gpu.ToProvider())),
            Has.All.EqualTo(AcceleratorOffer.Listed));

    [Test]
    public void Dev_back_in_europe_west4_a_is_rejected_because_t4_is_only_uncertain_there() =>
        Assert.That(Reject(Catalog.Dev with { Gcp = Catalog.Dev.Gcp with { Zone = "europe-west4-a" } }), Is.EqualTo(new[]
        {
            "[dev] Gcp.Zone was \"europe-west4-a\": nvidia-tesla-t4 (NvidiaT4) in zone europe-west4-a is marked uncertain (its sources disagree); "
            + "pin a zone where it is listed: europe-west4-b, europe-west4-c (accelerator catalogue MlopsCdktf.Library/Gcp/accelerator-zones.tsv of "
            + $"{Date}; if it is out of date, regenerate it with scripts/update-accelerator-zones.sh).",
        }));

    [Test]
    public void A_gpu_the_zone_does_not_offer_is_rejected_naming_the_field_zone_gpu_and_where_it_is_offered()
    {
        var dev = Catalog.Dev with
        {
            Gcp = Catalog.Dev.Gcp with { Zone = "europe-west4-a" },
            Training = Catalog.Dev.Training with { Gpu = GpuType.NvidiaP4 },
            // The training pool's GPU only: the runs' T4 in that zone is a problem of its own (TrainingRunRulesTests).
            TrainingRuns = null,
        };
        Assert.That(Reject(dev), Is.EqualTo(new[]
        {
            "[dev] Gcp.Zone was \"europe-west4-a\": nvidia-tesla-p4 (NvidiaP4) is not offered in zone europe-west4-a; in europe-west4 it is offered in "
            + $"europe-west4-b, europe-west4-c (accelerator catalogue MlopsCdktf.Library/Gcp/accelerator-zones.tsv of {Date}; if it is out of date, "
            + "regenerate it with scripts/update-accelerator-zones.sh).",
        }));
    }

    [Test]
    public void A_gpu_machine_type_that_cannot_carry_the_gpus_is_reported_against_the_environment_field_not_the_pool()
    {
        var prod = Catalog.Prod with { Training = Catalog.Prod.Training with { GpuMachineType = "n1-standard-16" } };
        var staging = Catalog.Staging with { Training = Catalog.Staging.Training with { GpuMachineType = "g2-standard-24" } };
        Assert.That(Reject(staging, prod), Is.EqualTo(new[]
        {
            "[staging] Training.GpuCount was 1: g2-standard-24 has exactly 2 nvidia-l4 GPUs; Training.GpuCount must equal the shape's count.",
            "[prod] Training.GpuMachineType was \"n1-standard-16\": nvidia-l4 GPUs come only with machine types g2-standard-{4,8,12,16,32} (1 GPU), -24 (2), -48 (4) or -96 (8).",
        }));
    }

    [Test]
    public void A_namespace_gpu_quota_below_the_retrain_request_is_reported_against_the_quota_field()
    {
        var prod = Catalog.Prod with { ClusterWorkloads = Catalog.Prod.ClusterWorkloads with { Quota = Catalog.Prod.ClusterWorkloads.Quota with { Gpus = 1 } } };
        var dev = Catalog.Dev with { ClusterWorkloads = Catalog.Dev.ClusterWorkloads with { Quota = Catalog.Dev.ClusterWorkloads.Quota with { Gpus = 0 } } };
        Assert.That(Reject(dev, prod), Is.EqualTo(new[]
        {
            "[dev] ClusterWorkloads.Quota.Gpus was 0: the weekly retrain asks for 1 GPU (Training.GpuCount): the namespace quota must allow at least that many, or Kubernetes refuses every retrain pod.",
            "[prod] ClusterWorkloads.Quota.Gpus was 1: the weekly retrain asks for 2 GPUs (Training.GpuCount): the namespace quota must allow at least that many, or Kubernetes refuses every retrain pod.",
        }));
    }

    [Test]
    public void A_bad_repository_id_is_named() =>
        Assert.That(Reject(Catalog.Prod with { Gcp = Catalog.Prod.Gcp with { ImageRepository = "Models" } }), Does.Contain(
            "[prod] Gcp.ImageRepository was \"Models\": must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (an Artifact Registry repository id)."));
}
