using MlopsCdktf.Gcp;

namespace MlopsCdktf.Environments;

/// <summary>
/// The model release an environment deploys: the model's name and the version published for it. Everything that names the
/// release is derived from these two values, so a new version is one line (<see cref="Version"/>) and every stack follows it:
/// the SageMaker image tag (<see cref="Version"/>) and model archive (<see cref="ArchiveKey"/>), the GKE serving and training
/// images (<see cref="GkeServingImage"/>, <see cref="GkeTrainingImage"/>), and the <c>model_version</c> output and
/// <c>ModelVersion</c> tag / <c>model_version</c> label of every stack.
/// </summary>
/// <remarks>
/// Where the artefacts of a release live (publish them there before the serving and Kubernetes stacks are applied; their plans
/// fail naming what is missing otherwise):
/// <list type="bullet">
/// <item>the SageMaker image: the platform stack's ECR repository <c>{project}/{env}/{name}-serving</c>, tag <see cref="Version"/>;</item>
/// <item>the model archive: the platform stack's artifact bucket, key <see cref="ArchiveKey"/>
/// (<c>models/{name}/{version}/model.tar.gz</c>);</item>
/// <item>the data-quality baseline: the same bucket, <c>statistics.json</c> and <c>constraints.json</c> under
/// <see cref="BaselineKeyPrefix"/> (<c>baselines/{name}/{version}/</c>), before the first monitoring run;</item>
/// <item>the GKE images: the GCP stack's Artifact Registry repository (<see cref="GcpTarget.ImageRepository"/>),
/// <c>{name}-serving:{version}</c> and <c>{name}-training:{version}</c>.</item>
/// </list>
/// </remarks>
public sealed record ModelRelease
{
    /// <summary>The folder of the artifact bucket model archives are uploaded under.</summary>
    public const string ArchiveFolder = "models";

    /// <summary>The folder of the artifact bucket data-quality baselines are uploaded under.</summary>
    public const string BaselineFolder = "baselines";

    /// <summary>Short model name used in the endpoint, repository, image, secret and workload names, e.g. <c>churn</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The released version, e.g. <c>1.0.0</c>: the pinned tag of every image of the release (never <c>latest</c>) and
    /// the folder of its model archive.</summary>
    public required string Version { get; init; }

    /// <summary>The name of the serving image (in the ECR repository's name and in Artifact Registry): <c>{name}-serving</c>.</summary>
    public string ServingImageName => $"{Name}-serving";

    /// <summary>The name of the training image in Artifact Registry: <c>{name}-training</c>.</summary>
    public string TrainingImageName => $"{Name}-training";

    /// <summary>Key of the model archive in the environment's artifact bucket: <c>models/{name}/{version}/model.tar.gz</c>.</summary>
    public string ArchiveKey => $"{ArchiveFolder}/{Name}/{Version}/model.tar.gz";

    /// <summary>Key prefix of the release's data-quality baseline in the environment's artifact bucket, holding
    /// <c>statistics.json</c> and <c>constraints.json</c>: <c>baselines/{name}/{version}/</c>. A new version is monitored
    /// against its own baseline, published with its archive.</summary>
    public string BaselineKeyPrefix => $"{BaselineFolder}/{Name}/{Version}/";

    /// <summary>The serving image GKE runs (model server, batch inference, workspace preparation), in the repository of <paramref name="gcp"/>.</summary>
    public ArtifactRegistryImage GkeServingImage(GcpTarget gcp) => Image(gcp, ServingImageName);

    /// <summary>The training image the weekly retrain runs, in the repository of <paramref name="gcp"/>.</summary>
    public ArtifactRegistryImage GkeTrainingImage(GcpTarget gcp) => Image(gcp, TrainingImageName);

    private ArtifactRegistryImage Image(GcpTarget gcp, string imageName)
    {
        ArgumentNullException.ThrowIfNull(gcp);
        return new ArtifactRegistryImage(gcp.Region, gcp.ProjectId, gcp.ImageRepository, imageName, Version);
    }
}
