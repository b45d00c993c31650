using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Google.ArtifactRegistryRepository;
using HashiCorp.Cdktf.Providers.Google.ContainerCluster;
using HashiCorp.Cdktf.Providers.Google.ProjectService;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Gcp;
using static MlopsCdktf.Tests.Policy.PolicyHarness;
using ArtifactRegistryRepository = HashiCorp.Cdktf.Providers.Google.ArtifactRegistryRepository.ArtifactRegistryRepository;
using ContainerCluster = HashiCorp.Cdktf.Providers.Google.ContainerCluster.ContainerCluster;
using ProjectService = HashiCorp.Cdktf.Providers.Google.ProjectService.ProjectService;

namespace MlopsCdktf.Tests.Policy;

/// <summary>Rules on the GCP prerequisites: API enablement, the image repository, and the removed default pool's node_config.</summary>
public sealed class GcpPrerequisiteRuleTests
{
    private static readonly ContainerClusterNodeConfig SecureNodeConfig = new()
    {
        ServiceAccount = "ml-nodes@acme-ml-test.iam.gserviceaccount.com",
        ShieldedInstanceConfig = new ContainerClusterNodeConfigShieldedInstanceConfig { EnableSecureBoot = true, EnableIntegrityMonitoring = true },
        WorkloadMetadataConfig = new ContainerClusterNodeConfigWorkloadMetadataConfig { Mode = "GKE_METADATA" },
    };

    [Test]
    public void Our_services_and_image_registry_comply()
    {
        var stack = GcpStack();
        _ = new ProjectServices(stack, "Services", GcpTestData.Services);
        _ = new ModelImageRegistry(stack, "Images", GcpTestData.ImageRegistry);

        Assert.That(Findings(stack), Is.Empty);
    }

    [Test]
    public void A_bare_project_service_and_a_mutable_unscanned_repository_are_found()
    {
        var stack = GcpStack();
        _ = new ProjectService(stack, "api", new ProjectServiceConfig { Service = "container.googleapis.com" });
        _ = new ProjectService(stack, "kept", new ProjectServiceConfig { Service = "file.googleapis.com", DisableOnDestroy = false });
        _ = new ArtifactRegistryRepository(stack, "repo", new ArtifactRegistryRepositoryConfig
        {
            Location = "europe-west4",
            RepositoryId = "images",
            Format = "DOCKER",
            VulnerabilityScanningConfig = new ArtifactRegistryRepositoryVulnerabilityScanningConfig { EnablementConfig = "DISABLED" },
        });
        _ = new ArtifactRegistryRepository(stack, "pypi", new ArtifactRegistryRepositoryConfig { Location = "europe-west4", RepositoryId = "pypi", Format = "PYTHON" });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-GAR-1", "google_artifact_registry_repository.repo", "test/repo"),
            Line("MLOPS-GAR-2", "google_artifact_registry_repository.repo", "test/repo"),
            Line("MLOPS-GCP-1", "google_project_service.api", "test/api"),
        }));
    }

    [Test]
    public void A_cluster_removing_its_default_pool_must_ignore_its_node_config()
    {
        var stack = GcpStack();
        ContainerCluster Cluster(string name, TerraformResourceLifecycle? lifecycle) => new(stack, name, new ContainerClusterConfig
        {
            Name = name,
            Location = "europe-west4",
            InitialNodeCount = 1,
            RemoveDefaultNodePool = true,
            NodeConfig = SecureNodeConfig,
            PrivateClusterConfig = new ContainerClusterPrivateClusterConfig { EnablePrivateNodes = true },
            WorkloadIdentityConfig = new ContainerClusterWorkloadIdentityConfig { WorkloadPool = "acme-ml-test.svc.id.goog" },
            Lifecycle = lifecycle,
        });
        _ = Cluster("drifts", null);
        _ = Cluster("other", new TerraformResourceLifecycle { IgnoreChanges = new[] { "resource_labels" } });
        _ = Cluster("ignores", new TerraformResourceLifecycle { IgnoreChanges = new[] { "node_config" } });
        _ = Cluster("all", new TerraformResourceLifecycle { IgnoreChanges = "all" });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-GKE-6", "google_container_cluster.drifts", "test/drifts"),
            Line("MLOPS-GKE-6", "google_container_cluster.other", "test/other"),
        }));
    }
}
