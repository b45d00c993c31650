using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// Issue 17, item 3: the Kubernetes plan reads the serving and training images in the GCP stack's repository and stops,
/// naming the image and the push command, before any workload is created (the GKE counterpart of the ECR image check).
/// </summary>
public sealed class PublishedImagesTests
{
    public static IEnumerable<DeploymentEnvironment> Environments() => Catalog.All;

    private static TerraformJson Synth(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(KubernetesStack.Cloud, env));

    [TestCaseSource(nameof(Environments))]
    public void The_plan_reads_the_repository_and_requires_each_image(DeploymentEnvironment env)
    {
        var read = Synth(env).DataSources("google_artifact_registry_docker_images").Values.Single();
        Assert.That(read["project"]!.GetValue<string>(), Is.EqualTo(env.Gcp.ProjectId));
        Assert.That(read["location"]!.GetValue<string>(), Is.EqualTo(env.Gcp.Region));
        Assert.That(read["repository_id"]!.GetValue<string>(), Is.EqualTo(env.Gcp.ImageRepository));
        Assert.That(read["depends_on"], Is.Null, "nothing to wait for: read during plan");

        var checks = read["lifecycle"]!["postcondition"]!.AsArray().Select(p => p!.AsObject()).ToList();
        var images = new[] { env.GkeServingImage, env.GkeTrainingImage };
        Assert.That(checks, Has.Count.EqualTo(2));
        foreach (var (check, image) in checks.Zip(images))
        {
            var (name, tag) = (image[(image.LastIndexOf('/') + 1)..].Split(':')[0], image.Split(':')[^1]);
            Assert.That(check["condition"]!.GetValue<string>(), Is.EqualTo(
                $"${{anytrue([for image in self.docker_images : image.image_name == \"{name}\" && try(contains(image.tags, \"{tag}\"), false)])}}"));
            Assert.That(check["error_message"]!.GetValue<string>(), Does.StartWith($"The image {image} is not published in Artifact Registry: push it first (")
                .And.Contain($"docker push {image}"));
        }
    }

    [TestCaseSource(nameof(Environments))]
    public void Every_workload_resource_waits_for_the_image_check(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var read = json.Address("google_artifact_registry_docker_images", "PublishedImages/" + $"{env.Gcp.ProjectId}-{env.Gcp.Region}-{env.Gcp.ImageRepository}");
        var stack = MlopsStack.StackName(KubernetesStack.Cloud, env);
        var workloads = json.Root["resource"]!.AsObject()
            .SelectMany(t => t.Value!.AsObject().Select(r => (Address: $"{t.Key}.{r.Key}", Resource: r.Value!.AsObject())))
            .Where(r => TerraformJson.ConstructPath(r.Resource) is { } path
                        && new[] { "ModelServing", "WeeklyRetrain", "BatchInference" }.Any(w => path.StartsWith($"{stack}/{w}/", StringComparison.Ordinal)))
            .ToList();

        Assert.That(workloads.Select(w => w.Address.Split('.')[0]).Where(t => t is "kubernetes_deployment_v1" or "kubernetes_cron_job_v1"),
            Is.EquivalentTo(new[] { "kubernetes_deployment_v1", "kubernetes_cron_job_v1", "kubernetes_cron_job_v1" }));
        foreach (var (address, resource) in workloads)
        {
            Assert.That(resource["depends_on"]?.AsArray().Select(d => d!.GetValue<string>()), Does.Contain(read), address);
        }
    }
}
