using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Forecast;

/// <summary>One change that replaces, destroys or disrupts a resource, where the author can act: its construct path.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="ConstructPath">The construct path (from the base synthesis for a destroyed resource).</param>
/// <param name="Address">The Terraform address.</param>
/// <param name="Effect">Replace, destroy or disrupt.</param>
/// <param name="HoldsData">Whether the resource holds data or service (a bucket, share, key, repository, cluster).</param>
/// <param name="Attributes">The changed attributes that cause it (empty for a destroy).</param>
/// <param name="Why">What happens, in a sentence.</param>
public sealed record ForecastChange(string Stack, string ConstructPath, string Address, ChangeEffect Effect, bool HoldsData, IReadOnlyList<string> Attributes, string Why);

/// <summary>
/// The replacement forecast: compares a synthesis with an earlier one (the base branch's, or the last deployed one) and
/// lists, per construct path, what a plan would replace, destroy or disrupt — with no credentials and no plan: attributes
/// that force replacement (<see cref="ReplacementRules"/>), resources no longer declared, data-holding resources among
/// them, endpoint configurations replaced while an autoscaler holds the endpoint's instance count.
/// </summary>
public static class ReplacementForecast
{
    /// <summary>The JSON report's file name, written next to the head synthesis.</summary>
    public const string FileName = "replacement-forecast.json";

    /// <summary>The Markdown summary's file name.</summary>
    public const string SummaryFileName = "replacement-forecast.md";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The changes from <paramref name="baseStacks"/> to <paramref name="headStacks"/> (stack name → Terraform JSON).</summary>
    public static IReadOnlyList<ForecastChange> Compare(IReadOnlyDictionary<string, JsonObject> baseStacks, IReadOnlyDictionary<string, JsonObject> headStacks,
        ReplacementRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(baseStacks);
        ArgumentNullException.ThrowIfNull(headStacks);
        rules ??= ReplacementRules.Embedded;
        var changes = new List<ForecastChange>();
        foreach (var (name, baseJson) in baseStacks.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var before = SynthesizedStack.Parse(name, baseJson);
            var after = headStacks.TryGetValue(name, out var headJson) ? SynthesizedStack.Parse(name, headJson) : null;
            var current = after?.Elements.Where(e => e.Kind == ElementKind.Resource).ToDictionary(e => e.Address, StringComparer.Ordinal) ?? [];
            foreach (var old in before.Elements.Where(e => e.Kind == ElementKind.Resource))
            {
                var holds = rules.HoldsData.Contains(old.Type);
                if (!current.TryGetValue(old.Address, out var @new))
                {
                    changes.Add(new ForecastChange(name, old.ConstructPath, old.Address, ChangeEffect.Destroy, holds, [],
                        after is null ? "its stack is no longer synthesized" : "no longer declared at this address (a renamed construct needs a moved block)"));
                    continue;
                }

                var changed = Changed(old.Attributes, @new.Attributes, "").Distinct(StringComparer.Ordinal).ToList();
                var effects = changed.Select(a => (Attribute: a, Rule: rules.Of(old.Type, a))).Where(x => x.Rule.Effect != ChangeEffect.InPlace).ToList();
                if (effects.Count == 0)
                {
                    continue;
                }

                var effect = effects.Max(x => x.Rule.Effect);
                var causes = effects.Where(x => x.Rule.Effect == effect).ToList();
                var why = string.Join("; ", causes.Select(x => x.Rule.Why).Distinct(StringComparer.Ordinal));
                if (old.Type == "aws_sagemaker_endpoint_configuration" && AutoscaledEndpoint(after!, @new) is { } target)
                {
                    why += $"; the autoscaled instance count resets to initial_instance_count while {target} scales it (terraform-provider-aws#48990)";
                }

                changes.Add(new ForecastChange(name, @new.ConstructPath, old.Address, effect, holds && effect == ChangeEffect.Replace,
                    causes.Select(x => x.Attribute).ToList(), why));
            }
        }

        return changes;
    }

