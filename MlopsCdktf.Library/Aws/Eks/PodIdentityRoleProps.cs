using MlopsCdktf.Aws.Iam;

namespace MlopsCdktf.Aws.Eks;

/// <summary>Input of <see cref="PodIdentityRole"/>.</summary>
public sealed record PodIdentityRoleProps
{
    /// <summary>The cluster whose pods assume the role.</summary>
    public required EksCluster Cluster { get; init; }

    /// <summary>The Kubernetes namespace of the service account (a DNS-1123 label).</summary>
    public required string Namespace { get; init; }

    /// <summary>The Kubernetes service account whose pods get the role's credentials (a DNS-1123 label).</summary>
    public required string ServiceAccount { get; init; }

    /// <summary>What the role may do: least-privilege statements naming real ARNs (<c>*</c> only for actions without
    /// resource-level permissions), e.g. <c>Actions.S3.ReadObjects</c> on the model bucket's prefix. At least one.</summary>
    public required IReadOnlyList<PolicyStatement> Statements { get; init; }

    /// <summary>The IAM role name (1 to 64 letters, digits and <c>+=,.@_-</c>).</summary>
    /// <value>The default value is null: <c>&lt;cluster&gt;-&lt;namespace&gt;-&lt;service account&gt;</c>, cut to 64 characters.</value>
    public string? RoleName { get; init; }

    /// <summary>Tags of the role and the association, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is the cluster's tags.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
