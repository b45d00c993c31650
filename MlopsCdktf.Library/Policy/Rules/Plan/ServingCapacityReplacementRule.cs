using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Plan;

/// <summary>MLOPS-PLAN-2 (plan only): the plan deletes serving or GPU capacity before its replacement exists.</summary>
public sealed class ServingCapacityReplacementRule : PlanChangeRule
{
    /// <summary>Resource types whose deletion takes serving or accelerator capacity away while they are in use.</summary>
    public static IReadOnlyList<string> CapacityTypes { get; } =
    [
        "aws_sagemaker_endpoint",
        "aws_sagemaker_endpoint_configuration",
        "google_container_node_pool",
        "google_container_cluster",
        "kubernetes_deployment_v1",
        "kubernetes_deployment",
    ];

    /// <inheritdoc />
    public override string Id => "MLOPS-PLAN-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The plan replaces a serving endpoint, its configuration or a node pool by deleting it first (plan mode only).";

    /// <inheritdoc />
    public override string Explanation =>
        "Delete-then-create takes the endpoint or the GPU nodes away until the new one is ready (minutes for an endpoint, "
        + "longer when accelerators are scarce), and SageMaker refuses to delete a configuration an endpoint still serves. "
        + "Change what forces the replacement, give the resource a new name per version with create_before_destroy (what "
        + "the library's endpoint configurations do), or schedule the outage and suppress with the reason.";

    /// <inheritdoc />
    protected override RuleResult? Check(PlannedChange change)
    {
        if (!CapacityTypes.Contains(change.Element.Type))
        {
            return null;
        }

        if (change.Element.Type is "google_container_node_pool" or "google_container_cluster"
            && !JsonValues.Blocks(change.Element["node_config.guest_accelerator"]).Any())
        {
            return NotApplicable(change.Element);
        }

        return CompliantIf(!(change.Replaces && change.DeletesFirst), change.Element,
            $"Terraform plans {change.Describe()}: the old one is gone before the new one serves.");
    }
}