    /// <summary>Reads the stacks of a synthesis folder (<c>stacks/&lt;name&gt;/cdk.tf.json</c>).</summary>
    public static IReadOnlyDictionary<string, JsonObject> ReadFolder(string outdir)
    {
        var stacks = Path.Combine(outdir, "stacks");
        return !Directory.Exists(stacks)
            ? new Dictionary<string, JsonObject>()
            : Directory.EnumerateDirectories(stacks).Where(d => File.Exists(Path.Combine(d, "cdk.tf.json")))
                .ToDictionary(d => Path.GetFileName(d), d => JsonNode.Parse(File.ReadAllText(Path.Combine(d, "cdk.tf.json")))!.AsObject(), StringComparer.Ordinal);
    }

    /// <summary>The changes as JSON.</summary>
    public static string ToJson(IReadOnlyList<ForecastChange> changes) => JsonSerializer.Serialize(new { Changes = changes }, Options) + "\n";

    /// <summary>The changes as a Markdown table (what the pull request comment shows), data-holding ones first.</summary>
    public static string ToMarkdown(IReadOnlyList<ForecastChange> changes)
    {
        var md = new StringBuilder("## Replacement forecast\n\n");
        if (changes.Count == 0)
        {
            return md.Append("Nothing is replaced, destroyed or disrupted.\n").ToString();
        }

        md.Append("| | construct | effect | because of | what happens |\n|---|---|---|---|---|\n");
        foreach (var c in Ordered(changes))
        {
            md.Append($"| {(c.HoldsData ? "**data**" : "")} | `{c.ConstructPath}` | {c.Effect.ToString().ToLowerInvariant()} | {string.Join(", ", c.Attributes.Select(a => $"`{a}`"))} | {c.Why} |\n");
        }

        return md.ToString();
    }

    /// <summary>The changes as lines of text (what <c>make forecast</c> prints).</summary>
    public static string ToText(IReadOnlyList<ForecastChange> changes) => changes.Count == 0
        ? "Nothing is replaced, destroyed or disrupted.\n"
        : string.Concat(Ordered(changes).Select(c =>
            $"{c.Effect.ToString().ToLowerInvariant(),-8} {(c.HoldsData ? "DATA " : "")}{c.ConstructPath}{(c.Attributes.Count > 0 ? $" ({string.Join(", ", c.Attributes)})" : "")}: {c.Why}\n"));

    private static IEnumerable<ForecastChange> Ordered(IReadOnlyList<ForecastChange> changes) =>
        changes.OrderByDescending(c => c.HoldsData).ThenByDescending(c => c.Effect).ThenBy(c => c.ConstructPath, StringComparer.Ordinal);

    // The scaling target of the endpoint served by this configuration, if one scales it.
    private static string? AutoscaledEndpoint(SynthesizedStack stack, TerraformElement config)
    {
        var endpoints = stack.Resources("aws_sagemaker_endpoint")
            .Where(ep => SynthesizedStack.Designates(ep["endpoint_config_name"], config, ["name", "id"]))
            .Select(ep => $"${{aws_sagemaker_endpoint.{ep.Name}.name}}").ToList();
        return stack.Resources("aws_appautoscaling_target")
            .FirstOrDefault(t => JsonValues.Text(t["resource_id"]) is { } id && endpoints.Any(ep => id.Contains(ep, StringComparison.Ordinal)))?.ConstructPath;
    }

    // The dotted paths (list indices dropped) whose values differ; the CDKTF metadata and meta-arguments are not attributes.
    private static IEnumerable<string> Changed(JsonNode? before, JsonNode? after, string path)
    {
        if (before is JsonObject a && after is JsonObject b)
        {
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Where(k => path.Length > 0 || k is not ("//" or "depends_on" or "lifecycle" or "provider")))
            {
                foreach (var changed in Changed(a[key], b[key], path.Length == 0 ? key : $"{path}.{key}"))
                {
                    yield return changed;
                }
            }
        }
        else if (before is JsonArray x && after is JsonArray y && x.Count == y.Count)
        {
            for (var i = 0; i < x.Count; i++)
            {
                foreach (var changed in Changed(x[i], y[i], path))
                {
                    yield return changed;
                }
            }
        }
        else if (!JsonNode.DeepEquals(before, after))
        {
            yield return path;
        }
    }
}
