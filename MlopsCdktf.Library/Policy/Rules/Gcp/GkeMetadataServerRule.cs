using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GKE-4: nodes run the GKE metadata server (<c>GKE_METADATA</c>).</summary>
public sealed class GkeMetadataServerRule : GkeNodeConfigRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GKE-4";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "GKE nodes do not set workload_metadata_config.mode = \"GKE_METADATA\".";

    /// <inheritdoc />
    public override string Explanation =>
        "Without the GKE metadata server pods read the Compute Engine metadata server directly: the node's credentials "
        + "and the kubelet bootstrap attributes. GKE_METADATA hides them and serves Workload Identity tokens instead.";

    /// <inheritdoc />
    protected override string? Problem(JsonObject? nodeConfig) =>
        JsonValues.Text(JsonValues.At(nodeConfig, "workload_metadata_config.mode")) is var mode && mode == "GKE_METADATA"
            ? null
            : $"The mode is {(mode is null ? "not set" : $"\"{mode}\"")}.";
}
