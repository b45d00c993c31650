using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>
/// Issue 17, item 9: with the default pool removed, GKE reports the first remaining pool's configuration as the cluster's
/// node_config (a spot pool: spot = true, ForceNew), so the cluster must ignore later changes of the block, or the next plan
/// replaces it. The block itself stays: it secures the default pool during creation.
/// </summary>
public sealed class ClusterNodeConfigDriftTests
{
    [Test]
    public void The_cluster_ignores_node_config_read_back_from_the_remaining_pools()
    {
        var cluster = SynthHarness.Gcp(stack =>
        {
            var ml = new MlCluster(stack, "Cluster", ClusterProps);
            _ = new GpuNodePool(stack, "Gpu", T4Pool with { Cluster = ml.NodePoolTarget, Spot = true });
        }).Single("google_container_cluster");

        Assert.That(cluster["remove_default_node_pool"]!.GetValue<bool>(), Is.True);
        Assert.That(cluster["lifecycle"]!["ignore_changes"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "node_config" }));
        var nodeConfig = cluster["node_config"]!;
        Assert.That(nodeConfig["spot"], Is.Null, "nothing pool-specific at cluster level");
        Assert.That(nodeConfig["workload_metadata_config"]!["mode"]!.GetValue<string>(), Is.EqualTo("GKE_METADATA"), "the default pool is still created securely");
        Assert.That(nodeConfig["shielded_instance_config"]!["enable_secure_boot"]!.GetValue<bool>(), Is.True);
    }
}
