using System.Globalization;

namespace MlopsCdktf.Bench;

/// <summary>The table, the targets of issue 11 and whether each is met, and the cost per stack.</summary>
internal static class BenchReport
{
    private const double FullAppSeconds = 3.0;
    private const double FullAppMiB = 500;
    private const double MakeSynthSeconds = 6.0;
    private const double RatioToCdktf = 3.0;

    public static void Print(IReadOnlyList<BenchRow> rows, TextWriter output)
    {
        var byName = rows.ToDictionary(r => r.Name);
        output.WriteLine();
        output.WriteLine(F($"{"",-24} {"stacks",6} {"wall s",8} {"(min-max)",13} {"peak MiB",9}"));
        foreach (var row in rows)
        {
            output.WriteLine(F($"{row.Name,-24} {row.Stacks,6} {row.MedianSeconds,8:0.00} {$"({row.MinSeconds:0.00}-{row.MaxSeconds:0.00})",13} {row.MedianPeakMiB,9:0}"));
        }

        var full = byName["full app"];
        var cdktf = byName["cdktf alone"];
        var before = byName["full app, no speed-ups"];
        var ratio = full.MedianSeconds / cdktf.MedianSeconds;
        output.WriteLine();
        output.WriteLine(F($"speed-ups: full app {before.MedianSeconds / full.MedianSeconds:0.0}x faster, {before.MedianPeakMiB / full.MedianPeakMiB:0.0}x less memory than without them"));
        output.WriteLine("targets:");
        Target(output, $"full app wall <= {FullAppSeconds:0.0} s", $"{full.MedianSeconds:0.00} s", full.MedianSeconds <= FullAppSeconds);
        Target(output, $"full app peak <= {FullAppMiB:0} MiB", $"{full.MedianPeakMiB:0} MiB", full.MedianPeakMiB <= FullAppMiB);
        Target(output, $"make synth <= {MakeSynthSeconds:0.0} s (warm)", $"{byName["make synth"].MedianSeconds:0.00} s", byName["make synth"].MedianSeconds <= MakeSynthSeconds);
        Target(output, $"full / cdktf alone <= {RatioToCdktf:0.0}x", $"{ratio:0.00}x", ratio <= RatioToCdktf);

        // Cost per stack: the marginal cost between sizes (start-up excluded), which a linear growth keeps constant.
        var ten = byName["10 environments"];
        var fifty = byName["50 environments"];
        var small = Slope(full, ten);
        var large = Slope(ten, fifty);
        output.WriteLine("scaling (wall per stack; marginal = extra seconds per extra stack):");
        foreach (var row in new[] { full, ten, fifty })
        {
            output.WriteLine(F($"  {row.Stacks,3} stacks: {row.MedianSeconds / row.Stacks:0.000} s/stack, peak {row.MedianPeakMiB:0} MiB"));
        }

        var linear = large <= small * 2 && large >= small / 2;
        output.WriteLine(F($"  marginal {small:0.000} s/stack from {full.Stacks} to {ten.Stacks} stacks, {large:0.000} s/stack from {ten.Stacks} to {fifty.Stacks}: {(linear ? "linear" : "NOT linear")}"));
    }

    private static double Slope(BenchRow from, BenchRow to) => (to.MedianSeconds - from.MedianSeconds) / (to.Stacks - from.Stacks);

    private static void Target(TextWriter output, string target, string measured, bool met) =>
        output.WriteLine($"  {target,-32} {measured,10}  {(met ? "met" : "NOT met")}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
