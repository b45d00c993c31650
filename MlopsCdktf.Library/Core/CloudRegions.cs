namespace MlopsCdktf.Core;

/// <summary>
/// The regions the library accepts, in one place. Clouds add regions over time: when one is missing, add it to the list
/// below (the validation message says so) — the lists are data, not rules.
/// </summary>
public static class CloudRegions
{
    /// <summary>Where to extend the lists, quoted in validation messages.</summary>
    public const string HowToExtend = "if it is a new region, add it to MlopsCdktf.Library/Core/CloudRegions.cs";

    /// <summary>AWS commercial, GovCloud and China regions.</summary>
    public static IReadOnlySet<string> Aws { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
        "me-central-1", "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
    };

    /// <summary>Google Cloud regions.</summary>
    public static IReadOnlySet<string> Gcp { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
        "asia-south2", "asia-southeast1", "asia-southeast2", "australia-southeast1", "australia-southeast2",
        "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1", "europe-west2",
        "europe-west3", "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10", "europe-west12",
        "me-central1", "me-central2", "me-west1", "northamerica-northeast1", "northamerica-northeast2",
        "northamerica-south1", "southamerica-east1", "southamerica-west1", "us-central1", "us-east1", "us-east4",
        "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
    };

    /// <summary>
    /// The zone letters of each <see cref="Gcp"/> region (<c>europe-west1</c> has b, c and d; <c>us-central1</c> a, b, c and f),
    /// from Google Cloud's "Regions and zones" table (https://cloud.google.com/compute/docs/regions-zones). Every region of
    /// <see cref="Gcp"/> has a row (a test checks).
    /// </summary>
    public static IReadOnlyDictionary<string, string> GcpZoneLetters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["africa-south1"] = "abc", ["asia-east1"] = "abc", ["asia-east2"] = "abc", ["asia-northeast1"] = "abc",
        ["asia-northeast2"] = "abc", ["asia-northeast3"] = "abc", ["asia-south1"] = "abc", ["asia-south2"] = "abc",
        ["asia-southeast1"] = "abc", ["asia-southeast2"] = "abc", ["australia-southeast1"] = "abc", ["australia-southeast2"] = "abc",
        ["europe-central2"] = "abc", ["europe-north1"] = "abc", ["europe-north2"] = "abc", ["europe-southwest1"] = "abc",
        ["europe-west1"] = "bcd", ["europe-west2"] = "abc", ["europe-west3"] = "abc", ["europe-west4"] = "abc",
        ["europe-west6"] = "abc", ["europe-west8"] = "abc", ["europe-west9"] = "abc", ["europe-west10"] = "abc",
        ["europe-west12"] = "abc", ["me-central1"] = "abc", ["me-central2"] = "abc", ["me-west1"] = "abc",
        ["northamerica-northeast1"] = "abc", ["northamerica-northeast2"] = "abc", ["northamerica-south1"] = "abc",
        ["southamerica-east1"] = "abc", ["southamerica-west1"] = "abc", ["us-central1"] = "abcf", ["us-east1"] = "bcd",
        ["us-east4"] = "abc", ["us-east5"] = "abc", ["us-south1"] = "abc", ["us-west1"] = "abc", ["us-west2"] = "abc",
        ["us-west3"] = "abc", ["us-west4"] = "abc",
    };

    /// <summary>
    /// The availability-zone letters of each <see cref="Aws"/> region (<c>eu-west-1</c> has a, b and c), from the AWS
    /// "Regions and Availability Zones" pages; an account sees a subset of its region's zones. Local and Wavelength zones
    /// (<c>us-east-1-bos-1a</c>) are not listed and not checked. Every region of <see cref="Aws"/> has a row (a test checks).
    /// </summary>
    public static IReadOnlyDictionary<string, string> AwsZoneLetters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["us-east-1"] = "abcdef", ["us-east-2"] = "abc", ["us-west-1"] = "abc", ["us-west-2"] = "abcd", ["af-south-1"] = "abc",
        ["ap-east-1"] = "abc", ["ap-south-1"] = "abc", ["ap-south-2"] = "abc", ["ap-southeast-1"] = "abc", ["ap-southeast-2"] = "abc",
        ["ap-southeast-3"] = "abc", ["ap-southeast-4"] = "abc", ["ap-southeast-5"] = "abc", ["ap-southeast-7"] = "abc",
        ["ap-northeast-1"] = "abcd", ["ap-northeast-2"] = "abcd", ["ap-northeast-3"] = "abc", ["ca-central-1"] = "abd",
        ["ca-west-1"] = "abc", ["eu-central-1"] = "abc", ["eu-central-2"] = "abc", ["eu-west-1"] = "abc", ["eu-west-2"] = "abc",
        ["eu-west-3"] = "abc", ["eu-south-1"] = "abc", ["eu-south-2"] = "abc", ["eu-north-1"] = "abc", ["il-central-1"] = "abc",
        ["me-south-1"] = "abc", ["me-central-1"] = "abc", ["mx-central-1"] = "abc", ["sa-east-1"] = "abc",
        ["us-gov-east-1"] = "abc", ["us-gov-west-1"] = "abc", ["cn-north-1"] = "abd", ["cn-northwest-1"] = "abc",
    };

    /// <summary>Every documented zone of <paramref name="region"/> (<c>europe-west4-a</c>, …), or empty for an unknown region.</summary>
    public static IReadOnlyList<string> GcpZonesOf(string region) =>
        GcpZoneLetters.TryGetValue(region, out var letters) ? letters.Select(l => $"{region}-{l}").ToArray() : [];

    /// <summary>Every documented availability zone of <paramref name="region"/> (<c>eu-west-1a</c>, …), or empty for an unknown region.</summary>
    public static IReadOnlyList<string> AwsZonesOf(string region) =>
        AwsZoneLetters.TryGetValue(region, out var letters) ? letters.Select(l => $"{region}{l}").ToArray() : [];

    /// <summary>Whether <paramref name="zone"/> is a documented zone of a known Google Cloud region.</summary>
    public static bool IsGcpZone(string zone) => GcpRegionOfZone(zone) is not null;

    /// <summary>The region of a documented Google Cloud zone (<c>europe-west4-b</c> → <c>europe-west4</c>), or null.</summary>
    public static string? GcpRegionOfZone(string zone)
    {
        var dash = zone.LastIndexOf('-');
        return dash > 0 && zone.Length == dash + 2 && GcpZoneLetters.TryGetValue(zone[..dash], out var letters) && letters.Contains(zone[^1], StringComparison.Ordinal)
            ? zone[..dash]
            : null;
    }

    /// <summary>The partition of an AWS region: <c>aws-cn</c> for <c>cn-*</c>, <c>aws-us-gov</c> for <c>us-gov-*</c>, else <c>aws</c>.</summary>
    public static string AwsPartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    /// <summary>Cloud Storage multi-regions and predefined dual-regions (besides every <see cref="Gcp"/> region).</summary>
    public static IReadOnlySet<string> GcsMultiRegions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "US", "EU", "ASIA", "NAM4", "EUR4", "EUR5", "EUR7", "EUR8", "ASIA1",
    };

    /// <summary>Requires a Cloud Storage location: a region, multi-region or predefined dual-region (any case).</summary>
    public static InputValidator ValidateGcsLocation(this InputValidator validator, string? location, string property) =>
        validator.Require(location is not null && (InputValidator.IsUnresolved(location) || Gcp.Contains(location.ToLowerInvariant()) || GcsMultiRegions.Contains(location)),
            property, location, $"must be a Cloud Storage location: a region such as europe-west4, a multi-region (US, EU, ASIA) or a dual-region (NAM4, EUR4, ...) ({HowToExtend})");

    /// <summary>Requires a known AWS region.</summary>
    public static InputValidator ValidateAwsRegion(this InputValidator validator, string? region, string property) =>
        validator.Require(region is not null && (InputValidator.IsUnresolved(region) || Aws.Contains(region)), property, region,
            $"must be an AWS region such as eu-west-1 ({HowToExtend})");

    /// <summary>Requires a known GCP region.</summary>
    public static InputValidator ValidateGcpRegion(this InputValidator validator, string? region, string property) =>
        validator.Require(region is not null && (InputValidator.IsUnresolved(region) || Gcp.Contains(region)), property, region,
            $"must be a Google Cloud region such as europe-west4 ({HowToExtend})");

    /// <summary>Requires a documented zone of <paramref name="region"/> (<paramref name="regionSource"/> says where the region comes from); references are skipped.</summary>
    public static InputValidator ValidateGcpZoneOf(this InputValidator validator, string? zone, string? region, string property, string? regionSource = null)
    {
        if (zone is not null && (InputValidator.IsUnresolved(zone) || (region is not null && InputValidator.IsUnresolved(region))))
        {
            return validator;
        }

        var zones = region is null ? [] : GcpZonesOf(region);
        var where = regionSource is null ? $"region {region ?? "?"}" : $"region {region ?? "?"} ({regionSource})";
        return validator.Require(zone is not null && zones.Contains(zone), property, zone, zones.Count > 0
            ? $"must be a zone of {where}: {string.Join(", ", zones)}"
            : $"must be a zone of {where}, such as {region ?? "europe-west4"}-a ({HowToExtend})");
    }

    /// <summary>Requires a known Google Cloud region or a documented zone of one (a cluster or instance location); references are skipped.</summary>
    public static InputValidator ValidateGcpLocation(this InputValidator validator, string? location, string property)
    {
        if (location is null || InputValidator.IsUnresolved(location) || Gcp.Contains(location) || IsGcpZone(location))
        {
            return validator;
        }

        var dash = location.LastIndexOf('-');
        var region = dash > 0 ? location[..dash] : null;
        return region is not null && Gcp.Contains(region)
            ? validator.Add(property, location, $"is not a zone of {region}: its zones are {string.Join(", ", GcpZonesOf(region))}")
            : validator.Add(property, location, $"must be a Google Cloud region (e.g. europe-west4) or one of its zones (e.g. europe-west4-a) ({HowToExtend})");
    }

    /// <summary>Requires a documented availability zone of <paramref name="region"/> (a Local Zone name, region-city-Nx, is not checked); references are skipped.</summary>
    public static InputValidator ValidateAwsZoneOf(this InputValidator validator, string? zone, string? region, string property, string regionSource)
    {
        if (zone is null || region is null || InputValidator.IsUnresolved(zone) || InputValidator.IsUnresolved(region)
            || (zone.StartsWith(region + "-", StringComparison.Ordinal) && zone.Length > region.Length + 3))
        {
            return validator;
        }

        if (!Aws.Contains(region))
        {
            return validator.Add(property, zone, $"names region \"{region}\", which is not an AWS region ({HowToExtend})");
        }

        var zones = AwsZonesOf(region);
        return validator.Require(zones.Contains(zone), property, zone,
            $"must be an availability zone of {region} ({regionSource}): {string.Join(", ", zones)}");
    }

    /// <summary>
    /// Requires a literal ARN (<c>arn:&lt;partition&gt;:&lt;service&gt;:&lt;region&gt;:…</c>) to name a known AWS region of its own
    /// partition and, when <paramref name="expectedRegion"/> is known, that region: KMS keys, SNS topics and ECR images serve
    /// only their own region, and partitions never share resources. <paramref name="where"/> names what sets the expected
    /// region (e.g. <c>Aws.Region</c>). References and ARNs without a region are skipped.
    /// </summary>
    public static InputValidator ValidateAwsArnRegion(this InputValidator validator, string? arn, string property, string? expectedRegion, string where)
    {
        if (arn is null || InputValidator.IsUnresolved(arn) || arn.Split(':') is not ["arn", var partition, var service, var region, ..] || region.Length == 0)
        {
            return validator;
        }

        return CompareAwsRegion(validator, arn, property, $"a {service} ARN", region, partition, expectedRegion, where, sameRegion: true);
    }

    /// <summary>The comparison behind <see cref="ValidateAwsArnRegion"/>, also for ECR hosts (which carry no partition).</summary>
    internal static InputValidator CompareAwsRegion(InputValidator validator, string value, string property, string what, string region, string partition,
        string? expectedRegion, string where, bool sameRegion)
    {
        if (!Aws.Contains(region))
        {
            return validator.Add(property, value, $"names region \"{region}\", which is not an AWS region ({HowToExtend})");
        }

        var regionPartition = AwsPartitionOf(region);
        if (partition != regionPartition)
        {
            return validator.Add(property, value, $"names region {region}, which is in partition {regionPartition}, not {partition}");
        }

        if (expectedRegion is null || InputValidator.IsUnresolved(expectedRegion) || !Aws.Contains(expectedRegion))
        {
            return validator;
        }

        var expectedPartition = AwsPartitionOf(expectedRegion);
        if (partition != expectedPartition)
        {
            return validator.Add(property, value,
                $"is {what} of partition {partition} ({region}), but {where} runs in {expectedRegion} (partition {expectedPartition}): "
                + "partitions never share resources");
        }

        return validator.Require(!sameRegion || region == expectedRegion, property, value,
            $"is {what} of region {region}, but {where} is in {expectedRegion}: it must be in {expectedRegion} (or be a Terraform reference, which is not compared)");
    }
}
