using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Kubernetes.Addons;

/// <summary>
/// A committed snapshot of a construct's synthesized JSON under <c>MlopsCdktf.Library.Tests/Snapshots</c> (the app's
/// stack snapshots live in <c>MlopsCdktf.Tests/Snapshots</c>, one per stack). <c>make snapshots</c> (UPDATE_SNAPSHOTS=1)
/// re-writes it, as for the stacks.
/// </summary>
internal static class LibrarySnapshot
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Matches(JsonNode actual, string name)
    {
        var directory = Path.Combine(RepoPaths.Root, "MlopsCdktf.Library.Tests", "Snapshots");
        var file = Path.Combine(directory, name + ".json");
        if (SnapshotAssert.Updating)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(file, actual.ToJsonString(Pretty) + "\n");
            return;
        }

        Assert.That(File.Exists(file), Is.True, $"No snapshot at {Path.GetRelativePath(RepoPaths.Root, file)}: run 'UPDATE_SNAPSHOTS=1 dotnet test MlopsCdktf.Library.Tests --filter Name~snapshot' and review it.");
        var diff = JsonDiff.Compare(JsonNode.Parse(File.ReadAllText(file)), actual);
        Assert.That(diff, Is.Empty, $"Synthesized JSON differs from snapshot {name}.json:\n  " + string.Join("\n  ", diff.Take(50)));
    }
}
