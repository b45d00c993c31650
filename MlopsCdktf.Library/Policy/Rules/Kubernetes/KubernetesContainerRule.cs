using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Kubernetes;

/// <summary>
/// A data-driven rule over every container of every Kubernetes workload (deployments, stateful sets, daemon sets, jobs,
/// cron jobs, pods): <see cref="Problem"/> says what is wrong with one container, given its pod spec. The rules themselves
/// are one definition each in <see cref="KubernetesContainerRules"/>.
/// </summary>
public sealed class KubernetesContainerRule : ResourceRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="id">The rule id.</param>
    /// <param name="level">Error or warning.</param>
    /// <param name="info">One sentence: what is wrong.</param>
    /// <param name="explanation">Why it matters; cites the matching checkov ids.</param>
    /// <param name="problem">What is wrong with a container (given its pod spec) as a sentence, or null when it complies.</param>
    /// <param name="longRunningOnly">Whether only workloads that run until stopped are checked (probes).</param>
    public KubernetesContainerRule(string id, PolicyLevel level, string info, string explanation,
        Func<JsonObject, JsonObject, string?> problem, bool longRunningOnly = false)
    {
        Id = id;
        Level = level;
        Info = info;
        Explanation = explanation;
        Problem = problem;
        ResourceTypes = longRunningOnly ? KubernetesWorkloads.LongRunning : KubernetesWorkloads.PodSpecPaths.Keys.ToList();
    }

    /// <inheritdoc />
    public override string Id { get; }

    /// <inheritdoc />
    public override PolicyLevel Level { get; }

    /// <inheritdoc />
    public override string Info { get; }

    /// <inheritdoc />
    public override string Explanation { get; }

    /// <summary>What is wrong with a container (first argument) in its pod spec (second), or null.</summary>
    public Func<JsonObject, JsonObject, string?> Problem { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; }

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var pod = KubernetesWorkloads.PodSpec(resource);
        if (pod is null)
        {
            return NonCompliant(resource, "The workload has no pod spec.");
        }

        var problems = KubernetesWorkloads.Containers(pod)
            .Select(c => (Name: JsonValues.Text(c["name"]) ?? "?", Problem: Problem(c, pod)))
            .Where(p => p.Problem is not null)
            .Select(p => $"Container {p.Name}: {p.Problem}")
            .ToList();
        return problems.Count == 0 ? Compliant(resource) : NonCompliant(resource, string.Join(" ", problems));
    }
}
