using System.Text.RegularExpressions;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Environments;

/// <summary>
/// Validates the environment definitions before any stack is declared, so a wrong value is reported against the
/// environment field that holds it (<c>Aws.AccountId</c> of 'prod'), not against a construct named after it — and every
/// problem of every environment at once.
/// </summary>
public static partial class EnvironmentRules
{
    /// <summary>Throws one <see cref="ConstructInputException"/> listing every problem of every environment.</summary>
    /// <exception cref="ConstructInputException">When any environment is invalid, or two share a name.</exception>
    public static void Validate(IReadOnlyList<DeploymentEnvironment> environments)
    {
        var v = new InputValidator(nameof(DeploymentEnvironment), "Catalog");
        v.RequireMembers(environments, "environments");
        foreach (var duplicate in environments.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Add("Name", duplicate.Key, $"is used by {duplicate.Count()} environments: stack and resource names would collide; names must be unique");
        }

        foreach (var environment in environments)
        {
            Validate(v, environment);
        }

        v.ThrowIfInvalid();
    }

    private static void Validate(InputValidator v, DeploymentEnvironment e)
    {
        var at = $"[{e.Name}] ";
        var problemsBefore = v.Problems.Count;
        v.Matches(e.Name, at + nameof(e.Name), ShortName(), "must be 1 to 12 lowercase letters and digits, starting with a letter (it is part of every stack and resource name)");
        v.Matches(e.Project, at + nameof(e.Project), ShortName(), "must be 1 to 12 lowercase letters and digits, starting with a letter (it prefixes every stack and resource name)");
        ValidateRelease(v, e, at);
        v.Matches(e.Aws.AccountId, at + "Aws.AccountId", AccountId(), "must be exactly 12 digits");
        v.ValidateAwsRegion(e.Aws.Region, at + "Aws.Region");
        v.Matches(e.Gcp.ProjectId, at + "Gcp.ProjectId", GcpProjectId(), "must be 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen");
        v.Require(!GcpProjectIds.HasRestrictedWord(e.Gcp.ProjectId), at + "Gcp.ProjectId", e.Gcp.ProjectId, GcpProjectIds.RestrictedWordsMessage);
        v.ValidateGcpRegion(e.Gcp.Region, at + "Gcp.Region");
        if (CloudRegions.Gcp.Contains(e.Gcp.Region))
        {
            v.ValidateGcpZoneOf(e.Gcp.Zone, e.Gcp.Region, at + "Gcp.Zone", "Gcp.Region");
        }

        v.Matches(e.Gcp.ImageRepository, at + "Gcp.ImageRepository", ArtifactRepositoryId(),
            "must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (an Artifact Registry repository id)");
        if (CloudRegions.GcpZonesOf(e.Gcp.Region).Contains(e.Gcp.Zone))
        {
            // The GPU pool is pinned to Gcp.Zone: its GPU must be offered there for certain, or every scale-up from zero fails.
            v.ValidateGpuZone(e.Training.Gpu, e.Gcp.Zone, at + "Gcp.Zone", requireListed: true);
        }

        // The cost center is an AWS tag value and, normalised, a GCP label value on every resource.
        v.Matches(e.CostCenter, at + nameof(e.CostCenter), CostCenter(),
            "must be 1 to 63 lowercase letters, digits, hyphens and underscores: it is an AWS tag value and a GCP label value on every resource");
        v.Defined(e.DataDeletionPolicy, at + nameof(e.DataDeletionPolicy));
        // The state buckets are derived from Project, Aws.* and Gcp.ProjectId: a bad input is reported against its own field
        // above, not again against the derived name.
        if (v.Problems.Count == problemsBefore)
        {
            v.ValidateS3BucketName(e.State.AwsBucket, at + "State.AwsBucket (derived from Project, Aws.AccountId and Aws.Region)");
            v.ValidateGcsBucketName(e.State.GcsBucket, at + "State.GcsBucket (derived from Project and Gcp.ProjectId)");
        }
        v.Defined(e.Delivery.State, at + "Delivery.State");
        v.Matches(e.Delivery.InfraVersion, at + "Delivery.InfraVersion", InfraVersion(),
            $"must be a git commit (7 to 64 lowercase hex digits: SHA-1 or SHA-256, full or abbreviated) or \"{DeliveryOptions.Unversioned}\": it is a tag and label value on every resource");
        if (e.Review is { } review)
        {
            v.Require(review.PullRequest > 0, at + "Review.PullRequest", review.PullRequest, "must be a pull request number (positive)");
            v.Require(e.Name == $"pr{review.PullRequest}", at + nameof(e.Name), e.Name, $"must be \"pr{review.PullRequest}\": review environments are named after their pull request");
            v.InRange(review.TimeToLiveHours, at + "Review.TimeToLiveHours", 1, 24 * 30, "hours");
            v.Require(e.DataDeletionPolicy == DeletionPolicy.ForceDestroy, at + nameof(e.DataDeletionPolicy), e.DataDeletionPolicy,
                "must be ForceDestroy in a review environment: closing the pull request destroys everything it created");
        }

        ValidateCrossFields(v, e, at);
        ValidateNamespaceQuota(v, e, at);
        ValidateBudget(v, e.Budget, at);
        ValidatePlacement(v, e, at);
        ValidateEksTraining(v, e, at);
        ValidateTrainingRuns(v, e, at);
    }

