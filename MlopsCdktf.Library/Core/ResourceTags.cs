namespace MlopsCdktf.Core;

/// <summary>Validation of AWS resource tags, shared by every AWS construct.</summary>
internal static class ResourceTags
{
    /// <summary>The largest tag key AWS accepts.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>The largest tag value AWS accepts.</summary>
    public const int MaxValueLength = 256;

    /// <summary>The most tags AWS accepts on one resource (user tags; the provider's default tags count too).</summary>
    public const int MaxTags = 50;

    /// <summary>
    /// Checks every tag: non-empty key and value, AWS length limits, and no reserved <c>aws:</c> prefix.
    /// An empty tag value is rejected on purpose: it usually means a configuration value was never filled in.
    /// </summary>
    public static InputValidator ValidateAwsTags(this InputValidator validator, IReadOnlyDictionary<string, string>? tags, string property = "Tags")
    {
        if (tags is null)
        {
            return validator;
        }

        validator.Require(tags.Count <= MaxTags, property, $"{tags.Count} tags", $"may hold at most {MaxTags} tags per resource (AWS's limit, default tags included)");
        foreach (var (key, value) in tags)
        {
            var name = $"{property}[\"{key}\"]";
            if (string.IsNullOrWhiteSpace(key))
            {
                validator.Add($"{property} key", key, "tag keys must not be empty");
                continue;
            }

            validator.Require(key.Length <= MaxKeyLength, $"{property} key", key, $"tag keys must be at most {MaxKeyLength} characters");
            validator.Require(!key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase), $"{property} key", key, "the 'aws:' prefix is reserved for AWS");
            validator.Require(!string.IsNullOrWhiteSpace(value), name, value, "tag values must not be empty");
            validator.Require(value is null || value.Length <= MaxValueLength, name, value, $"tag values must be at most {MaxValueLength} characters");
        }

        return validator;
    }
}
