using System.Net;
using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// Amazon S3 general purpose bucket naming rules
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). Every rule a name breaks is reported.
/// </summary>
public static partial class S3BucketNameRules
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>Adds a problem to <paramref name="validator"/> for each naming rule <paramref name="name"/> breaks.</summary>
    public static InputValidator ValidateS3BucketName(this InputValidator validator, string? name, string property = "BucketName")
    {
        if (name is null || InputValidator.IsUnresolved(name))
        {
            return validator.NotBlank(name, property);
        }

        validator.Require(name.Length is >= 3 and <= 63, property, name, $"must be 3 to 63 characters long (is {name.Length})");
        validator.Require(AllowedCharacters().IsMatch(name), property, name, "may contain only lowercase letters, digits, hyphens (-) and dots (.)");
        validator.Require(name.Length == 0 || (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0])) && (char.IsAsciiLetterLower(name[^1]) || char.IsAsciiDigit(name[^1])),
            property, name, "must begin and end with a lowercase letter or digit");
        validator.Require(!name.Contains("..", StringComparison.Ordinal), property, name, "must not contain two adjacent dots");
        validator.Require(!(Ipv4Form().IsMatch(name) && IPAddress.TryParse(name, out _)), property, name, "must not be formatted as an IP address");
        foreach (var prefix in ReservedPrefixes.Where(p => name.StartsWith(p, StringComparison.Ordinal)))
        {
            validator.Add(property, name, $"must not start with the reserved prefix '{prefix}'");
        }

        foreach (var suffix in ReservedSuffixes.Where(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            validator.Add(property, name, $"must not end with the reserved suffix '{suffix}'");
        }

        return validator;
    }

    [GeneratedRegex("^[a-z0-9.-]*$")]
    private static partial Regex AllowedCharacters();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex Ipv4Form();
}
