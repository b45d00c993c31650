namespace MlopsCdktf.Core;

/// <summary>
/// The words Google Cloud refuses in project ids (https://cloud.google.com/resource-manager/docs/creating-managing-projects):
/// a project id holding one is refused at creation, and names derived from it (state buckets) inherit the word, so the
/// problem is reported against the project id, not the derived name.
/// </summary>
public static class GcpProjectIds
{
    /// <summary>Why a project id holding a restricted word is refused, quoted in messages.</summary>
    public const string RestrictedWordsMessage =
        "must not contain \"google\", \"null\", \"undefined\" or \"ssl\": Google Cloud refuses project ids with these words";

    private static readonly string[] RestrictedWords = ["google", "null", "undefined", "ssl"];

    /// <summary>Whether <paramref name="projectId"/> holds a word Google Cloud refuses in project ids; references are not checked.</summary>
    public static bool HasRestrictedWord(string? projectId) =>
        projectId is not null && !InputValidator.IsUnresolved(projectId)
        && RestrictedWords.Any(word => projectId.Contains(word, StringComparison.Ordinal));
}
