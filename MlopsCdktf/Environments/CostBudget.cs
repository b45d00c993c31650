using MlopsCdktf.Gcp;

namespace MlopsCdktf.Environments;

/// <summary>
/// What an environment may cost and how many GPUs its project may hold: the ceilings of <c>MLOPS-COST-1</c> and the quota of
/// <c>MLOPS-CAP-1</c>, checked against the forecast of its synthesized stacks (<see cref="Stacks.CostGate"/>) before anything is
/// published. Figures are USD per month at list price (<c>MlopsCdktf.Library/Cost/prices.tsv</c>).
/// </summary>
public sealed record CostBudget
{
    /// <summary>The most the environment may cost per month at rest (minimum counts; scale-to-zero pools at zero).</summary>
    public required decimal AtRestMonthlyUsd { get; init; }

    /// <summary>The most the environment may cost per month at peak (every autoscaled count at its maximum).</summary>
    public required decimal PeakMonthlyUsd { get; init; }

    /// <summary>The GPU quota of the environment's GCP project in <see cref="GcpTarget.Region"/>, per type.</summary>
    /// <value>The default value is empty: any GPU at peak is over quota (a new project's quota for most GPU types is 0).</value>
    public IReadOnlyList<GpuQuota> GpuQuotas { get; init; } = [];

    /// <summary>Findings of <c>MLOPS-COST-1</c> or <c>MLOPS-CAP-1</c> accepted with a reason: reported as suppressed, not failing.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<BudgetSuppression> Suppressions { get; init; } = [];
}

/// <summary>A GPU quota of the project: how many GPUs of <see cref="Gpu"/> (spot or on-demand) may run at once in the region.</summary>
public sealed record GpuQuota
{
    /// <summary>The GPU type.</summary>
    public required GpuType Gpu { get; init; }

    /// <summary>GPUs allowed at once in the region.</summary>
    public required int Gpus { get; init; }

    /// <summary>Whether this is the preemptible (spot) quota, which GCP counts apart from the on-demand one.</summary>
    /// <value>The default value is false: the on-demand quota.</value>
    public bool Spot { get; init; }
}

/// <summary>Accepts the findings of a budget rule for this environment, with the reason (at least 10 characters).</summary>
/// <param name="RuleId"><c>MLOPS-COST-1</c> or <c>MLOPS-CAP-1</c>.</param>
/// <param name="Reason">Why the finding is acceptable.</param>
public sealed record BudgetSuppression(string RuleId, string Reason);
