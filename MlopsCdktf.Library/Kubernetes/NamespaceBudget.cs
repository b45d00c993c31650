using System.Globalization;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// What one workload takes from its namespace's <c>ResourceQuota</c> at its smallest steady footprint: its pods (a
/// Deployment's minimum replicas plus the one surge pod a rolling update adds; one pod for a CronJob, which never overlaps
/// itself) times each pod's requests, limits and GPUs.
/// </summary>
/// <param name="Workload">How messages name the workload, e.g. <c>ModelServingDeployment churn</c>.</param>
/// <param name="Pods">Pods at once.</param>
/// <param name="PerPod">Each pod's requests and limits.</param>
/// <param name="GpusPerPod">Each pod's GPUs (<c>nvidia.com/gpu</c>).</param>
/// <param name="PodsReason">Why <paramref name="Pods"/> pods, e.g. <c>Autoscaling.MinReplicas 2 + 1 rollout surge pod</c>.</param>
public sealed record WorkloadDemand(string Workload, int Pods, ContainerResources PerPod, int GpusPerPod = 0, string? PodsReason = null);

/// <summary>One quota a set of workloads needs more of than the namespace allows.</summary>
/// <param name="QuotaKey">The <c>ResourceQuota</c> key, e.g. <c>requests.cpu</c>.</param>
/// <param name="QuotaMember">The <see cref="NamespaceQuota"/> member holding it, e.g. <c>RequestsCpu</c>.</param>
/// <param name="Allowed">The quota as written, e.g. <c>2</c>.</param>
/// <param name="Needed">What the workloads need, in the quota's unit (cores, bytes, GPUs, pods), as a quantity.</param>
/// <param name="Breakdown">Each workload's share, e.g. <c>churn: 3 pods × 1 = 3; churn-retrain: 1 pod × 2 = 2</c>.</param>
public sealed record QuotaOverrun(string QuotaKey, string QuotaMember, string Allowed, string Needed, string Breakdown);

/// <summary>
/// The quota of one <see cref="MlNamespace"/> and the workloads admitted to it so far: where the namespace meets its
/// workloads. Pass <see cref="MlNamespace.Budget"/> as a workload's <c>Budget</c> (<see cref="ModelServingDeploymentProps.Budget"/>,
/// <see cref="BatchJobProps.Budget"/>) and the workload is refused at synth when, together with those before it, it needs
/// more CPU, memory, GPUs or pods than the quota allows (<see cref="Overruns"/>), when it runs in another namespace, or
/// when it mounts a claim of another namespace.
/// </summary>
public sealed class NamespaceBudget
{
    private readonly List<WorkloadDemand> _admitted = [];

    internal NamespaceBudget(string name, string reference, NamespaceQuota quota)
    {
        Name = name;
        Reference = reference;
        Quota = quota;
    }

    /// <summary>The namespace name, as given to the <see cref="MlNamespace"/>.</summary>
    public string Name { get; }

    /// <summary>The quota the workloads share.</summary>
    public NamespaceQuota Quota { get; }

    /// <summary>The workloads admitted so far, in declaration order.</summary>
    public IReadOnlyList<WorkloadDemand> Admitted => _admitted;

    /// <summary>The namespace's name as a reference (<see cref="MlNamespace.Name"/>).</summary>
    internal string Reference { get; }

