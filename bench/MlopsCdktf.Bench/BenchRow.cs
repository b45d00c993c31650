namespace MlopsCdktf.Bench;

/// <summary>One thing <c>make bench</c> runs: a command, its environment, and how many stacks it synthesizes.</summary>
internal sealed record BenchRow(string Name, string FileName, string[] Arguments, IReadOnlyDictionary<string, string?> Environment, int Stacks)
{
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
