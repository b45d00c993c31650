namespace MlopsCdktf.Aws;

/// <summary>
/// Input of <see cref="ImportedModelImageRepository"/>: a repository created elsewhere, named by exactly one of
/// <see cref="RepositoryName"/> and <see cref="RepositoryUrl"/> (see <see cref="ModelImageRepository.FromRepositoryName"/>
/// and <see cref="ModelImageRepository.FromRepositoryUrl"/>).
/// </summary>
public sealed record ImportedModelImageRepositoryProps
{
    /// <summary>The name of a repository in the deploying account and the stack's region (ECR naming rules, or a
    /// Terraform reference). Its ARN and URL come from the provider's <c>aws_caller_identity</c>, <c>aws_region</c> and
    /// <c>aws_partition</c>.</summary>
    /// <value>The default value is null: set this or <see cref="RepositoryUrl"/>.</value>
    public string? RepositoryName { get; init; }

    /// <summary>The repository URL, <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.&lt;dns suffix&gt;/&lt;name&gt;</c> (FIPS
    /// endpoints <c>dkr.ecr-fips</c> too), or a Terraform reference: account, region and name are read from it, so the
    /// repository may be in another account or region.</summary>
    /// <value>The default value is null: set this or <see cref="RepositoryName"/>.</value>
    public string? RepositoryUrl { get; init; }
}
