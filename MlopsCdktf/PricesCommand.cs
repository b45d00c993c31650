using System.Globalization;
using MlopsCdktf.Cost;

namespace MlopsCdktf;

/// <summary>
/// <c>scripts/refresh-prices.sh</c>: replaces the SageMaker rows of the price catalogue with those of downloaded AWS Price
/// List offer files (one per region), and sets the catalogue's date. Review the diff before committing it.
/// </summary>
public static class PricesCommand
{
    /// <summary>Rewrites <paramref name="catalogue"/> from <paramref name="offerFiles"/>; prints what changed in count.</summary>
    /// <returns>0, or 2 when an offer holds no SageMaker instance price or the catalogue would not parse.</returns>
    public static int Refresh(string catalogue, IReadOnlyList<string> offerFiles, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(offerFiles);
        ArgumentNullException.ThrowIfNull(output);
        var prices = new List<Price>();
        foreach (var file in offerFiles)
        {
            var parsed = AwsPriceList.ParseSageMakerOffer(File.ReadAllText(file));
            if (parsed.Count == 0)
            {
                Console.Error.WriteLine($"refresh-prices: {file} holds no SageMaker hosting or notebook instance price");
                return 2;
            }

            prices.AddRange(parsed);
        }

        var text = AwsPriceList.Replace(File.ReadAllText(catalogue), prices, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        _ = PriceCatalogue.Parse(text); // what the library will read must parse
        File.WriteAllText(catalogue, text);
        output.WriteLine($"{catalogue}: {prices.Count} SageMaker prices from {offerFiles.Count} offer file(s); review the diff");
        return 0;
    }
}
