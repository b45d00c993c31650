using System.Globalization;
using System.Reflection;

namespace MlopsCdktf.Cost;

/// <summary>One price of the catalogue: what is priced (<see cref="Kind"/> + <see cref="Key"/>), where, per what unit.</summary>
/// <param name="Kind">The priced thing, e.g. <c>sagemaker-hosting</c>, <c>gce-machine</c>, <c>filestore</c>.</param>
/// <param name="Region">The region, or <c>*</c> for a price that is the same everywhere.</param>
/// <param name="Key">Which one, e.g. <c>ml.m5.xlarge</c>, <c>n1-standard-8</c>, <c>BASIC_HDD</c>.</param>
/// <param name="Unit"><c>hour</c>, <c>gb-month</c>, <c>month</c> or <c>gb-second</c>.</param>
/// <param name="OnDemand">USD per unit, on demand.</param>
/// <param name="Spot">USD per unit on spot capacity, when the catalogue has it.</param>
/// <param name="Source">Where the figure comes from (<c>seed</c>, <c>aws-price-list</c>, …).</param>
public sealed record Price(string Kind, string Region, string Key, string Unit, decimal OnDemand, decimal? Spot, string Source);

/// <summary>
/// The versioned price catalogue (<c>MlopsCdktf.Library/Cost/prices.tsv</c>, embedded): USD list prices per region, on demand
/// and spot, with the date and source of the data. The forecast never guesses: what the catalogue lacks is reported unpriced.
/// </summary>
/// <remarks>
/// Format: <c>#</c> comment lines, of which <c># date:</c>, <c># source:</c> and <c># gpus-included:</c> (machine families whose
/// price includes their GPUs) are read; a header line; one tab-separated row per price: kind, region (<c>*</c> for any),
/// key, unit, on-demand, spot (may be empty), source.
/// </remarks>
public sealed class PriceCatalogue
{
    /// <summary>Where the catalogue lives in the repository, quoted in reports.</summary>
    public const string RepositoryPath = "MlopsCdktf.Library/Cost/prices.tsv";

    /// <summary>Hours in a month, as the clouds' monthly estimates count them.</summary>
    public const decimal HoursPerMonth = 730m;

    private const string ResourceName = "MlopsCdktf.Cost.prices.tsv";
    private static readonly Lazy<PriceCatalogue> EmbeddedCatalogue = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The price catalogue {ResourceName} is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    private readonly Dictionary<(string Kind, string Region, string Key), Price> _prices;

    private PriceCatalogue(string date, string source, IReadOnlySet<string> gpusIncluded, IReadOnlyList<Price> prices)
    {
        Date = date;
        Source = source;
        GpusIncludedFamilies = gpusIncluded;
        Prices = prices;
        _prices = prices.ToDictionary(p => (p.Kind, p.Region, p.Key));
    }

    /// <summary>The catalogue built into the library.</summary>
    public static PriceCatalogue Embedded => EmbeddedCatalogue.Value;

    /// <summary>When the prices were taken (<c># date:</c>).</summary>
    public string Date { get; }

    /// <summary>Where they come from (<c># source:</c>).</summary>
    public string Source { get; }

    /// <summary>Compute Engine machine families whose machine price includes the attached GPUs (e.g. <c>g2</c>).</summary>
    public IReadOnlySet<string> GpusIncludedFamilies { get; }

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<Price> Prices { get; }

    /// <summary>The price of <paramref name="key"/> of <paramref name="kind"/> in <paramref name="region"/> (or the any-region row).</summary>
    public Price? Find(string kind, string? region, string key) =>
        (region is not null ? _prices.GetValueOrDefault((kind, region, key)) : null) ?? _prices.GetValueOrDefault((kind, "*", key));

    /// <summary>Reads a catalogue in the <c>prices.tsv</c> format.</summary>
    /// <exception cref="FormatException">A row that does not have seven fields, a number that is not one, a duplicate row.</exception>
    public static PriceCatalogue Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string date = "", source = "";
        var included = new HashSet<string>(StringComparer.Ordinal);
        var prices = new List<Price>();
        var seen = new HashSet<(string, string, string)>();
        var header = true;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                var comment = line[1..].Trim();
                date = Field(comment, "date:") ?? date;
                source = Field(comment, "source:") ?? source;
                if (Field(comment, "gpus-included:") is { } families)
                {
                    included.UnionWith(families.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(f => !f.StartsWith('(')));
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != 7)
            {
                throw new FormatException($"Price catalogue line {lineNumber}: expected 7 tab-separated fields, found {cells.Length}: '{line}'.");
            }

            var price = new Price(cells[0], cells[1], cells[2], cells[3], Number(cells[4], lineNumber),
                cells[5].Length == 0 ? null : Number(cells[5], lineNumber), cells[6]);
            if (!seen.Add((price.Kind, price.Region, price.Key)))
            {
                throw new FormatException($"Price catalogue line {lineNumber}: {price.Kind} {price.Region} {price.Key} is listed twice.");
            }

            prices.Add(price);
        }

        return new PriceCatalogue(date, source, included, prices);
    }

    private static string? Field(string comment, string name) =>
        comment.StartsWith(name, StringComparison.Ordinal) ? comment[name.Length..].Trim() : null;

    private static decimal Number(string text, int line) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new FormatException($"Price catalogue line {line}: '{text}' is not a non-negative USD amount.");
}
