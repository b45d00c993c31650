using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf;

/// <summary>
/// The app's one error path: whatever goes wrong while composing or synthesizing, the user gets a message naming where
/// (construct path or environment field) and what, without a stack trace (set <c>MLOPS_DEBUG=1</c> to see it), and
/// exit code 1. Errors users can cause in CDKTF or jsii are translated into the library's words.
/// </summary>
public static partial class AppErrors
{
    /// <summary>The environment variable that adds the stack trace to the report.</summary>
    public const string DebugVariable = "MLOPS_DEBUG";

    /// <summary>Writes the report of <paramref name="error"/> to <paramref name="output"/>; returns the exit code (1).</summary>
    public static int Report(Exception error, TextWriter output)
    {
        output.WriteLine(Describe(error));
        if (Environment.GetEnvironmentVariable(DebugVariable) is "1" or "true")
        {
            output.WriteLine();
            output.WriteLine(error.ToString());
        }
        else if (error is not ConstructInputException)
        {
            output.WriteLine($"(set {DebugVariable}=1 for the stack trace)");
        }

        return 1;
    }

    /// <summary>The user-facing message of <paramref name="error"/>.</summary>
    public static string Describe(Exception error)
    {
        var root = Unwrap(error);
        if (root is ConstructInputException input)
        {
            return input.Message;
        }

        var message = FirstLines(root.Message);
        var duplicate = DuplicateId().Match(message);
        if (duplicate.Success)
        {
            return $"Invalid app at path [{duplicate.Groups["parent"].Value}]:{Environment.NewLine}" +
                   $"  - construct id was \"{duplicate.Groups["id"].Value}\": is used twice in [{duplicate.Groups["parent"].Value}]; every construct needs an id unique within its parent (two environments or constructs with one name?).";
        }

        return $"Synthesis failed: {message}";
    }

    private static Exception Unwrap(Exception error) =>
        error is System.Reflection.TargetInvocationException or AggregateException && error.InnerException is not null ? Unwrap(error.InnerException) : error;

    /// <summary>jsii errors carry the JavaScript stack after the message: keep the message only.</summary>
    private static string FirstLines(string message)
    {
        var text = message.StartsWith("Error: ", StringComparison.Ordinal) ? message["Error: ".Length..] : message;
        var stack = text.IndexOf("\n    at ", StringComparison.Ordinal);
        return (stack < 0 ? text : text[..stack]).Trim();
    }

    [GeneratedRegex(@"There is already a Construct with name '(?<id>[^']*)' in \w+ \[(?<parent>[^\]]*)\]")]
    private static partial Regex DuplicateId();
}
