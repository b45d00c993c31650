using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlopsCdktf.Cost;

/// <summary>The forecast of a group of stacks (an environment): its stacks' costs and its GPUs at peak.</summary>
/// <param name="Name">The group's name, e.g. the environment <c>prod</c>.</param>
/// <param name="Stacks">The stacks' forecasts.</param>
public sealed record CostGroup(string Name, IReadOnlyList<StackCost> Stacks)
{
    /// <summary>USD per month at rest.</summary>
    public decimal AtRest => Stacks.Sum(s => s.AtRest);

    /// <summary>USD per month at peak.</summary>
    public decimal Peak => Stacks.Sum(s => s.Peak);

    /// <summary>Every line of every stack.</summary>
    public IEnumerable<CostLine> Lines => Stacks.SelectMany(s => s.Lines);

    /// <summary>GPUs at peak per accelerator type and region (spot and on-demand apart: GCP quotas count them apart).</summary>
    public IReadOnlyList<(string GpuType, string Region, bool Spot, int AtPeak)> GpusAtPeak =>
        Stacks.SelectMany(s => s.Gpus).GroupBy(g => (g.GpuType, g.Region, g.Spot))
            .Select(g => (g.Key.GpuType, g.Key.Region, g.Key.Spot, g.Sum(d => d.AtPeak)))
            .OrderBy(g => g.GpuType, StringComparer.Ordinal).ThenBy(g => g.Region, StringComparer.Ordinal).ThenBy(g => g.Spot).ToList();
}

/// <summary>
/// The cost and capacity forecast: per group (environment), per stack, per resource, at rest and at peak, with the
/// catalogue's date and source and the assumptions made. Written as <c>cost-report.json</c> and a Markdown summary.
/// </summary>
/// <param name="Groups">The groups, in the order given.</param>
/// <param name="Catalogue">The prices used.</param>
/// <param name="Assumptions">What was assumed.</param>
public sealed record CostReport(IReadOnlyList<CostGroup> Groups, PriceCatalogue Catalogue, CostAssumptions Assumptions)
{
    /// <summary>The JSON report's file name, next to the synthesized stacks.</summary>
    public const string FileName = "cost-report.json";

