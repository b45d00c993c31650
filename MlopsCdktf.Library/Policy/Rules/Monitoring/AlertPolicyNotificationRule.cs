using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Monitoring;

/// <summary>MLOPS-MON-1: a Cloud Monitoring alert policy notifies at least one channel.</summary>
public sealed class AlertPolicyNotificationRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-MON-1";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The alert policy lists no notification_channels.";

    /// <inheritdoc />
    public override string Explanation =>
        "An alert policy without a notification channel opens incidents nobody is told about: noise in the console and false "
        + "confidence that someone is watching. Give it a channel, or do not declare it.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_monitoring_alert_policy"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(JsonValues.Strings(resource.Attributes["notification_channels"]).Count > 0
            || JsonValues.Text(resource.Attributes["notification_channels"]) is { Length: > 0 }, resource);
}
