namespace MlopsCdktf.Aws;

/// <summary>Which connections a VPC flow log records (the provider's <c>traffic_type</c>).</summary>
public enum FlowLogTraffic
{
    /// <summary>Accepted and rejected connections (<c>ALL</c>).</summary>
    All,

    /// <summary>Accepted connections only (<c>ACCEPT</c>).</summary>
    Accepted,

    /// <summary>Rejected connections only (<c>REJECT</c>).</summary>
    Rejected,
}

/// <summary>
/// The VPC flow logs of a <see cref="PrivateNetwork"/>: every connection of the VPC to a CloudWatch Logs group
/// (<c>/aws/vpc/flow-logs/&lt;name&gt;</c>) encrypted with a customer managed key and kept <see cref="RetentionDays"/>,
/// delivered by a role that may write to that group only.
/// </summary>
public sealed record VpcFlowLogs
{
    /// <summary>Days CloudWatch Logs keeps the flow logs: one of its retention values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150,
    /// 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).</summary>
    /// <value>The default value is 365: a year of connection history for investigating an incident after the fact.</value>
    public int RetentionDays { get; init; } = VpcFlowLogsDefaults.RetentionDays;

    /// <summary>Which connections are recorded.</summary>
    /// <value>The default value is <see cref="FlowLogTraffic.All"/>: rejected connections show probing, accepted ones
    /// show where data went.</value>
    public FlowLogTraffic Traffic { get; init; } = FlowLogTraffic.All;

    /// <summary>ARN of an existing KMS key for the log group; its key policy must let <c>logs.&lt;region&gt;.amazonaws.com</c>
    /// use it for this log group.</summary>
    /// <value>The default value is null: a key is created for the log group (rotation on, the network's
    /// <see cref="PrivateNetworkProps.DeletionPolicy"/>), whose key policy lets CloudWatch Logs use it for this group only.</value>
    public string? KmsKeyArn { get; init; }

    /// <summary>The provider's word for <paramref name="traffic"/>.</summary>
    internal static string TrafficType(FlowLogTraffic traffic) => traffic switch
    {
        FlowLogTraffic.Accepted => "ACCEPT",
        FlowLogTraffic.Rejected => "REJECT",
        _ => "ALL",
    };
}

/// <summary>The one home of <see cref="VpcFlowLogs"/>' default values.</summary>
internal static class VpcFlowLogsDefaults
{
    public const int RetentionDays = 365;
    public const string LogGroupPrefix = "/aws/vpc/flow-logs/";
}
