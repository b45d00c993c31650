using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>The JSON of a flex-start and a queued-provisioning GPU pool, committed as a snapshot
/// (<c>MlopsCdktf.Library.Tests/Snapshots/gke-dws-pools.json</c>): any change of what a DWS pool writes shows in review.</summary>
[Category("Snapshot")]
public sealed class DwsSnapshotTests
{
    [Test]
    public void The_dws_pools_write_what_the_snapshot_holds()
    {
        var json = SynthHarness.Gcp(stack =>
        {
            _ = new GpuNodePool(stack, "FlexStart", DwsNodePoolTests.FlexStartPool);
            _ = new GpuNodePool(stack, "Queued", DwsNodePoolTests.QueuedPool);
        });

        SnapshotAssert.Matches(json.Root, "gke-dws-pools", Path.Combine(RepoPaths.Root, "MlopsCdktf.Library.Tests", "Snapshots"));
    }
}
