using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws.Eks;

/// <summary>The JSON of a cluster with a system group, a GPU group and the autoscaler's identity, committed as a snapshot
/// (<c>MlopsCdktf.Library.Tests/Snapshots/eks-gpu-cluster.json</c>): any change of what the EKS constructs write shows in review.</summary>
[Category("Snapshot")]
public sealed class EksSnapshotTests
{
    [Test]
    public void The_eks_constructs_write_what_the_snapshot_holds()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var (cluster, system, gpu) = EksTestData.Declare(stack);
            _ = new ClusterAutoscalerIdentity(stack, "Autoscaler", new ClusterAutoscalerIdentityProps { Cluster = cluster, NodeGroups = [system, gpu] });
        });

        SnapshotAssert.Matches(json.Root, "eks-gpu-cluster", Path.Combine(RepoPaths.Root, "MlopsCdktf.Library.Tests", "Snapshots"));
    }
}
