using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Amazon ECR repository naming rules, for repositories created here and imported alike.</summary>
public static partial class EcrRepositoryNameRules
{
    /// <summary>What a repository name looks like, for validation messages.</summary>
    internal const string Allowed =
        "must be lowercase letters and digits in '/'-separated components, words joined by single '.', '_' or '-' (e.g. \"ml/churn-serving\")";

    /// <summary>Adds a problem to <paramref name="validator"/> for each rule <paramref name="name"/> breaks (references are skipped).</summary>
    public static InputValidator ValidateEcrRepositoryName(this InputValidator validator, string? name, string property = "RepositoryName")
    {
        if (name is null || !InputValidator.IsUnresolved(name))
        {
            validator.Require(name is { Length: >= 2 and <= 256 }, property, name, "must be 2 to 256 characters long");
            validator.Matches(name ?? string.Empty, property, RepositoryName(), Allowed);
        }

        return validator;
    }

    /// <summary>A repository name: lowercase path components, words joined by single '.', '_' or '-'.</summary>
    internal const string RepositoryNamePattern = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";

    [GeneratedRegex("^" + RepositoryNamePattern + "$")]
    private static partial Regex RepositoryName();
}
