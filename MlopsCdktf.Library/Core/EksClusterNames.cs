using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>The EKS cluster name format: one home for the cluster itself and every construct that names one (add-ons, Pod Identity).</summary>
internal static partial class EksClusterNames
{
    public const string Allowed = "must be an EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit";

    /// <summary>Requires an EKS cluster name; unresolved tokens are skipped.</summary>
    public static InputValidator ValidateEksClusterName(this InputValidator validator, string? name, string property) =>
        validator.NotBlank(name, property).Matches(name, property, ClusterName(), Allowed);

    [GeneratedRegex(@"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}\z")]
    private static partial Regex ClusterName();
}
