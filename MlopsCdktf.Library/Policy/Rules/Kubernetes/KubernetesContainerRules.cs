using System.Text.Json.Nodes;
using MlopsCdktf.Core;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Kubernetes;

/// <summary>
/// The container rules of the pack, one definition each (<see cref="KubernetesContainerRule"/>): the seed's OPA rules
/// (limits required, <c>:latest</c> warned) and the checkov Kubernetes checks they correspond to.
/// </summary>
public static class KubernetesContainerRules
{
    /// <summary>MLOPS-K8S-3 (seed OPA deny; CKV_K8S_11, CKV_K8S_13): CPU and memory limits.</summary>
    public static KubernetesContainerRule Limits { get; } = new("MLOPS-K8S-3", PolicyLevel.Error,
        "A container does not set both CPU and memory limits.",
        "Without limits one container can take a node's CPU and memory from every other pod (and a memory leak takes the node). "
        + "Matches checkov CKV_K8S_11 (CPU limits) and CKV_K8S_13 (memory limits).",
        (c, _) => Missing(c, "resources.limits", "cpu", "memory"));

    /// <summary>MLOPS-K8S-4 (CKV_K8S_10, CKV_K8S_12): CPU and memory requests.</summary>
    public static KubernetesContainerRule Requests { get; } = new("MLOPS-K8S-4", PolicyLevel.Error,
        "A container does not set both CPU and memory requests.",
        "The scheduler places pods by their requests; without them pods land on full nodes and are the first evicted. "
        + "Matches checkov CKV_K8S_10 (CPU requests) and CKV_K8S_12 (memory requests).",
        (c, _) => Missing(c, "resources.requests", "cpu", "memory"));

    /// <summary>MLOPS-K8S-5 (seed OPA warn; CKV_K8S_14): pinned images.</summary>
    public static KubernetesContainerRule PinnedImage { get; } = new("MLOPS-K8S-5", PolicyLevel.Warning,
        "A container image is not pinned by tag or digest (it is untagged or uses :latest).",
        "A mutable tag makes a restart or scale-out run different code from what was reviewed and tested, and rollbacks "
        + "impossible. Matches checkov CKV_K8S_14 (image tag fixed, not latest or blank).",
        (c, _) => JsonValues.Text(c["image"]) is { } image && (image.Contains("${", StringComparison.Ordinal) || ContainerImageReference.IsPinnedImage(image))
            ? null
            : $"image is {JsonValues.Text(c["image"]) ?? "not set"}.");

    /// <summary>MLOPS-K8S-6 (CKV_K8S_8): liveness probes on long-running workloads.</summary>
    public static KubernetesContainerRule LivenessProbe { get; } = new("MLOPS-K8S-6", PolicyLevel.Error,
        "A container of a long-running workload has no liveness probe.",
        "Without a liveness probe a hung model server keeps its place and its traffic until someone notices. Matches checkov CKV_K8S_8.",
        (c, _) => c["liveness_probe"] is null ? "liveness_probe is not set." : null, longRunningOnly: true);

    /// <summary>MLOPS-K8S-7 (CKV_K8S_9): readiness probes on long-running workloads.</summary>
    public static KubernetesContainerRule ReadinessProbe { get; } = new("MLOPS-K8S-7", PolicyLevel.Error,
        "A container of a long-running workload has no readiness probe.",
        "Without a readiness probe a pod gets requests before its model is loaded, and a rolling update removes old pods "
        + "before new ones can serve. Matches checkov CKV_K8S_9.",
        (c, _) => c["readiness_probe"] is null ? "readiness_probe is not set." : null, longRunningOnly: true);

    /// <summary>MLOPS-K8S-8 (CKV_K8S_23): non-root containers.</summary>
    public static KubernetesContainerRule RunAsNonRoot { get; } = new("MLOPS-K8S-8", PolicyLevel.Error,
        "A container may run as root (run_as_non_root is not true on the container or its pod).",
        "Root in a container is one kernel or runtime bug away from root on the node, and owns every writable volume. "
        + "Matches checkov CKV_K8S_23 (minimize the admission of root containers).",
        (c, pod) => JsonValues.IsTrue(JsonValues.At(c, "security_context.run_as_non_root") ?? JsonValues.At(pod, "security_context.run_as_non_root"))
            ? null
            : "run_as_non_root is not true.");

    /// <summary>MLOPS-K8S-9 (CKV_K8S_22): read-only root filesystems.</summary>
    public static KubernetesContainerRule ReadOnlyRootFilesystem { get; } = new("MLOPS-K8S-9", PolicyLevel.Error,
        "A container's root filesystem is writable (read_only_root_filesystem is not true).",
        "A writable root filesystem lets an attacker drop tools and persist changes in the container; mount an emptyDir "
        + "where the process must write. Matches checkov CKV_K8S_22.",
        (c, _) => JsonValues.IsTrue(JsonValues.At(c, "security_context.read_only_root_filesystem")) ? null : "read_only_root_filesystem is not true.");

    /// <summary>MLOPS-K8S-10 (CKV_K8S_20): no privilege escalation.</summary>
    public static KubernetesContainerRule NoPrivilegeEscalation { get; } = new("MLOPS-K8S-10", PolicyLevel.Error,
        "A container allows privilege escalation (allow_privilege_escalation is not false).",
        "Escalation lets a process gain more privileges than its parent (setuid binaries); Kubernetes allows it unless set "
        + "to false. Matches checkov CKV_K8S_20.",
        (c, _) => JsonValues.At(c, "security_context.allow_privilege_escalation") is JsonValue v
            && (v.GetValueKind() == System.Text.Json.JsonValueKind.False || JsonValues.Text(v) == "false")
            ? null
            : "allow_privilege_escalation is not false.");

    /// <summary>MLOPS-K8S-11 (CKV_K8S_28, CKV_K8S_37): all capabilities dropped.</summary>
    public static KubernetesContainerRule DropAllCapabilities { get; } = new("MLOPS-K8S-11", PolicyLevel.Error,
        "A container does not drop ALL Linux capabilities.",
        "Default capabilities include NET_RAW (spoofed packets inside the cluster network) and others a model server never "
        + "needs; drop ALL and add back only what is required. Matches checkov CKV_K8S_28 (NET_RAW) and CKV_K8S_37 (capabilities).",
        (c, _) => JsonValues.Strings(JsonValues.At(c, "security_context.capabilities.drop")).Contains("ALL") ? null : "capabilities.drop does not contain ALL.");

    /// <summary>Every container rule, in id order.</summary>
    public static IReadOnlyList<KubernetesContainerRule> All { get; } =
        [Limits, Requests, PinnedImage, LivenessProbe, ReadinessProbe, RunAsNonRoot, ReadOnlyRootFilesystem, NoPrivilegeEscalation, DropAllCapabilities];

    private static string? Missing(JsonObject container, string path, params string[] keys)
    {
        var map = JsonValues.At(container, path) as JsonObject;
        var missing = keys.Where(k => map?[k] is null).ToList();
        return missing.Count == 0 ? null : $"{path.Replace("resources.", string.Empty, StringComparison.Ordinal)} lacks {string.Join(" and ", missing)}.";
    }
}
