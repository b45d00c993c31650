using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>
/// Reads IAM statements out of a stack: every <c>aws_iam_policy_document</c> data source, and the literal JSON
/// <c>policy</c> of inline and managed policy resources (a <c>policy</c> referencing a document is read through the
/// document, which is checked on its own).
/// </summary>
public static class IamPolicies
{
    private static readonly string[] PolicyResourceTypes = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

    /// <summary>Every element carrying an identity or resource policy, with its statements (those of documents used as
    /// a KMS key's <c>policy</c> marked <see cref="IamStatement.InKeyPolicy"/>).</summary>
    public static IEnumerable<(TerraformElement Element, IReadOnlyList<IamStatement> Statements)> All(SynthesizedStack stack)
    {
        var keyPolicies = stack.Resources("aws_kms_key").Select(k => stack.Resolve(JsonValues.Text(k.Attributes["policy"]))).OfType<TerraformElement>().ToHashSet();
        return stack.DataSources("aws_iam_policy_document")
            .Select(doc => (doc, keyPolicies.Contains(doc)
                ? (IReadOnlyList<IamStatement>)FromDocument(doc).Select(s => s with { InKeyPolicy = true }).ToList()
                : FromDocument(doc)))
            .Concat(PolicyResourceTypes.SelectMany(stack.Resources)
                .Select(r => (r, FromJson(JsonValues.Text(r.Attributes["policy"]))))
                .Where(p => p.Item2.Count > 0));
    }

    /// <summary>The statements a <c>policy</c> attribute holds: through a document reference, or parsed from literal JSON.</summary>
    public static IReadOnlyList<IamStatement> Of(JsonNode? policy, SynthesizedStack stack)
    {
        var text = JsonValues.Text(policy);
        return stack.Resolve(text) is { Type: "aws_iam_policy_document" } document ? FromDocument(document) : FromJson(text);
    }

    /// <summary>The statements of an <c>aws_iam_policy_document</c> data source.</summary>
    public static IReadOnlyList<IamStatement> FromDocument(TerraformElement document) =>
        JsonValues.Blocks(document.Attributes["statement"]).Select((s, i) => new IamStatement
        {
            Label = JsonValues.Text(s["sid"]) ?? $"#{i + 1}",
            IsAllow = (JsonValues.Text(s["effect"]) ?? "Allow") == "Allow",
            Actions = JsonValues.Strings(s["actions"]),
            Resources = JsonValues.Strings(s["resources"]),
            Principals = JsonValues.Blocks(s["principals"]).SelectMany(p => JsonValues.Strings(p["identifiers"])).ToList(),
            Conditions = JsonValues.Blocks(s["condition"])
                .Select(c => (JsonValues.Text(c["test"]) ?? string.Empty, JsonValues.Text(c["variable"]) ?? string.Empty, JsonValues.Strings(c["values"])))
                .ToList(),
        }).ToList();

    /// <summary>The statements of literal policy JSON; empty when the text is not JSON (e.g. a reference).</summary>
    public static IReadOnlyList<IamStatement> FromJson(string? text)
    {
        JsonNode? policy;
        try
        {
            policy = text is null || !text.TrimStart().StartsWith('{') ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return [];
        }

        return JsonValues.Blocks(policy?["Statement"]).Select((s, i) => new IamStatement
        {
            Label = JsonValues.Text(s["Sid"]) ?? $"#{i + 1}",
            IsAllow = (JsonValues.Text(s["Effect"]) ?? "Allow") == "Allow",
            Actions = JsonValues.Strings(s["Action"]),
            Resources = JsonValues.Strings(s["Resource"]),
            Principals = s["Principal"] is JsonObject byType
                ? byType.SelectMany(kv => JsonValues.Strings(kv.Value)).ToList()
                : JsonValues.Strings(s["Principal"]),
            Conditions = (s["Condition"] as JsonObject ?? [])
                .SelectMany(test => (test.Value as JsonObject ?? [])
                    .Select(key => (test.Key, key.Key, JsonValues.Strings(key.Value))))
                .ToList(),
        }).ToList();
    }
}
