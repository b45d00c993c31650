using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-SM-4 (warning): an endpoint with a blue/green deployment policy rolls back on alarms.</summary>
public sealed class SageMakerDeploymentRollbackRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-SM-4";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Warning;

    /// <inheritdoc />
    public override string Info => "The SageMaker endpoint's blue/green deployment has no auto-rollback alarms.";

    /// <inheritdoc />
    public override string Explanation =>
        "A canary or linear update only limits the damage of a bad model if something stops it: without "
        + "auto_rollback_configuration alarms SageMaker shifts all traffic to the new fleet whatever its errors and latency. "
        + "Wire the endpoint's own 5XX and latency alarms (SageMakerEndpoint does with EndpointDeployment.AutoRollback). "
        + "Endpoints without deployment_config are not checked (the environment layer requires one in production).";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["aws_sagemaker_endpoint"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack)
    {
        var deployment = JsonValues.Blocks(resource.Attributes["deployment_config"]).FirstOrDefault();
        if (deployment?["blue_green_update_policy"] is null)
        {
            return NotApplicable(resource);
        }

        var alarms = JsonValues.Blocks(deployment["auto_rollback_configuration"])
            .SelectMany(c => JsonValues.Blocks(c["alarms"]))
            .Count(a => !string.IsNullOrWhiteSpace(JsonValues.Text(a["alarm_name"])));
        return CompliantIf(alarms > 0, resource);
    }
}
