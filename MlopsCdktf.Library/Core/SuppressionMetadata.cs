using System.Text.Json;
using Constructs;

namespace MlopsCdktf.Core;

/// <summary>
/// How a policy suppression is stored in the construct tree's metadata, which CDKTF keeps out of the Terraform JSON.
/// Constructs record the suppressions they need here (they know nothing of the policy pack);
/// <c>MlopsCdktf.Policy.PolicySuppressions</c> validates public suppressions against the pack and reads them all back.
/// </summary>
internal static class SuppressionMetadata
{
    /// <summary>The construct metadata type suppressions are recorded under.</summary>
    public const string Type = "mlops:policy-suppression";

    /// <summary>Records that rule <paramref name="ruleId"/> does not apply to <paramref name="construct"/> and its subtree, because <paramref name="reason"/>.</summary>
    public static void Record(IConstruct construct, string ruleId, string reason) =>
        construct.Node.AddMetadata(Type, JsonSerializer.Serialize(new Entry(ruleId, reason)));

    /// <summary>The suppressions recorded on <paramref name="construct"/> itself (not its children).</summary>
    public static IEnumerable<Entry> On(IConstruct construct) =>
        construct.Node.Metadata
            .Where(entry => entry.Type == Type && entry.Data is string)
            .Select(entry => JsonSerializer.Deserialize<Entry>((string)entry.Data)!);

    /// <summary>One recorded suppression.</summary>
    internal sealed record Entry(string RuleId, string Reason);
}
