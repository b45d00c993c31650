namespace MlopsCdktf.Kubernetes;

/// <summary>How sensitive the data a namespace's workloads handle is: the value of its <c>data_classification</c> label.</summary>
public enum DataClassification
{
    /// <summary>Data meant for anyone (<c>public</c>).</summary>
    Public,

    /// <summary>Company-internal data (<c>internal</c>).</summary>
    Internal,

    /// <summary>Customer or business data with limited access (<c>confidential</c>).</summary>
    Confidential,

    /// <summary>Regulated or highly sensitive data (<c>restricted</c>).</summary>
    Restricted,
}

/// <summary>What a namespace's workloads may reserve and use in total (a <c>ResourceQuota</c>).</summary>
public sealed record NamespaceQuota
{
    /// <summary>Total CPU requests, e.g. <c>8</c>.</summary>
    public required string RequestsCpu { get; init; }

    /// <summary>Total memory requests, e.g. <c>32Gi</c>.</summary>
    public required string RequestsMemory { get; init; }

    /// <summary>Total CPU limits; at least <see cref="RequestsCpu"/>.</summary>
    public required string LimitsCpu { get; init; }

    /// <summary>Total memory limits; at least <see cref="RequestsMemory"/>.</summary>
    public required string LimitsMemory { get; init; }

    /// <summary>Total GPUs (<c>requests.nvidia.com/gpu</c>).</summary>
    /// <value>The default value is 0: no GPUs unless the environment grants them.</value>
    public int Gpus { get; init; }

    /// <summary>Most pods at once (1–10000).</summary>
    /// <value>The default value is 50.</value>
    public int Pods { get; init; } = MlNamespaceDefaults.Pods;
}

/// <summary>Input of <see cref="MlNamespace"/>. Every optional member documents its default and why.</summary>
public sealed record MlNamespaceProps
{
    /// <summary>The namespace name: a DNS-1123 label, not <c>default</c> or a <c>kube-</c> namespace.</summary>
    public required string Name { get; init; }

    /// <summary>The data classification; becomes the required <c>data_classification</c> label.</summary>
    public required DataClassification DataClassification { get; init; }

    /// <summary>The namespace's total budget (a <c>ResourceQuota</c>), sized from the environment.</summary>
    public required NamespaceQuota Quota { get; init; }

    /// <summary>Requests and limits given to containers that declare none (the <c>LimitRange</c> defaults).</summary>
    /// <value>The default value is 100m/256Mi requested, 1 CPU/1Gi limit: small enough that a forgotten spec cannot starve
    /// the namespace, and with a quota in place every container needs some value.</value>
    public ContainerResources ContainerDefaults { get; init; } = MlNamespaceDefaults.ContainerDefaults;

    /// <summary>The Pod Security Standard enforced on the namespace (<c>pod-security.kubernetes.io/enforce</c>).</summary>
    /// <value>The default value is <c>restricted</c>: non-root, no privilege escalation, all capabilities dropped,
    /// RuntimeDefault seccomp — what this library's workloads already satisfy; <c>baseline</c> and <c>privileged</c> are
    /// the other values.</value>
    public string PodSecurityLevel { get; init; } = MlNamespaceDefaults.PodSecurityLevel;

    /// <summary>Extra labels on the namespace (Kubernetes label rules).</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>The one home of <see cref="MlNamespace"/>'s default values.</summary>
internal static class MlNamespaceDefaults
{
    public const string ClassificationLabel = "data_classification";
    public const string PodSecurityLabel = "pod-security.kubernetes.io/enforce";
    public const string PodSecurityLevel = "restricted";
    public const int Pods = 50;
    public static readonly string[] PodSecurityLevels = ["restricted", "baseline", "privileged"];

    public static readonly ContainerResources ContainerDefaults = new()
    {
        CpuRequest = "100m",
        MemoryRequest = "256Mi",
        CpuLimit = "1",
        MemoryLimit = "1Gi",
    };

    public static string ToLabelValue(this DataClassification classification) => classification switch
    {
        DataClassification.Public => "public",
        DataClassification.Internal => "internal",
        DataClassification.Confidential => "confidential",
        DataClassification.Restricted => "restricted",
        _ => throw new ArgumentOutOfRangeException(nameof(classification), classification, null),
    };
}
