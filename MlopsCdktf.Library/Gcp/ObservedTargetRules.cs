using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>The one home of the checks on what a dashboard or alert policy watches (names end up inside queries).</summary>
internal static class ObservedTargetRules
{
    public static void Validate(InputValidator v, ObservedCluster cluster, ObservedServing? serving, ObservedCronJob? job)
    {
        v.ValidateProjectId(cluster.ProjectId, "Cluster.ProjectId");
        v.ValidateResourceName(cluster.ClusterName, "Cluster.ClusterName", 40);
        v.Require(cluster.Pools is not null, "Cluster.Pools", null, "must list the cluster's pools (it may be empty)");
        foreach (var pool in cluster.Pools ?? [])
        {
            v.ValidateResourceName(pool.Name, "Cluster.Pools.Name", 40);
            v.Require(pool.MinNodes >= 0 && pool.MaxNodes >= 1 && pool.MinNodes <= pool.MaxNodes, $"Cluster.Pools[\"{pool.Name}\"]", $"{pool.MinNodes}–{pool.MaxNodes}",
                "needs 0 <= MinNodes <= MaxNodes and MaxNodes >= 1 (the pool's autoscaling bounds)");
        }

        v.Require(cluster.Pools is null || cluster.Pools.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() == cluster.Pools.Count,
            "Cluster.Pools", cluster.Pools is null ? null : string.Join(", ", cluster.Pools.Select(p => p.Name)), "must not list a pool twice");
        if (serving is not null)
        {
            v.ValidateDns1123Label(serving.Namespace, "Serving.Namespace");
            v.ValidateDns1123Label(serving.Job, "Serving.Job");
            foreach (var (metric, name) in new[] { (serving.RequestsMetric, "Serving.RequestsMetric"), (serving.LatencyHistogram, "Serving.LatencyHistogram"), (serving.StatusCodeLabel, "Serving.StatusCodeLabel") })
            {
                v.Require(metric is { Length: > 0 } && (char.IsAsciiLetter(metric[0]) || metric[0] == '_') && metric.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'),
                    name, metric, "must be a Prometheus metric or label name: letters, digits and underscores, not starting with a digit");
            }
        }

        if (job is not null)
        {
            v.ValidateDns1123Label(job.Namespace, "Retrain.Namespace");
            v.Require(KubernetesNames.IsDns1123Label(job.CronJobName) && job.CronJobName.Length <= 52, "Retrain.CronJobName", job.CronJobName,
                "must be a CronJob name: a DNS-1123 label of at most 52 characters");
        }
    }
}
