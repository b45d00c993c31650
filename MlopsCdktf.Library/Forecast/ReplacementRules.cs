using System.Reflection;

namespace MlopsCdktf.Forecast;

/// <summary>What changing an attribute does to an existing resource.</summary>
public enum ChangeEffect
{
    /// <summary>Updated in place, nothing moves: not reported.</summary>
    InPlace,

    /// <summary>Updated in place, but nodes are recreated or traffic moves (e.g. a node pool's machine type).</summary>
    Disrupt,

    /// <summary>Destroyed and created again (or created, then the old one destroyed).</summary>
    Replace,

    /// <summary>Destroyed: no longer declared (or declared at another address, without a <c>moved</c> block).</summary>
    Destroy,
}

/// <summary>
/// The curated list of attributes that replace or disrupt a resource (<c>MlopsCdktf.Library/Forecast/replacements.tsv</c>,
/// embedded) and the resource types that hold data. Terraform's <c>providers schema -json</c> does not say which attributes
/// force replacement (ForceNew lives in the providers' code), so the list is read from their documentation and source.
/// </summary>
public sealed class ReplacementRules
{
    /// <summary>Where the list lives in the repository, quoted in reports.</summary>
    public const string RepositoryPath = "MlopsCdktf.Library/Forecast/replacements.tsv";

    private static readonly Lazy<ReplacementRules> EmbeddedRules = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MlopsCdktf.Forecast.replacements.tsv")
            ?? throw new InvalidOperationException("The replacement list is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    private readonly Dictionary<string, List<(string Attribute, ChangeEffect Effect, string Why)>> _byType;

    private ReplacementRules(IReadOnlySet<string> holdsData, Dictionary<string, List<(string, ChangeEffect, string)>> byType)
    {
        HoldsData = holdsData;
        _byType = byType;
    }

    /// <summary>The list built into the library.</summary>
    public static ReplacementRules Embedded => EmbeddedRules.Value;

    /// <summary>Resource types whose destruction loses data or service (buckets, shares, keys, repositories, clusters).</summary>
    public IReadOnlySet<string> HoldsData { get; }

    /// <summary>What changing <paramref name="attribute"/> (a dotted path without list indices) of a <paramref name="type"/> does, and why.</summary>
    public (ChangeEffect Effect, string Why) Of(string type, string attribute)
    {
        if (!_byType.TryGetValue(type, out var rules))
        {
            return (ChangeEffect.InPlace, "");
        }

        // The most specific rule whose attribute is the changed path or one of its parents; '*' is any attribute.
        var match = rules.Where(r => r.Attribute == "*" || attribute == r.Attribute || attribute.StartsWith(r.Attribute + ".", StringComparison.Ordinal))
            .OrderByDescending(r => r.Attribute == "*" ? 0 : r.Attribute.Length).FirstOrDefault();
        return match.Attribute is null ? (ChangeEffect.InPlace, "") : (match.Effect, match.Why);
    }

    /// <summary>Reads a list in the <c>replacements.tsv</c> format.</summary>
    /// <exception cref="FormatException">A row without four fields or with an unknown effect.</exception>
    public static ReplacementRules Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var holdsData = new HashSet<string>(StringComparer.Ordinal);
        var byType = new Dictionary<string, List<(string, ChangeEffect, string)>>(StringComparer.Ordinal);
        var header = true;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# holds-data:", StringComparison.Ordinal))
            {
                holdsData.UnionWith(line["# holds-data:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split('\t');
            var effect = cells.Length == 4 ? cells[2] switch { "replace" => ChangeEffect.Replace, "disrupt" => ChangeEffect.Disrupt, _ => (ChangeEffect?)null } : null;
            if (effect is null)
            {
                throw new FormatException($"Replacement list line {number}: expected 'type, attribute, replace|disrupt, why' (tab-separated): '{line}'.");
            }

            if (!byType.TryGetValue(cells[0], out var list))
            {
                byType[cells[0]] = list = [];
            }

            list.Add((cells[1], effect.Value, cells[3]));
        }

        return new ReplacementRules(holdsData, byType);
    }
}
