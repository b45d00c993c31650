using HashiCorp.Cdktf;

namespace MlopsCdktf.Core;

/// <summary>
/// CDKTF writes bare provider sources (<c>"source": "aws"</c>) into <c>required_providers</c>; Terraform expands
/// them to <c>hashicorp/aws</c> but OpenTofu resolves bare names against its own registry namespace. Qualifying
/// them makes both tools install the same provider.
/// </summary>
public static class ProviderSources
{
    /// <summary>The fully qualified sources of the providers this library builds on.</summary>
    public static IReadOnlyDictionary<string, string> Qualified { get; } = new Dictionary<string, string>
    {
        ["aws"] = "hashicorp/aws",
        ["google"] = "hashicorp/google",
        ["kubernetes"] = "hashicorp/kubernetes",
        ["helm"] = "hashicorp/helm",
    };

    /// <summary>Overrides the source of <paramref name="providerName"/> in <paramref name="stack"/>'s <c>required_providers</c>.</summary>
    /// <exception cref="ArgumentException">When the provider is not one this library knows.</exception>
    public static void Qualify(TerraformStack stack, string providerName)
    {
        if (!Qualified.TryGetValue(providerName, out var source))
        {
            throw new ArgumentException(
                $"Provider '{providerName}' has no known qualified source; known: {string.Join(", ", Qualified.Keys)}.",
                nameof(providerName));
        }

        stack.AddOverride($"terraform.required_providers.{providerName}.source", source);
    }
}