    /// <summary>
    /// The workloads' namespace quota (<c>ClusterWorkloads.Quota</c>) against what the workloads in it need at their smallest:
    /// serving's minimum replicas plus the rollout's surge pod, one retrain and one batch-inference pod — requests and limits
    /// of CPU and memory, and pods (GPUs: see <see cref="ValidateCrossFields"/>). The library's <see cref="NamespaceBudget"/>
    /// does the arithmetic; here each overrun is reported against the environment's quota field, naming the fields that use it.
    /// </summary>
    private static void ValidateNamespaceQuota(InputValidator v, DeploymentEnvironment e, string at)
    {
        var w = e.ClusterWorkloads;
        if (w.Quota is null || w.ServingResources is null || w.ServingAutoscaling is null || w.RetrainingResources is null || w.BatchInferenceResources is null)
        {
            return;
        }

        WorkloadDemand[] demands =
        [
            new("serving (ClusterWorkloads.ServingResources)", w.ServingAutoscaling.MinReplicas + 1, w.ServingResources, 0,
                $"ClusterWorkloads.ServingAutoscaling.MinReplicas {w.ServingAutoscaling.MinReplicas} + 1 rollout surge pod"),
            new("weekly retrain (ClusterWorkloads.RetrainingResources)", 1, w.RetrainingResources, e.Training.GpuCount),
            new("batch inference (ClusterWorkloads.BatchInferenceResources)", 1, w.BatchInferenceResources),
        ];
        // GPUs are reported by the cross-field rule, which names Training.GpuCount.
        ReportOverruns(v, w.Quota, demands, at + "ClusterWorkloads.Quota.", "the workloads need",
            "Kubernetes refuses every pod that does not fit (exceeded quota), so a workload never runs or a rollout never finishes", reportGpus: false);
    }

    /// <summary>
    /// Reports, against <paramref name="quotaField"/><c>&lt;member&gt;</c>, each member of <paramref name="quota"/> that
    /// <paramref name="demands"/> need more of (<see cref="NamespaceBudget.Overruns"/>): the one wording of every namespace
    /// quota rule (workloads, EKS retrain, training runs). Without <paramref name="reportGpus"/>, GPUs are left to a rule
    /// that reports them already.
    /// </summary>
    private static void ReportOverruns(InputValidator v, NamespaceQuota quota, IReadOnlyList<WorkloadDemand> demands, string quotaField,
        string need, string consequence, bool reportGpus = true)
    {
        foreach (var overrun in NamespaceBudget.Overruns(quota, demands).Where(o => reportGpus || o.QuotaMember != nameof(NamespaceQuota.Gpus)))
        {
            object value = overrun.QuotaMember switch
            {
                nameof(NamespaceQuota.Pods) => quota.Pods,
                nameof(NamespaceQuota.Gpus) => quota.Gpus,
                _ => overrun.Allowed,
            };
            v.Add(quotaField + overrun.QuotaMember, value, $"is below what {need}: {overrun.QuotaKey} {overrun.Needed} ({overrun.Breakdown}); {consequence}");
        }
    }