    /// <summary>
    /// The quotas <paramref name="demands"/> together exceed: <c>requests.cpu</c>, <c>requests.memory</c>, <c>limits.cpu</c>,
    /// <c>limits.memory</c>, <c>requests.nvidia.com/gpu</c> and <c>pods</c>, each the sum over the workloads of pods × per pod.
    /// Quantities that do not parse are skipped (the namespace and the workloads report them).
    /// </summary>
    /// <param name="quota">The namespace's quota.</param>
    /// <param name="demands">The workloads sharing it.</param>
    /// <returns>One overrun per exceeded quota; empty when everything fits.</returns>
    public static IReadOnlyList<QuotaOverrun> Overruns(NamespaceQuota quota, IEnumerable<WorkloadDemand> demands)
    {
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentNullException.ThrowIfNull(demands);
        var list = demands.ToList();
        var overruns = new List<QuotaOverrun>();
        void Check(string key, string member, string allowed, Func<WorkloadDemand, decimal?> perPod, Func<decimal, string> format)
        {
            if (KubernetesQuantity.Parse(allowed) is not { } limit || list.Any(d => perPod(d) is null))
            {
                return;
            }

            var needed = list.Sum(d => d.Pods * perPod(d)!.Value);
            if (needed > limit)
            {
                var breakdown = string.Join("; ", list.Where(d => d.Pods * perPod(d)!.Value > 0).Select(d =>
                    $"{d.Workload}: {d.Pods} pod{(d.Pods == 1 ? string.Empty : "s")}{(d.PodsReason is null ? string.Empty : $" ({d.PodsReason})")}"
                    + (key == "pods" ? string.Empty : $" × {format(perPod(d)!.Value)}")));
                overruns.Add(new QuotaOverrun(key, member, allowed, format(needed), breakdown));
            }
        }

        Check("requests.cpu", nameof(quota.RequestsCpu), quota.RequestsCpu, d => KubernetesQuantity.Parse(d.PerPod.CpuRequest), Cores);
        Check("requests.memory", nameof(quota.RequestsMemory), quota.RequestsMemory, d => KubernetesQuantity.Parse(d.PerPod.MemoryRequest), Bytes);
        Check("limits.cpu", nameof(quota.LimitsCpu), quota.LimitsCpu, d => KubernetesQuantity.Parse(d.PerPod.CpuLimit), Cores);
        Check("limits.memory", nameof(quota.LimitsMemory), quota.LimitsMemory, d => KubernetesQuantity.Parse(d.PerPod.MemoryLimit), Bytes);
        Check($"requests.{PodSecurity.GpuResource}", nameof(quota.Gpus), Whole(quota.Gpus), d => d.GpusPerPod, Whole);
        Check("pods", nameof(quota.Pods), Whole(quota.Pods), _ => 1, Whole);
        return overruns;
    }

    /// <summary>Whether <paramref name="ns"/> names this namespace (its name or its reference).</summary>
    internal bool Holds(string? ns) => ns == Name || ns == Reference;

    /// <summary>The literal namespace <paramref name="ns"/> stands for, when it is this namespace's reference.</summary>
    internal string? Literal(string? ns) => ns == Reference ? Name : ns;

    /// <summary>
    /// Checks <paramref name="demand"/> with the workloads admitted before it and, when <paramref name="v"/> has no problem,
    /// admits it. An overrun is reported against the member of the workload that causes it.
    /// </summary>
    /// <param name="v">The workload's validator.</param>
    /// <param name="demand">The workload's footprint.</param>
    /// <param name="member">The workload's member (and value) to report for a quota key, e.g. <c>requests.cpu</c> → <c>Resources.CpuRequest</c>.</param>
    internal void Admit(InputValidator v, WorkloadDemand demand, Func<string, (string Property, object? Value)> member)
    {
        var before = Overruns(Quota, _admitted).Select(o => o.QuotaKey).ToHashSet(StringComparer.Ordinal);
        foreach (var overrun in Overruns(Quota, [.. _admitted, demand]).Where(o => !before.Contains(o.QuotaKey)))
        {
            var (property, value) = member(overrun.QuotaKey);
            v.Add(property, value, $"with it, the workloads of namespace {Name} need {overrun.QuotaKey} {overrun.Needed} ({overrun.Breakdown}), "
                + $"above the quota Quota.{overrun.QuotaMember} ({overrun.Allowed}): Kubernetes refuses every pod that does not fit (exceeded quota), "
                + "so the workload never runs or a rollout never finishes");
        }

        if (v.Problems.Count == 0)
        {
            _admitted.Add(demand);
        }
    }

    private static string Whole(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Whole(decimal n) => n.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Cores(decimal cores) => cores == decimal.Truncate(cores)
        ? Whole(cores)
        : (cores * 1000).ToString("0.###", CultureInfo.InvariantCulture) + "m";

    private static string Bytes(decimal bytes)
    {
        foreach (var (suffix, size) in new[] { ("Ti", 1024m * 1024 * 1024 * 1024), ("Gi", 1024m * 1024 * 1024), ("Mi", 1024m * 1024), ("Ki", 1024m) })
        {
            if (bytes >= size && bytes % size == 0)
            {
                return (bytes / size).ToString("0", CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bytes >= 1024m * 1024 * 1024
            ? (bytes / (1024m * 1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + "Gi"
            : Whole(bytes);
    }
}
