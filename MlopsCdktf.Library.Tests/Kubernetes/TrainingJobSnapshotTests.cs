using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>The JSON of a training run with a GPU, a prepared mount, a Workload Identity and a Kueue queue, committed as a
/// snapshot (<c>MlopsCdktf.Library.Tests/Snapshots/training-job.json</c>): any change of what a run writes shows in review.</summary>
[Category("Snapshot")]
public sealed class TrainingJobSnapshotTests
{
    [Test]
    public void The_training_job_writes_what_the_snapshot_holds()
    {
        var json = SynthHarness.Kubernetes(stack =>
        {
            new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProvider(stack, "google", new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProviderConfig { Project = "acme-ml-test" });
            TrainingJobTests.DeclareFullRun(stack);
        });

        SnapshotAssert.Matches(json.Root, "training-job", Path.Combine(RepoPaths.Root, "MlopsCdktf.Library.Tests", "Snapshots"));
    }
}