    /// <summary>The ceilings and quotas the cost gate (<see cref="Stacks.CostGate"/>) compares the forecast with.</summary>
    private static void ValidateBudget(InputValidator v, CostBudget budget, string at)
    {
        v.Require(budget.AtRestMonthlyUsd > 0, at + "Budget.AtRestMonthlyUsd", budget.AtRestMonthlyUsd, "must be a positive USD amount per month");
        v.Require(budget.PeakMonthlyUsd >= budget.AtRestMonthlyUsd, at + "Budget.PeakMonthlyUsd", budget.PeakMonthlyUsd,
            $"must be at least Budget.AtRestMonthlyUsd ({budget.AtRestMonthlyUsd}): the peak includes everything at rest");
        foreach (var duplicate in budget.GpuQuotas.GroupBy(q => (q.Gpu, q.Spot)).Where(g => g.Count() > 1))
        {
            v.Add(at + "Budget.GpuQuotas", $"{duplicate.Key.Gpu}{(duplicate.Key.Spot ? " (spot)" : "")}",
                "is declared more than once: a project has one quota per GPU type and kind (on-demand, spot)");
        }

        foreach (var quota in budget.GpuQuotas)
        {
            v.Defined(quota.Gpu, at + "Budget.GpuQuotas.Gpu");
            v.Require(quota.Gpus >= 0, at + $"Budget.GpuQuotas[{quota.Gpu}].Gpus", quota.Gpus, "must be 0 or more GPUs");
        }

        foreach (var suppression in budget.Suppressions)
        {
            v.Require(suppression.RuleId is Stacks.CostGate.CostRuleId or Stacks.CostGate.CapacityRuleId, at + "Budget.Suppressions.RuleId", suppression.RuleId,
                $"must be {Stacks.CostGate.CostRuleId} or {Stacks.CostGate.CapacityRuleId}");
            v.Require((suppression.Reason?.Trim().Length ?? 0) >= Policy.PolicySuppressions.MinimumReasonLength, at + $"Budget.Suppressions[{suppression.RuleId}].Reason",
                suppression.Reason, $"must explain in at least {Policy.PolicySuppressions.MinimumReasonLength} characters why the finding is acceptable");
        }
    }

    /// <summary>
    /// Where things run, against the catalogues: AWS zones of <c>Aws.Region</c>, an alarm topic of its region and partition,
    /// machine shapes that exist, CIDRs written as their network address and node and admin ranges that do not overlap.
    /// </summary>
    private static void ValidatePlacement(InputValidator v, DeploymentEnvironment e, string at)
    {
        if (CloudRegions.Aws.Contains(e.Aws.Region))
        {
            foreach (var zone in e.Network.AvailabilityZones)
            {
                v.ValidateAwsZoneOf(zone, e.Aws.Region, at + "Network.AvailabilityZones", "Aws.Region");
            }

            v.ValidateAwsArnRegion(e.Serving.AlarmTopicArn, at + "Serving.AlarmTopicArn", e.Aws.Region, "Aws.Region");
        }

        v.ValidateMachineShape(e.Training.GpuMachineType, at + "Training.GpuMachineType");
        v.ValidateMachineShape(e.Training.PreprocessingMachineType, at + "Training.PreprocessingMachineType");
        if (e.Serving.Variant?.Autoscaling is { } scaling && scaling.MinInstances > scaling.MaxInstances)
        {
            v.Add(at + "Serving.Variant.Autoscaling.MaxInstances", scaling.MaxInstances,
                $"must be at least Serving.Variant.Autoscaling.MinInstances ({scaling.MinInstances}): the minimum is greater than the maximum");
        }

        v.ValidateIpv4Cidr(e.Network.CidrBlock, at + "Network.CidrBlock");
        v.ValidateIpv4Cidr(e.Gcp.NodesCidr, at + "Gcp.NodesCidr");
        v.ValidateIpv4Cidr(e.Gcp.WorkspaceAdminCidr, at + "Gcp.WorkspaceAdminCidr");
        foreach (var cidr in e.Gcp.ControlPlaneAccessCidrs)
        {
            v.ValidateIpv4Cidr(cidr, at + "Gcp.ControlPlaneAccessCidrs");
        }

        // The admin hosts mount the workspace without root squash: inside the node range, every pod would too.
        v.ValidateDisjoint((at + "Gcp.NodesCidr", e.Gcp.NodesCidr), (at + "Gcp.WorkspaceAdminCidr", e.Gcp.WorkspaceAdminCidr));
    }

    /// <summary>The release names every image, archive and workload of the model, and tags every image.</summary>
    private static void ValidateRelease(InputValidator v, DeploymentEnvironment e, string at)
    {
        v.Matches(e.Release.Name, at + "Release.Name", ReleaseName(),
            "must be 3 to 20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen: it names the endpoint, the image repository and images, the secret and the Kubernetes workloads "
            + "(and, with -wi, the serving's Google service account, whose id needs 6 characters)");
        v.Require(ReleaseVersion().IsMatch(e.Release.Version) && !string.Equals(e.Release.Version, "latest", StringComparison.OrdinalIgnoreCase),
            at + "Release.Version", e.Release.Version,
            "must be a pinned image tag, 1 to 63 letters, digits, '_', '.' and '-', not starting with '.' or '-', and never \"latest\": it tags every image of the release and names its archive's folder");
    }

