using System.Globalization;
using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;

namespace MlopsCdktf.Core;

/// <summary>
/// Collects every problem with a construct's input, then throws one <see cref="ConstructInputException"/>
/// naming the construct path. Values that are unresolved CDKTF tokens (known only at apply time) are skipped.
/// The single home of input validation: constructs describe their rules with these checks.
/// </summary>
public sealed class InputValidator
{
    private readonly string _constructType;
    private readonly string _constructPath;
    private readonly List<string> _problems = [];

    /// <summary>Starts validating the input of <paramref name="construct"/>.</summary>
    public InputValidator(IConstruct construct)
        : this(construct.GetType().Name, construct.Node.Path)
    {
    }

    /// <summary>Starts validating input for a construct known by type name and path.</summary>
    public InputValidator(string constructType, string constructPath)
    {
        _constructType = constructType;
        _constructPath = constructPath;
    }

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Records a problem unless <paramref name="valid"/> holds.</summary>
    /// <param name="valid">Whether the value is acceptable.</param>
    /// <param name="property">The property name as the user wrote it, e.g. <c>BucketName</c>.</param>
    /// <param name="value">The offending value, echoed in the message.</param>
    /// <param name="allowed">What is allowed, e.g. <c>3 to 63 characters</c>.</param>
    public InputValidator Require(bool valid, string property, object? value, string allowed)
    {
        if (!valid)
        {
            Add(property, value, allowed);
        }

        return this;
    }

    /// <summary>Records a problem for <paramref name="property"/> unconditionally.</summary>
    public InputValidator Add(string property, object? value, string allowed)
    {
        // A reference refused by a rule about its content would read as a wrong value: say why a reference is not accepted.
        if (value is string s && IsUnresolved(s) && !allowed.Contains("reference", StringComparison.Ordinal))
        {
            allowed = $"a Terraform reference is not accepted here (this member needs a literal value known at synth time): {allowed}";
        }

        _problems.Add($"{property} was {Describe(value)}: {allowed}.");
        return this;
    }

    /// <summary>Requires <paramref name="value"/> to lie in [<paramref name="min"/>, <paramref name="max"/>]; null is skipped.</summary>
    public InputValidator InRange(double? value, string property, double min, double max, string? unit = null)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            var suffix = unit is null ? string.Empty : $" {unit}";
            Add(property, value, $"must be between {Num(min)} and {Num(max)}{suffix}");
        }

        return this;
    }

    /// <summary>Requires <paramref name="value"/> to be a defined member of <typeparamref name="TEnum"/> (a cast integer is not).</summary>
    public InputValidator Defined<TEnum>(TEnum value, string property)
        where TEnum : struct, Enum =>
        Require(Enum.IsDefined(value), property, value, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    /// <summary>Requires a non-blank string (tokens count as present).</summary>
    public InputValidator NotBlank(string? value, string property)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(property, value, "must not be empty");
        }

        return this;
    }

    /// <summary>
    /// Requires <paramref name="value"/> to match <paramref name="pattern"/> in full; unresolved tokens and null are skipped.
    /// </summary>
    public InputValidator Matches(string? value, string property, Regex pattern, string allowed)
    {
        if (value is not null && !IsUnresolved(value) && !pattern.IsMatch(value))
        {
            Add(property, value, allowed);
        }

        return this;
    }

    /// <summary>Throws a <see cref="ConstructInputException"/> listing every problem, if any was found.</summary>
    /// <exception cref="ConstructInputException">When at least one problem was recorded.</exception>
    public void ThrowIfInvalid()
    {
        if (_problems.Count > 0)
        {
            throw new ConstructInputException(_constructType, _constructPath, _problems.ToArray());
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> is an unresolved CDKTF token (a reference resolved at plan/apply time),
    /// which validation must skip. Plain strings are answered without a round trip to the jsii runtime.
    /// </summary>
    public static bool IsUnresolved(string? value) =>
        // "${TfToken[..]}" for strings, "#{TfToken[..]}" for the element of an encoded list (e.g. a module's list output).
        value is not null && ((value.Contains("${", StringComparison.Ordinal) && Token.IsUnresolved(value))
                              || (value.Contains("#{", StringComparison.Ordinal) && Token.IsUnresolved(new[] { value })));

    private static string Describe(object? value) => value switch
    {
        null => "null",
        // Token internals (${TfToken[TOKEN.12]}) mean nothing to a user.
        string s when IsUnresolved(s) => "a Terraform reference",
        string s => $"\"{s}\"",
        double d => Num(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    private static string Num(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);
}
