using HashiCorp.Cdktf;
using MlopsCdktf.Cost;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;
using MlopsCdktf.Policy;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The cost and capacity gate: forecasts each environment from its synthesized stacks (<see cref="CostEstimator"/>), writes
/// <c>cost-report.json</c>, <c>cost-summary.md</c> and <c>cost-table.txt</c> next to the stacks, and reports
/// <c>MLOPS-COST-1</c> (a ceiling of <see cref="CostBudget"/> exceeded) and <c>MLOPS-CAP-1</c> (GPUs at peak over the declared
/// quota) into the policy report, where an unsuppressed finding fails synthesis like a policy error.
/// </summary>
public static class CostGate
{
    /// <summary>The cost ceiling rule.</summary>
    public const string CostRuleId = "MLOPS-COST-1";

    /// <summary>The GPU quota rule.</summary>
    public const string CapacityRuleId = "MLOPS-CAP-1";

    /// <summary>The environment variable naming an earlier synthesis folder (with its <c>cost-report.json</c>) to compare with.</summary>
    public const string BaseVariable = "MLOPS_COST_BASE";

    /// <summary>The text table's file name (what <c>make cost</c> prints).</summary>
    public const string TableFileName = "cost-table.txt";

    private const string CostExplanation =
        "The environment's forecast exceeds the ceiling it declares (Budget). Lower the counts or sizes, or raise the ceiling in the same review that accepts the cost.";

    private const string CapacityExplanation =
        "The GPU pools can grow beyond the GPU quota the environment declares for its project and region: scale-ups past it fail at 3 a.m. with a quota error. Request the quota, then declare it in Budget.GpuQuotas, or lower the pools' maximum.";

    /// <summary>The check for <see cref="GatedSynthesis.Synth"/> over <paramref name="stacks"/> (each an <see cref="MlopsStack"/>), writing the reports to <paramref name="outdir"/>.</summary>
    public static StackSetCheck For(IReadOnlyList<TerraformStack> stacks, string outdir)
    {
        var environments = stacks.OfType<MlopsStack>().Where(s => !s.Ephemeral).ToDictionary(s => s.Node.Id, s => s.Environment, StringComparer.Ordinal);
        return synthesized =>
        {
            var estimator = new CostEstimator();
            var groups = synthesized.Where(s => environments.ContainsKey(s.StackName))
                .GroupBy(s => environments[s.StackName].Name, StringComparer.Ordinal)
                .Select(g => (Environment: environments[g.First().StackName], Group: new CostGroup(g.Key, g.Select(s => estimator.Estimate(s.StackName, s.Json)).ToList())))
                .ToList();
            var report = new CostReport(groups.Select(g => g.Group).ToList(), PriceCatalogue.Embedded, CostAssumptions.Default);
            Write(report, outdir);
            return groups.Select(g => Check(g.Environment, g.Group)).ToList();
        };
    }

    /// <summary>The budget findings of one environment's forecast.</summary>
    public static PolicyReport Check(DeploymentEnvironment environment, CostGroup forecast)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(forecast);
        var budget = environment.Budget;
        var findings = new List<PolicyFinding>();
        var at = $"[{environment.Name}] Budget";
        if (forecast.AtRest > budget.AtRestMonthlyUsd)
        {
            findings.Add(Finding(environment, CostRuleId, $"{at}.AtRestMonthlyUsd",
                $"The environment costs {Usd(forecast.AtRest)} $/month at rest, over its ceiling of {Usd(budget.AtRestMonthlyUsd)} $/month ({Top(forecast, l => l.AtRest)}).", CostExplanation));
        }

        if (forecast.Peak > budget.PeakMonthlyUsd)
        {
            findings.Add(Finding(environment, CostRuleId, $"{at}.PeakMonthlyUsd",
                $"The environment costs {Usd(forecast.Peak)} $/month at peak, over its ceiling of {Usd(budget.PeakMonthlyUsd)} $/month ({Top(forecast, l => l.Peak)}).", CostExplanation));
        }

        foreach (var demand in forecast.GpusAtPeak)
        {
            var quota = budget.GpuQuotas.FirstOrDefault(q => q.Gpu.AcceleratorType() == demand.GpuType && q.Spot == demand.Spot);
            var allowed = quota?.Gpus ?? 0;
            if (demand.AtPeak > allowed)
            {
                var kind = demand.Spot ? "spot" : "on-demand";
                findings.Add(Finding(environment, CapacityRuleId, $"{at}.GpuQuotas",
                    $"The GPU pools reach {demand.AtPeak} {kind} {demand.GpuType} in {demand.Region} at peak, over the declared quota of {allowed}"
                    + (quota is null ? " (none declared for this type; a new project's quota for most GPU types is 0)." : "."), CapacityExplanation));
            }
        }

        var suppressed = findings.Where(f => budget.Suppressions.Any(s => s.RuleId == f.RuleId))
            .Select(f => new SuppressedFinding(f, new PolicySuppression(f.ConstructPath, f.RuleId, budget.Suppressions.First(s => s.RuleId == f.RuleId).Reason)))
            .ToList();
        return new PolicyReport
        {
            StackName = $"environment {environment.Name}",
            Findings = findings.Where(f => suppressed.All(s => s.Finding != f)).ToList(),
            Suppressed = suppressed,
            CompliantChecks = 2 + forecast.GpusAtPeak.Count - findings.Count,
        };
    }

    private static void Write(CostReport report, string outdir)
    {
        Directory.CreateDirectory(outdir);
        var baseFolder = Environment.GetEnvironmentVariable(BaseVariable);
        var baseline = baseFolder is { Length: > 0 } && File.Exists(Path.Combine(baseFolder, CostReport.FileName))
            ? CostReport.ReadTotals(File.ReadAllText(Path.Combine(baseFolder, CostReport.FileName)))
            : null;
        File.WriteAllText(Path.Combine(outdir, CostReport.FileName), report.ToJson());
        File.WriteAllText(Path.Combine(outdir, CostReport.SummaryFileName), report.ToMarkdown(baseline));
        File.WriteAllText(Path.Combine(outdir, TableFileName), report.ToTable(baseline));
    }

    private static PolicyFinding Finding(DeploymentEnvironment environment, string rule, string field, string message, string why) => new()
    {
        RuleId = rule,
        Level = PolicyLevel.Error,
        StackName = $"environment {environment.Name}",
        ResourceAddress = "environment",
        ConstructPath = field,
        Message = message,
        Explanation = why,
    };

    // The three largest lines, so the message says where the money goes.
    private static string Top(CostGroup forecast, Func<CostLine, decimal?> amount) => "largest: " + string.Join("; ",
        forecast.Lines.Where(l => amount(l) > 0).OrderByDescending(amount).ThenBy(l => l.ConstructPath, StringComparer.Ordinal).Take(3)
            .Select(l => $"{l.ConstructPath} {l.Item} {Usd(amount(l)!.Value)}"));

    private static string Usd(decimal amount) => CostReport.Usd(amount);
}
