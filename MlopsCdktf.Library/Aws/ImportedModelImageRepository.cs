using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// A model image repository created elsewhere (see <see cref="ModelImageRepository.FromRepositoryName"/> and
/// <see cref="ModelImageRepository.FromRepositoryUrl"/>): declares nothing for the repository, only the data sources its
/// ARN and URL need. Image URIs, pull statements and grants are those of <see cref="ModelImageRepositoryBase"/>.
/// </summary>
public sealed partial class ImportedModelImageRepository : ModelImageRepositoryBase
{
    /// <summary>An ECR repository URL; also Terraform's <c>regex</c> pattern for a URL given as a reference (RE2 and .NET
    /// read it alike: no backslashes). Groups: account, region, name.</summary>
    private const string UrlPattern =
        "^([0-9]{12})[.]dkr[.]ecr(?:-fips)?[.]([a-z0-9-]+)[.][a-z0-9.-]+/(" + EcrRepositoryNameRules.RepositoryNamePattern + ")$";

    private const string UrlAllowed =
        "must be an ECR repository URL, <12-digit account>.dkr.ecr.<region>.<dns suffix>/<repository name> " +
        "(e.g. \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/ml/churn-serving\"), without a tag, or a reference to one";

    private readonly string? _givenName;

    /// <summary>Validates <paramref name="props"/> (prefer <see cref="ModelImageRepository.FromRepositoryName"/> or
    /// <see cref="ModelImageRepository.FromRepositoryUrl"/>, which call this).</summary>
    /// <exception cref="ConstructInputException">When the name or URL is invalid, or not exactly one of them is set.</exception>
    public ImportedModelImageRepository(Construct scope, string id, ImportedModelImageRepositoryProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ImportedModelImageRepository)))
    {
        var v = new InputValidator(this).RequireMembers(props);
        var (name, url) = (props.RepositoryName, props.RepositoryUrl);
        v.Require(name is not null || url is not null, nameof(props.RepositoryName), null,
            "set RepositoryName (a repository of the deploying account and region) or RepositoryUrl (any account or region)");
        v.Require(name is null || url is null, nameof(props.RepositoryUrl), url,
            "must be null when RepositoryName is set: name the repository one way");
        if (name is not null)
        {
            v.ValidateEcrRepositoryName(name);
        }

        v.Matches(url, nameof(props.RepositoryUrl), RepositoryUrlPattern(), UrlAllowed);
        if (url is not null && RepositoryUrlPattern().IsMatch(url))
        {
            // Any region of the stack's partition may be imported (a SageMakerEndpoint then requires its own region).
            v.ValidateEcrRegion(this, url, nameof(props.RepositoryUrl), "this stack", sameRegion: false);
        }

        v.ThrowIfInvalid();

        if (name is not null)
        {
            var account = AccountContext.In(this);
            _givenName = name;
            RepositoryName = name;
            RepositoryArn = account.Arn("ecr", $"repository/{name}");
            RepositoryUrl = $"{account.AccountId}.dkr.ecr.{account.Region}.{AccountContext.DnsSuffixOf(this)}/{name}";
            return;
        }

        var parts = UrlParts(url!);
        _givenName = InputValidator.IsUnresolved(url) ? null : parts.Name;
        RepositoryName = parts.Name;
        RepositoryUrl = url!;
        RegistryId = parts.Account;
        RepositoryArn = $"arn:{AccountContext.PartitionOf(this)}:ecr:{parts.Region}:{parts.Account}:repository/{parts.Name}";
    }

    /// <summary>The repository name: as given, or read from the URL.</summary>
    public override string RepositoryName { get; }

    /// <summary>The repository ARN, <c>arn:&lt;partition&gt;:ecr:&lt;region&gt;:&lt;account&gt;:repository/&lt;name&gt;</c>.</summary>
    public override string RepositoryArn { get; }

    /// <summary>The repository URL: as given, or built from the deploying account, region and DNS suffix.</summary>
    public override string RepositoryUrl { get; }

    /// <summary>The account read from the URL, or null for a repository imported by name (the deploying account's registry).</summary>
    public override string? RegistryId { get; }

    /// <summary>Always null: pulling needs no permission on the repository's key.</summary>
    public override string? KeyArn => null;

    private protected override string? GivenRepositoryName => _givenName;

    /// <summary>Account, region and name of a URL: parsed when literal, Terraform <c>regex</c> captures when a reference.</summary>
    private static (string Account, string Region, string Name) UrlParts(string url)
    {
        if (!InputValidator.IsUnresolved(url))
        {
            var match = RepositoryUrlPattern().Match(url);
            return (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        }

        string Capture(int index) => Token.AsString(Fn.Element(Fn.Regex(UrlPattern, url), index));
        return (Capture(0), Capture(1), Capture(2));
    }

    [GeneratedRegex(UrlPattern)]
    private static partial Regex RepositoryUrlPattern();
}
