using System.Globalization;
using System.Reflection;

namespace MlopsCdktf.Gcp;

/// <summary>What the accelerator catalogue says about one accelerator type in one zone.</summary>
internal enum AcceleratorOffer
{
    /// <summary>The catalogue has no data for the zone's region: nothing can be said.</summary>
    RegionNotCovered,

    /// <summary>The catalogue covers the region and the zone does not offer the type.</summary>
    Absent,

    /// <summary>The catalogue lists the type in the zone, but its sources disagree.</summary>
    Uncertain,

    /// <summary>The catalogue lists the type in the zone.</summary>
    Listed,
}

/// <summary>
/// The versioned catalogue of accelerator types per Compute Engine zone (<c>MlopsCdktf.Library/Gcp/accelerator-zones.tsv</c>,
/// embedded): GPU types exist only in some zones of a region, and a node pool pinned elsewhere is rejected by GKE or never
/// scales up. <c>scripts/update-accelerator-zones.sh</c> regenerates the file from <c>gcloud compute accelerator-types list</c>.
/// </summary>
/// <remarks>
/// Format: <c>#</c> comment lines, of which <c># source:</c>, <c># date:</c> and <c># regions:</c> (space-separated, the regions
/// the data covers) are read; a header line <c>zone accelerator status</c>; then one tab-separated row per zone and type,
/// status <c>listed</c> or <c>uncertain</c>.
/// </remarks>
internal sealed class AcceleratorZoneCatalog
{
    /// <summary>Where the catalogue lives in the repository, quoted in messages.</summary>
    public const string RepositoryPath = "MlopsCdktf.Library/Gcp/accelerator-zones.tsv";

    /// <summary>The script that regenerates it, quoted in messages.</summary>
    public const string UpdateScript = "scripts/update-accelerator-zones.sh";

    private const string ResourceName = "MlopsCdktf.Gcp.accelerator-zones.tsv";
    private static readonly Lazy<AcceleratorZoneCatalog> EmbeddedCatalog = new(LoadEmbedded);

    private readonly Dictionary<(string Zone, string Accelerator), AcceleratorOffer> _offers;

    private AcceleratorZoneCatalog(string source, string date, IReadOnlySet<string> regions, Dictionary<(string, string), AcceleratorOffer> offers)
    {
        Source = source;
        Date = date;
        Regions = regions;
        _offers = offers;
    }

    /// <summary>The catalogue built into the library.</summary>
    public static AcceleratorZoneCatalog Embedded => EmbeddedCatalog.Value;

    /// <summary>Where the data comes from (<c># source:</c>).</summary>
    public string Source { get; }

    /// <summary>When the data was taken (<c># date:</c>).</summary>
    public string Date { get; }

    /// <summary>The regions the data covers; zones of other regions cannot be checked.</summary>
    public IReadOnlySet<string> Regions { get; }

    /// <summary>How many zone × type rows the catalogue holds.</summary>
    public int Count => _offers.Count;

    /// <summary>Parses the catalogue format (see the type's remarks).</summary>
    /// <exception cref="FormatException">When a row is malformed or the header or metadata is missing, naming the line.</exception>
    public static AcceleratorZoneCatalog Parse(TextReader reader)
    {
        string? source = null, date = null;
        HashSet<string>? regions = null;
        var offers = new Dictionary<(string, string), AcceleratorOffer>();
        var header = false;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var text = line.TrimStart('#').Trim();
                source ??= Meta(text, "source:");
                date ??= Meta(text, "date:");
                if (Meta(text, "regions:") is { } list)
                {
                    regions = new HashSet<string>(list.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                }

                continue;
            }

            var cells = line.Split('\t');
            if (!header)
            {
                header = cells is ["zone", "accelerator", "status"]
                    ? true
                    : throw new FormatException($"line {number}: expected the header \"zone<TAB>accelerator<TAB>status\", found \"{line}\"");
                continue;
            }

            if (cells.Length != 3 || cells[0].Length == 0 || cells[1].Length == 0)
            {
                throw new FormatException($"line {number}: expected zone<TAB>accelerator<TAB>status, found \"{line}\"");
            }

            var offer = cells[2] switch
            {
                "listed" => AcceleratorOffer.Listed,
                "uncertain" => AcceleratorOffer.Uncertain,
                _ => throw new FormatException($"line {number}: status must be listed or uncertain, found \"{cells[2]}\""),
            };
            if (!offers.TryAdd((cells[0], cells[1]), offer))
            {
                throw new FormatException($"line {number}: {cells[0]} {cells[1]} is listed twice");
            }
        }

        if (!header || source is null || date is null || regions is null)
        {
            throw new FormatException("the catalogue needs \"# source:\", \"# date:\" and \"# regions:\" lines and the header \"zone<TAB>accelerator<TAB>status\"");
        }

        foreach (var ((zone, _), _) in offers)
        {
            if (!regions.Contains(RegionOf(zone)))
            {
                throw new FormatException($"zone {zone} is outside the regions the catalogue declares ({string.Join(' ', regions.Order(StringComparer.Ordinal))})");
            }
        }

        return new AcceleratorZoneCatalog(source, date, regions, offers);
    }

    /// <summary>The region of a zone: <c>europe-west4-b</c> → <c>europe-west4</c> (also AI zones such as <c>europe-west4-ai1a</c>).</summary>
    public static string RegionOf(string zone)
    {
        var dash = zone.LastIndexOf('-');
        return dash > 0 ? zone[..dash] : zone;
    }

    /// <summary>What the catalogue says about <paramref name="accelerator"/> (a provider type name) in <paramref name="zone"/>.</summary>
    public AcceleratorOffer Offer(string zone, string accelerator) =>
        !Regions.Contains(RegionOf(zone)) ? AcceleratorOffer.RegionNotCovered
        : _offers.TryGetValue((zone, accelerator), out var offer) ? offer
        : AcceleratorOffer.Absent;

    /// <summary>The zones of <paramref name="region"/> that offer <paramref name="accelerator"/> at least as surely as <paramref name="atLeast"/>, sorted.</summary>
    public IReadOnlyList<string> ZonesOffering(string region, string accelerator, AcceleratorOffer atLeast = AcceleratorOffer.Uncertain) =>
        _offers.Where(o => o.Key.Accelerator == accelerator && o.Value >= atLeast && RegionOf(o.Key.Zone) == region)
            .Select(o => o.Key.Zone).Order(StringComparer.Ordinal).ToList();

    /// <summary>The covered regions with at least one zone offering <paramref name="accelerator"/>, sorted.</summary>
    public IReadOnlyList<string> RegionsOffering(string accelerator) =>
        _offers.Where(o => o.Key.Accelerator == accelerator).Select(o => RegionOf(o.Key.Zone)).Distinct()
            .Order(StringComparer.Ordinal).ToList();

    private static string? Meta(string text, string key) =>
        text.StartsWith(key, StringComparison.Ordinal) ? text[key.Length..].Trim() : null;

    private static AcceleratorZoneCatalog LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The accelerator catalogue {ResourceName} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        try
        {
            return Parse(reader);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{RepositoryPath} is malformed: {e.Message}"), e);
        }
    }
}
