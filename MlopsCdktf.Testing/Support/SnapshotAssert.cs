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

    /// <param name="actual">The synthesized JSON.</param>
    /// <param name="snapshotName">The snapshot's file name without <c>.json</c>.</param>
    /// <param name="directory">The snapshots' folder: the app's (<see cref="RepoPaths.Snapshots"/>) unless given, e.g. the
    /// library tests' own for construct stacks.</param>
    public static void Matches(JsonNode actual, string snapshotName, string? directory = null)
    {
        directory ??= RepoPaths.Snapshots;
        var file = Path.Combine(directory, snapshotName + ".json");
        var actualText = actual.ToJsonString(Pretty) + "\n";
        if (Updating)
        {
            Directory.CreateDirectory(directory);
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
