using MlopsCdktf.Cost;

namespace MlopsCdktf.Tests.Cost;

/// <summary>The versioned price catalogue: dated, sourced, every row well-formed, and its parser strict about the format.</summary>
public sealed class PriceCatalogueTests
{
    private const string Header = "# date: 2026-01-01\n# source: test\n# gpus-included: g2 a3 (accelerator-optimized)\nkind\tregion\tkey\tunit\ton_demand\tspot\tsource\n";

    [Test]
    public void The_embedded_catalogue_is_dated_and_sourced_and_covers_what_the_environments_use()
    {
        var catalogue = PriceCatalogue.Embedded;
        Assert.Multiple(() =>
        {
            Assert.That(catalogue.Date, Does.Match(@"^\d{4}-\d{2}-\d{2}$"));
            Assert.That(catalogue.Source, Is.Not.Empty);
            Assert.That(catalogue.GpusIncludedFamilies, Is.EquivalentTo(new[] { "a2", "a3", "g2" }));
            Assert.That(catalogue.Prices.Select(p => p.Unit).Distinct(), Is.SubsetOf(new[] { "hour", "gb-month", "month", "gb-second" }));
            Assert.That(catalogue.Prices.Where(p => p.Spot is { } spot && spot > p.OnDemand), Is.Empty, "a spot price above on-demand is a typo");
            Assert.That(catalogue.Find("sagemaker-hosting", "eu-west-1", "ml.m5.xlarge")?.OnDemand, Is.GreaterThan(0m));
            Assert.That(catalogue.Find("aws-kms-key", "ap-south-2", "key")?.Region, Is.EqualTo("*"), "a region-independent row answers for every region");
            Assert.That(catalogue.Find("sagemaker-hosting", "ap-south-2", "ml.m5.xlarge"), Is.Null, "no row, no price: never another region's");
        });
    }

    [Test]
    public void Rows_are_read_with_their_spot_price_and_source()
    {
        var catalogue = PriceCatalogue.Parse(Header + "gce-machine\teurope-west4\tn1-standard-8\thour\t0.4176\t0.0836\tseed\ngcs\t*\tSTANDARD\tgb-month\t0.02\t\tseed\n");
        Assert.That(catalogue.Prices, Is.EqualTo(new[]
        {
            new Price("gce-machine", "europe-west4", "n1-standard-8", "hour", 0.4176m, 0.0836m, "seed"),
            new Price("gcs", "*", "STANDARD", "gb-month", 0.02m, null, "seed"),
        }));
        Assert.That(catalogue.GpusIncludedFamilies, Is.EquivalentTo(new[] { "g2", "a3" }));
    }

    [TestCase("gcs\t*\tSTANDARD\tgb-month\t0.02\tseed", "Price catalogue line 5: expected 7 tab-separated fields, found 6: 'gcs\t*\tSTANDARD\tgb-month\t0.02\tseed'.")]
    [TestCase("gcs\t*\tSTANDARD\tgb-month\t$0.02\t\tseed", "Price catalogue line 5: '$0.02' is not a non-negative USD amount.")]
    [TestCase("gcs\t*\tSTANDARD\tgb-month\t-1\t\tseed", "Price catalogue line 5: '-1' is not a non-negative USD amount.")]
    [TestCase("gcs\t*\tSTANDARD\tgb-month\t0.02\t\tseed\ngcs\t*\tSTANDARD\tgb-month\t0.03\t\tseed", "Price catalogue line 6: gcs * STANDARD is listed twice.")]
    public void A_malformed_catalogue_fails_naming_the_line(string rows, string message) =>
        Assert.That(() => PriceCatalogue.Parse(Header + rows), Throws.TypeOf<FormatException>().With.Message.EqualTo(message));
}
