using System.Globalization;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Kubernetes.JobV1;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// One training run as one Kubernetes Job (<c>kubernetes_job_v1</c>), with the pod defaults of <see cref="BatchJob"/>
/// (<see cref="PodSecurity"/>): pinned image, requests and limits, non-root uid 1000, read-only root filesystem with a
/// writable <c>/tmp</c> emptyDir, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, no service
/// account token, GPUs with the pool's toleration and node affinity, workspace mounts, and an <see cref="IWorkloadIdentity"/>
/// the Job waits for. The pod is never restarted in place; the run has a deadline and a small retry limit.
/// </summary>
/// <remarks>
/// <para>Terraform creates the Job and returns (<c>wait_for_completion = false</c>): the caller waits for it (e.g.
/// <c>kubectl wait</c>), reports, and destroys the run stack. Deleting waits up to 10 minutes for the pod to stop (the
/// provider's default is one minute). No <c>ttlSecondsAfterFinished</c>: the provider would re-create a Job the cluster
/// deleted, and the run stack is destroyed anyway.</para>
/// <para>With <see cref="TrainingJobProps.QueueName"/>, the Job carries <c>kueue.x-k8s.io/queue-name</c>; Kueue's webhook
/// creates it suspended and un-suspends it on admission. The provider's <c>kubernetes_job_v1</c> has no <c>suspend</c>
/// attribute, so it neither sets nor compares it. On admission Kueue writes the ResourceFlavor's node labels and tolerations
/// and the ProvisioningRequest's annotations into the pod template; those three fields are in <c>ignore_changes</c>, so a
/// second apply shows no change (a Job's pod template is immutable: a run is changed by a new Job, not an update).</para>
/// </remarks>
/// <example>
/// <code>
/// new TrainingJob(this, "Run", new TrainingJobProps
/// {
///     Name = "churn-train-run-42",
///     Namespace = ns.Name,
///     Image = "europe-west4-docker.pkg.dev/acme-ml/models/churn-train:1.4.0",
///     Command = ["python", "-m", "train"],
///     Resources = new ContainerResources { CpuRequest = "4", MemoryRequest = "16Gi", CpuLimit = "8", MemoryLimit = "32Gi" },
///     Gpu = new GpuRequest { Count = 1, Pool = gpuPool.Selector },
///     Mounts = [checkpoints.Mount("/workspace/checkpoints")],
///     Identity = trainer,
///     QueueName = "gpu-training",
///     RunLabels = new Dictionary&lt;string, string&gt; { ["mlops.io/run"] = "run-42", ["mlops.io/model-version"] = "1.4.0" },
/// });
/// </code>
/// </example>
public sealed class TrainingJob : Construct
{
    private static readonly string[] ReservedLabels =
        [.. PodSecurity.Labels("x", "x").Keys, TrainingJobDefaults.QueueLabel];

    /// <summary>Validates <paramref name="props"/> and declares the Job.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public TrainingJob(Construct scope, string id, TrainingJobProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(TrainingJob)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        var podLabels = PodSecurity.Labels(props.Name, props.Component);
        foreach (var (key, value) in props.RunLabels)
        {
            podLabels[key] = value;
        }

        var jobLabels = new Dictionary<string, string>(podLabels);
        if (props.QueueName is { } queue)
        {
            jobLabels[TrainingJobDefaults.QueueLabel] = queue;
        }

