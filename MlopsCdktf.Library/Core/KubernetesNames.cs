using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>
/// Kubernetes name and label formats, the one home of their checks (Kubernetes constructs and GKE node pools):
/// DNS-1123 labels for object names, label keys (optional DNS prefix) and label values.
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

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label (namespace, service, most object names).</summary>
    public static bool IsDns1123Label(string name) => Dns1123Label().IsMatch(name);

    /// <summary>Whether <paramref name="key"/> is a valid label key.</summary>
    public static bool IsLabelKey(string key) => LabelKey().IsMatch(key) && key.Split('/')[^1].Length <= 63 && key.Length <= 253 + 1 + 63;

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

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$")]
    private static partial Regex LabelValue();
}
