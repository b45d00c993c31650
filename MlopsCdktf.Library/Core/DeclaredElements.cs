using Constructs;
using HashiCorp.Cdktf;

namespace MlopsCdktf.Core;

/// <summary>A resource or data source declared in the construct tree, with the address Terraform knows it by.</summary>
/// <param name="Element">The CDKTF element.</param>
/// <param name="Type">The Terraform type, e.g. <c>google_container_cluster</c>.</param>
/// <param name="IsDataSource">Whether it is a data source (addressed <c>data.&lt;type&gt;.&lt;name&gt;</c>).</param>
internal sealed record DeclaredElement(TerraformElement Element, string Type, bool IsDataSource)
{
    /// <summary>The construct path.</summary>
    public string Path => Element.Node.Path;

    /// <summary>The Terraform address, as <c>depends_on</c> names it.</summary>
    public string Address => $"{(IsDataSource ? "data." : string.Empty)}{Type}.{Element.FriendlyUniqueId}";

    /// <summary>Adds <paramref name="others"/> to this element's <c>depends_on</c>, after the dependencies it already has, once each.</summary>
    public void DependOn(IEnumerable<DeclaredElement> others)
    {
        var added = others.Select(o => o.Address).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var existing = (Element as TerraformResource)?.DependsOn ?? (Element as TerraformDataSource)?.DependsOn ?? [];
        var merged = existing.Concat(added.Where(a => !existing.Contains(a, StringComparer.Ordinal))).Distinct(StringComparer.Ordinal).ToArray();
        switch (Element)
        {
            case TerraformResource resource:
                resource.DependsOn = merged;
                break;
            case TerraformDataSource dataSource:
                dataSource.DependsOn = merged;
                break;
        }
    }

    /// <summary>The resources and data sources under <paramref name="scope"/> (itself included), in construct order.</summary>
    public static IEnumerable<DeclaredElement> Under(IConstruct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        foreach (var construct in scope.Node.FindAll())
        {
            switch (construct)
            {
                case TerraformResource resource:
                    yield return new DeclaredElement(resource, resource.TerraformResourceType, false);
                    break;
                case TerraformDataSource dataSource:
                    yield return new DeclaredElement(dataSource, dataSource.TerraformResourceType, true);
                    break;
            }
        }
    }

    /// <summary>The element of <paramref name="resource"/>.</summary>
    public static DeclaredElement Of(TerraformResource resource) => new(resource, resource.TerraformResourceType, false);

    /// <summary>The element of <paramref name="dataSource"/>.</summary>
    public static DeclaredElement Of(TerraformDataSource dataSource) => new(dataSource, dataSource.TerraformResourceType, true);
}
