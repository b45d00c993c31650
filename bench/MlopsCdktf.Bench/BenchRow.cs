namespace MlopsCdktf.Bench;

/// <summary>One thing <c>make bench</c> runs: a command and its environment.</summary>
internal sealed record BenchRow(string Name, string FileName, string[] Arguments, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>How many stacks a run synthesized, counted in its <c>manifest.json</c> (every run must agree).</summary>
    public int Stacks { get; private set; }

    /// <summary>Records the stack count of one run's output folder; a run with another count than the first is an error.</summary>
    public void CountStacks(string outdir)
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(outdir, "manifest.json")))!;
        var stacks = manifest["stacks"]!.AsObject().Count;
        if (Stacks != 0 && Stacks != stacks)
        {
            throw new InvalidOperationException($"{Name}: {stacks} stacks in this run, {Stacks} before");
        }

        Stacks = stacks;
    }

    public List<ProcessTreeSampler.Measurement> Samples { get; } = [];

    public double MedianSeconds => Median(Samples.Select(s => s.Wall.TotalSeconds));

    public double MedianPeakMiB => Median(Samples.Select(s => s.PeakTreeRssBytes / 1024.0 / 1024.0));

    public double MinSeconds => Samples.Min(s => s.Wall.TotalSeconds);

    public double MaxSeconds => Samples.Max(s => s.Wall.TotalSeconds);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
