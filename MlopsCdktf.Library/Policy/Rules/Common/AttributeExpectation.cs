using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Common;

/// <summary>What an attribute checked by an <see cref="AttributeRule"/> must be: <see cref="IsTrue"/>,
/// <see cref="EqualTo"/>, <see cref="NotEqualTo"/>, <see cref="IsSet"/>, <see cref="AbsentOrEqualTo"/> or <see cref="AtMost"/>.</summary>
public sealed class AttributeExpectation
{
    private readonly Func<JsonNode?, bool> _holds;

    private AttributeExpectation(string description, Func<JsonNode?, bool> holds)
    {
        Description = description;
        _holds = holds;
    }

    /// <summary>The expectation in words, e.g. <c>= true</c> or <c>!= "DISABLED"</c>.</summary>
    public string Description { get; }

    /// <summary><c>true</c>: a JSON boolean or the string Terraform converts to one.</summary>
    public static AttributeExpectation IsTrue { get; } = new("= true", JsonValues.IsTrue);

    /// <summary>Set to a string that is not blank.</summary>
    public static AttributeExpectation IsSet { get; } = new("is set", node => !string.IsNullOrWhiteSpace(JsonValues.Text(node)));

    /// <summary>The string <paramref name="value"/> (ordinal).</summary>
    public static AttributeExpectation EqualTo(string value) => new($"= \"{value}\"", node => JsonValues.Text(node) == value);

    /// <summary>Anything but the string <paramref name="value"/> (ordinal), including unset.</summary>
    public static AttributeExpectation NotEqualTo(string value) => new($"!= \"{value}\"", node => JsonValues.Text(node) != value);

    /// <summary>Not a string (unset, so the provider's default), or the string <paramref name="value"/> compared with <paramref name="comparison"/>.</summary>
    public static AttributeExpectation AbsentOrEqualTo(string value, StringComparison comparison = StringComparison.Ordinal) =>
        new($"unset or \"{value}\"", node => JsonValues.Text(node) is not { } text || string.Equals(text, value, comparison));

    /// <summary>A number (or a string Terraform converts to one) of at most <paramref name="max"/>; unset does not hold, since
    /// the provider's or the image's default may be larger.</summary>
    public static AttributeExpectation AtMost(double max) => new(
        $"<= {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        node => node is JsonValue v && (v.TryGetValue<double>(out var number)
            || (v.TryGetValue<string>(out var text) && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number)))
            && number <= max);

    /// <summary>Whether <paramref name="value"/> (the attribute, or null when absent) meets the expectation.</summary>
    public bool Holds(JsonNode? value) => _holds(value);

    /// <inheritdoc />
    public override string ToString() => Description;
}
