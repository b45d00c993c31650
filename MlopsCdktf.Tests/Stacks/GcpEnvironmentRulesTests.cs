using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>Issue 17, items 3 and 4: the GPU × zone check and the image repository rule, reported against the environment field.</summary>
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
        };
        Assert.That(Reject(dev), Is.EqualTo(new[]
        {
            "[dev] Gcp.Zone was \"europe-west4-a\": nvidia-tesla-p4 (NvidiaP4) is not offered in zone europe-west4-a; in europe-west4 it is offered in "
            + $"europe-west4-b, europe-west4-c (accelerator catalogue MlopsCdktf.Library/Gcp/accelerator-zones.tsv of {Date}; if it is out of date, "
            + "regenerate it with scripts/update-accelerator-zones.sh).",
        }));
    }

    [Test]
    public void Images_outside_the_repository_the_gcp_stack_creates_are_rejected_naming_the_field()
    {
        var staging = Catalog.Staging with
        {
            ClusterWorkloads = Catalog.Staging.ClusterWorkloads with
            {
                ServingImage = "europe-west4-docker.pkg.dev/acme-mlops-dev/models/churn-serving:1.0.0",
                TrainingImage = "docker.io/acme/churn-training:1.0.0",
            },
        };
        const string allowed = "must be a pinned image in the repository the GCP stack creates, europe-west4-docker.pkg.dev/acme-mlops-staging/models/<image>:<tag> "
                               + "or @sha256:<digest> (Gcp.Region, Gcp.ProjectId, Gcp.ImageRepository): the nodes are granted read on it, and the Kubernetes "
                               + "plan checks the image is published there.";
        Assert.That(Reject(staging), Is.EqualTo(new[]
        {
            $"[staging] ClusterWorkloads.ServingImage was \"europe-west4-docker.pkg.dev/acme-mlops-dev/models/churn-serving:1.0.0\": {allowed}",
            $"[staging] ClusterWorkloads.TrainingImage was \"docker.io/acme/churn-training:1.0.0\": {allowed}",
        }));
    }

    [Test]
    public void A_bad_repository_id_is_named() =>
        Assert.That(Reject(Catalog.Prod with { Gcp = Catalog.Prod.Gcp with { ImageRepository = "Models" } }), Does.Contain(
            "[prod] Gcp.ImageRepository was \"Models\": must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (an Artifact Registry repository id)."));
}
