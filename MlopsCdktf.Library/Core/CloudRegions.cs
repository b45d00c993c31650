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

    /// <summary>Requires a zone (<c>&lt;region&gt;-&lt;letter&gt;</c>) of <paramref name="region"/>.</summary>
    public static InputValidator ValidateGcpZoneOf(this InputValidator validator, string? zone, string? region, string property) =>
        validator.Require(zone is not null && region is not null && zone.Length == region.Length + 2 && zone.StartsWith(region + "-", StringComparison.Ordinal)
                && char.IsAsciiLetterLower(zone[^1]),
            property, zone, $"must be a zone of region {region ?? "?"}, such as {region ?? "europe-west4"}-a");
}
