using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Snapshots;

/// <summary>
/// One committed snapshot of the synthesized JSON per stack of the app (<c>Snapshots/&lt;stack&gt;.json</c>).
/// A new stack fails until its snapshot is written with <c>make snapshots</c> and reviewed.
/// </summary>
[Category("Snapshot")]
public sealed class SnapshotTests
{
    public static IEnumerable<string> CommittedSnapshots() =>
        Directory.Exists(RepoPaths.Snapshots)
            ? Directory.EnumerateFiles(RepoPaths.Snapshots, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)
            : [];

    [TestCaseSource(nameof(CommittedSnapshots))]
    public void Stack_matches_its_snapshot(string stackName) =>
        SnapshotAssert.Matches(AppSynth.Stack(stackName).Root, stackName);

    [Test]
    public void Every_synthesized_stack_has_a_snapshot_and_every_snapshot_a_stack()
    {
        if (SnapshotAssert.Updating)
        {
            foreach (var (name, json) in AppSynth.All)
            {
                SnapshotAssert.Matches(json.Root, name);
            }

            foreach (var stale in CommittedSnapshots().Except(AppSynth.All.Keys))
            {
                File.Delete(Path.Combine(RepoPaths.Snapshots, stale + ".json"));
            }
        }

        Assert.That(CommittedSnapshots(), Is.EquivalentTo(AppSynth.All.Keys),
            "Snapshots/ must hold exactly one <stack>.json per synthesized stack: run 'make snapshots' and review.");
    }

    [Test]
    public void Snapshots_hold_no_machine_paths_timestamps_or_stack_traces()
    {
        foreach (var (name, json) in AppSynth.All)
        {
            var text = json.Root.ToJsonString();
            Assert.That(text, Does.Not.Contain(RepoPaths.Root), name);
            Assert.That(text, Does.Not.Contain("/tmp/").And.Not.Contain("/home/").And.Not.Contain("/root/"), name);
            Assert.That(text, Does.Not.Contain("stacktrace").IgnoreCase, name);
            Assert.That(text, Does.Not.Match(@"20\d\d-\d\d-\d\dT\d\d:\d\d"), name);
        }
    }
}
