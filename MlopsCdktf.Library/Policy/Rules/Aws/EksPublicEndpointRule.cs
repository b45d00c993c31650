using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-EKS-1: an EKS cluster's public API endpoint, when on, is reachable only from an allow-list without 0.0.0.0/0.</summary>
public sealed class EksPublicEndpointRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-EKS-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The EKS cluster's API endpoint is open to the internet.";

    /// <inheritdoc />
    public override string Explanation =>
        "The provider turns the public endpoint on and opens it to 0.0.0.0/0 unless told otherwise: anyone can then probe "
        + "the API server and try stolen credentials. Keep the endpoint private (endpoint_public_access = false) or list the "
        + "ranges that need it in public_access_cidrs. Matches checkov CKV_AWS_38 (allow-list) and CKV_AWS_39 (public access).";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_eks_cluster"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        // Unset means public: the provider's default.
        var publicAccess = resource["vpc_config.endpoint_public_access"];
        if (publicAccess is not null && !JsonValues.IsTrue(publicAccess))
        {
            return Compliant(resource);
        }

        var cidrs = JsonValues.Strings(resource["vpc_config.public_access_cidrs"]);
        return cidrs.Count == 0 || cidrs.Contains("0.0.0.0/0")
            ? NonCompliant(resource, cidrs.Count == 0 ? "public_access_cidrs is unset (0.0.0.0/0)." : "public_access_cidrs contains 0.0.0.0/0.")
            : Compliant(resource);
    }
}
