using System.Text.RegularExpressions;

namespace MlopsCdktf.Core;

/// <summary>Literal text inside Terraform strings.</summary>
internal static partial class TerraformStrings
{
    /// <summary>Escapes Terraform's template sequences (<c>${</c> → <c>$${</c>, <c>%{</c> → <c>%%{</c>) so text such as a
    /// dashboard legend <c>${metric.label.node}</c> reaches the API literally; CDKTF tokens (<c>${TfToken[…]}</c>) stay references.</summary>
    public static string EscapeTemplates(string text) => Template().Replace(text, m => m.Value[0] + m.Value);

    [GeneratedRegex(@"[$%]\{(?!TfToken\[)")]
    private static partial Regex Template();
}
