using Constructs;
using HashiCorp.Cdktf.Providers.Kubernetes.LimitRangeV1;
using HashiCorp.Cdktf.Providers.Kubernetes.NamespaceV1;
using HashiCorp.Cdktf.Providers.Kubernetes.ResourceQuotaV1;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// A namespace for ML workloads that passes review as declared: the required <c>data_classification</c> label, the
/// <c>restricted</c> Pod Security Standard enforced, a <c>ResourceQuota</c> (CPU, memory, GPUs, pods) sized by the caller
/// and a <c>LimitRange</c> giving containers without a spec small defaults.
/// </summary>
/// <example>
/// <code>
/// var ns = new MlNamespace(this, "Namespace", new MlNamespaceProps
/// {
///     Name = "ml-models",
///     DataClassification = DataClassification.Confidential,
///     Quota = new NamespaceQuota { RequestsCpu = "8", RequestsMemory = "32Gi", LimitsCpu = "16", LimitsMemory = "64Gi", Gpus = 2 },
/// });
/// </code>
/// </example>
public sealed class MlNamespace : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the namespace, quota and limit range.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public MlNamespace(Construct scope, string id, MlNamespaceProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(MlNamespace)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        var labels = new Dictionary<string, string>(props.Labels)
        {
            [MlNamespaceDefaults.ClassificationLabel] = props.DataClassification.ToLabelValue(),
            [MlNamespaceDefaults.PodSecurityLabel] = props.PodSecurityLevel,
        };
        Namespace = new NamespaceV1(this, "Namespace", new NamespaceV1Config
        {
            Metadata = new NamespaceV1Metadata { Name = props.Name, Labels = labels },
        });
        // One reference, handed to every object in the namespace, so a workload's namespace can be recognised as this one.
        Name = Namespace.Metadata.Name;
        Budget = new NamespaceBudget(props.Name, Name, props.Quota);

        var quota = props.Quota;
        Quota = new ResourceQuotaV1(this, "Quota", new ResourceQuotaV1Config
        {
            Metadata = new ResourceQuotaV1Metadata { Name = "compute", Namespace = Name },
            Spec = new ResourceQuotaV1Spec
            {
                Hard = new Dictionary<string, string>
                {
                    ["requests.cpu"] = quota.RequestsCpu,
                    ["requests.memory"] = quota.RequestsMemory,
                    ["limits.cpu"] = quota.LimitsCpu,
                    ["limits.memory"] = quota.LimitsMemory,
                    [$"requests.{PodSecurity.GpuResource}"] = quota.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["pods"] = quota.Pods.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            },
        });

        var defaults = props.ContainerDefaults;
        LimitRange = new LimitRangeV1(this, "LimitRange", new LimitRangeV1Config
        {
            Metadata = new LimitRangeV1Metadata { Name = "container-defaults", Namespace = Name },
            Spec = new LimitRangeV1Spec
            {
                Limit = new[]
                {
                    new LimitRangeV1SpecLimit
                    {
                        Type = "Container",
                        DefaultRequest = new Dictionary<string, string> { ["cpu"] = defaults.CpuRequest, ["memory"] = defaults.MemoryRequest },
                        Default = new Dictionary<string, string> { ["cpu"] = defaults.CpuLimit, ["memory"] = defaults.MemoryLimit },
                    },
                },
            },
        });
    }

    /// <summary>The <c>kubernetes_namespace_v1</c>.</summary>
    public NamespaceV1 Namespace { get; }

    /// <summary>The <c>kubernetes_resource_quota_v1</c>.</summary>
    public ResourceQuotaV1 Quota { get; }

    /// <summary>The <c>kubernetes_limit_range_v1</c>.</summary>
    public LimitRangeV1 LimitRange { get; }

    /// <summary>The namespace name (a reference, so objects in it wait for it; the same string on every call).</summary>
    public string Name { get; }

    /// <summary>The namespace's quota and the workloads admitted to it: pass it as a workload's <c>Budget</c>
    /// (<see cref="ModelServingDeploymentProps.Budget"/>, <see cref="BatchJobProps.Budget"/>) to have the workloads checked
    /// against the quota, together, at synth.</summary>
    public NamespaceBudget Budget { get; }

    private void Validate(MlNamespaceProps props)
    {
        var v = new InputValidator(this);
        v.ValidateDns1123Label(props.Name, nameof(props.Name));
        v.Require(props.Name is null || !KubernetesNames.IsSystemNamespace(props.Name), nameof(props.Name), props.Name, KubernetesNames.SystemNamespaceAllowed);
        v.Defined(props.DataClassification, nameof(props.DataClassification));
        v.Require(MlNamespaceDefaults.PodSecurityLevels.Contains(props.PodSecurityLevel), nameof(props.PodSecurityLevel), props.PodSecurityLevel,
            $"must be one of {string.Join(", ", MlNamespaceDefaults.PodSecurityLevels)}");
        v.ValidateKubernetesLabels(props.Labels, nameof(props.Labels));
        v.Require(!props.Labels.ContainsKey(MlNamespaceDefaults.ClassificationLabel) && !props.Labels.ContainsKey(MlNamespaceDefaults.PodSecurityLabel),
            nameof(props.Labels), string.Join(", ", props.Labels.Keys),
            $"must not set {MlNamespaceDefaults.ClassificationLabel} or {MlNamespaceDefaults.PodSecurityLabel}: use DataClassification and PodSecurityLevel");

        var q = props.Quota;
        PodSecurity.ValidateResources(v, new ContainerResources
        {
            CpuRequest = q.RequestsCpu, MemoryRequest = q.RequestsMemory, CpuLimit = q.LimitsCpu, MemoryLimit = q.LimitsMemory,
        }, "Quota", kind => "Requests" + kind, kind => "Limits" + kind);
        v.InRange(q.Gpus, "Quota.Gpus", 0, 1024, "GPUs").InRange(q.Pods, "Quota.Pods", 1, 10000, "pods");
        PodSecurity.ValidateResources(v, props.ContainerDefaults, nameof(props.ContainerDefaults));
        ValidateDefaultsWithinQuota(v, props.ContainerDefaults, q);
        v.ThrowIfInvalid();
    }

    /// <summary>A container without a spec gets the LimitRange's defaults; a default above the quota makes its pod unschedulable.</summary>
    private static void ValidateDefaultsWithinQuota(InputValidator v, ContainerResources defaults, NamespaceQuota quota)
    {
        foreach (var (member, value, quotaMember, quotaValue) in new[]
                 {
                     (nameof(defaults.CpuRequest), defaults.CpuRequest, nameof(quota.RequestsCpu), quota.RequestsCpu),
                     (nameof(defaults.MemoryRequest), defaults.MemoryRequest, nameof(quota.RequestsMemory), quota.RequestsMemory),
                     (nameof(defaults.CpuLimit), defaults.CpuLimit, nameof(quota.LimitsCpu), quota.LimitsCpu),
                     (nameof(defaults.MemoryLimit), defaults.MemoryLimit, nameof(quota.LimitsMemory), quota.LimitsMemory),
                 })
        {
            if (KubernetesQuantity.Parse(value) is { } given && KubernetesQuantity.Parse(quotaValue) is { } allowed && given > allowed)
            {
                v.Add($"ContainerDefaults.{member}", value,
                    $"must be at most Quota.{quotaMember} ({quotaValue}): the LimitRange gives it to every container without a spec, and a pod asking for more than the whole namespace's quota is refused");
            }
        }
    }
}
