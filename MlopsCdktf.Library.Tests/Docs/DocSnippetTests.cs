using System.Reflection;
using System.Text.RegularExpressions;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Docs;

/// <summary>
/// Every C# block of the README and docs/ is compiled and run: a block follows a <c>&lt;!-- snippet: name --&gt;</c>
/// marker and equals the region of that name in <see cref="DocSnippets"/> (compiled with this project), or it is the
/// consumer example, which <c>ConsumerPackageTests</c> builds against the packed package. <c>make snapshots</c>
/// (UPDATE_SNAPSHOTS=1) re-writes the blocks from the regions.
/// </summary>
[Category("Snapshot")]
public sealed partial class DocSnippetTests
{
    private static string SnippetSource => Path.Combine(RepoPaths.Root, "MlopsCdktf.Library.Tests", "Docs", "DocSnippets.cs");

    private static IEnumerable<string> Pages() =>
        new[] { Path.Combine(RepoPaths.Root, "README.md"), Path.Combine(RepoPaths.Library, "README.md"), Path.Combine(RepoPaths.Root, "CONTRIBUTING.md") }
            .Where(File.Exists)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    /// <summary>The regions of <see cref="DocSnippets"/>, dedented, by name.</summary>
    private static Dictionary<string, string> Regions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in RegionPattern().Matches(File.ReadAllText(SnippetSource)))
        {
            var lines = m.Groups["code"].Value.TrimEnd('\n', ' ').Split('\n');
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            regions.Add(m.Groups["name"].Value, string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())) + "\n");
        }

        return regions;
    }

    [Test]
    public void Every_csharp_block_of_the_docs_is_a_compiled_snippet_or_the_consumer_example()
    {
        var regions = Regions();
        var problems = new List<string>();
        foreach (var page in Pages())
        {
            var text = File.ReadAllText(page);
            var relative = Path.GetRelativePath(RepoPaths.Root, page);
            var updated = BlockPattern().Replace(text, m =>
            {
                var marker = m.Groups["marker"].Value;
                if (marker == "consumer-example")
                {
                    return m.Value;
                }

                if (!marker.StartsWith("snippet: ", StringComparison.Ordinal))
                {
                    problems.Add($"{relative}: a csharp block without a <!-- snippet: name --> marker (line {LineOf(text, m.Index)})");
                    return m.Value;
                }

                var name = marker["snippet: ".Length..];
                if (!regions.TryGetValue(name, out var code))
                {
                    problems.Add($"{relative}: snippet '{name}' has no '#region snippet: {name}' in DocSnippets.cs");
                    return m.Value;
                }

                if (m.Groups["code"].Value != code && !SnapshotAssert.Updating)
                {
                    problems.Add($"{relative}: snippet '{name}' differs from its region in DocSnippets.cs (make snapshots re-writes it)");
                }

                return $"<!-- {marker} -->\n```csharp\n{code}```";
            });
            if (SnapshotAssert.Updating && updated != text)
            {
                File.WriteAllText(page, updated);
            }
        }

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void Every_snippet_region_is_shown_in_a_page()
    {
        var shown = Pages().SelectMany(p => BlockPattern().Matches(File.ReadAllText(p)).Select(m => m.Groups["marker"].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.That(Regions().Keys.Where(name => !shown.Contains("snippet: " + name)), Is.Empty, "a region no page shows");
    }

    public static IEnumerable<TestCaseData> SnippetMethods() =>
        typeof(DocSnippets).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => new TestCaseData(m.Name).SetArgDisplayNames(m.Name));

    /// <summary>Each snippet runs (its constructs accept the shown input) and its stack synthesizes.</summary>
    [TestCaseSource(nameof(SnippetMethods))]
    public void A_snippet_runs_and_synthesizes(string method)
    {
        var stack = new DocSnippets(SynthHarness.NewApp(), "test");
        typeof(DocSnippets).GetMethod(method)!.Invoke(stack, null);
        Assert.That(SynthHarness.Synth(stack).Root["resource"], Is.Not.Null, "the snippet declares resources");
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"^[ \t]*#region snippet: (?<name>[a-z0-9-]+)\n(?<code>.*?)^[ \t]*#endregion", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"(?:<!-- (?<marker>[^>]*?) -->\n)?```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();
}
