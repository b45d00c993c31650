using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>
/// Kubernetes name and label formats, the one home of their checks (Kubernetes constructs and GKE node pools):
/// DNS-1123 labels for object names, DNS-1035 labels for Service names, label keys (optional DNS prefix) and label values,
/// the namespaces workloads must not use, and taint effects.
/// </summary>
internal static partial class KubernetesNames
{
    /// <summary>What a DNS-1123 label is, for messages.</summary>
    public const string Dns1123LabelAllowed = "must be a DNS-1123 label: 1 to 63 lowercase letters, digits and '-', alphanumeric at both ends";

    /// <summary>What a label key is, for messages.</summary>
    public const string LabelKeyAllowed =
        "must be a Kubernetes label key: an optional DNS prefix and '/', then 1 to 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends";

    /// <summary>What a label value is, for messages.</summary>
    public const string LabelValueAllowed =
        "must be a Kubernetes label value: at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric";

    /// <summary>What an environment variable name is, for messages.</summary>
    public const string EnvVarNameAllowed =
        "must be an environment variable name: a letter or '_', then letters, digits or '_' (e.g. MODEL_VERSION), so every shell and runtime can read it";

    /// <summary>What a DNS-1035 label is, for messages.</summary>
    public const string Dns1035LabelAllowed = "must be a DNS-1035 label: 1 to 63 lowercase letters, digits and '-', starting with a letter and ending alphanumeric";

    /// <summary>What a workload namespace may not be, for messages.</summary>
    public const string SystemNamespaceAllowed =
        "must not be default, a kube- namespace (kube-system, kube-public, kube-node-lease: Kubernetes reserves the prefix) or a GKE-managed one (gke-, gmp-): "
        + "ML workloads get their own labelled, quota-bound namespace (an MlNamespace)";

    /// <summary>The taint effects in Kubernetes' spelling (a toleration's <c>effect</c>).</summary>
    public static readonly IReadOnlyList<string> TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label (namespace, most object names).</summary>
    public static bool IsDns1123Label(string name) => Dns1123Label().IsMatch(name);

    /// <summary>Whether <paramref name="name"/> is a DNS-1035 label (a Service name: it becomes a DNS name and must start with a letter).</summary>
    public static bool IsDns1035Label(string name) => Dns1035Label().IsMatch(name);

    /// <summary>
    /// Whether <paramref name="name"/> is a namespace no workload of this library may use: <c>default</c>, any <c>kube-</c>
    /// namespace (reserved by Kubernetes for its own: <c>kube-system</c>, <c>kube-public</c>, <c>kube-node-lease</c>) and the
    /// GKE-managed <c>gke-</c> and <c>gmp-</c> namespaces (<c>gke-managed-system</c>, <c>gmp-system</c>, <c>gmp-public</c>), which
    /// GKE owns and may rewrite or lock down.
    /// </summary>
    public static bool IsSystemNamespace(string name) =>
        name == "default" || name.StartsWith("kube-", StringComparison.Ordinal) || name.StartsWith("gke-", StringComparison.Ordinal)
        || name.StartsWith("gmp-", StringComparison.Ordinal);

    /// <summary>Requires a namespace a workload may run in: a DNS-1123 label, not a system namespace; unresolved tokens are skipped.</summary>
    public static InputValidator ValidateWorkloadNamespace(this InputValidator validator, string? ns, string property)
    {
        validator.ValidateDns1123Label(ns, property);
        if (ns is not null && !InputValidator.IsUnresolved(ns))
        {
            validator.Require(!IsSystemNamespace(ns), property, ns, SystemNamespaceAllowed);
        }

        return validator;
    }

    /// <summary>Requires a DNS-1035 label (a Service name); unresolved tokens are skipped.</summary>
    public static InputValidator ValidateDns1035Label(this InputValidator validator, string? name, string property, string? why = null) =>
        validator.NotBlank(name, property).Matches(name, property, Dns1035Label(), why is null ? Dns1035LabelAllowed : $"{Dns1035LabelAllowed} ({why})");

    /// <summary>Requires a taint effect in Kubernetes' spelling (<c>NoSchedule</c>, not the GKE API's <c>NO_SCHEDULE</c>).</summary>
    public static InputValidator ValidateTaintEffect(this InputValidator validator, string? effect, string property)
    {
        if (effect is null || !TaintEffects.Contains(effect))
        {
            var gke = effect?.Replace("_", string.Empty, StringComparison.Ordinal);
            var spelled = TaintEffects.FirstOrDefault(e => string.Equals(e, gke, StringComparison.OrdinalIgnoreCase));
            var hint = spelled is null ? string.Empty
                : effect!.Contains('_', StringComparison.Ordinal) ? $"; {effect} is the GKE API's spelling of {spelled}"
                : $"; did you mean {spelled}?";
            validator.Add(property, effect, $"must be one of {string.Join(", ", TaintEffects)} (Kubernetes' spelling){hint}");
        }

        return validator;
    }

    /// <summary>Whether <paramref name="key"/> is a valid label key.</summary>
    public static bool IsLabelKey(string key)
    {
        var slash = key.LastIndexOf('/');
        return LabelKey().IsMatch(key) && key.Length - slash - 1 <= 63 && slash <= 253;
    }

    /// <summary>Whether <paramref name="name"/> is a portable environment variable name (a C identifier: Kubernetes accepts
    /// more, but a name with '-' or '.' cannot be read from a shell).</summary>
    public static bool IsEnvVarName(string name) => EnvVarName().IsMatch(name);

    /// <summary>Whether <paramref name="value"/> is a valid label value (empty is valid).</summary>
    public static bool IsLabelValue(string value) => LabelValue().IsMatch(value);

    /// <summary>Requires a DNS-1123 label; unresolved tokens are skipped.</summary>
    public static InputValidator ValidateDns1123Label(this InputValidator validator, string? name, string property) =>
        validator.NotBlank(name, property).Matches(name, property, Dns1123Label(), Dns1123LabelAllowed);

    /// <summary>Requires every key and value of <paramref name="labels"/> to follow Kubernetes' label rules.</summary>
    public static InputValidator ValidateKubernetesLabels(this InputValidator validator, IReadOnlyDictionary<string, string>? labels, string property)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            validator.Require(IsLabelKey(key), $"{property} key", key, LabelKeyAllowed);
            validator.Require(value is not null && IsLabelValue(value), $"{property}[\"{key}\"]", value, LabelValueAllowed);
        }

        return validator;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex EnvVarName();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?\z")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z")]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?\z")]
    private static partial Regex LabelValue();
}
