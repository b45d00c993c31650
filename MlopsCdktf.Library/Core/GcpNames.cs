using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>Google Cloud identifier formats shared by the GCP and Kubernetes (GKE) constructs: project ids, regions, zones, resource names, KMS keys.</summary>
internal static partial class GcpNames
{
    /// <summary>Whether <paramref name="location"/> has the form of a zone (<c>europe-west4-a</c>).</summary>
    public static bool IsZone(string location) => ZonePattern().IsMatch(location);

    /// <summary>Whether <paramref name="location"/> has the form of a region (<c>europe-west4</c>).</summary>
    public static bool IsRegion(string location) => RegionPattern().IsMatch(location);

    /// <summary>Requires a project id: 6–30 characters, lowercase letters, digits and hyphens, starting with a letter.</summary>
    public static InputValidator ValidateProjectId(this InputValidator validator, string? projectId, string property = "ProjectId") =>
        validator.NotBlank(projectId, property)
            .Matches(projectId, property, ProjectIdPattern(),
                "must be a project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen");

    /// <summary>Requires a region (<c>europe-west4</c>) or zone (<c>europe-west4-a</c>).</summary>
    public static InputValidator ValidateLocation(this InputValidator validator, string? location, string property = "Location")
    {
        validator.NotBlank(location, property);
        if (location is not null && !InputValidator.IsUnresolved(location))
        {
            validator.Require(IsRegion(location) || IsZone(location), property, location,
                "must be a region (e.g. europe-west4) or a zone (e.g. europe-west4-a)");
        }

        return validator;
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
