using HashiCorp.Cdktf;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy;

/// <summary>
/// Runs a policy pack over every stack before synthesis. Any unsuppressed <see cref="PolicyLevel.Error"/> finding fails
/// the gate; warnings and suppressed findings are printed but pass.
/// </summary>
public static class PolicyGate
{
    /// <summary>
    /// Evaluates <paramref name="stacks"/> with <paramref name="pack"/> (default <see cref="PolicyPack.Default"/>), writes
    /// the readable report (if there is anything to report) to <paramref name="output"/>, and says whether synthesis may go on.
    /// </summary>
    /// <param name="stacks">The stacks to check.</param>
    /// <param name="output">Where the readable report goes.</param>
    /// <param name="pack">The rules (default <see cref="PolicyPack.Default"/>).</param>
    /// <param name="jsonReportPath">Where the machine-readable report (<see cref="PolicyReportJson"/>) goes; null for none.</param>
    /// <param name="stackSetReports">Reports of checks over all stacks at once (<see cref="StackSetCheck"/>), added to the stacks' reports.</param>
    /// <returns>False when at least one unsuppressed error was found.</returns>
    public static bool Check(IEnumerable<TerraformStack> stacks, TextWriter output, PolicyPack? pack = null, string? jsonReportPath = null,
        IReadOnlyList<PolicyReport>? stackSetReports = null)
    {
        var reports = stacks.Select((pack ?? PolicyPack.Default).Evaluate).Concat(stackSetReports ?? []).ToList();
        return Report(reports, output, jsonReportPath);
    }

    /// <summary>
    /// Like <see cref="Check(IEnumerable{TerraformStack}, TextWriter, PolicyPack?, string?, IReadOnlyList{PolicyReport}?)"/>, over stacks already synthesized
    /// (each stack with its JSON as written), so no stack is resolved again.
    /// </summary>
    /// <param name="stacks">The stacks, each with its JSON as written.</param>
    /// <param name="output">Where the readable report goes.</param>
    /// <param name="pack">The rules (default <see cref="PolicyPack.Default"/>).</param>
    /// <param name="jsonReportPath">Where the machine-readable report (<see cref="PolicyReportJson"/>) goes; null for none.</param>
    /// <param name="stackSetReports">Reports of checks over all stacks at once (<see cref="StackSetCheck"/>), added to the stacks' reports.</param>
    /// <returns>False when at least one unsuppressed error was found.</returns>
    public static bool CheckSynthesized(IEnumerable<(TerraformStack Stack, SynthesizedStack Synthesized)> stacks, TextWriter output, PolicyPack? pack = null,
        string? jsonReportPath = null, IReadOnlyList<PolicyReport>? stackSetReports = null)
    {
        var reports = stacks.Select(s => (pack ?? PolicyPack.Default).Evaluate(s.Stack, s.Synthesized)).Concat(stackSetReports ?? []).ToList();
        return Report(reports, output, jsonReportPath);
    }

    private static bool Report(IReadOnlyCollection<PolicyReport> reports, TextWriter output, string? jsonReportPath)
    {
        output.Write(PolicyReportText.Format(reports));
        if (jsonReportPath is not null)
        {
            PolicyReportJson.Write(reports, jsonReportPath);
        }

        return reports.All(r => r.Errors.Count == 0);
    }
}
