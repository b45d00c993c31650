using System.Text.Json;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Google.DataGoogleArtifactRegistryDockerImages;
using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>
/// Publish before deploy, for GKE: reads, at plan time, the Artifact Registry repositories holding the given images
/// (<c>data.google_artifact_registry_docker_images</c>, one per repository) with a postcondition per image, so an unpublished
/// tag or digest fails the plan naming the image and the push command, before anything is created. Workloads that run the
/// images depend on the reads (<see cref="RequiredBy"/>). The repositories must exist when the stack is planned (a stack
/// applied earlier creates them, e.g. with <see cref="ModelImageRegistry"/>).
/// </summary>
/// <remarks>
/// The listing is used rather than <c>data.google_artifact_registry_docker_image</c>: that one fails a missing tag with a
/// bare "Requested image was not found." before any postcondition can run (hashicorp/google 6.50.0).
/// </remarks>
/// <example>
/// <code>
/// var images = new PublishedContainerImages(this, "PublishedImages", new PublishedContainerImagesProps
/// {
///     Images = ["europe-west4-docker.pkg.dev/acme-ml-prod/models/churn-serving:1.0.0"],
/// });
/// images.RequiredBy(serving); // the Deployment is planned only once the image is found
/// </code>
/// </example>
public sealed class PublishedContainerImages : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares one repository read per repository, with a postcondition per image.</summary>
    /// <exception cref="ConstructInputException">When an image is not a pinned Artifact Registry reference.</exception>
    public PublishedContainerImages(Construct scope, string id, PublishedContainerImagesProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(PublishedContainerImages)))
    {
        new InputValidator(this).RequireMembers(props);
        var images = Validate(props);

        var reads = new List<DataGoogleArtifactRegistryDockerImages>();
        foreach (var repository in images.GroupBy(i => (i.Location, i.ProjectId, i.RepositoryId)))
        {
            var (location, project, repositoryId) = repository.Key;
            reads.Add(new DataGoogleArtifactRegistryDockerImages(this, $"{project}-{location}-{repositoryId}", new DataGoogleArtifactRegistryDockerImagesConfig
            {
                Project = project,
                Location = location,
                RepositoryId = repositoryId,
                Lifecycle = new TerraformResourceLifecycle { Postcondition = repository.Select(Published).ToArray() },
            }));
        }

        Images = images;
        Reads = reads;
    }

    /// <summary>The checked images, distinct, in the order given.</summary>
    public IReadOnlyList<ArtifactRegistryImage> Images { get; }

    /// <summary>The repository reads (<c>data.google_artifact_registry_docker_images</c>), one per repository.</summary>
    public IReadOnlyList<DataGoogleArtifactRegistryDockerImages> Reads { get; }

    /// <summary>
    /// Makes every resource under each of <paramref name="workloads"/> depend on the reads (<c>depends_on</c>), keeping its own
    /// dependencies: the plan evaluates the postconditions before it would create or change the workloads.
    /// </summary>
    public void RequiredBy(params IConstruct[] workloads)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        var reads = Reads.Select(DeclaredElement.Of).ToList();
        foreach (var element in workloads.SelectMany(DeclaredElement.Under).Where(e => !e.IsDataSource))
        {
            element.DependOn(reads);
        }
    }

    private static Postcondition Published(ArtifactRegistryImage image)
    {
        var name = JsonSerializer.Serialize(image.ImageName);
        var found = image.IsDigest
            ? $"endswith(image.name, {JsonSerializer.Serialize("@" + image.TagOrDigest.TrimStart('@'))})"
            : $"try(contains(image.tags, {JsonSerializer.Serialize(image.TagOrDigest)}), false)";
        return new Postcondition
        {
            Condition = $"${{anytrue([for image in self.docker_images : image.image_name == {name} && {found}])}}",
            ErrorMessage = $"The image {image} is not published in Artifact Registry: push it first (gcloud auth configure-docker "
                           + $"{image.Location}-docker.pkg.dev, then docker push {image}), then plan again. GKE pulls it whenever a pod "
                           + "of the workload starts.",
        };
    }

    private List<ArtifactRegistryImage> Validate(PublishedContainerImagesProps props)
    {
        var v = new InputValidator(this);
        v.Require(props.Images.Count > 0, nameof(props.Images), "[]", "list at least one image");
        var images = new List<ArtifactRegistryImage>();
        for (var i = 0; i < props.Images.Count; i++)
        {
            if (ArtifactRegistryImage.TryParse(props.Images[i], out var image))
            {
                // The host names the repository's location: one Artifact Registry does not serve is never reachable.
                if (!CloudRegions.Gcp.Contains(image.Location) && !ModelImageRegistryDefaults.MultiRegions.Contains(image.Location))
                {
                    v.Add($"{nameof(props.Images)}[{i}]", props.Images[i],
                        $"names location \"{image.Location}\" ({image.Location}-docker.pkg.dev), which is not a Google Cloud region or an Artifact "
                        + $"Registry multi-region ({string.Join(", ", ModelImageRegistryDefaults.MultiRegions)}) ({CloudRegions.HowToExtend})");
                }
                else if (!images.Contains(image))
                {
                    images.Add(image);
                }
            }
            else
            {
                v.Add($"{nameof(props.Images)}[{i}]", props.Images[i], ArtifactRegistryImage.Allowed);
            }
        }

        v.ThrowIfInvalid();
        return images;
    }
}

/// <summary>Input of <see cref="PublishedContainerImages"/>.</summary>
public sealed record PublishedContainerImagesProps
{
    /// <summary>The images to find, pinned by tag or digest, e.g. <c>europe-west4-docker.pkg.dev/p/models/churn-serving:1.0.0</c>
    /// (duplicates are checked once).</summary>
    public required IReadOnlyList<string> Images { get; init; }
}
