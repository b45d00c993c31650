using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>Valid props for the GCP constructs, varied per test with <c>with</c>.</summary>
internal static class GcpTestData
{
    public static readonly NodePoolCluster Cluster = new()
    {
        ClusterId = "projects/acme-ml-test/locations/europe-west4/clusters/ml",
        Location = "europe-west4",
        NodeServiceAccountEmail = "ml-nodes@acme-ml-test.iam.gserviceaccount.com",
    };

    public static MlClusterProps ClusterProps => new()
    {
        ProjectId = "acme-ml-test",
        Name = "ml-training",
        Location = "europe-west4",
        Network = "ml-vpc",
        Subnetwork = "ml-nodes",
        IpRanges = ClusterIpRanges.SecondaryRanges("gke-pods", "gke-services"),
    };

    public static GpuNodePoolProps T4Pool => new()
    {
        Cluster = Cluster,
        Name = "gpu-t4",
        MachineType = "n1-standard-8",
        Gpu = GpuType.NvidiaT4,
        Autoscaling = NodePoolAutoscaling.Total(0, 2),
    };

    public static CpuNodePoolProps CpuPool => new()
    {
        Cluster = Cluster,
        Name = "preprocessing",
        MachineType = "n2-highmem-8",
        Autoscaling = NodePoolAutoscaling.PerZone(1, 3),
    };

    public static FilestoreWorkspaceProps Workspace => new()
    {
        Name = "ml-workspace",
        Tier = FilestoreTier.Zonal,
        CapacityGb = 1024,
        Location = "europe-west4-a",
        Network = "ml-vpc",
    };

    public static ModelRegistryBucketProps Registry => new() { BucketName = "acme-ml-model-registry", Location = "europe-west4" };

    public static ModelImageRegistryProps ImageRegistry => new() { ProjectId = "acme-ml-test", Location = "europe-west4", RepositoryId = "models" };

    public static ProjectServicesProps Services => new() { ProjectId = "acme-ml-test", Apis = [GoogleApi.Container, GoogleApi.Storage] };

    public const string ServingImage = "europe-west4-docker.pkg.dev/acme-ml-test/models/churn-serving:1.0.0";

    public const string TrainingImage = "europe-west4-docker.pkg.dev/acme-ml-test/models/churn-training:1.0.0";

    public static PublishedContainerImagesProps PublishedImages => new() { Images = [ServingImage, TrainingImage] };

    /// <summary>Asserts construction fails with the construct's type and path in the message, and returns the error.</summary>
    public static ConstructInputException Reject<T>(Action<HashiCorp.Cdktf.TerraformStack> declare)
    {
        var stack = SynthHarness.BareStack();
        var error = Assert.Throws<ConstructInputException>(() => declare(stack))!;
        Assert.That(error.ConstructType, Is.EqualTo(typeof(T).Name));
        Assert.That(error.Message, Does.StartWith($"Invalid {typeof(T).Name} at path [{error.ConstructPath}]:"));
        Assert.That(error.ConstructPath, Does.StartWith("test/"));
        return error;
    }
}
