namespace MlopsCdktf.Policy.Model;

/// <summary>Whether a Terraform block is a managed resource or a data source.</summary>
public enum ElementKind
{
    /// <summary>A <c>resource</c> block.</summary>
    Resource,

    /// <summary>A <c>data</c> block.</summary>
    DataSource,
}
