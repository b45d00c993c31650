using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlopsCdktf.Policy;

/// <summary>
/// Writes the gate's result as a machine-readable report (<c>cdktf.out/policy-report.json</c>): per stack, the findings
/// (rule, level, address, construct path, message, why) and the suppressed ones with their reasons, and whether the gate
/// passed. Written on every run, clean or not, so CI can archive and diff it.
/// </summary>
public static class PolicyReportJson
{
    /// <summary>The report's file name, next to the synthesized stacks (<c>cdktf.out/policy-report.json</c>).</summary>
    public const string FileName = "policy-report.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The report of <paramref name="reports"/> as JSON text.</summary>
    public static string Format(IReadOnlyCollection<PolicyReport> reports) => JsonSerializer.Serialize(new
    {
        Passed = reports.All(r => r.Errors.Count == 0),
        Errors = reports.Sum(r => r.Errors.Count),
        Warnings = reports.Sum(r => r.Warnings.Count),
        Suppressed = reports.Sum(r => r.Suppressed.Count),
        Stacks = reports.OrderBy(r => r.StackName, StringComparer.Ordinal).Select(r => new
        {
            Stack = r.StackName,
            r.CompliantChecks,
            Findings = r.Findings.Select(f => new { f.RuleId, f.Level, f.ResourceAddress, f.ConstructPath, f.Message, f.Explanation }),
            Suppressed = r.Suppressed.Select(s => new
            {
                s.Finding.RuleId, s.Finding.Level, s.Finding.ResourceAddress, s.Finding.ConstructPath, s.Finding.Message,
                SuppressedAt = s.Suppression.ConstructPath, s.Suppression.Reason,
            }),
        }),
    }, Options) + "\n";

    /// <summary>Writes the report to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(IReadOnlyCollection<PolicyReport> reports, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Format(reports));
    }
}
