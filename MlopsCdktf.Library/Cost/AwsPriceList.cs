using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MlopsCdktf.Cost;

/// <summary>
/// Reads the AWS Price List bulk offer of SageMaker (<c>offers/v1.0/aws/AmazonSageMaker/current/&lt;region&gt;/index.json</c>)
/// into catalogue rows, and writes them into the catalogue text: what <c>scripts/refresh-prices.sh</c> runs.
/// </summary>
public static class AwsPriceList
{
    /// <summary>The catalogue kinds an offer's ML instance components become.</summary>
    private static readonly Dictionary<string, string> Components = new(StringComparer.Ordinal)
    {
        ["Hosting"] = "sagemaker-hosting",
        ["Notebook"] = "sagemaker-notebook",
    };

    /// <summary>
    /// The on-demand hourly prices of SageMaker hosting and notebook instances in <paramref name="offerJson"/> (products of
    /// family <c>ML Instance</c> with a <c>regionCode</c>, an <c>instanceName</c> and an hourly USD price).
    /// </summary>
    /// <exception cref="FormatException">The text is not an offer file (no <c>products</c> and <c>terms.OnDemand</c>).</exception>
    public static IReadOnlyList<Price> ParseSageMakerOffer(string offerJson)
    {
        using var document = JsonDocument.Parse(offerJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("products", out var products) || !root.TryGetProperty("terms", out var terms) || !terms.TryGetProperty("OnDemand", out var onDemand))
        {
            throw new FormatException("Not an AWS Price List offer file: 'products' and 'terms.OnDemand' are required.");
        }

        var published = root.TryGetProperty("publicationDate", out var date) ? date.GetString()?[..10] : null;
        var source = published is null ? "aws-price-list" : $"aws-price-list {published}";
        var prices = new Dictionary<(string, string, string), Price>();
        foreach (var product in products.EnumerateObject())
        {
            var p = product.Value;
            if (Text(p, "productFamily") != "ML Instance" || !p.TryGetProperty("attributes", out var a)
                || Text(a, "component") is not { } component || !Components.TryGetValue(component, out var kind)
                || Text(a, "regionCode") is not { } region || Text(a, "instanceName") is not { } instance
                || HourlyUsd(onDemand, product.Name) is not { } usd)
            {
                continue;
            }

            prices[(kind, region, instance)] = new Price(kind, region, instance, "hour", usd, null, source);
        }

        return prices.Values.OrderBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Region, StringComparer.Ordinal)
            .ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// <paramref name="catalogueText"/> with every row of the kinds and regions in <paramref name="prices"/> replaced by them and
    /// the <c># date:</c> line set to <paramref name="date"/>; comments, the header and other rows stay as they are.
    /// </summary>
    public static string Replace(string catalogueText, IReadOnlyList<Price> prices, string date)
    {
        ArgumentNullException.ThrowIfNull(catalogueText);
        ArgumentNullException.ThrowIfNull(prices);
        var replaced = prices.Select(p => (p.Kind, p.Region)).ToHashSet();
        var text = new StringBuilder();
        var header = true;
        foreach (var line in catalogueText.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("# date:", StringComparison.Ordinal))
            {
                text.Append("# date: ").Append(date).Append('\n');
                continue;
            }

            if (line.StartsWith('#') || header)
            {
                header &= line.StartsWith('#');
                text.Append(line).Append('\n');
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length < 2 || !replaced.Contains((cells[0], cells[1])))
            {
                text.Append(line).Append('\n');
            }
        }

        foreach (var p in prices)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Kind}\t{p.Region}\t{p.Key}\t{p.Unit}\t{p.OnDemand.ToString(CultureInfo.InvariantCulture)}\t{p.Spot?.ToString(CultureInfo.InvariantCulture)}\t{p.Source}\n");
        }

        return text.ToString();
    }

    private static decimal? HourlyUsd(JsonElement onDemand, string sku)
    {
        if (!onDemand.TryGetProperty(sku, out var offers))
        {
            return null;
        }

        foreach (var offer in offers.EnumerateObject())
        {
            if (!offer.Value.TryGetProperty("priceDimensions", out var dimensions))
            {
                continue;
            }

            foreach (var dimension in dimensions.EnumerateObject())
            {
                if (Text(dimension.Value, "unit") is "Hrs" or "Hours" && dimension.Value.TryGetProperty("pricePerUnit", out var price)
                    && Text(price, "USD") is { } usd && decimal.TryParse(usd, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0)
                {
                    return decimal.Parse(value.ToString("0.######", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
