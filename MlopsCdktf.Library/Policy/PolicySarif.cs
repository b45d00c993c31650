using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlopsCdktf.Policy;

/// <summary>Where a finding can be acted on in the repository: a file (relative, <c>/</c>-separated) and a line when known.</summary>
/// <param name="Uri">The file, relative to the repository root, e.g. <c>MlopsCdktf/Stacks/AwsPlatformStack.cs</c>.</param>
/// <param name="Line">The 1-based line, or null.</param>
public sealed record PolicySourceLocation(string Uri, int? Line = null);

/// <summary>
/// Writes policy reports as SARIF 2.1.0 (<c>policy.sarif</c>) for code scanning: the pack's rules as
/// <c>tool.driver.rules</c> (id, short and full description, help, default level) and one result per finding, located
/// where the construct is declared when known (else the stack's file) with the construct path as its logical location.
/// Suppressed findings are results with their suppression and reason, so reviewers see them as dismissed.
/// </summary>
public static class PolicySarif
{
    /// <summary>The file name, next to <see cref="PolicyReportJson.FileName"/>.</summary>
    public const string FileName = "policy.sarif";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The SARIF log of <paramref name="reports"/>, evaluated with <paramref name="pack"/>.</summary>
    /// <param name="reports">One report per stack.</param>
    /// <param name="pack">The rules the reports were evaluated with (all of them are listed).</param>
    /// <param name="locate">The source location of a finding, or null when unknown (the result then has none).</param>
    public static string Format(IReadOnlyCollection<PolicyReport> reports, PolicyPack pack, Func<PolicyFinding, PolicySourceLocation?>? locate = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var index = pack.Rules.Select((rule, i) => (rule.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var rules = new JsonArray(pack.Rules.Select(rule => (JsonNode)new JsonObject
        {
            ["id"] = rule.Id,
            ["name"] = rule.GetType().Name,
            ["shortDescription"] = Text(rule.Info),
            ["fullDescription"] = Text(rule.Explanation),
            ["help"] = new JsonObject
            {
                ["text"] = $"{rule.Explanation} Fix the resource, or suppress with a reason: PolicySuppressions.Suppress(construct, \"{rule.Id}\", \"<why, {PolicySuppressions.MinimumReasonLength}+ characters>\").",
                ["markdown"] = $"{rule.Explanation}\n\nFix the resource, or suppress with a reason:\n\n```csharp\nPolicySuppressions.Suppress(construct, \"{rule.Id}\", \"<why this is acceptable>\");\n```\n\nAll rules: [docs/policy-rules.md](docs/policy-rules.md#{rule.Id.ToLowerInvariant()}).",
            },
            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Level) },
            ["properties"] = new JsonObject { ["modes"] = rule.Modes.ToString() },
        }).ToArray());

        var results = new JsonArray();
        foreach (var report in reports.OrderBy(r => r.StackName, StringComparer.Ordinal))
        {
            foreach (var finding in report.Findings)
            {
                results.Add(Result(finding, index, locate, null));
            }

            foreach (var (finding, suppression) in report.Suppressed)
            {
                results.Add(Result(finding, index, locate, suppression));
            }
        }

        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "mlops-cdktf-policy",
                        ["fullName"] = "MlopsCdktf policy pack (PolicyPack.Default)",
                        ["rules"] = rules,
                    },
                },
                ["results"] = results,
            }),
        };
        return log.ToJsonString(Indented) + "\n";
    }

    /// <summary>Writes <see cref="Format"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(IReadOnlyCollection<PolicyReport> reports, PolicyPack pack, string path, Func<PolicyFinding, PolicySourceLocation?>? locate = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Format(reports, pack, locate));
    }

    private static JsonObject Result(PolicyFinding finding, Dictionary<string, int> index, Func<PolicyFinding, PolicySourceLocation?>? locate, PolicySuppression? suppression)
    {
        var location = new JsonObject();
        if (locate?.Invoke(finding) is { } source)
        {
            var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = source.Uri } };
            if (source.Line is { } line)
            {
                physical["region"] = new JsonObject { ["startLine"] = line };
            }

            location["physicalLocation"] = physical;
        }

        location["logicalLocations"] = new JsonArray(new JsonObject
        {
            ["fullyQualifiedName"] = finding.ConstructPath,
            ["name"] = finding.ConstructPath.Split('/')[^1],
            ["kind"] = "resource",
        });
        var result = new JsonObject
        {
            ["ruleId"] = finding.RuleId,
            ["level"] = Level(finding.Level),
            ["message"] = Text($"{finding.Message} At {finding.ConstructPath} ({finding.ResourceAddress}, stack {finding.StackName})."),
            ["locations"] = new JsonArray(location),
            ["partialFingerprints"] = new JsonObject { ["constructPath/v1"] = $"{finding.RuleId}:{finding.ConstructPath}:{finding.ResourceAddress}" },
            ["properties"] = new JsonObject { ["stack"] = finding.StackName, ["address"] = finding.ResourceAddress, ["constructPath"] = finding.ConstructPath },
        };
        if (index.TryGetValue(finding.RuleId, out var ruleIndex))
        {
            result["ruleIndex"] = ruleIndex;
        }

        if (suppression is not null)
        {
            result["suppressions"] = new JsonArray(new JsonObject
            {
                ["kind"] = "inSource",
                ["justification"] = $"{suppression.Reason} (suppressed at {suppression.ConstructPath})",
            });
        }

        return result;
    }

    private static JsonObject Text(string text) => new() { ["text"] = text.ReplaceLineEndings(" ") };

    private static string Level(PolicyLevel level) => level == PolicyLevel.Error ? "error" : "warning";
}
