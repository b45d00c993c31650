using MlopsCdktf.Core;
using MlopsCdktf.Gcp;

namespace MlopsCdktf.Tests.Validation;

/// <summary>
/// Generated, property-style tests of the region and zone catalogues (<see cref="CloudRegions"/>): every documented zone of
/// every supported region is accepted, and zones that do not exist or belong to another region are refused, naming the zones
/// that would work.
/// </summary>
public sealed class PlacementCatalogueTests
{
    private static InputValidator NewValidator() => new("Test", "test/Subject");

    public static IEnumerable<TestCaseData> GcpRegions() => CloudRegions.Gcp.Order(StringComparer.Ordinal).Select(r => new TestCaseData(r).SetArgDisplayNames(r));

    public static IEnumerable<TestCaseData> AwsRegions() => CloudRegions.Aws.Order(StringComparer.Ordinal).Select(r => new TestCaseData(r).SetArgDisplayNames(r));

    [Test]
    public void Every_supported_region_has_its_zones_and_no_zone_row_names_an_unknown_region()
    {
        Assert.That(CloudRegions.GcpZoneLetters.Keys, Is.EquivalentTo(CloudRegions.Gcp));
        Assert.That(CloudRegions.AwsZoneLetters.Keys, Is.EquivalentTo(CloudRegions.Aws));
        Assert.That(CloudRegions.GcpZoneLetters.Values.Concat(CloudRegions.AwsZoneLetters.Values), Has.All.Match("^[a-z]{2,6}$"), "at least two zones, letters only");
    }

