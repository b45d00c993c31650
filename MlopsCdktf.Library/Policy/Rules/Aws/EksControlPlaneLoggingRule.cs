using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-EKS-3: an EKS cluster sends every control-plane log type to CloudWatch Logs.</summary>
public sealed class EksControlPlaneLoggingRule : ResourceRule
{
    private static readonly string[] LogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    /// <inheritdoc />
    public override string Id => "MLOPS-EKS-3";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The EKS cluster does not enable every control-plane log type.";

    /// <inheritdoc />
    public override string Explanation =>
        "The audit and authenticator logs are the only record of who did what to the cluster, the API, controller-manager and "
        + "scheduler logs explain failed deployments and scaling; EKS keeps none of them unless enabled_cluster_log_types "
        + "lists them (api, audit, authenticator, controllerManager, scheduler). Matches checkov CKV_AWS_37.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_eks_cluster"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var missing = LogTypes.Except(JsonValues.Strings(resource["enabled_cluster_log_types"])).ToList();
        return CompliantIf(missing.Count == 0, resource, $"Missing: {string.Join(", ", missing)}.");
    }
}
