using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// The one home of what every workload this library declares shares: the non-root identity and hardened security
/// contexts (values), the labels, and the validation of image, resources and GPUs. Each construct maps these values
/// onto its own typed provider classes.
/// </summary>
internal static class PodSecurity
{
    /// <summary>The uid/gid workloads run as; a <see cref="WorkspacePreparation"/> hands the workspace directories to it.</summary>
    public const int UserId = 1000;

    public const string SeccompProfile = "RuntimeDefault";
    public const string DropAllCapabilities = "ALL";
    public const string GpuResource = "nvidia.com/gpu";
    public const string TmpVolume = "tmp";
    public const string TmpSizeLimit = "1Gi";
    public const int MaxGpusPerPod = 16;

    /// <summary>The labels of a workload's pods and objects; <c>app.kubernetes.io/name</c> is its selector.</summary>
    public static Dictionary<string, string> Labels(string name, string component) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/component"] = component,
        ["app.kubernetes.io/managed-by"] = "cdktf",
    };

    public static Dictionary<string, string> Selector(string name) => new() { ["app.kubernetes.io/name"] = name };

    public static Dictionary<string, string> Requests(ContainerResources r, GpuRequest? gpu) => WithGpu(new() { ["cpu"] = r.CpuRequest, ["memory"] = r.MemoryRequest }, gpu);

    public static Dictionary<string, string> Limits(ContainerResources r, GpuRequest? gpu) => WithGpu(new() { ["cpu"] = r.CpuLimit, ["memory"] = r.MemoryLimit }, gpu);

    private static Dictionary<string, string> WithGpu(Dictionary<string, string> map, GpuRequest? gpu)
    {
        if (gpu is { Count: > 0 })
        {
            map[GpuResource] = gpu.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return map;
    }

    /// <summary>Checks what every workload shares: name, namespace, image, resources, GPU, claims.</summary>
    /// <remarks>The claims come from the prop <c>claimProperty</c>; with <c>claimsAreList</c> problems name the index.</remarks>
    /// <param name="v">The workload's validator.</param>
    /// <param name="name">The workload's name.</param>
    /// <param name="ns">The workload's namespace.</param>
    /// <param name="image">The container image.</param>
    /// <param name="resources">The container's requests and limits.</param>
    /// <param name="gpu">The container's GPUs, or null.</param>
    /// <param name="claims">The claims mounted.</param>
    /// <param name="claimProperty">The prop holding the claims.</param>
    /// <param name="claimsAreList">Whether problems name the claim's index.</param>
    /// <param name="budget">The namespace budget the workload is admitted to, or null.</param>
    /// <param name="reservedPaths">Mount paths the construct itself uses (path, what is mounted there).</param>
    public static void Validate(InputValidator v, string name, string ns, string image, ContainerResources resources, GpuRequest? gpu,
        IReadOnlyList<ClaimMount> claims, string claimProperty, bool claimsAreList = true, NamespaceBudget? budget = null,
        IReadOnlyList<(string Path, string What)>? reservedPaths = null)
    {
        v.ValidateDns1123Label(name, "Name");
        v.ValidateWorkloadNamespace(ns, "Namespace");
        // A literal namespace is compared; another reference may still name the same namespace, so it is not refused.
        if (budget is not null && !budget.Holds(ns) && !InputValidator.IsUnresolved(ns))
        {
            v.Add("Budget", $"the budget of namespace {budget.Name}", $"must be the budget of the workload's Namespace ({ns}): pass that MlNamespace's Budget");
        }

        v.ValidatePinnedImage(image, "Image");
        ValidateResources(v, resources, "Resources");
        if (gpu is not null)
        {
            v.InRange(gpu.Count, "Gpu.Count", 1, MaxGpusPerPod, "GPUs");
            v.Require(gpu.Pool is not null, "Gpu.Pool", null,
                "a GPU was requested but no GPU pool to tolerate was given, so the pod would never be scheduled (GPU nodes are tainted); pass the GPU pool's Selector");
            if (gpu.Pool is { } pool)
            {
                ValidatePool(v, pool);
                v.Require(pool.GpusPerNode is not { } perNode || gpu.Count <= perNode, "Gpu.Count", gpu.Count,
                    $"must be at most the GPU pool's {pool.GpusPerNode} GPU{(pool.GpusPerNode == 1 ? string.Empty : "s")} per node (Gpu.Pool.GpusPerNode): "
                    + "a pod runs on one node, so a pod asking for more stays Pending for ever");
            }
        }

        var reserved = reservedPaths ?? [];

        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            var property = claimsAreList ? $"{claimProperty}[{i}]" : claimProperty;
            if (claim is null)
            {
                v.Add(property, null, "must not be null");
                continue;
            }

            v.NotBlank(claim.ClaimName, property + ".ClaimName");
            v.Require(claim.MountPath?.StartsWith('/') == true, property + ".MountPath", claim.MountPath, "must be an absolute path such as /models");
            if (claim.MountPath is { } path && reserved.FirstOrDefault(r => NormalizePath(r.Path) == NormalizePath(path)) is { Path: not null } taken)
            {
                v.Add(property + ".MountPath", path, $"is where the workload already mounts {taken.What}: two volumes cannot be mounted at one path (Kubernetes refuses the pod); choose another path");
            }

            // A pod mounts claims of its own namespace only: compared where both are known (a budget tells its reference from its name).
            var claimNamespace = budget?.Literal(claim.Namespace) ?? claim.Namespace;
            var workloadNamespace = budget?.Literal(ns) ?? ns;
            if (claimNamespace is not null && claimNamespace != workloadNamespace && !InputValidator.IsUnresolved(claimNamespace) && !InputValidator.IsUnresolved(workloadNamespace))
            {
                v.Add(property + ".Namespace", claimNamespace,
                    $"is not the workload's namespace ({workloadNamespace}): a pod can mount only claims of its own namespace, so it would never start; declare a volume and claim in {workloadNamespace}");
            }
            if (claim.SubPath is { } subPath)
            {
                v.Require(subPath.Length > 0 && !subPath.StartsWith('/') && !subPath.Split('/').Contains(".."),
                    property + ".SubPath", subPath, "must be a relative path inside the share, without '..'");
                v.Require(claim.PreparedBy?.Prepares(subPath) == true, property + ".SubPath", subPath, claim.PreparedBy is null
                    ? "no WorkspacePreparation creates it (PreparedBy is null): kubelet would create it as root on the node, which a root-squashed share refuses (the pod never starts) and which uid " + UserId + " could not write; list it in a WorkspacePreparation's Directories and set PreparedBy, or mount a volume of the prepared directory (NfsWorkspaceVolumeProps.Directory)"
                    : $"is not one of the directories PreparedBy creates ({string.Join(", ", claim.PreparedBy.Directories)}); kubelet would create it as root on the node");
            }

            if (claim.PreparedBy is { } preparation)
            {
                v.Require(preparation.OwnerUserId == UserId && preparation.OwnerGroupId == UserId, property + ".PreparedBy",
                    $"owner {preparation.OwnerUserId}:{preparation.OwnerGroupId}", $"must hand the directories to {UserId}:{UserId}, the uid:gid this workload runs as, or it could not write them");
            }
        }

        v.Require(claims.Where(c => c is not null).Select(c => NormalizePath(c.MountPath)).Distinct(StringComparer.Ordinal).Count() == claims.Count(c => c is not null),
            claimProperty, string.Join(", ", claims.Where(c => c is not null).Select(c => c.MountPath)), "must not mount two claims at the same path");
    }

    /// <summary>Checks a GPU pool selector built by hand: the toleration and node affinity it becomes must be valid Kubernetes.</summary>
    /// <param name="v">The validator.</param>
    /// <param name="pool">The selector.</param>
    /// <param name="property">The prop holding it, e.g. <c>Gpu.Pool</c> or <c>GpuPools[0]</c>.</param>
    internal static void ValidatePool(InputValidator v, Core.Scheduling.GpuNodeSelector pool, string property = "Gpu.Pool")
    {
        v.ValidateTaintEffect(pool.TaintEffect, property + ".TaintEffect");
        v.Require(pool.TaintKey is not null && KubernetesNames.IsLabelKey(pool.TaintKey), property + ".TaintKey", pool.TaintKey, KubernetesNames.LabelKeyAllowed);
        v.Require(pool.TaintValue is not null && KubernetesNames.IsLabelValue(pool.TaintValue), property + ".TaintValue", pool.TaintValue, KubernetesNames.LabelValueAllowed);
        v.Require(pool.NodeLabelKey is not null && KubernetesNames.IsLabelKey(pool.NodeLabelKey), property + ".NodeLabelKey", pool.NodeLabelKey, KubernetesNames.LabelKeyAllowed);
        v.Require(pool.NodeLabelValue is not null && KubernetesNames.IsLabelValue(pool.NodeLabelValue), property + ".NodeLabelValue", pool.NodeLabelValue, KubernetesNames.LabelValueAllowed);
        v.Require(pool.GpusPerNode is null or >= 1, property + ".GpusPerNode", pool.GpusPerNode, "must be at least 1, or null when unknown");
    }

    /// <summary>A mount path without trailing or doubled slashes (<c>/tmp/</c> and <c>//tmp</c> are <c>/tmp</c> in the container).</summary>
    internal static string? NormalizePath(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', parts);
    }

    /// <summary>The quota member of a workload to report for a quota key (its value from <paramref name="resources"/>).</summary>
    public static (string Property, object? Value) QuotaMember(string quotaKey, ContainerResources resources, GpuRequest? gpu, (string Property, object? Value) pods) => quotaKey switch
    {
        "requests.cpu" => ("Resources.CpuRequest", resources.CpuRequest),
        "requests.memory" => ("Resources.MemoryRequest", resources.MemoryRequest),
        "limits.cpu" => ("Resources.CpuLimit", resources.CpuLimit),
        "limits.memory" => ("Resources.MemoryLimit", resources.MemoryLimit),
        "pods" => pods,
        _ => ("Gpu.Count", gpu?.Count),
    };

    /// <summary>The preparation Jobs the workload's mounts wait for (Terraform <c>depends_on</c>), or null.</summary>
    public static HashiCorp.Cdktf.ITerraformDependable[]? PreparationsOf(IEnumerable<ClaimMount> claims)
    {
        var jobs = claims.Select(c => c.PreparedBy).OfType<WorkspacePreparation>().Distinct().Select(p => (HashiCorp.Cdktf.ITerraformDependable)p.Job).ToArray();
        return jobs.Length == 0 ? null : jobs;
    }

    /// <summary>Requires each quantity to parse and each request to be at most its limit.</summary>
    /// <param name="v">The validator.</param>
    /// <param name="r">The requests and limits.</param>
    /// <param name="property">The prop holding them, e.g. <c>Resources</c>.</param>
    /// <param name="requestName">The member name of a request, from the resource kind (<c>Cpu</c>, <c>Memory</c>).</param>
    /// <param name="limitName">The member name of a limit, from the resource kind.</param>
    public static void ValidateResources(InputValidator v, ContainerResources r, string property,
        Func<string, string>? requestName = null, Func<string, string>? limitName = null)
    {
        requestName ??= kind => kind + "Request";
        limitName ??= kind => kind + "Limit";
        void Pair(string kind, string request, string limit)
        {
            var req = KubernetesQuantity.Parse(request);
            var lim = KubernetesQuantity.Parse(limit);
            if (kind == "Memory")
            {
                // Whole bytes: 256m is 0.256 bytes, a typo for 256Mi that Kubernetes would accept and round up to 1 byte.
                if (KubernetesQuantity.MemoryProblem(request) is { } requestProblem)
                {
                    v.Add($"{property}.{requestName(kind)}", request, requestProblem);
                    req = null;
                }

                if (KubernetesQuantity.MemoryProblem(limit) is { } limitProblem)
                {
                    v.Add($"{property}.{limitName(kind)}", limit, limitProblem);
                    lim = null;
                }
            }
            else
            {
                v.Require(req is not null, $"{property}.{requestName(kind)}", request, KubernetesQuantity.Allowed);
                v.Require(lim is not null, $"{property}.{limitName(kind)}", limit, KubernetesQuantity.Allowed);
            }

            if (req is > 0 && lim is not null)
            {
                v.Require(req <= lim, $"{property}.{requestName(kind)}", request,
                    $"must not exceed {limitName(kind)} ({limit}): Kubernetes rejects a request above its limit");
            }
            else if (req is 0)
            {
                v.Add($"{property}.{requestName(kind)}", request, "must be more than 0: the scheduler needs a real reservation");
            }
        }

        Pair("Cpu", r.CpuRequest, r.CpuLimit);
        Pair("Memory", r.MemoryRequest, r.MemoryLimit);
    }
}