    [Test]
    public void Every_zone_of_the_accelerator_catalogue_is_a_documented_zone()
    {
        var zones = typeof(AcceleratorZoneCatalog).Assembly.GetManifestResourceStream("MlopsCdktf.Gcp.accelerator-zones.tsv")!;
        using var reader = new StreamReader(zones);
        var catalogueZones = reader.ReadToEnd().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("zone\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t')[0]).Distinct().ToList();
        Assert.That(catalogueZones, Is.Not.Empty);
        Assert.That(catalogueZones.Where(z => !CloudRegions.IsGcpZone(z)), Is.Empty, "a GPU zone the zone catalogue does not know");
    }

    [TestCaseSource(nameof(GcpRegions))]
    public void Every_documented_zone_of_a_gcp_region_is_accepted_and_impossible_ones_refused(string region)
    {
        var zones = CloudRegions.GcpZonesOf(region);
        foreach (var zone in zones)
        {
            Assert.That(NewValidator().ValidateGcpZoneOf(zone, region, "Zone").Problems, Is.Empty, zone);
            Assert.That(NewValidator().ValidateGcpLocation(zone, "Location").Problems, Is.Empty, zone);
            Assert.That(CloudRegions.GcpRegionOfZone(zone), Is.EqualTo(region));
        }

        Assert.That(NewValidator().ValidateGcpLocation(region, "Location").Problems, Is.Empty);
        var missing = "abcdefghz".Where(l => !CloudRegions.GcpZoneLetters[region].Contains(l, StringComparison.Ordinal)).Select(l => $"{region}-{l}");
        var other = CloudRegions.Gcp.First(r => r != region);
        foreach (var impossible in missing.Append($"{other}-b").Append($"{region}-").Append($"{region}-aa"))
        {
            Assert.That(NewValidator().ValidateGcpZoneOf(impossible, region, "Zone").Problems, Is.EqualTo(new[]
            {
                $"Zone was \"{impossible}\": must be a zone of region {region}: {string.Join(", ", zones)}.",
            }), impossible);
        }
    }

    [TestCaseSource(nameof(AwsRegions))]
    public void Every_documented_availability_zone_of_an_aws_region_is_accepted_and_impossible_ones_refused(string region)
    {
        var zones = CloudRegions.AwsZonesOf(region);
        foreach (var zone in zones)
        {
            Assert.That(NewValidator().ValidateAwsZoneOf(zone, region, "AvailabilityZones", "Aws.Region").Problems, Is.Empty, zone);
        }

        var other = CloudRegions.Aws.First(r => r != region);
        foreach (var impossible in new[] { $"{region}z", $"{region}g", $"{other}a" })
        {
            Assert.That(NewValidator().ValidateAwsZoneOf(impossible, region, "AvailabilityZones", "Aws.Region").Problems, Is.EqualTo(new[]
            {
                $"AvailabilityZones was \"{impossible}\": must be an availability zone of {region} (Aws.Region): {string.Join(", ", zones)}.",
            }), impossible);
        }

        Assert.That(NewValidator().ValidateAwsZoneOf($"{region}-bos-1a", region, "AvailabilityZones", "Aws.Region").Problems, Is.Empty,
            "a Local Zone name is not checked");
    }

    [TestCase("europe-west4-z", "is not a zone of europe-west4: its zones are europe-west4-a, europe-west4-b, europe-west4-c")]
    [TestCase("europe-west1-a", "is not a zone of europe-west1: its zones are europe-west1-b, europe-west1-c, europe-west1-d")]
    [TestCase("europe-west99", "must be a Google Cloud region (e.g. europe-west4) or one of its zones (e.g. europe-west4-a) (" + CloudRegions.HowToExtend + ")")]
    [TestCase("mars-north1-a", "must be a Google Cloud region (e.g. europe-west4) or one of its zones (e.g. europe-west4-a) (" + CloudRegions.HowToExtend + ")")]
    public void A_region_shaped_location_that_is_not_a_region_or_zone_is_refused(string location, string allowed) =>
        Assert.That(NewValidator().ValidateGcpLocation(location, "Location").Problems, Is.EqualTo(new[] { $"Location was \"{location}\": {allowed}." }));

    [TestCase("us-east-1", "aws")]
    [TestCase("cn-north-1", "aws-cn")]
    [TestCase("cn-northwest-1", "aws-cn")]
    [TestCase("us-gov-west-1", "aws-us-gov")]
    public void A_region_belongs_to_its_partition(string region, string partition) => Assert.That(CloudRegions.AwsPartitionOf(region), Is.EqualTo(partition));

    /// <summary>Generated: a KMS key ARN of every supported region, in a stack of eu-west-1: only eu-west-1 is accepted, and a
    /// key of another partition is refused as such.</summary>
    [TestCaseSource(nameof(AwsRegions))]
    public void An_arn_is_accepted_only_in_the_region_and_partition_it_names(string region)
    {
        var arn = $"arn:{CloudRegions.AwsPartitionOf(region)}:kms:{region}:123456789012:key/abcd";
        var problems = NewValidator().ValidateAwsArnRegion(arn, "KmsKeyArn", "eu-west-1", "Aws.Region").Problems;
        if (region == "eu-west-1")
        {
            Assert.That(problems, Is.Empty);
        }
        else if (CloudRegions.AwsPartitionOf(region) != "aws")
        {
            Assert.That(problems, Is.EqualTo(new[]
            {
                $"KmsKeyArn was \"{arn}\": is a kms ARN of partition {CloudRegions.AwsPartitionOf(region)} ({region}), but Aws.Region runs in eu-west-1 (partition aws): partitions never share resources.",
            }));
        }
        else
        {
            Assert.That(problems, Is.EqualTo(new[]
            {
                $"KmsKeyArn was \"{arn}\": is a kms ARN of region {region}, but Aws.Region is in eu-west-1: it must be in eu-west-1 (or be a Terraform reference, which is not compared).",
            }));
        }
    }

    [TestCase("arn:aws:kms:eu-west-9:123456789012:key/abcd", "names region \"eu-west-9\", which is not an AWS region (" + CloudRegions.HowToExtend + ")")]
    [TestCase("arn:aws:kms:cn-north-1:123456789012:key/abcd", "names region cn-north-1, which is in partition aws-cn, not aws")]
    [TestCase("arn:aws-cn:sns:eu-west-1:123456789012:pager", "names region eu-west-1, which is in partition aws, not aws-cn")]
    public void An_arn_naming_an_unknown_region_or_the_wrong_partition_is_refused(string arn, string allowed) =>
        Assert.That(NewValidator().ValidateAwsArnRegion(arn, "KmsKeyArn", null, "the stack").Problems, Is.EqualTo(new[] { $"KmsKeyArn was \"{arn}\": {allowed}." }));
}
