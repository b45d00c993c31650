using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-EKS-4: an EKS node group of a GPU AMI carries the <c>nvidia.com/gpu</c> NoSchedule taint.</summary>
public sealed class EksGpuNodeGroupTaintRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-EKS-4";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The GPU node group does not carry the taint nvidia.com/gpu with effect NO_SCHEDULE.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without the taint any pod lands on the GPU nodes: a GPU group scaled up for training stays up for CPU pods that "
        + "could run anywhere, and GPU pods find their nodes full. GPU workloads tolerate the taint (and GKE's GPU pools set "
        + "the same one), so nothing else schedules there.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_eks_node_group"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var ami = JsonValues.Text(resource.Attributes["ami_type"]) ?? string.Empty;
        if (!ami.Contains("NVIDIA", StringComparison.Ordinal) && !ami.Contains("GPU", StringComparison.Ordinal))
        {
            return NotApplicable(resource);
        }

        return CompliantIf(JsonValues.Blocks(resource.Attributes["taint"]).Any(t =>
            JsonValues.Text(t["key"]) == "nvidia.com/gpu" && JsonValues.Text(t["effect"]) == "NO_SCHEDULE"), resource, $"ami_type is {ami}.");
    }
}