    /// <summary>Rules between the GCP training pool, the Kubernetes workloads that use it, and the alarms of protected data.</summary>
    private static void ValidateCrossFields(InputValidator v, DeploymentEnvironment e, string at)
    {
        var training = e.Training;
        if (Enum.IsDefined(training.Gpu))
        {
            // Reported here, against the environment's fields, before the GPU pool would report it at its construct path.
            v.ValidateGpuMachine(training.Gpu, training.GpuCount, training.GpuMachineType,
                at + "Training.GpuMachineType", at + "Training.GpuCount");
        }
        else
        {
            v.Defined(training.Gpu, at + "Training.Gpu");
        }

        // The weekly retrain requests a whole training node's GPUs in the workloads' namespace: a smaller quota makes
        // Kubernetes refuse every retrain pod (forbidden: exceeded quota), week after week, with nothing failing at deploy.
        var quota = e.ClusterWorkloads.Quota.Gpus;
        v.Require(quota >= training.GpuCount, at + "ClusterWorkloads.Quota.Gpus", quota,
            $"the weekly retrain asks for {training.GpuCount} GPU{(training.GpuCount == 1 ? string.Empty : "s")} (Training.GpuCount): "
            + "the namespace quota must allow at least that many, or Kubernetes refuses every retrain pod");

        // Alarms reach someone or do not exist; protected data must have someone who hears them.
        var serving = e.Serving;
        v.Require(e.DataDeletionPolicy != DeletionPolicy.PreventDestroy || serving.AlarmEmails.Count > 0 || serving.AlarmTopicArn is not null,
            at + "Serving.AlarmEmails", "[]",
            "must name at least one address (or set Serving.AlarmTopicArn): the data deletion policy is PreventDestroy, so the environment's alarms must reach someone");
        // The same on GCP: without a channel the GCP stacks declare no alert policy, and a protected environment must be heard.
        v.Require(e.DataDeletionPolicy != DeletionPolicy.PreventDestroy || e.GcpMonitoring.AlertEmails.Count > 0,
            at + "GcpMonitoring.AlertEmails", "[]",
            "must name at least one address: the data deletion policy is PreventDestroy, so the GCP alert policies (serving errors and latency, "
            + "GPU pool at maximum, failed retrain, Filestore near capacity) need a notification channel that reaches someone");
        if (e.GcpMonitoring.Cluster is { GpuMetrics: true, ManagedPrometheus: false })
        {
            v.Add(at + "GcpMonitoring.Cluster.ManagedPrometheus", "false",
                "DCGM GPU metrics (GpuMetrics) are collected by Managed Service for Prometheus, and the serving PodMonitoring needs its CRD: turn it on");
        }

        // Reported against the environment's field before the endpoint's monitor would report it at its construct path.
        v.Require(serving.DataQualitySchedule?.PeriodHours is not null, at + "Serving.DataQualitySchedule", serving.DataQualitySchedule?.Expression,
            "must be a recurring schedule SageMaker Model Monitor accepts (MonitorSchedule.Hourly, DailyAt(hour) or Every(hours, startHour), UTC)");

        // A bad model in production is rolled back by SageMaker, not discovered by users: a staged shift watched by the alarms.
        v.Require(e.DataDeletionPolicy != DeletionPolicy.PreventDestroy
                || serving.Deployment is { AutoRollback: true, TrafficShift: TrafficShift.Canary or TrafficShift.Linear },
            at + "Serving.Deployment", serving.Deployment is null ? null : $"{serving.Deployment.TrafficShift}, AutoRollback {serving.Deployment.AutoRollback}",
            "must be a Canary or Linear deployment with AutoRollback: the data deletion policy is PreventDestroy (production), so a model update " +
            "must reach a part of the traffic first and roll back on the endpoint's alarms");
        v.Require(serving.Deployment is not { AutoRollback: true } || serving.AlarmEmails.Count > 0 || serving.AlarmTopicArn is not null
                || serving.Deployment.AdditionalRollbackAlarmNames.Count > 0,
            at + "Serving.Deployment.AutoRollback", true,
            "needs alarms: the endpoint has alarms only where they notify someone (Serving.AlarmEmails or Serving.AlarmTopicArn); " +
            "set one, name AdditionalRollbackAlarmNames, or turn AutoRollback off");
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]{1,18}[a-z0-9]\z")]
    private static partial Regex ReleaseName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex ReleaseVersion();

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex ArtifactRepositoryId();

    [GeneratedRegex("^[a-z][a-z0-9]{0,11}$")]
    private static partial Regex ShortName();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex GcpProjectId();

    [GeneratedRegex("^[a-z0-9_-]{1,63}$")]
    private static partial Regex CostCenter();

    /// <summary>A git commit (7 to 64 lowercase hex digits: a SHA-1 or SHA-256 object name, full or abbreviated) or <c>unversioned</c>.</summary>
    [GeneratedRegex(@"^([0-9a-f]{7,64}|unversioned)\z")]
    internal static partial Regex InfraVersion();
}
