using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Snapshots;

/// <summary>One committed snapshot of the synthesized JSON per environment stack. Update with <c>make snapshots</c>.</summary>
[Category("Snapshot")]
public sealed class SnapshotTests
{
    public static IEnumerable<string> StackNames() =>
        Catalog.All.Select(e => MlopsStack.StackName(AwsPlatformStack.Cloud, e));

    [TestCaseSource(nameof(StackNames))]
    public void Stack_matches_its_snapshot(string stackName) =>
        SnapshotAssert.Matches(AppSynth.Stack(stackName).Root, stackName);

    [Test]
    public void Every_synthesized_stack_has_a_snapshot_test()
    {
        Assert.That(AppSynth.All.Keys, Is.EquivalentTo(StackNames()));
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
