using System.Text.Json.Nodes;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GKE-3: nodes are shielded VMs with secure boot and integrity monitoring.</summary>
public sealed class GkeShieldedNodesRule : GkeNodeConfigRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GKE-3";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "GKE nodes do not have both secure boot and integrity monitoring enabled.";

    /// <inheritdoc />
    public override string Explanation =>
        "Secure boot refuses unsigned boot components and integrity monitoring reports a changed boot sequence, "
        + "guarding nodes against rootkits and bootkits. Secure boot is off unless enabled; integrity monitoring is on unless disabled.";

    /// <inheritdoc />
    protected override string? Problem(JsonObject? nodeConfig)
    {
        var shielded = JsonValues.At(nodeConfig, "shielded_instance_config");
        var secureBoot = JsonValues.IsTrue(JsonValues.At(shielded, "enable_secure_boot"));
        var integrity = JsonValues.At(shielded, "enable_integrity_monitoring") is not { } monitoring || JsonValues.IsTrue(monitoring);
        return (secureBoot, integrity) switch
        {
            (true, true) => null,
            (false, true) => "enable_secure_boot is not true.",
            (true, false) => "enable_integrity_monitoring is false.",
            _ => "enable_secure_boot is not true and enable_integrity_monitoring is false.",
        };
    }
}
