using System.Net;
using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>
/// Cloud Storage bucket naming rules (https://cloud.google.com/storage/docs/buckets#naming), for names without dots
/// (dotted names need domain verification, so they are refused). Every rule a name breaks is reported.
/// </summary>
public static partial class GcsBucketNameRules
{
    /// <summary>Adds a problem to <paramref name="validator"/> for each naming rule <paramref name="name"/> breaks.</summary>
    public static InputValidator ValidateGcsBucketName(this InputValidator validator, string? name, string property = "BucketName")
    {
        if (name is null || InputValidator.IsUnresolved(name))
        {
            return validator.NotBlank(name, property);
        }

        validator.Require(name.Length is >= 3 and <= 63, property, name, $"must be 3 to 63 characters long (is {name.Length})");
        validator.Require(AllowedCharacters().IsMatch(name), property, name,
            "may contain only lowercase letters, digits, hyphens (-), underscores (_) and dots (.)");
        validator.Require(name.Length == 0 || (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0])) && (char.IsAsciiLetterLower(name[^1]) || char.IsAsciiDigit(name[^1])),
            property, name, "must begin and end with a lowercase letter or digit");
        validator.Require(!name.StartsWith("goog", StringComparison.Ordinal), property, name, "must not start with the reserved prefix 'goog'");
        validator.Require(!LooksLikeGoogle(name), property, name, "must not contain 'google' or a close misspelling of it (e.g. g00gle, goog1e)");
        validator.Require(!name.Contains('.', StringComparison.Ordinal), property, name,
            "must not contain dots: a dotted name is a domain name, which Cloud Storage accepts only after you verify owning the domain");
        validator.Require(!(Ipv4Form().IsMatch(name) && IPAddress.TryParse(name, out _)), property, name, "must not be formatted as an IP address");
        return validator;
    }

    /// <summary>Cloud Storage also refuses close misspellings of "google": digits standing in for letters.</summary>
    private static bool LooksLikeGoogle(string name) =>
        name.Replace('0', 'o').Replace('1', 'l').Replace('3', 'e').Replace('6', 'g').Replace('9', 'g').Contains("google", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9._-]*$")]
    private static partial Regex AllowedCharacters();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex Ipv4Form();
}
