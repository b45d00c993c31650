namespace MlopsCdktf.Core.Scheduling;

/// <summary>A Kubernetes taint on every node of a pool.</summary>
/// <param name="Key">The taint key, e.g. <c>nvidia.com/gpu</c>.</param>
/// <param name="Value">The taint value, e.g. <c>present</c>.</param>
/// <param name="Effect">What the taint does to pods without a toleration.</param>
public sealed record NodeTaint(string Key, string Value, TaintEffect Effect);
