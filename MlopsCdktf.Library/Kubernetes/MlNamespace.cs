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
        : base(scope, id)
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

    /// <summary>The namespace name (a reference, so objects in it wait for it).</summary>
    public string Name => Namespace.Metadata.Name;

    private void Validate(MlNamespaceProps props)
    {
        var v = new InputValidator(this);
        v.ValidateDns1123Label(props.Name, nameof(props.Name));
        v.Require(props.Name is not ("default" or "kube-system" or "kube-public" or "kube-node-lease") && !props.Name.StartsWith("kube-", StringComparison.Ordinal),
            nameof(props.Name), props.Name, "must not be default or a kube- system namespace: ML workloads get their own labelled, quota-bound namespace");
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
        v.ThrowIfInvalid();
    }
}
