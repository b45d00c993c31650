namespace MlopsCdktf.Cost;

/// <summary>How a resource enters the forecast.</summary>
public enum CostStatus
{
    /// <summary>Priced from the catalogue: <see cref="CostLine.AtRest"/> and <see cref="CostLine.Peak"/> are set.</summary>
    Priced,

    /// <summary>Billed by use (requests, GB ingested, data processed), which the synthesized JSON cannot know: not forecast.</summary>
    UsagePriced,

    /// <summary>The catalogue has no price for it (type, region or key): listed, never counted as zero.</summary>
    Unpriced,
}

/// <summary>One resource's monthly cost at rest (minimum counts, scale-to-zero at zero) and at peak (maximum counts).</summary>
public sealed record CostLine
{
    /// <summary>The stack the resource is in.</summary>
    public required string Stack { get; init; }

    /// <summary>The construct path of the resource (or module) in the stack.</summary>
    public required string ConstructPath { get; init; }

    /// <summary>The Terraform type (<c>aws_sagemaker_endpoint_configuration</c>) or <c>module</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>What is priced, e.g. <c>variant AllTraffic: ml.m5.xlarge × 2–6</c>.</summary>
    public required string Item { get; init; }

    /// <summary>Priced, usage-priced or unpriced.</summary>
    public required CostStatus Status { get; init; }

    /// <summary>USD per month at rest, when priced.</summary>
    public decimal? AtRest { get; init; }

    /// <summary>USD per month at peak, when priced.</summary>
    public decimal? Peak { get; init; }

    /// <summary>How the figure was computed (priced), or why there is none.</summary>
    public required string Basis { get; init; }
}

/// <summary>GPUs a node pool can hold at its maximum size: what the project's GPU quota must allow.</summary>
/// <param name="Stack">The stack of the pool.</param>
/// <param name="ConstructPath">The pool's construct path.</param>
/// <param name="GpuType">The accelerator type, e.g. <c>nvidia-l4</c>.</param>
/// <param name="Region">The region whose quota counts them.</param>
/// <param name="Zones">The zones the pool's nodes run in.</param>
/// <param name="AtPeak">GPUs at the pool's maximum node count.</param>
/// <param name="Spot">Whether the nodes are spot (GCP counts spot GPUs against a separate preemptible quota).</param>
public sealed record GpuDemand(string Stack, string ConstructPath, string GpuType, string Region, IReadOnlyList<string> Zones, int AtPeak, bool Spot);

/// <summary>The forecast of one synthesized stack.</summary>
/// <param name="Stack">The stack name.</param>
/// <param name="Lines">Every resource with a cost, a usage-based bill or no price.</param>
/// <param name="Gpus">The GPU demand of its node pools.</param>
/// <param name="FreeResources">How many resources carry no charge of their own (IAM, policies, Kubernetes objects…).</param>
public sealed record StackCost(string Stack, IReadOnlyList<CostLine> Lines, IReadOnlyList<GpuDemand> Gpus, int FreeResources)
{
    /// <summary>USD per month at rest over the priced lines.</summary>
    public decimal AtRest => Lines.Sum(l => l.AtRest ?? 0m);

    /// <summary>USD per month at peak over the priced lines.</summary>
    public decimal Peak => Lines.Sum(l => l.Peak ?? 0m);
}
