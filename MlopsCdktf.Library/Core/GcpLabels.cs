using System.Text;
using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>
/// Validation and normalisation of Google Cloud labels, shared by every GCP construct
/// (https://cloud.google.com/resource-manager/docs/labels-overview#requirements): keys are 1–63 characters, start with
/// a lowercase letter and contain only lowercase letters, digits, <c>_</c> and <c>-</c>; values are at most 63 of the
/// same characters; a resource has at most 64 labels.
/// </summary>
public static partial class GcpLabels
{
    /// <summary>The longest label key or value GCP accepts.</summary>
    public const int MaxLength = 63;

    /// <summary>The most labels one resource may carry.</summary>
    public const int MaxLabels = 64;

    /// <summary>Adds a problem to <paramref name="validator"/> for each label breaking GCP's rules.</summary>
    public static InputValidator ValidateGcpLabels(this InputValidator validator, IReadOnlyDictionary<string, string>? labels, string property = "Labels")
    {
        if (labels is null)
        {
            return validator;
        }

        validator.Require(labels.Count <= MaxLabels, $"{property} count", labels.Count, $"a resource may carry at most {MaxLabels} labels");
        foreach (var (key, value) in labels)
        {
            validator.Require(KeyPattern().IsMatch(key), $"{property} key", key,
                $"label keys must be 1 to {MaxLength} characters, start with a lowercase letter and contain only lowercase letters, digits, '_' and '-'");
            if (value is null || !InputValidator.IsUnresolved(value))
            {
                validator.Require(value is not null && ValuePattern().IsMatch(value), $"{property}[\"{key}\"]", value,
                    $"label values must be at most {MaxLength} characters of lowercase letters, digits, '_' and '-'");
            }
        }

        return validator;
    }

    /// <summary>
    /// Turns free-form tags (e.g. the AWS-style <c>CostCenter = ML-Platform Dev</c>) into valid GCP labels
    /// (<c>cost_center = ml-platform-dev</c>): keys go from PascalCase/camelCase to snake_case, everything is lowercased,
    /// other characters become <c>_</c> (keys) or <c>-</c> (values), and both are cut to 63 characters.
    /// </summary>
    /// <exception cref="ArgumentException">When a key cannot be made valid (it has no letter to start with) or two keys collide.</exception>
    public static IDictionary<string, string> Normalize(IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            var normalizedKey = NormalizeKey(key);
            if (!labels.TryAdd(normalizedKey, NormalizeValue(value)))
            {
                throw new ArgumentException($"Tags \"{key}\" and another tag both normalise to the label key \"{normalizedKey}\".", nameof(tags));
            }
        }

        return labels;
    }

    /// <summary>A label key for <paramref name="key"/>: snake_case, lowercase, invalid characters as <c>_</c>, at most 63 characters.</summary>
    /// <exception cref="ArgumentException">When the result would not start with a lowercase letter.</exception>
    public static string NormalizeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length + 4);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(key[i - 1]) || char.IsAsciiDigit(key[i - 1])))
            {
                builder.Append('_');
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? char.ToLowerInvariant(c) : '_');
        }

        var normalized = Truncate(builder.ToString());
        if (!KeyPattern().IsMatch(normalized))
        {
            throw new ArgumentException($"Tag key \"{key}\" cannot be made a GCP label key (it must start with a letter).", nameof(key));
        }

        return normalized;
    }

    /// <summary>A label value for <paramref name="value"/>: lowercase, invalid characters as <c>-</c>, at most 63 characters.</summary>
    public static string NormalizeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var chars = value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? char.ToLowerInvariant(c) : '-').ToArray();
        return Truncate(new string(chars));
    }

    private static string Truncate(string s) => s.Length <= MaxLength ? s : s[..MaxLength];

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z0-9_-]{0,63}$")]
    private static partial Regex ValuePattern();
}
