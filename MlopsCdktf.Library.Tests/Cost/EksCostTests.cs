using MlopsCdktf.Cost;
using MlopsCdktf.Tests.Aws.Eks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Cost;

/// <summary>EKS node groups in the forecast: a GPU group scaling from zero costs nothing at rest and its maximum at peak.</summary>
public sealed class EksCostTests
{
    [Test]
    public void Node_groups_are_priced_at_min_size_at_rest_and_max_size_at_peak_with_their_root_volumes()
    {
        var json = SynthHarness.Aws(stack => EksTestData.Declare(stack));
        var cost = new CostEstimator().Estimate("eks", json.Root);
        var lines = cost.Lines.Where(l => l.ResourceType == "aws_eks_node_group").ToDictionary(l => l.Item);

        Assert.Multiple(() =>
        {
            var system = lines["2–4 × m6i.large (on-demand)"];
            Assert.That((system.Status, system.AtRest, system.Peak), Is.EqualTo((CostStatus.Priced, (decimal?)Math.Round(2 * 730 * 0.107m, 2), (decimal?)Math.Round(4 * 730 * 0.107m, 2))));
            var gpu = lines["0–3 × g6.12xlarge (on-demand)"];
            Assert.That((gpu.Status, gpu.AtRest, gpu.Peak), Is.EqualTo((CostStatus.Priced, (decimal?)0m, (decimal?)Math.Round(3 * 730 * 5.112m, 2))), "a GPU group at zero costs nothing at rest");
            var disk = lines["0–3 × 200 GB gp3 root volume"];
            Assert.That((disk.AtRest, disk.Peak), Is.EqualTo(((decimal?)0m, (decimal?)Math.Round(600 * 0.088m, 2))), "the size comes from the launch template");
            Assert.That(cost.Lines.Where(l => l.ResourceType.StartsWith("aws_eks_", StringComparison.Ordinal)).Select(l => l.Status), Has.None.EqualTo(CostStatus.Unpriced));
        });
    }
}
