using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlopsCdktf.Tests.Support;

/// <summary>
/// Compares synthesized JSON with a committed snapshot under <c>MlopsCdktf.Tests/Snapshots</c>. On mismatch the test
/// fails listing each changed path (old → new). <c>make snapshots</c> (UPDATE_SNAPSHOTS=1) re-writes them.
/// </summary>
internal static class SnapshotAssert
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") is "1" or "true";

    public static void Matches(JsonNode actual, string snapshotName)
    {
        var file = Path.Combine(RepoPaths.Snapshots, snapshotName + ".json");
        var actualText = actual.ToJsonString(Pretty) + "\n";
        if (Updating)
        {
            Directory.CreateDirectory(RepoPaths.Snapshots);
            File.WriteAllText(file, actualText);
            return;
        }

        Assert.That(File.Exists(file), Is.True, $"No snapshot at {Path.GetRelativePath(RepoPaths.Root, file)}: run 'make snapshots' and review it.");
        var diff = JsonDiff.Compare(JsonNode.Parse(File.ReadAllText(file)), actual);
        Assert.That(diff, Is.Empty,
            $"Synthesized JSON differs from snapshot {snapshotName}.json ({diff.Count} change(s)):{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", diff.Take(50))
            + $"{Environment.NewLine}If the change is intended, run 'make snapshots' and commit the updated snapshot.");
    }
}
