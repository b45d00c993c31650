using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GKE-5: nodes do not run as the Compute Engine default service account.</summary>
public sealed class GkeNodeServiceAccountRule : GkeNodeConfigRule
{
    private const string DefaultAccountSuffix = "-compute@developer.gserviceaccount.com";

    /// <inheritdoc />
    public override string Id => "MLOPS-GKE-5";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "GKE nodes run as the Compute Engine default service account.";

    /// <inheritdoc />
    public override string Explanation =>
        "node_config.service_account unset (or \"default\", or <number>-compute@developer.gserviceaccount.com) means the "
        + "default account, which often holds the project-wide Editor role; use a dedicated least-privilege node account.";

    /// <inheritdoc />
    protected override string? Problem(JsonObject? nodeConfig)
    {
        var account = JsonValues.Text(JsonValues.At(nodeConfig, "service_account"));
        return string.IsNullOrWhiteSpace(account) || account == "default" || account.EndsWith(DefaultAccountSuffix, StringComparison.Ordinal)
            ? (account is null ? "service_account is not set." : $"service_account is {account}.")
            : null;
    }
}