        PodSelector = PodSecurity.Selector(props.Name);
        Namespace = props.Namespace;
        QueueName = props.QueueName;
        Job = new JobV1(this, "Job", new JobV1Config
        {
            Metadata = new JobV1Metadata { Name = props.Name, Namespace = props.Namespace, Labels = jobLabels },
            WaitForCompletion = false,
            Timeouts = new JobV1Timeouts { Delete = TrainingJobDefaults.DeleteTimeout },
            Spec = new JobV1Spec
            {
                ActiveDeadlineSeconds = props.ActiveDeadlineSeconds,
                BackoffLimit = props.BackoffLimit,
                Template = new JobV1SpecTemplate
                {
                    Metadata = new JobV1SpecTemplateMetadata { Labels = podLabels },
                    Spec = PodSpec(props),
                },
            },
            // The mounted directories exist and the identity has its rights before the run starts.
            DependsOn = ModelServingDeployment.DependsOn(PodSecurity.PreparationsOf(props.Mounts), props.Identity),
            Lifecycle = props.QueueName is null ? null : new TerraformResourceLifecycle { IgnoreChanges = TrainingJobDefaults.KueueManagedFields },
        });
    }

    /// <summary>The <c>kubernetes_job_v1</c>.</summary>
    public JobV1 Job { get; }

    /// <summary>The Job name (a reference to the declared Job): <c>kubectl wait job/NAME</c>.</summary>
    public string Name => Job.Metadata.Name;

    /// <summary>The Job's namespace, as given.</summary>
    public string Namespace { get; }

    /// <summary>The Kueue LocalQueue the run is submitted to, or null.</summary>
    public string? QueueName { get; }

    /// <summary>The labels selecting the run's pods (e.g. for <c>kubectl logs -l</c> or a <see cref="PodNetworkAccess"/>).</summary>
    public IReadOnlyDictionary<string, string> PodSelector { get; }

    private static JobV1SpecTemplateSpec PodSpec(TrainingJobProps props)
    {
        var mounts = new List<JobV1SpecTemplateSpecContainerVolumeMount> { new() { Name = PodSecurity.TmpVolume, MountPath = "/tmp" } };
        var volumes = new List<JobV1SpecTemplateSpecVolume>
        {
            new() { Name = PodSecurity.TmpVolume, EmptyDir = new JobV1SpecTemplateSpecVolumeEmptyDir { SizeLimit = PodSecurity.TmpSizeLimit } },
        };
        for (var i = 0; i < props.Mounts.Count; i++)
        {
            var mount = props.Mounts[i];
            var name = $"workspace-{i}";
            volumes.Add(new() { Name = name, PersistentVolumeClaim = new JobV1SpecTemplateSpecVolumePersistentVolumeClaim { ClaimName = mount.ClaimName, ReadOnly = mount.ReadOnly } });
            mounts.Add(new() { Name = name, MountPath = mount.MountPath, SubPath = mount.SubPath, ReadOnly = mount.ReadOnly });
        }

        var gpu = props.Gpu;
        var pool = gpu?.Pool;
        var user = PodSecurity.UserId.ToString(CultureInfo.InvariantCulture);
        return new JobV1SpecTemplateSpec
        {
            RestartPolicy = "Never",
            ServiceAccountName = props.Identity?.Name,
            AutomountServiceAccountToken = false,
            EnableServiceLinks = false,
            SecurityContext = new JobV1SpecTemplateSpecSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = user,
                RunAsGroup = user,
                FsGroup = user,
                SeccompProfile = new JobV1SpecTemplateSpecSecurityContextSeccompProfile { Type = PodSecurity.SeccompProfile },
            },
            Container = new[]
            {
                new JobV1SpecTemplateSpecContainer
                {
                    Name = props.Component,
                    Image = props.Image,
                    ImagePullPolicy = "IfNotPresent",
                    Command = props.Command?.ToArray(),
                    Args = props.Args.Count == 0 ? null : props.Args.ToArray(),
                    Env = props.Environment.Count == 0 ? null
                        : props.Environment.Select(e => new JobV1SpecTemplateSpecContainerEnv { Name = e.Key, Value = e.Value }).ToArray(),
                    Resources = new JobV1SpecTemplateSpecContainerResources
                    {
                        Requests = PodSecurity.Requests(props.Resources, gpu),
                        Limits = PodSecurity.Limits(props.Resources, gpu),
                    },
                    SecurityContext = new JobV1SpecTemplateSpecContainerSecurityContext
                    {
                        RunAsNonRoot = true,
                        ReadOnlyRootFilesystem = true,
                        AllowPrivilegeEscalation = false,
                        Privileged = false,
                        Capabilities = new JobV1SpecTemplateSpecContainerSecurityContextCapabilities { Drop = [PodSecurity.DropAllCapabilities] },
                        SeccompProfile = new JobV1SpecTemplateSpecContainerSecurityContextSeccompProfile { Type = PodSecurity.SeccompProfile },
                    },
                    VolumeMount = mounts.ToArray(),
                },
            },
            Volume = volumes.ToArray(),
            Toleration = pool is null ? null
                : new[] { new JobV1SpecTemplateSpecToleration { Key = pool.TaintKey, Operator = "Equal", Value = pool.TaintValue, Effect = pool.TaintEffect } },
            Affinity = pool is null ? null : new JobV1SpecTemplateSpecAffinity
            {
                NodeAffinity = new JobV1SpecTemplateSpecAffinityNodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new JobV1SpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution
                    {
                        NodeSelectorTerm = new[]
                        {
                            new JobV1SpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerm
                            {
                                MatchExpressions = new[]
                                {
                                    new JobV1SpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermMatchExpressions
                                    {
                                        Key = pool.NodeLabelKey, Operator = "In", Values = [pool.NodeLabelValue],
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };
    }

    private void Validate(TrainingJobProps props)
    {
        var v = new InputValidator(this);
        PodSecurity.Validate(v, props.Name, props.Namespace, props.Image, props.Resources, props.Gpu, props.Mounts, nameof(props.Mounts),
            budget: props.Budget, reservedPaths: [("/tmp", "its writable /tmp (an emptyDir: the root filesystem is read-only)")]);
        v.Require(KubernetesNames.IsDns1123Label(props.Component), nameof(props.Component), props.Component, KubernetesNames.Dns1123LabelAllowed);
        if (props.Identity is not null)
        {
            ModelServingDeployment.ValidateGivenIdentity(v, props.Identity, props.Namespace, nameof(props.Identity));
        }

        foreach (var (name, value) in props.Environment)
        {
            v.Require(KubernetesNames.IsEnvVarName(name), $"{nameof(props.Environment)} key", name, KubernetesNames.EnvVarNameAllowed);
            v.Require(value is not null, $"{nameof(props.Environment)}[\"{name}\"]", value, "must not be null (use an empty string for an empty value)");
        }

        v.ValidateKubernetesLabels(props.RunLabels, nameof(props.RunLabels));
        foreach (var key in props.RunLabels.Keys.Where(k => ReservedLabels.Contains(k, StringComparer.Ordinal)))
        {
            v.Add($"{nameof(props.RunLabels)} key", key, key == TrainingJobDefaults.QueueLabel
                ? "is set by QueueName: give the Kueue LocalQueue there"
                : $"is set by the construct (it selects the run's pods); reserved keys: {string.Join(", ", ReservedLabels)}");
        }

        if (props.QueueName is not null)
        {
            v.ValidateDns1123Label(props.QueueName, nameof(props.QueueName));
        }

        v.InRange(props.ActiveDeadlineSeconds, nameof(props.ActiveDeadlineSeconds),
            TrainingJobDefaults.MinActiveDeadlineSeconds, TrainingJobDefaults.MaxActiveDeadlineSeconds, "seconds");
        v.InRange(props.BackoffLimit, nameof(props.BackoffLimit), 0, TrainingJobDefaults.MaxBackoffLimit);
        // Last: admitted to the namespace's budget only when nothing else is wrong.
        props.Budget?.Admit(v, new WorkloadDemand($"TrainingJob {props.Name}", 1, props.Resources, props.Gpu?.Count ?? 0, "one run"),
            key => PodSecurity.QuotaMember(key, props.Resources, props.Gpu, ("Budget", $"quota pods {props.Budget.Quota.Pods}")));
        v.ThrowIfInvalid();
    }
}
