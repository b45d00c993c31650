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
    public static void Validate(InputValidator v, string name, string ns, string image, ContainerResources resources, GpuRequest? gpu,
        IReadOnlyList<ClaimMount> claims, string claimProperty, bool claimsAreList = true)
    {
        v.ValidateDns1123Label(name, "Name");
        v.ValidateDns1123Label(ns, "Namespace");
        v.Require(ns != "default", "Namespace", ns, "workloads never run in the default namespace: use an MlNamespace (labelled, with quota and limits)");
        v.ValidatePinnedImage(image, "Image");
        ValidateResources(v, resources, "Resources");
        if (gpu is not null)
        {
            v.InRange(gpu.Count, "Gpu.Count", 1, MaxGpusPerPod, "GPUs");
            v.Require(gpu.Pool is not null, "Gpu.Pool", null,
                "a GPU was requested but no GPU pool to tolerate was given, so the pod would never be scheduled (GPU nodes are tainted); pass the GPU pool's Selector");
        }

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

        v.Require(claims.Where(c => c is not null).Select(c => c.MountPath).Distinct(StringComparer.Ordinal).Count() == claims.Count(c => c is not null),
            claimProperty, string.Join(", ", claims.Where(c => c is not null).Select(c => c.MountPath)), "must not mount two claims at the same path");
    }

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
            v.Require(req is not null, $"{property}.{requestName(kind)}", request, KubernetesQuantity.Allowed);
            v.Require(lim is not null, $"{property}.{limitName(kind)}", limit, KubernetesQuantity.Allowed);
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
