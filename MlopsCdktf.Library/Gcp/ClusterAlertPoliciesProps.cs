namespace MlopsCdktf.Gcp;

/// <summary>Input of <see cref="ClusterAlertPolicies"/>. Every optional member documents its default and why.</summary>
public sealed record ClusterAlertPoliciesProps
{
    /// <summary>The cluster and its pools (GPU pools get the "stuck at maximum" alert).</summary>
    public required ObservedCluster Cluster { get; init; }

    /// <summary>Notification channels every policy notifies (<c>projects/P/notificationChannels/ID</c>, e.g.
    /// <see cref="EmailNotificationChannels.ChannelIds"/>). At least one: an alert policy nobody receives is noise.</summary>
    public required IReadOnlyList<string> NotificationChannels { get; init; }

    /// <summary>The model server's scraped series (error rate and latency alerts).</summary>
    /// <value>The default value is null: no serving alerts.</value>
    public ObservedServing? Serving { get; init; }

    /// <summary>The retrain CronJob (an alert when one of its Jobs fails).</summary>
    /// <value>The default value is null: no job alert.</value>
    public ObservedCronJob? Retrain { get; init; }

    /// <summary>The Filestore instance name of the training workspace (a near-capacity alert).</summary>
    /// <value>The default value is null: no Filestore alert.</value>
    public string? FilestoreInstanceName { get; init; }

    /// <summary>When the alerts fire.</summary>
    /// <value>The default value is <see cref="AlertThresholds"/>'s defaults.</value>
    public AlertThresholds Thresholds { get; init; } = new();
}

/// <summary>The thresholds of <see cref="ClusterAlertPolicies"/>.</summary>
public sealed record AlertThresholds
{
    /// <summary>The share of serving requests answered 5xx (0–1) above which, for <see cref="ServingForMinutes"/>, the error alert fires.</summary>
    /// <value>The default value is 0.05 (5%): well above the noise of single failed requests.</value>
    public double ServingErrorRatio { get; init; } = 0.05;

    /// <summary>The serving p99 latency in seconds above which, for <see cref="ServingForMinutes"/>, the latency alert fires.</summary>
    /// <value>The default value is 1 second.</value>
    public double ServingLatencyP99Seconds { get; init; } = 1.0;

    /// <summary>Minutes a serving condition must hold before the alert fires (1–60).</summary>
    /// <value>The default value is 5: one rate window, so a single slow scrape does not page.</value>
    public int ServingForMinutes { get; init; } = 5;

    /// <summary>Minutes a GPU pool must stay at its maximum node count before the alert fires (5–1440).</summary>
    /// <value>The default value is 30: scale-ups settle in minutes; half an hour at the ceiling means pending GPU work.</value>
    public int PoolAtMaxMinutes { get; init; } = 30;

    /// <summary>The Filestore used capacity in percent (1–99) above which the near-capacity alert fires.</summary>
    /// <value>The default value is 85: room to grow the share (Filestore grows online) before writes fail.</value>
    public double FilestoreUsedPercent { get; init; } = 85;
}
