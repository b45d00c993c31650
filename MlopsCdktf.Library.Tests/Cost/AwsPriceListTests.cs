using MlopsCdktf.Cost;

namespace MlopsCdktf.Tests.Cost;

/// <summary>The refresh script's parser, on a sample in the AWS Price List bulk offer format, and the catalogue rewrite.</summary>
public sealed class AwsPriceListTests
{
    // Trimmed from the format of offers/v1.0/aws/AmazonSageMaker/current/<region>/index.json: products by SKU, on-demand terms
    // by SKU and offer term, price dimensions with a unit and a USD string; other families, components and units ignored.
    private const string Offer = """
        {
          "formatVersion": "v1.0", "offerCode": "AmazonSageMaker", "version": "20261101000000", "publicationDate": "2026-11-01T00:00:00Z",
          "products": {
            "HOST1": { "sku": "HOST1", "productFamily": "ML Instance", "attributes": { "regionCode": "eu-west-1", "component": "Hosting", "instanceName": "ml.m5.xlarge", "usagetype": "EU-Hosting:ml.m5.xlarge" } },
            "NOTE1": { "sku": "NOTE1", "productFamily": "ML Instance", "attributes": { "regionCode": "eu-west-1", "component": "Notebook", "instanceName": "ml.t3.medium" } },
            "TRAIN1": { "sku": "TRAIN1", "productFamily": "ML Instance", "attributes": { "regionCode": "eu-west-1", "component": "Training", "instanceName": "ml.m5.xlarge" } },
            "STORE1": { "sku": "STORE1", "productFamily": "ML Storage", "attributes": { "regionCode": "eu-west-1", "component": "Hosting" } },
            "FREE1": { "sku": "FREE1", "productFamily": "ML Instance", "attributes": { "regionCode": "eu-west-1", "component": "Hosting", "instanceName": "ml.t2.medium" } }
          },
          "terms": { "OnDemand": {
            "HOST1": { "HOST1.JRTCKXETXF": { "priceDimensions": { "HOST1.JRTCKXETXF.6YS6EN2CT7": { "unit": "Hrs", "pricePerUnit": { "USD": "0.2560000000" } } } } },
            "NOTE1": { "NOTE1.JRTCKXETXF": { "priceDimensions": { "NOTE1.JRTCKXETXF.6YS6EN2CT7": { "unit": "Hrs", "pricePerUnit": { "USD": "0.0545000000" } } } } },
            "TRAIN1": { "TRAIN1.JRTCKXETXF": { "priceDimensions": { "TRAIN1.JRTCKXETXF.6YS6EN2CT7": { "unit": "Hrs", "pricePerUnit": { "USD": "0.2560000000" } } } } },
            "STORE1": { "STORE1.JRTCKXETXF": { "priceDimensions": { "STORE1.JRTCKXETXF.6YS6EN2CT7": { "unit": "GB-Mo", "pricePerUnit": { "USD": "0.1540000000" } } } } },
            "FREE1": { "FREE1.JRTCKXETXF": { "priceDimensions": { "FREE1.JRTCKXETXF.6YS6EN2CT7": { "unit": "Hrs", "pricePerUnit": { "USD": "0.0000000000" } } } } }
          } }
        }
        """;

    [Test]
    public void Hosting_and_notebook_instance_hours_are_read_with_the_publication_date_as_source()
    {
        Assert.That(AwsPriceList.ParseSageMakerOffer(Offer), Is.EqualTo(new[]
        {
            new Price("sagemaker-hosting", "eu-west-1", "ml.m5.xlarge", "hour", 0.256m, null, "aws-price-list 2026-11-01"),
            new Price("sagemaker-notebook", "eu-west-1", "ml.t3.medium", "hour", 0.0545m, null, "aws-price-list 2026-11-01"),
        }), "training, storage and zero-priced (free tier) rows are not hosting prices");
    }

    [Test]
    public void A_file_that_is_not_an_offer_is_refused() =>
        Assert.That(() => AwsPriceList.ParseSageMakerOffer("""{ "products": {} }"""),
            Throws.TypeOf<FormatException>().With.Message.EqualTo("Not an AWS Price List offer file: 'products' and 'terms.OnDemand' are required."));

    [Test]
    public void Refreshed_rows_replace_the_kind_and_region_they_cover_and_keep_everything_else()
    {
        var before = "# date: 2026-01-01\n# source: test\nkind\tregion\tkey\tunit\ton_demand\tspot\tsource\n"
            + "sagemaker-hosting\teu-west-1\tml.m5.large\thour\t0.128\t\tseed\n"
            + "sagemaker-hosting\tus-east-1\tml.m5.large\thour\t0.115\t\tseed\n"
            + "aws-kms-key\t*\tkey\tmonth\t1.00\t\tseed\n";

        var after = AwsPriceList.Replace(before, AwsPriceList.ParseSageMakerOffer(Offer), "2026-12-05");

        Assert.That(after, Is.EqualTo("# date: 2026-12-05\n# source: test\nkind\tregion\tkey\tunit\ton_demand\tspot\tsource\n"
            + "sagemaker-hosting\tus-east-1\tml.m5.large\thour\t0.115\t\tseed\n"
            + "aws-kms-key\t*\tkey\tmonth\t1.00\t\tseed\n"
            + "sagemaker-hosting\teu-west-1\tml.m5.xlarge\thour\t0.256\t\taws-price-list 2026-11-01\n"
            + "sagemaker-notebook\teu-west-1\tml.t3.medium\thour\t0.0545\t\taws-price-list 2026-11-01\n"));
        Assert.That(PriceCatalogue.Parse(after).Find("sagemaker-hosting", "eu-west-1", "ml.m5.xlarge")!.OnDemand, Is.EqualTo(0.256m));
    }
}
