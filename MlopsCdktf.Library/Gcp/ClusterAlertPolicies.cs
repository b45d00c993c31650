using System.Globalization;
using Constructs;
using HashiCorp.Cdktf.Providers.Google.MonitoringAlertPolicy;
using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>
/// Cloud Monitoring alert policies (<c>google_monitoring_alert_policy</c>) for one GKE cluster, each notifying the given
/// channels (at least one: a policy nobody receives is noise): the serving error ratio and p99 latency (the model server's
/// <see cref="Kubernetes.ServingPodMonitoring"/> series, the same queries as the <see cref="ClusterDashboard"/> panels), a GPU
/// pool held at its maximum node count, a failed Job of the retrain CronJob, and the Filestore workspace near capacity. Each
/// policy's documentation says what it means and what to do; the table is in <c>docs/constructs/observability-gcp.md</c>.
/// </summary>
public sealed class ClusterAlertPolicies : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the policies.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ClusterAlertPolicies(Construct scope, string id, ClusterAlertPoliciesProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ClusterAlertPolicies)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        var cluster = props.Cluster;
        var t = props.Thresholds;
        var policies = new Dictionary<string, MonitoringAlertPolicy>(StringComparer.Ordinal);
        MonitoringAlertPolicy Add(string key, string title, string severity, string documentation, MonitoringAlertPolicyConditions[] conditions, MonitoringAlertPolicyAlertStrategy? strategy = null)
        {
            var policy = new MonitoringAlertPolicy(this, key, new MonitoringAlertPolicyConfig
            {
                Project = cluster.ProjectId,
                DisplayName = $"{cluster.ClusterName}: {title}",
                Combiner = "OR",
                Conditions = conditions,
                NotificationChannels = props.NotificationChannels.ToArray(),
                Severity = severity,
                Documentation = new MonitoringAlertPolicyDocumentation { Content = documentation, MimeType = "text/markdown" },
                AlertStrategy = strategy ?? new MonitoringAlertPolicyAlertStrategy { AutoClose = AlertDefaults.AutoClose },
            });
            policies[key] = policy;
            return policy;
        }

        if (props.Serving is { } serving)
        {
            var forSeconds = Seconds(t.ServingForMinutes);
            Add("ServingErrorRate", $"serving 5xx ratio above {Format(t.ServingErrorRatio * 100)}%", "ERROR",
                $"More than {Format(t.ServingErrorRatio * 100)}% of the requests to `{serving.Namespace}/{serving.Job}` answered 5xx for {t.ServingForMinutes} minutes. "
                + "Check the model server's logs and the last rollout (`kubectl rollout history`); roll back if it started with a new release.",
                [PromQl($"5xx ratio of {serving.Job}", $"{ClusterQueries.ErrorRatio(cluster, serving)} > {Format(t.ServingErrorRatio)}", forSeconds)]);
            Add("ServingLatency", $"serving p99 latency above {Format(t.ServingLatencyP99Seconds)}s", "WARNING",
                $"The p99 latency of `{serving.Namespace}/{serving.Job}` stayed above {Format(t.ServingLatencyP99Seconds)} s for {t.ServingForMinutes} minutes. "
                + "Check whether the autoscaler is at its maximum replicas and the pods' CPU throttling.",
                [PromQl($"p99 latency of {serving.Job}", $"{ClusterQueries.LatencyQuantile(cluster, serving, 0.99)} > {Format(t.ServingLatencyP99Seconds)}", forSeconds)]);
        }

        var gpuPools = cluster.Pools.Where(p => p.HasGpus).ToList();
        if (gpuPools.Count > 0)
        {
            Add("GpuPoolAtMax", "GPU pool at its maximum node count", "WARNING",
                $"A GPU pool has run at its autoscaling maximum for {t.PoolAtMaxMinutes} minutes: GPU work is probably pending. "
                + "Check pending pods (`kubectl get pods -A --field-selector=status.phase=Pending`), then raise the pool's maximum or the GPU quota.",
                gpuPools.Select(pool => new MonitoringAlertPolicyConditions
                {
                    DisplayName = $"pool {pool.Name} at {pool.MaxNodes} nodes",
                    ConditionThreshold = new MonitoringAlertPolicyConditionsConditionThreshold
                    {
                        Filter = ClusterQueries.PoolNodes(cluster, pool),
                        Comparison = "COMPARISON_GT",
                        ThresholdValue = pool.MaxNodes - 0.5,
                        Duration = Seconds(t.PoolAtMaxMinutes),
                        Aggregations = new[]
                        {
                            new MonitoringAlertPolicyConditionsConditionThresholdAggregations
                            {
                                AlignmentPeriod = "300s", PerSeriesAligner = "ALIGN_MEAN", CrossSeriesReducer = "REDUCE_COUNT",
                            },
                        },
                        Trigger = new MonitoringAlertPolicyConditionsConditionThresholdTrigger { Count = 1 },
                    },
                }).ToArray());
        }

        if (props.Retrain is { } retrain)
        {
            Add("RetrainFailed", "retrain job failed", "ERROR",
                $"A Job of the CronJob `{retrain.Namespace}/{retrain.CronJobName}` failed (retry limit or deadline reached): the model was not retrained. "
                + $"Read the Job's pod logs (`kubectl -n {retrain.Namespace} logs job/<job>`), fix, and rerun with `kubectl -n {retrain.Namespace} create job --from=cronjob/{retrain.CronJobName} <name>`.",
                [new MonitoringAlertPolicyConditions
                {
                    DisplayName = $"{retrain.CronJobName} Job failed",
                    ConditionMatchedLog = new MonitoringAlertPolicyConditionsConditionMatchedLog { Filter = ClusterQueries.JobFailures(cluster, retrain) },
                }],
                new MonitoringAlertPolicyAlertStrategy
                {
                    AutoClose = AlertDefaults.AutoClose,
                    NotificationRateLimit = new MonitoringAlertPolicyAlertStrategyNotificationRateLimit { Period = AlertDefaults.LogNotificationPeriod },
                });
        }

        if (props.FilestoreInstanceName is { } share)
        {
            Add("FilestoreNearCapacity", $"Filestore {share} above {Format(t.FilestoreUsedPercent)}% used", "WARNING",
                $"The training workspace `{share}` is more than {Format(t.FilestoreUsedPercent)}% full: checkpoints and datasets will soon fail to write. "
                + "Delete old checkpoints or grow the share's capacity (Filestore grows online).",
                [new MonitoringAlertPolicyConditions
                {
                    DisplayName = $"{share} used capacity",
                    ConditionThreshold = new MonitoringAlertPolicyConditionsConditionThreshold
                    {
                        Filter = ClusterQueries.FilestoreUsedPercent(share),
                        Comparison = "COMPARISON_GT",
                        ThresholdValue = t.FilestoreUsedPercent,
                        Duration = "900s",
                        Aggregations = new[]
                        {
                            new MonitoringAlertPolicyConditionsConditionThresholdAggregations { AlignmentPeriod = "300s", PerSeriesAligner = "ALIGN_MAX" },
                        },
                        Trigger = new MonitoringAlertPolicyConditionsConditionThresholdTrigger { Count = 1 },
                    },
                }]);
        }

        Policies = policies;
    }

    /// <summary>The declared policies by key: <c>ServingErrorRate</c>, <c>ServingLatency</c>, <c>GpuPoolAtMax</c>,
    /// <c>RetrainFailed</c>, <c>FilestoreNearCapacity</c> (each only when its target is given).</summary>
    public IReadOnlyDictionary<string, MonitoringAlertPolicy> Policies { get; }

    private static MonitoringAlertPolicyConditions PromQl(string name, string query, string duration) => new()
    {
        DisplayName = name,
        ConditionPrometheusQueryLanguage = new MonitoringAlertPolicyConditionsConditionPrometheusQueryLanguage
        {
            Query = query,
            Duration = duration,
            EvaluationInterval = "60s",
        },
    };

    private static string Seconds(int minutes) => (minutes * 60).ToString(CultureInfo.InvariantCulture) + "s";

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private void Validate(ClusterAlertPoliciesProps props)
    {
        var v = new InputValidator(this);
        ObservedTargetRules.Validate(v, props.Cluster, props.Serving, props.Retrain);
        v.Require(props.NotificationChannels is { Count: > 0 }, nameof(props.NotificationChannels), "[]",
            "must name at least one notification channel: an alert policy nobody receives is noise (declare no policies instead)");
        foreach (var channel in props.NotificationChannels ?? [])
        {
            v.Require(InputValidator.IsUnresolved(channel) || channel.StartsWith("projects/", StringComparison.Ordinal) && channel.Contains("/notificationChannels/", StringComparison.Ordinal),
                nameof(props.NotificationChannels), channel, "must be a channel name, projects/<project>/notificationChannels/<id>");
        }

        if (props.FilestoreInstanceName is { } share)
        {
            v.ValidateResourceName(share, nameof(props.FilestoreInstanceName), 63);
        }

        var t = props.Thresholds;
        v.Require(t.ServingErrorRatio is > 0 and < 1, "Thresholds.ServingErrorRatio", t.ServingErrorRatio, "must be a ratio between 0 and 1 (0.05 = 5%)");
        v.Require(t.ServingLatencyP99Seconds is > 0 and <= 600, "Thresholds.ServingLatencyP99Seconds", t.ServingLatencyP99Seconds, "must be more than 0 and at most 600 seconds");
        v.InRange(t.ServingForMinutes, "Thresholds.ServingForMinutes", 1, 60, "minutes");
        v.InRange(t.PoolAtMaxMinutes, "Thresholds.PoolAtMaxMinutes", 5, 1440, "minutes");
        v.Require(t.FilestoreUsedPercent is >= 1 and <= 99, "Thresholds.FilestoreUsedPercent", t.FilestoreUsedPercent, "must be a percentage from 1 to 99");
        v.ThrowIfInvalid();
    }
}

/// <summary>The one home of <see cref="ClusterAlertPolicies"/>'s fixed values.</summary>
internal static class AlertDefaults
{
    /// <summary>Incidents whose condition stopped holding close after this long.</summary>
    public const string AutoClose = "1800s";

    /// <summary>At most one notification per this period for a log-match condition (required by Cloud Monitoring).</summary>
    public const string LogNotificationPeriod = "3600s";
}
