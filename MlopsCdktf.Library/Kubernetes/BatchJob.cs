using System.Globalization;
using Constructs;
using HashiCorp.Cdktf.Providers.Kubernetes.CronJobV1;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// A CronJob for batch inference or scheduled retraining with the same defaults as <see cref="ModelServingDeployment"/>:
/// pinned image, requests and limits, non-root, read-only root filesystem, no privilege escalation, all capabilities
/// dropped, RuntimeDefault seccomp, optional GPUs with the pool's toleration and node affinity. Runs never overlap
/// (<c>concurrencyPolicy: Forbid</c>), have a deadline, a retry limit and a bounded history, and finished jobs are
/// cleaned up after a day.
/// </summary>
/// <example>
/// <code>
/// new BatchJob(this, "WeeklyRetrain", new BatchJobProps
/// {
///     Name = "churn-retrain",
///     Namespace = ns.Name,
///     Schedule = "0 2 * * 1",
///     Image = "europe-west4-docker.pkg.dev/acme-ml/models/churn-train:1.0.0",
///     Resources = new ContainerResources { CpuRequest = "4", MemoryRequest = "16Gi", CpuLimit = "8", MemoryLimit = "32Gi" },
///     Gpu = new GpuRequest { Count = 1, Pool = gpuPool.Selector },
///     Mounts = [checkpoints.Mount("/workspace/checkpoints"), models.Mount("/workspace/models")],
/// });
/// </code>
/// </example>
public sealed class BatchJob : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the CronJob.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public BatchJob(Construct scope, string id, BatchJobProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(BatchJob)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        var labels = PodSecurity.Labels(props.Name, props.Component);
        PodSelector = PodSecurity.Selector(props.Name);
        var mounts = new List<CronJobV1SpecJobTemplateSpecTemplateSpecContainerVolumeMount> { new() { Name = PodSecurity.TmpVolume, MountPath = "/tmp" } };
        var volumes = new List<CronJobV1SpecJobTemplateSpecTemplateSpecVolume>
        {
            new() { Name = PodSecurity.TmpVolume, EmptyDir = new CronJobV1SpecJobTemplateSpecTemplateSpecVolumeEmptyDir { SizeLimit = PodSecurity.TmpSizeLimit } },
        };
        for (var i = 0; i < props.Mounts.Count; i++)
        {
            var mount = props.Mounts[i];
            var name = $"workspace-{i}";
            volumes.Add(new() { Name = name, PersistentVolumeClaim = new CronJobV1SpecJobTemplateSpecTemplateSpecVolumePersistentVolumeClaim { ClaimName = mount.ClaimName, ReadOnly = mount.ReadOnly } });
            mounts.Add(new() { Name = name, MountPath = mount.MountPath, SubPath = mount.SubPath, ReadOnly = mount.ReadOnly });
        }

        var gpu = props.Gpu;
        var user = PodSecurity.UserId.ToString(CultureInfo.InvariantCulture);
        CronJob = new CronJobV1(this, "CronJob", new CronJobV1Config
        {
            Metadata = new CronJobV1Metadata { Name = props.Name, Namespace = props.Namespace, Labels = labels },
            Spec = new CronJobV1Spec
            {
                Schedule = props.Schedule,
                Timezone = props.TimeZone,
                ConcurrencyPolicy = BatchJobDefaults.ConcurrencyPolicy,
                StartingDeadlineSeconds = props.StartingDeadlineSeconds,
                SuccessfulJobsHistoryLimit = props.SuccessfulJobsHistoryLimit,
                FailedJobsHistoryLimit = props.FailedJobsHistoryLimit,
                JobTemplate = new CronJobV1SpecJobTemplate
                {
                    Metadata = new CronJobV1SpecJobTemplateMetadata { Labels = labels },
                    Spec = new CronJobV1SpecJobTemplateSpec
                    {
                        ActiveDeadlineSeconds = props.ActiveDeadlineSeconds,
                        BackoffLimit = props.BackoffLimit,
                        TtlSecondsAfterFinished = BatchJobDefaults.TtlSecondsAfterFinished.ToString(CultureInfo.InvariantCulture),
                        Template = new CronJobV1SpecJobTemplateSpecTemplate
                        {
                            Metadata = new CronJobV1SpecJobTemplateSpecTemplateMetadata { Labels = labels },
                            Spec = new CronJobV1SpecJobTemplateSpecTemplateSpec
                            {
                                RestartPolicy = "Never",
                                ServiceAccountName = props.Identity?.Name ?? props.ServiceAccountName,
                                AutomountServiceAccountToken = false,
                                SecurityContext = new CronJobV1SpecJobTemplateSpecTemplateSpecSecurityContext
                                {
                                    RunAsNonRoot = true,
                                    RunAsUser = user,
                                    RunAsGroup = user,
                                    FsGroup = user,
                                    SeccompProfile = new CronJobV1SpecJobTemplateSpecTemplateSpecSecurityContextSeccompProfile { Type = PodSecurity.SeccompProfile },
                                },
                                Container = new[]
                                {
                                    new CronJobV1SpecJobTemplateSpecTemplateSpecContainer
                                    {
                                        Name = props.Component,
                                        Image = props.Image,
                                        ImagePullPolicy = "IfNotPresent",
                                        Command = props.Command?.ToArray(),
                                        Args = props.Args.Count == 0 ? null : props.Args.ToArray(),
                                        Resources = new CronJobV1SpecJobTemplateSpecTemplateSpecContainerResources
                                        {
                                            Requests = PodSecurity.Requests(props.Resources, gpu),
                                            Limits = PodSecurity.Limits(props.Resources, gpu),
                                        },
                                        SecurityContext = new CronJobV1SpecJobTemplateSpecTemplateSpecContainerSecurityContext
                                        {
                                            RunAsNonRoot = true,
                                            ReadOnlyRootFilesystem = true,
                                            AllowPrivilegeEscalation = false,
                                            Privileged = false,
                                            Capabilities = new CronJobV1SpecJobTemplateSpecTemplateSpecContainerSecurityContextCapabilities { Drop = [PodSecurity.DropAllCapabilities] },
                                            SeccompProfile = new CronJobV1SpecJobTemplateSpecTemplateSpecContainerSecurityContextSeccompProfile { Type = PodSecurity.SeccompProfile },
                                        },
                                        VolumeMount = mounts.ToArray(),
                                    },
                                },
                                Volume = volumes.ToArray(),
                                Toleration = gpu?.Pool is { } pool
                                    ? new[] { new CronJobV1SpecJobTemplateSpecTemplateSpecToleration { Key = pool.TaintKey, Operator = "Equal", Value = pool.TaintValue, Effect = pool.TaintEffect } }
                                    : null,
                                Affinity = gpu?.Pool is { } gpuPool
                                    ? new CronJobV1SpecJobTemplateSpecTemplateSpecAffinity
                                    {
                                        NodeAffinity = new CronJobV1SpecJobTemplateSpecTemplateSpecAffinityNodeAffinity
                                        {
                                            RequiredDuringSchedulingIgnoredDuringExecution = new CronJobV1SpecJobTemplateSpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution
                                            {
                                                NodeSelectorTerm = new[]
                                                {
                                                    new CronJobV1SpecJobTemplateSpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerm
                                                    {
                                                        MatchExpressions = new[]
                                                        {
                                                            new CronJobV1SpecJobTemplateSpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermMatchExpressions
                                                            {
                                                                Key = gpuPool.NodeLabelKey, Operator = "In", Values = [gpuPool.NodeLabelValue],
                                                            },
                                                        },
                                                    },
                                                },
                                            },
                                        },
                                    }
                                    : null,
                            },
                        },
                    },
                },
            },
            // The mounted directories exist (owned by the pods' uid) before the first run.
            DependsOn = ModelServingDeployment.DependsOn(PodSecurity.PreparationsOf(props.Mounts), props.Identity),
        });
    }

    /// <summary>The <c>kubernetes_cron_job_v1</c>.</summary>
    public CronJobV1 CronJob { get; }

    /// <summary>The CronJob name.</summary>
    public string Name => CronJob.Metadata.Name;

    /// <summary>The labels selecting the job's pods (e.g. for a <see cref="PodNetworkAccess"/>).</summary>
    public IReadOnlyDictionary<string, string> PodSelector { get; }

    private void Validate(BatchJobProps props)
    {
        var v = new InputValidator(this);
        PodSecurity.Validate(v, props.Name, props.Namespace, props.Image, props.Resources, props.Gpu, props.Mounts, nameof(props.Mounts),
            budget: props.Budget, reservedPaths: [("/tmp", "its writable /tmp (an emptyDir: the root filesystem is read-only)")]);
        v.Require(props.Name.Length <= BatchJobDefaults.MaxNameLength, nameof(props.Name), props.Name,
            $"must be at most {BatchJobDefaults.MaxNameLength} characters: Kubernetes appends an 11-character suffix to each job's name");
        if (CronSchedule.Problem(props.Schedule) is { } problem)
        {
            v.Add(nameof(props.Schedule), props.Schedule,
                $"must be a cron schedule that fires (five fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * 1\"; @hourly, @daily and friends; or @every 1h); it {problem}");
        }

        v.Require(props.TimeZone.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(props.TimeZone, "^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$")
                && KnownTimeZone(props.TimeZone), nameof(props.TimeZone), props.TimeZone,
            "must be an IANA time zone name such as Etc/UTC or Europe/Amsterdam");
        v.Require(KubernetesNames.IsDns1123Label(props.Component), nameof(props.Component), props.Component, KubernetesNames.Dns1123LabelAllowed);
        if (props.ServiceAccountName is not null)
        {
            v.ValidateDns1123Label(props.ServiceAccountName, nameof(props.ServiceAccountName));
            v.Require(props.Identity is null, nameof(props.ServiceAccountName), props.ServiceAccountName,
                "must be null when Identity is given: the pods run as the Identity's service account");
        }

        if (props.Identity is not null)
        {
            ModelServingDeployment.ValidateGivenIdentity(v, props.Identity, props.Namespace, nameof(props.Identity));
        }

        v.InRange(props.ActiveDeadlineSeconds, nameof(props.ActiveDeadlineSeconds), 60, 7 * 86400, "seconds");
        v.InRange(props.BackoffLimit, nameof(props.BackoffLimit), 0, 10);
        v.InRange(props.StartingDeadlineSeconds, nameof(props.StartingDeadlineSeconds), 10, 86400, "seconds");
        v.InRange(props.SuccessfulJobsHistoryLimit, nameof(props.SuccessfulJobsHistoryLimit), 0, 10);
        v.InRange(props.FailedJobsHistoryLimit, nameof(props.FailedJobsHistoryLimit), 1, 10);
        // Last: admitted to the namespace's budget only when nothing else is wrong.
        props.Budget?.Admit(v, new WorkloadDemand($"BatchJob {props.Name}", 1, props.Resources, props.Gpu?.Count ?? 0, "one run at a time"),
            key => PodSecurity.QuotaMember(key, props.Resources, props.Gpu, ("Budget", $"quota pods {props.Budget.Quota.Pods}")));
        v.ThrowIfInvalid();
    }

    /// <summary>Kubernetes checks the zone against its time zone database: where this machine has one, ask it too.</summary>
    private static bool KnownTimeZone(string zone) =>
        !Directory.Exists("/usr/share/zoneinfo") || TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}
