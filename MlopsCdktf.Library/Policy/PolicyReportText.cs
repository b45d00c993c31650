using System.Text;

namespace MlopsCdktf.Policy;

/// <summary>Renders policy reports for people: each finding with rule, level, construct path, address, info, why, and how to suppress.</summary>
public static class PolicyReportText
{
    /// <summary>The report of <paramref name="reports"/>; empty when there is nothing to say (no findings, nothing suppressed).</summary>
    public static string Format(IReadOnlyCollection<PolicyReport> reports) => Format(reports, "nothing was synthesized");

    /// <summary>
    /// The report of <paramref name="reports"/>, saying <paramref name="onFailure"/> (e.g. <c>nothing was synthesized</c>)
    /// when an error was found; empty when there is nothing to say.
    /// </summary>
    public static string Format(IReadOnlyCollection<PolicyReport> reports, string onFailure)
    {
        var findings = reports.SelectMany(r => r.Findings).ToList();
        var suppressed = reports.SelectMany(r => r.Suppressed).ToList();
        if (findings.Count == 0 && suppressed.Count == 0)
        {
            return string.Empty;
        }

        var errors = findings.Count(f => f.Level == PolicyLevel.Error);
        var warnings = findings.Count - errors;
        var text = new StringBuilder();
        text.AppendLine(errors > 0
            ? $"Policy check failed: {errors} error(s), {warnings} warning(s) in {reports.Count} stack(s); {onFailure}."
            : $"Policy check passed with {warnings} warning(s) and {suppressed.Count} suppressed finding(s) in {reports.Count} stack(s).");
        foreach (var finding in findings.OrderBy(f => f.Level).ThenBy(f => f.ConstructPath, StringComparer.Ordinal))
        {
            text.AppendLine()
                .AppendLine($"[{finding.Level}] {finding.RuleId} at {finding.ConstructPath} ({finding.ResourceAddress})")
                .AppendLine($"  {finding.Message}")
                .AppendLine($"  Why: {finding.Explanation}")
                .AppendLine($"  Fix the resource, or suppress with a reason: PolicySuppressions.Suppress(<construct at {finding.ConstructPath}>, \"{finding.RuleId}\", \"<why this is acceptable, {PolicySuppressions.MinimumReasonLength}+ characters>\");");
        }

        foreach (var (finding, suppression) in suppressed)
        {
            text.AppendLine()
                .AppendLine($"[Suppressed {finding.Level}] {finding.RuleId} at {finding.ConstructPath} ({finding.ResourceAddress})")
                .AppendLine($"  Suppressed at {suppression.ConstructPath}: {suppression.Reason}");
        }

        return text.ToString();
    }
}