    /// <summary>The Markdown summary's file name (what the workflow posts on a pull request).</summary>
    public const string SummaryFileName = "cost-summary.md";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The report as JSON: totals per group and stack, every line, GPUs at peak, catalogue and assumptions.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        Catalogue = new { Path = PriceCatalogue.RepositoryPath, Catalogue.Date, Catalogue.Source },
        Assumptions,
        HoursPerMonth = PriceCatalogue.HoursPerMonth,
        Environments = Groups.Select(g => new
        {
            g.Name,
            AtRestMonthlyUsd = g.AtRest,
            PeakMonthlyUsd = g.Peak,
            Unpriced = g.Lines.Count(l => l.Status == CostStatus.Unpriced),
            GpusAtPeak = g.GpusAtPeak.Select(x => new { x.GpuType, x.Region, x.Spot, x.AtPeak }),
            Stacks = g.Stacks.Select(s => new
            {
                s.Stack,
                AtRestMonthlyUsd = s.AtRest,
                PeakMonthlyUsd = s.Peak,
                s.FreeResources,
                Lines = s.Lines.Select(l => new { l.ConstructPath, l.ResourceType, l.Item, l.Status, AtRestMonthlyUsd = l.AtRest, PeakMonthlyUsd = l.Peak, l.Basis }),
            }),
        }),
    }, Options) + "\n";

    /// <summary>The per-environment table: at rest, at peak, and the change from <paramref name="baseline"/> (a previous report) when given.</summary>
    public string ToTable(IReadOnlyDictionary<string, (decimal AtRest, decimal Peak)>? baseline = null)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"environment",-14} {"at rest $/mo",14} {"at peak $/mo",14}{(baseline is null ? "" : $" {"Δ rest",10} {"Δ peak",10}")}  unpriced");
        foreach (var g in Groups)
        {
            var delta = baseline is null ? "" : baseline.TryGetValue(g.Name, out var b)
                ? $" {Signed(g.AtRest - b.AtRest),10} {Signed(g.Peak - b.Peak),10}"
                : $" {"new",10} {"new",10}";
            text.AppendLine(CultureInfo.InvariantCulture, $"{g.Name,-14} {Usd(g.AtRest),14} {Usd(g.Peak),14}{delta}  {g.Lines.Count(l => l.Status == CostStatus.Unpriced)}");
        }

        return text.ToString();
    }

    /// <summary>The Markdown summary: the table, the largest lines per environment at peak, GPUs at peak, what is not priced.</summary>
    public string ToMarkdown(IReadOnlyDictionary<string, (decimal AtRest, decimal Peak)>? baseline = null)
    {
        var md = new StringBuilder();
        md.AppendLine("## Cost and capacity forecast").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"List prices of `{PriceCatalogue.RepositoryPath}` ({Catalogue.Date}), 730 h a month; at rest = minimum counts, at peak = maximum counts.");
        var priced = Groups.SelectMany(g => g.Lines).Where(l => l.Status == CostStatus.Priced).ToList();
        var seeds = priced.Count(l => l.Basis.EndsWith("(seed)", StringComparison.Ordinal));
        if (seeds > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"{seeds} of {priced.Count} priced lines use hand-entered seed prices (approximate; `scripts/refresh-prices.sh` replaces the SageMaker ones).");
        }

        md.AppendLine();
        md.AppendLine(baseline is null ? "| environment | at rest $/mo | at peak $/mo |" : "| environment | at rest $/mo | at peak $/mo | Δ at rest | Δ at peak |");
        md.AppendLine(baseline is null ? "|---|---:|---:|" : "|---|---:|---:|---:|---:|");
        foreach (var g in Groups)
        {
            var delta = baseline is null ? "" : baseline.TryGetValue(g.Name, out var b) ? $" {Signed(g.AtRest - b.AtRest)} | {Signed(g.Peak - b.Peak)} |" : " new | new |";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {g.Name} | {Usd(g.AtRest)} | {Usd(g.Peak)} |{delta}");
        }

        foreach (var g in Groups)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"<details><summary>{g.Name}: per resource</summary>").AppendLine();
            md.AppendLine("| construct | item | at rest | at peak |").AppendLine("|---|---|---:|---:|");
            foreach (var l in g.Lines.Where(l => l.Status == CostStatus.Priced).OrderByDescending(l => l.Peak).ThenBy(l => l.ConstructPath, StringComparer.Ordinal))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{l.ConstructPath}` | {l.Item} | {Usd(l.AtRest!.Value)} | {Usd(l.Peak!.Value)} |");
            }

            foreach (var l in g.Lines.Where(l => l.Status != CostStatus.Priced).OrderBy(l => l.ConstructPath, StringComparer.Ordinal))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{l.ConstructPath}` | {l.Item} | {(l.Status == CostStatus.Unpriced ? "unpriced" : "usage")} | {l.Basis} |");
            }

            foreach (var gpu in g.GpusAtPeak)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| GPUs at peak | {gpu.AtPeak} × {gpu.GpuType} in {gpu.Region}{(gpu.Spot ? " (spot)" : "")} | | |");
            }

            md.AppendLine().AppendLine("</details>");
        }

        return md.ToString();
    }

    /// <summary>Totals per environment of a report written by <see cref="ToJson"/> (e.g. the base branch's), for the deltas.</summary>
    public static IReadOnlyDictionary<string, (decimal AtRest, decimal Peak)> ReadTotals(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("environments").EnumerateArray().ToDictionary(
            e => e.GetProperty("name").GetString()!,
            e => (e.GetProperty("at_rest_monthly_usd").GetDecimal(), e.GetProperty("peak_monthly_usd").GetDecimal()),
            StringComparer.Ordinal);
    }

    /// <summary>USD with thousands separators and cents.</summary>
    public static string Usd(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal amount) => (amount > 0 ? "+" : amount < 0 ? "−" : "±") + Usd(Math.Abs(amount));
}
