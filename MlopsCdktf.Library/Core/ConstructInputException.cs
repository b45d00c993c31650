namespace MlopsCdktf.Core;

/// <summary>
/// Thrown at synth time when a construct receives input it cannot turn into correct Terraform.
/// The message names the construct type, its path in the construct tree, and every problem found
/// (property, offending value and what is allowed), so one run reports all mistakes at once.
/// </summary>
public sealed class ConstructInputException : Exception
{
    /// <summary>Creates the exception for the construct at <paramref name="constructPath"/>.</summary>
    /// <param name="constructType">The construct's type name, e.g. <c>ModelArtifactBucket</c>.</param>
    /// <param name="constructPath">The construct's path in the tree, e.g. <c>mlops-aws-prod/ModelArtifacts</c>.</param>
    /// <param name="problems">One sentence per invalid input; at least one.</param>
    public ConstructInputException(string constructType, string constructPath, IReadOnlyList<string> problems)
        : base(Format(constructType, constructPath, problems))
    {
        ConstructType = constructType;
        ConstructPath = constructPath;
        Problems = problems;
    }

    /// <summary>The construct's type name.</summary>
    public string ConstructType { get; }

    /// <summary>The construct's path in the construct tree.</summary>
    public string ConstructPath { get; }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(string type, string path, IReadOnlyList<string> problems) =>
        $"Invalid {type} at path [{path}]:" + string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}"));
}
