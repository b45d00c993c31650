using HashiCorp.Cdktf.Providers.Google.ContainerCluster;
using HashiCorp.Cdktf.Providers.Google.ContainerNodePool;
using HashiCorp.Cdktf.Providers.Google.StorageBucket;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Gcp;
using static MlopsCdktf.Tests.Policy.PolicyHarness;
using ContainerCluster = HashiCorp.Cdktf.Providers.Google.ContainerCluster.ContainerCluster;
using ContainerNodePool = HashiCorp.Cdktf.Providers.Google.ContainerNodePool.ContainerNodePool;
using StorageBucket = HashiCorp.Cdktf.Providers.Google.StorageBucket.StorageBucket;

namespace MlopsCdktf.Tests.Policy;

/// <summary>GCS bucket access rules and GKE cluster and node rules.</summary>
public sealed class GcpRuleTests
{
    [Test]
    public void Our_cluster_node_pools_and_registry_bucket_comply()
    {
        var stack = GcpStack();
        var cluster = new MlCluster(stack, "Cluster", GcpTestData.ClusterProps);
        _ = new GpuNodePool(stack, "GpuPool", GcpTestData.T4Pool with { Cluster = cluster.NodePoolTarget });
        _ = new CpuNodePool(stack, "CpuPool", GcpTestData.CpuPool with { Cluster = cluster.NodePoolTarget });
        _ = new GpuNodePool(stack, "FlexStartPool", DwsNodePoolTests.FlexStartPool with { Cluster = cluster.NodePoolTarget });
        _ = new GpuNodePool(stack, "QueuedPool", DwsNodePoolTests.QueuedPool with { Cluster = cluster.NodePoolTarget });
        _ = new ModelRegistryBucket(stack, "Registry", new ModelRegistryBucketProps { BucketName = "acme-ml-registry", Location = "europe-west4" });

        Assert.That(Findings(stack), Is.Empty);
    }

    [Test]
    public void A_bare_bucket_breaks_both_gcs_rules()
    {
        var stack = GcpStack();
        _ = new StorageBucket(stack, "raw", new StorageBucketConfig { Name = "acme-raw", Location = "EU" });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-GCS-1", "google_storage_bucket.raw", "test/raw"),
            Line("MLOPS-GCS-2", "google_storage_bucket.raw", "test/raw"),
        }));
    }

    [Test]
    public void A_bare_cluster_is_public_without_workload_identity_and_its_default_pool_is_unprotected()
    {
        var stack = GcpStack();
        _ = new ContainerCluster(stack, "raw", new ContainerClusterConfig { Name = "raw", Location = "europe-west4", InitialNodeCount = 1 });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-GKE-1", "google_container_cluster.raw", "test/raw"),
            Line("MLOPS-GKE-2", "google_container_cluster.raw", "test/raw"),
            Line("MLOPS-GKE-3", "google_container_cluster.raw", "test/raw", "enable_secure_boot is not true."),
            Line("MLOPS-GKE-4", "google_container_cluster.raw", "test/raw", "The mode is not set."),
            Line("MLOPS-GKE-5", "google_container_cluster.raw", "test/raw", "service_account is not set."),
        }));
    }

    [Test]
    public void A_node_pool_on_the_default_compute_account_without_shielding_or_metadata_server_is_found()
    {
        var stack = GcpStack();
        _ = new ContainerNodePool(stack, "pool", new ContainerNodePoolConfig
        {
            Cluster = "projects/acme-ml-test/locations/europe-west4/clusters/ml",
            NodeConfig = new ContainerNodePoolNodeConfig
            {
                ServiceAccount = "123456789012-compute@developer.gserviceaccount.com",
                ShieldedInstanceConfig = new ContainerNodePoolNodeConfigShieldedInstanceConfig { EnableSecureBoot = true, EnableIntegrityMonitoring = false },
                WorkloadMetadataConfig = new ContainerNodePoolNodeConfigWorkloadMetadataConfig { Mode = "GCE_METADATA" },
            },
        });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-GKE-3", "google_container_node_pool.pool", "test/pool", "enable_integrity_monitoring is false."),
            Line("MLOPS-GKE-4", "google_container_node_pool.pool", "test/pool", "The mode is \"GCE_METADATA\"."),
            Line("MLOPS-GKE-5", "google_container_node_pool.pool", "test/pool", "service_account is 123456789012-compute@developer.gserviceaccount.com."),
        }));
    }

    [Test]
    public void Autopilot_clusters_have_no_node_configuration_to_check()
    {
        var stack = GcpStack();
        _ = new ContainerCluster(stack, "auto", new ContainerClusterConfig
        {
            Name = "auto",
            Location = "europe-west4",
            EnableAutopilot = true,
            PrivateClusterConfig = new ContainerClusterPrivateClusterConfig { EnablePrivateNodes = true },
            WorkloadIdentityConfig = new ContainerClusterWorkloadIdentityConfig { WorkloadPool = "acme-ml-test.svc.id.goog" },
        });

        Assert.That(Findings(stack), Is.Empty);
    }
}
