using System.Globalization;
using System.Text.RegularExpressions;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// Kubernetes resource quantities (<c>500m</c>, <c>2</c>, <c>512Mi</c>, <c>4Gi</c>, <c>1G</c>), parsed so requests can be
/// compared with limits and quotas at synth time. Binary (Ki…Ei), decimal (k…E) and milli (m) suffixes are supported.
/// </summary>
internal static partial class KubernetesQuantity
{
    /// <summary>What a quantity is, for messages.</summary>
    public const string Allowed = "must be a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi";

    private static readonly Dictionary<string, decimal> Multipliers = new(StringComparer.Ordinal)
    {
        [""] = 1m, ["m"] = 0.001m,
        ["k"] = 1e3m, ["M"] = 1e6m, ["G"] = 1e9m, ["T"] = 1e12m, ["P"] = 1e15m, ["E"] = 1e18m,
        ["Ki"] = 1024m, ["Mi"] = 1024m * 1024, ["Gi"] = 1024m * 1024 * 1024, ["Ti"] = 1024m * 1024 * 1024 * 1024,
        ["Pi"] = 1024m * 1024 * 1024 * 1024 * 1024, ["Ei"] = 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
    };

    /// <summary>What a memory quantity is, for messages.</summary>
    public const string MemoryAllowed =
        "must be a memory quantity in whole bytes such as 512Mi, 4Gi or 1G (the suffix m means milli: 256m is 0.256 bytes, a typo for 256Mi)";

    /// <summary>
    /// What is wrong with <paramref name="quantity"/> as a memory amount, or null when it is one: it parses and is whole bytes.
    /// Kubernetes accepts <c>256m</c> (milli-bytes) and rounds it up to one byte, which is never what was meant.
    /// </summary>
    public static string? MemoryProblem(string? quantity) =>
        Parse(quantity) is not { } bytes ? Allowed
        : bytes != decimal.Truncate(bytes) || quantity!.EndsWith('m') ? MemoryAllowed
        : null;

    /// <summary>The quantity's value in base units (cores, bytes), or null when <paramref name="quantity"/> is not a quantity.</summary>
    public static decimal? Parse(string? quantity)
    {
        var match = quantity is null ? null : Pattern().Match(quantity);
        if (match is not { Success: true }
            || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return number * Multipliers[match.Groups["s"].Value];
    }

    [GeneratedRegex("^(?<n>[0-9]+(\\.[0-9]+)?)(?<s>m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex Pattern();
}
