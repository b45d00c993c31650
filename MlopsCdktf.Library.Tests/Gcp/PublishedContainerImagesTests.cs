using HashiCorp.Cdktf.Providers.Kubernetes.ConfigMap;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>The GKE plan reads the published images: one repository listing per repository, a postcondition per image.</summary>
public sealed class PublishedContainerImagesTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Test]
    public void One_listing_per_repository_with_a_postcondition_per_image_naming_it_and_the_push_command()
    {
        var json = SynthHarness.Gcp(stack => _ = new PublishedContainerImages(stack, "Images", PublishedImages with
        {
            Images = [ServingImage, TrainingImage, ServingImage, $"us-docker.pkg.dev/acme-shared/base/tools@{Digest}"],
        }));
        var reads = json.DataSources("google_artifact_registry_docker_images").Values.ToList();
        Assert.That(reads.Select(r => (r["project"]!.GetValue<string>(), r["location"]!.GetValue<string>(), r["repository_id"]!.GetValue<string>())),
            Is.EqualTo(new[] { ("acme-ml-test", "europe-west4", "models"), ("acme-shared", "us", "base") }));
        Assert.That(reads.Select(r => r["depends_on"]), Is.All.Null, "read during plan: nothing to wait for");

        var models = reads[0]["lifecycle"]!["postcondition"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.That(models.Select(p => p["condition"]!.GetValue<string>()), Is.EqualTo(new[]
        {
            "${anytrue([for image in self.docker_images : image.image_name == \"churn-serving\" && try(contains(image.tags, \"1.0.0\"), false)])}",
            "${anytrue([for image in self.docker_images : image.image_name == \"churn-training\" && try(contains(image.tags, \"1.0.0\"), false)])}",
        }));
        Assert.That(models[0]["error_message"]!.GetValue<string>(), Is.EqualTo(
            $"The image {ServingImage} is not published in Artifact Registry: push it first (gcloud auth configure-docker europe-west4-docker.pkg.dev, "
            + $"then docker push {ServingImage}), then plan again. GKE pulls it whenever a pod of the workload starts."));
        Assert.That(reads[1]["lifecycle"]!["postcondition"]![0]!["condition"]!.GetValue<string>(),
            Is.EqualTo($"${{anytrue([for image in self.docker_images : image.image_name == \"tools\" && endswith(image.name, \"@{Digest}\")])}}"));
    }

    [Test]
    public void Workloads_wait_for_the_reads_and_keep_their_own_dependencies()
    {
        var stack = SynthHarness.StackWithEveryProvider();
        var first = new ConfigMap(stack, "first", new ConfigMapConfig { Metadata = new ConfigMapMetadata { Name = "first" } });
        var workload = new ConfigMap(stack, "workload", new ConfigMapConfig { Metadata = new ConfigMapMetadata { Name = "w" }, DependsOn = [first] });
        new PublishedContainerImages(stack, "Images", PublishedImages).RequiredBy(workload);
        var json = SynthHarness.Synth(stack);
        var read = json.Address("google_artifact_registry_docker_images", "Images/acme-ml-test-europe-west4-models");
        Assert.That(json.ByPath("kubernetes_config_map", "/workload")["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()),
            Is.EqualTo(new[] { json.Address("kubernetes_config_map", "/first"), read }));
        Assert.That(json.ByPath("kubernetes_config_map", "/first")["depends_on"], Is.Null);
    }

    [TestCase("churn-serving:1.0.0")]
    [TestCase("docker.io/library/python:3.12")]
    [TestCase("europe-west4-docker.pkg.dev/acme-ml-test/models/churn-serving")]
    [TestCase("europe-west4-docker.pkg.dev/acme-ml-test/models/churn-serving:latest")]
    public void Images_outside_artifact_registry_or_unpinned_are_rejected(string image) =>
        Assert.That(Reject<PublishedContainerImages>(stack => _ = new PublishedContainerImages(stack, "Images", new PublishedContainerImagesProps { Images = [ServingImage, image] })).Problems,
            Is.EqualTo(new[] { $"Images[1] was \"{image}\": {ArtifactRegistryImage.Allowed}." }));

    [Test]
    public void References_split_into_the_parts_the_api_addresses()
    {
        Assert.That(ArtifactRegistryImage.TryParse(ServingImage, out var tagged), Is.True);
        Assert.That(tagged, Is.EqualTo(new ArtifactRegistryImage("europe-west4", "acme-ml-test", "models", "churn-serving", "1.0.0")));
        Assert.That(tagged!.ToString(), Is.EqualTo(ServingImage));
        Assert.That(ArtifactRegistryImage.TryParse($"us-docker.pkg.dev/acme-shared/base/team/tools@{Digest}", out var digest), Is.True);
        Assert.That((digest!.ImageName, digest.TagOrDigest, digest.IsDigest, digest.RepositoryUrl), Is.EqualTo(("team/tools", Digest, true, "us-docker.pkg.dev/acme-shared/base")));
    }
}
