using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>Google Cloud identifier formats shared by the GCP and Kubernetes (GKE) constructs: project ids, regions, zones, resource names, KMS keys.</summary>
internal static partial class GcpNames
{
    /// <summary>Whether <paramref name="location"/> has the form of a zone (<c>europe-west4-a</c>).</summary>
    public static bool IsZone(string location) => ZonePattern().IsMatch(location);

    /// <summary>Whether <paramref name="location"/> has the form of a region (<c>europe-west4</c>).</summary>
    public static bool IsRegion(string location) => RegionPattern().IsMatch(location);

    /// <summary>Requires a project id: 6–30 characters, lowercase letters, digits and hyphens, starting with a letter, without
    /// the words Google Cloud refuses.</summary>
    public static InputValidator ValidateProjectId(this InputValidator validator, string? projectId, string property = "ProjectId") =>
        validator.NotBlank(projectId, property)
            .Matches(projectId, property, ProjectIdPattern(),
                "must be a project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen")
            .Require(!GcpProjectIds.HasRestrictedWord(projectId), property, projectId, GcpProjectIds.RestrictedWordsMessage);

    /// <summary>Requires a known region (<c>europe-west4</c>) or one of its documented zones (<c>europe-west4-a</c>), from <see cref="CloudRegions"/>.</summary>
    public static InputValidator ValidateLocation(this InputValidator validator, string? location, string property = "Location")
    {
        validator.NotBlank(location, property);
        return string.IsNullOrWhiteSpace(location) ? validator : validator.ValidateGcpLocation(location, property);
    }

    /// <summary>
    /// Requires a resource name in GCP's RFC 1035 form: a lowercase letter, then lowercase letters, digits and hyphens,
    /// not ending with a hyphen, at most <paramref name="maxLength"/> characters.
    /// </summary>
    public static InputValidator ValidateResourceName(this InputValidator validator, string? name, string property, int maxLength)
    {
        validator.NotBlank(name, property);
        if (name is not null && !InputValidator.IsUnresolved(name))
        {
            validator.Require(name.Length <= maxLength && ResourceNamePattern().IsMatch(name), property, name,
                $"must be 1 to {maxLength} characters: a lowercase letter, then lowercase letters, digits and hyphens, not ending with a hyphen");
        }

        return validator;
    }

    /// <summary>
    /// Requires a VPC network or subnetwork: its name (RFC 1035, at most 63 characters) or its path
    /// (<c>projects/P/global/networks/N</c>, <c>projects/P/regions/R/subnetworks/S</c>), or a reference.
    /// </summary>
    public static InputValidator ValidateNetworkReference(this InputValidator validator, string? value, string property)
    {
        validator.NotBlank(value, property);
        if (!string.IsNullOrWhiteSpace(value) && !InputValidator.IsUnresolved(value))
        {
            var name = value.Split('/')[^1];
            validator.Require((value == name || NetworkPathPattern().IsMatch(value)) && name.Length <= 63 && ResourceNamePattern().IsMatch(name), property, value,
                "must be a network or subnetwork name (a lowercase letter, then lowercase letters, digits and hyphens, at most 63) or its path projects/<project>/global/networks/<name> or projects/<project>/regions/<region>/subnetworks/<name>");
        }

        return validator;
    }

    /// <summary>Requires a Compute Engine machine type name, e.g. <c>n2-highmem-8</c> or <c>n2-custom-8-16384</c>.</summary>
    public static InputValidator ValidateMachineType(this InputValidator validator, string? machineType, string property = "MachineType") =>
        validator.NotBlank(machineType, property)
            .Matches(machineType, property, MachineTypePattern(),
                "must be a Compute Engine machine type such as n2-highmem-8, e2-standard-4 or n2-custom-8-16384 (lowercase letters, digits and hyphens)");

    /// <summary>Requires null or a Cloud KMS key name (<c>projects/P/locations/L/keyRings/R/cryptoKeys/K</c>) or a reference to one.</summary>
    public static InputValidator ValidateKmsKeyName(this InputValidator validator, string? keyName, string property) =>
        validator.Matches(keyName, property, KmsKeyPattern(),
            "must be a Cloud KMS key name (projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>) or a reference to one");

    /// <summary>
    /// Requires a literal Cloud KMS key to live where the resource it encrypts lives (Cloud KMS refuses a key of another
    /// location): a regional resource needs a key of its region (a zonal one, of its zone's region); a Cloud Storage
    /// multi-region or dual-region needs a key of the matching multi-region (<c>us</c>, <c>europe</c>, <c>asia</c>).
    /// References and unknown locations are skipped.
    /// </summary>
    public static InputValidator ValidateKmsKeyLocation(this InputValidator validator, string? keyName, string keyProperty, string? resourceLocation,
        string locationProperty)
    {
        if (keyName is null || resourceLocation is null || InputValidator.IsUnresolved(keyName) || InputValidator.IsUnresolved(resourceLocation)
            || !KmsKeyPattern().IsMatch(keyName) || KeyLocationFor(resourceLocation) is not { } expected)
        {
            return validator;
        }

        var keyLocation = keyName.Split('/')[3];
        return validator.Require(string.Equals(keyLocation, expected, StringComparison.Ordinal), keyProperty, keyName,
            $"is a key of location {keyLocation}, but {locationProperty} is {resourceLocation}: Cloud KMS keys encrypt only resources of their own "
            + $"location, so use a key of location {expected} (projects/<project>/locations/{expected}/keyRings/<ring>/cryptoKeys/<key>)");
    }

    /// <summary>The key location a resource at <paramref name="location"/> needs, or null when the location is unknown.</summary>
    internal static string? KeyLocationFor(string location) =>
        CloudRegions.Gcp.Contains(location.ToLowerInvariant()) ? location.ToLowerInvariant()
        : CloudRegions.GcpRegionOfZone(location) is { } region ? region
        : location.ToUpperInvariant() switch
        {
            "US" or "NAM4" => "us",
            "EU" or "EUROPE" or "EUR4" or "EUR5" or "EUR7" or "EUR8" => "europe",
            "ASIA" or "ASIA1" => "asia",
            _ => null,
        };

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex ProjectIdPattern();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]+-[a-z]$")]
    private static partial Regex ZonePattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ResourceNamePattern();

    [GeneratedRegex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/(global/networks|regions/[a-z]+-[a-z]+[0-9]+/subnetworks)/[^/]+$")]
    private static partial Regex NetworkPathPattern();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)+$")]
    private static partial Regex MachineTypePattern();

    [GeneratedRegex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$")]
    private static partial Regex KmsKeyPattern();
}
