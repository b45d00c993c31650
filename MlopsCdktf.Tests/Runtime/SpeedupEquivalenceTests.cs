using System.Text.Json.Nodes;
using MlopsCdktf.Runtime;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Runtime;

/// <summary>
/// Runs the app as <c>cdktf synth</c> does, with every speed-up, without each one, and without any, and requires the
/// synthesized folders to be byte for byte the same (and equal to the committed snapshots). The runs also report what
/// they applied, so a speed-up that silently stopped applying fails here instead of passing vacuously.
/// </summary>
[Category("AppProcess")]
public sealed class SpeedupEquivalenceTests
{
    private const string Everything = "every speed-up";
    private const string Nothing = "no speed-up";

    /// <summary>Each variant's environment. TieredPGO is a runtimeconfig setting (MlopsCdktf.csproj), turned back on by DOTNET_TieredPGO=1.</summary>
    private static readonly Dictionary<string, Dictionary<string, string?>> Variants = new()
    {
        [Everything] = [],
        ["without lazy-provider-index"] = new() { [SpeedupSettings.DisableVariable] = "lazy-provider-index" },
        ["without type-index"] = new() { [SpeedupSettings.DisableVariable] = "type-index" },
        ["without single-resolution"] = new() { [SpeedupSettings.DisableVariable] = "single-resolution" },
        ["without tarball-from-file"] = new() { [SpeedupSettings.DisableVariable] = "tarball-from-file" },
        ["without small-node-young-generation"] = new() { [SpeedupSettings.DisableVariable] = "small-node-young-generation" },
        ["without TieredPGO off"] = new() { ["DOTNET_TieredPGO"] = "1" },
        [Nothing] = new() { [SpeedupSettings.DisableVariable] = "all", ["DOTNET_TieredPGO"] = "1" },
    };

    private static readonly Lazy<Dictionary<string, Run>> Runs = new(() =>
    {
        // Two at a time: the machine has two cores, and the runs take 3 to 10 s each.
        var runs = new System.Collections.Concurrent.ConcurrentDictionary<string, Run>();
        Parallel.ForEach(Variants, new ParallelOptions { MaxDegreeOfParallelism = 2 }, v => runs[v.Key] = Run.Of(v.Value));
        return runs.ToDictionary();
    });

    public static IEnumerable<string> Without => Variants.Keys.Where(k => k != Everything);

    [TestCaseSource(nameof(Without))]
    public void Synthesized_files_are_byte_identical_with_every_speed_up_and(string variant)
    {
        var expected = Runs.Value[Everything];
        var actual = Runs.Value[variant];

        Assert.That(actual.Files.Keys, Is.EquivalentTo(expected.Files.Keys));
        Assert.That(actual.Files.Keys.Where(f => !actual.Files[f].AsSpan().SequenceEqual(expected.Files[f])), Is.Empty,
            $"files that differ {variant}");
    }

    [Test]
    public void Every_speed_up_applies_when_on_and_the_lazy_index_covers_each_provider_package()
    {
        var run = Runs.Value[Everything];

        Assert.That(run.Applied, Is.EqualTo(SpeedupSettings.Names(Speedups.All)));
        // provider-helm has three modules: loading it whole is cheaper than an index (the preload leaves small indexes eager).
        Assert.That(run.LazyPackages, Is.EquivalentTo(new[] { "provider-aws", "provider-google", "provider-kubernetes" }));
        Assert.That(run.TarballsFromFile, Is.EqualTo(4), "the four provider packages, helm included (cdktf and constructs load before the hook)");
    }

    [Test]
    public void A_disabled_speed_up_is_off()
    {
        Assert.That(Runs.Value["without type-index"].Applied, Is.EqualTo("lazy-provider-index,single-resolution,tarball-from-file,small-node-young-generation"));
        Assert.That(Runs.Value["without tarball-from-file"].TarballsFromFile, Is.Zero);
        Assert.That(Runs.Value["without lazy-provider-index"].LazyPackages, Is.Empty);
        Assert.That(Runs.Value[Nothing].Applied, Is.EqualTo("none"));
        Assert.That(Runs.Value[Nothing].LazyPackages, Is.Empty);
    }

    [Test]
    public void The_output_equals_the_committed_snapshots()
    {
        var stacks = Runs.Value[Everything].Files.Where(f => f.Key.EndsWith("cdk.tf.json", StringComparison.Ordinal)).ToList();

        Assert.That(stacks, Has.Count.EqualTo(Directory.GetFiles(RepoPaths.Snapshots, "*.json").Length), "one per committed snapshot");
        foreach (var (file, bytes) in stacks)
        {
            var name = Path.GetFileName(Path.GetDirectoryName(file))!;
            var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Snapshots, name + ".json")));
            Assert.That(JsonDiff.Compare(snapshot, JsonNode.Parse(bytes)), Is.Empty, name);
        }
    }

    /// <summary>One run of the app: its synthesized files by relative path, and what it reported.</summary>
    private sealed record Run(IReadOnlyDictionary<string, byte[]> Files, string Applied, IReadOnlyList<string> LazyPackages, int TarballsFromFile)
    {
        public static Run Of(IReadOnlyDictionary<string, string?> variant)
        {
            var dir = Directory.CreateTempSubdirectory("mlops-speedup-");
            try
            {
                var outdir = Path.Combine(dir.FullName, "out");
                var report = Path.Combine(dir.FullName, "report.txt");
                var environment = new Dictionary<string, string?>(variant) { ["CDKTF_OUTDIR"] = outdir, [SpeedupSettings.ReportVariable] = report };
                var (exitCode, output) = AppProcess.Run(environment);
                Assert.That(exitCode, Is.Zero, output);
                var lines = File.ReadAllLines(report);
                return new Run(
                    Directory.EnumerateFiles(outdir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(outdir, f), File.ReadAllBytes),
                    lines.Single(l => l.StartsWith("applied ", StringComparison.Ordinal))["applied ".Length..],
                    lines.Where(l => l.StartsWith("lazy ", StringComparison.Ordinal))
                        .Select(l => l.Split('/')[^3]) // .../node_modules/@cdktf/provider-aws/lib/index.js
                        .ToList(),
                    lines.Where(l => l.StartsWith("tarballs-from-file ", StringComparison.Ordinal)).Select(l => int.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault());
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }
    }
}
