using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Kubernetes.ConfigMapV1;
using HashiCorp.Cdktf.Providers.Kubernetes.DeploymentV1;
using HashiCorp.Cdktf.Providers.Kubernetes.HorizontalPodAutoscalerV2;
using HashiCorp.Cdktf.Providers.Kubernetes.IngressV1;
using HashiCorp.Cdktf.Providers.Kubernetes.PodDisruptionBudgetV1;
using HashiCorp.Cdktf.Providers.Kubernetes.SecretV1;
using HashiCorp.Cdktf.Providers.Kubernetes.ServiceV1;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// A model server on Kubernetes whose defaults pass a security review: a Deployment (RollingUpdate max surge 1, max
/// unavailable 0; pinned image; requests and limits always set; liveness and readiness probes; non-root, read-only root
/// filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp; the workspace mounted
/// read-only; optional GPUs with the pool's toleration and node affinity), a ClusterIP Service, an optional HTTPS
/// Ingress, an <c>autoscaling/v2</c> autoscaler on CPU and an optional per-pod metric from a declared adapter, a PodDisruptionBudget, a ConfigMap
/// of model settings and Secrets mounted as files, and a service account bound through Workload Identity to a Google
/// service account that can only read the model registry bucket — or, on EKS, the <see cref="PodIdentityAccount"/> given
/// as <see cref="ModelServingDeploymentProps.Identity"/>.
/// </summary>
/// <example>
/// <code>
/// new ModelServingDeployment(this, "Churn", new ModelServingDeploymentProps
/// {
///     Name = "churn",
///     Namespace = ns.Name,
///     Image = "europe-west4-docker.pkg.dev/acme-ml/models/churn-serving:1.0.0",
///     Resources = new ContainerResources { CpuRequest = "500m", MemoryRequest = "1Gi", CpuLimit = "1", MemoryLimit = "2Gi" },
///     ProjectId = "acme-ml",
///     ModelRegistryBucket = registry.BucketName,
///     Autoscaling = new PodAutoscaling { MinReplicas = 2, MaxReplicas = 6 },   // CPU; a PodsMetric needs a MetricsSource
///     Models = modelsVolume.Mount("/models"),   // a prepared directory's volume (NfsWorkspaceVolumeProps.Directory)
/// });
/// </code>
/// </example>
public sealed class ModelServingDeployment : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the serving objects.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ModelServingDeployment(Construct scope, string id, ModelServingDeploymentProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ModelServingDeployment)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        var labels = PodSecurity.Labels(props.Name, ModelServingDefaults.Component);
        var selector = PodSecurity.Selector(props.Name);
        PodSelector = selector;
        ContainerPort = props.ContainerPort;
        Name = props.Name;
        Namespace = props.Namespace;
        Identity = props.Identity ?? new WorkloadIdentityAccount(this, "Identity", new WorkloadIdentityAccountProps
        {
            Name = props.Name,
            Namespace = props.Namespace,
            ProjectId = props.ProjectId!,
            ReadBuckets = [props.ModelRegistryBucket],
        });

        ConfigMapV1? config = null;
        if (props.Settings.Count > 0)
        {
            config = new ConfigMapV1(this, "Settings", new ConfigMapV1Config
            {
                Metadata = new ConfigMapV1Metadata { Name = $"{props.Name}-settings", Namespace = props.Namespace, Labels = labels },
                Data = new Dictionary<string, string>(props.Settings),
            });
        }

        var secrets = props.SecretNames.Select(name => new SecretV1(this, $"Secret-{name}", new SecretV1Config
        {
            Metadata = new SecretV1Metadata { Name = name, Namespace = props.Namespace, Labels = labels },
            Type = "Opaque",
            // The value is set out of band: Terraform declares the Secret and never reads or writes its data.
            Lifecycle = new TerraformResourceLifecycle { IgnoreChanges = new[] { "data", "binary_data" } },
        })).ToList();

        Deployment = new DeploymentV1(this, "Deployment", new DeploymentV1Config
        {
            Metadata = new DeploymentV1Metadata { Name = props.Name, Namespace = props.Namespace, Labels = labels },
            Spec = new DeploymentV1Spec
            {
                Replicas = props.Autoscaling.MinReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RevisionHistoryLimit = ModelServingDefaults.RevisionHistoryLimit,
                Selector = new DeploymentV1SpecSelector { MatchLabels = selector },
                Strategy = new DeploymentV1SpecStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new DeploymentV1SpecStrategyRollingUpdate { MaxSurge = "1", MaxUnavailable = "0" },
                },
                Template = new DeploymentV1SpecTemplate
                {
                    Metadata = new DeploymentV1SpecTemplateMetadata { Labels = labels },
                    Spec = PodSpec(props, config, secrets),
                },
            },
            // The autoscaler owns the replica count once running; Terraform sets only the initial value.
            Lifecycle = new TerraformResourceLifecycle { IgnoreChanges = new[] { "spec[0].replicas" } },
            // The models directory exists (owned by the pods' uid) before the first pod mounts it.
            DependsOn = DependsOn(PodSecurity.PreparationsOf(props.Models is null ? [] : [props.Models]), props.Identity),
        });

        Service = new ServiceV1(this, "Service", new ServiceV1Config
        {
            Metadata = new ServiceV1Metadata { Name = props.Name, Namespace = props.Namespace, Labels = labels },
            Spec = new ServiceV1Spec
            {
                Type = "ClusterIP",
                Selector = selector,
                Port = new[]
                {
                    new ServiceV1SpecPort { Name = ModelServingDefaults.PortName, Port = ModelServingDefaults.ServicePort, TargetPort = ModelServingDefaults.PortName },
                },
            },
        });

        if (props.Ingress is { } ingress)
        {
            Ingress = new IngressV1(this, "Ingress", new IngressV1Config
            {
                Metadata = new IngressV1Metadata { Name = props.Name, Namespace = props.Namespace, Labels = labels },
                Spec = new IngressV1Spec
                {
                    IngressClassName = ingress.IngressClassName,
                    Tls = new[] { new IngressV1SpecTls { Hosts = [ingress.Host], SecretName = ingress.TlsSecretName } },
                    Rule = new[]
                    {
                        new IngressV1SpecRule
                        {
                            Host = ingress.Host,
                            Http = new IngressV1SpecRuleHttp
                            {
                                Path = new[]
                                {
                                    new IngressV1SpecRuleHttpPath
                                    {
                                        Path = "/",
                                        PathType = "Prefix",
                                        Backend = new IngressV1SpecRuleHttpPathBackend
                                        {
                                            Service = new IngressV1SpecRuleHttpPathBackendService
                                            {
                                                Name = Service.Metadata.Name,
                                                Port = new IngressV1SpecRuleHttpPathBackendServicePort { Name = ModelServingDefaults.PortName },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            });
        }

        var scaling = props.Autoscaling;
        var metrics = new List<HorizontalPodAutoscalerV2SpecMetric>
        {
            new()
            {
                Type = "Resource",
                Resource = new HorizontalPodAutoscalerV2SpecMetricResource
                {
                    Name = "cpu",
                    Target = new HorizontalPodAutoscalerV2SpecMetricResourceTarget { Type = "Utilization", AverageUtilization = scaling.TargetCpuUtilizationPercent },
                },
            },
        };
        if (scaling.PodsMetric is { } pods)
        {
            metrics.Add(new HorizontalPodAutoscalerV2SpecMetric
            {
                Type = "Pods",
                Pods = new HorizontalPodAutoscalerV2SpecMetricPods
                {
                    Metric = new HorizontalPodAutoscalerV2SpecMetricPodsMetric { Name = pods.Name },
                    Target = new HorizontalPodAutoscalerV2SpecMetricPodsTarget { Type = "AverageValue", AverageValue = pods.AverageValue },
                },
            });
        }

        Autoscaler = new HorizontalPodAutoscalerV2(this, "Autoscaler", new HorizontalPodAutoscalerV2Config
        {
            Metadata = new HorizontalPodAutoscalerV2Metadata { Name = props.Name, Namespace = props.Namespace, Labels = labels },
            Spec = new HorizontalPodAutoscalerV2Spec
            {
                MinReplicas = scaling.MinReplicas,
                MaxReplicas = scaling.MaxReplicas,
                ScaleTargetRef = new HorizontalPodAutoscalerV2SpecScaleTargetRef { ApiVersion = "apps/v1", Kind = "Deployment", Name = Deployment.Metadata.Name },
                Metric = metrics.ToArray(),
            },
            DependsOn = scaling.PodsMetric is not null && scaling.MetricsSource is { } source ? new[] { source.Dependable } : null,
        });

        DisruptionBudget = new PodDisruptionBudgetV1(this, "DisruptionBudget", new PodDisruptionBudgetV1Config
        {
            Metadata = new PodDisruptionBudgetV1Metadata { Name = props.Name, Namespace = props.Namespace, Labels = labels },
            Spec = new PodDisruptionBudgetV1Spec
            {
                MinAvailable = props.MinAvailable.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Selector = new PodDisruptionBudgetV1SpecSelector { MatchLabels = selector },
            },
        });
    }

    /// <summary>The <c>kubernetes_deployment_v1</c>.</summary>
    public DeploymentV1 Deployment { get; }

    /// <summary>The ClusterIP <c>kubernetes_service_v1</c>.</summary>
    public ServiceV1 Service { get; }

    /// <summary>The <c>kubernetes_ingress_v1</c>, or null without <see cref="ModelServingDeploymentProps.Ingress"/>.</summary>
    public IngressV1? Ingress { get; }

    /// <summary>The <c>kubernetes_horizontal_pod_autoscaler_v2</c>.</summary>
    public HorizontalPodAutoscalerV2 Autoscaler { get; }

    /// <summary>The <c>kubernetes_pod_disruption_budget_v1</c>.</summary>
    public PodDisruptionBudgetV1 DisruptionBudget { get; }

    /// <summary>The identity the pods run as: <see cref="ModelServingDeploymentProps.Identity"/>, or the
    /// <see cref="WorkloadIdentityAccount"/> this construct created (its Kubernetes and Google service accounts).</summary>
    public IWorkloadIdentity Identity { get; }

    /// <summary>The Service name clients in the cluster call (<c>http://{ServiceName}.{namespace}</c>).</summary>
    public string ServiceName => Service.Metadata.Name;

    /// <summary>The labels selecting the serving pods (e.g. for a <see cref="PodNetworkAccess"/>).</summary>
    public IReadOnlyDictionary<string, string> PodSelector { get; }

    /// <summary>The Deployment's name, as given (also the Service's, the autoscaler's and the pods' <c>app.kubernetes.io/name</c>).</summary>
    public string Name { get; }

    /// <summary>The namespace of the serving objects, as given.</summary>
    public string Namespace { get; }

    /// <summary>The name of the container port the model server listens on (what the Service targets and a
    /// <see cref="ServingPodMonitoring"/> scrapes).</summary>
    public string ContainerPortName => ModelServingDefaults.PortName;

    /// <summary>The port the model server listens on in its pods (what a NetworkPolicy admits; the Service maps port 80 to it).</summary>
    public int ContainerPort { get; }

    /// <summary>The preparations, then a given identity's account and association (a pod created before them gets no credentials).</summary>
    internal static ITerraformDependable[]? DependsOn(ITerraformDependable[]? preparations, IWorkloadIdentity? identity)
    {
        var all = (preparations ?? []).Concat(identity?.Dependables ?? []).ToArray();
        return all.Length == 0 ? null : all;
    }

    private DeploymentV1SpecTemplateSpec PodSpec(ModelServingDeploymentProps props, ConfigMapV1? config, IReadOnlyList<SecretV1> secrets)
    {
        var volumes = new List<DeploymentV1SpecTemplateSpecVolume>
        {
            new() { Name = PodSecurity.TmpVolume, EmptyDir = new DeploymentV1SpecTemplateSpecVolumeEmptyDir { SizeLimit = PodSecurity.TmpSizeLimit } },
        };
        var mounts = new List<DeploymentV1SpecTemplateSpecContainerVolumeMount>
        {
            new() { Name = PodSecurity.TmpVolume, MountPath = "/tmp" },
        };
        if (props.Models is { } models)
        {
            volumes.Add(new() { Name = "models", PersistentVolumeClaim = new DeploymentV1SpecTemplateSpecVolumePersistentVolumeClaim { ClaimName = models.ClaimName, ReadOnly = true } });
            mounts.Add(new() { Name = "models", MountPath = models.MountPath, SubPath = models.SubPath, ReadOnly = true });
        }

        if (config is not null)
        {
            volumes.Add(new() { Name = "settings", ConfigMap = new DeploymentV1SpecTemplateSpecVolumeConfigMap { Name = config.Metadata.Name } });
            mounts.Add(new() { Name = "settings", MountPath = ModelServingDefaults.ConfigMountPath, ReadOnly = true });
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            var name = $"secret-{i}";
            volumes.Add(new() { Name = name, Secret = new DeploymentV1SpecTemplateSpecVolumeSecret { SecretName = secrets[i].Metadata.Name, DefaultMode = ModelServingDefaults.SecretFileMode } });
            mounts.Add(new() { Name = name, MountPath = $"{ModelServingDefaults.SecretMountRoot}/{props.SecretNames[i]}", ReadOnly = true });
        }

        DeploymentV1SpecTemplateSpecContainerLivenessProbe Liveness(HttpProbe p) => new()
        {
            HttpGet = new DeploymentV1SpecTemplateSpecContainerLivenessProbeHttpGet { Path = p.Path, Port = (p.Port ?? props.ContainerPort).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            InitialDelaySeconds = p.InitialDelaySeconds,
            PeriodSeconds = p.PeriodSeconds,
        };
        DeploymentV1SpecTemplateSpecContainerReadinessProbe Readiness(HttpProbe p) => new()
        {
            HttpGet = new DeploymentV1SpecTemplateSpecContainerReadinessProbeHttpGet { Path = p.Path, Port = (p.Port ?? props.ContainerPort).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            InitialDelaySeconds = p.InitialDelaySeconds,
            PeriodSeconds = p.PeriodSeconds,
        };

        var gpu = props.Gpu;
        return new DeploymentV1SpecTemplateSpec
        {
            ServiceAccountName = Identity.Name,
            AutomountServiceAccountToken = false,
            SecurityContext = new DeploymentV1SpecTemplateSpecSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = PodSecurity.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RunAsGroup = PodSecurity.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                FsGroup = PodSecurity.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                SeccompProfile = new DeploymentV1SpecTemplateSpecSecurityContextSeccompProfile { Type = PodSecurity.SeccompProfile },
            },
            Container = new[]
            {
                new DeploymentV1SpecTemplateSpecContainer
                {
                    Name = "model-server",
                    Image = props.Image,
                    ImagePullPolicy = "IfNotPresent",
                    Port = new[] { new DeploymentV1SpecTemplateSpecContainerPort { Name = ModelServingDefaults.PortName, ContainerPort = props.ContainerPort } },
                    Resources = new DeploymentV1SpecTemplateSpecContainerResources
                    {
                        Requests = PodSecurity.Requests(props.Resources, gpu),
                        Limits = PodSecurity.Limits(props.Resources, gpu),
                    },
                    LivenessProbe = Liveness(props.LivenessProbe),
                    ReadinessProbe = Readiness(props.ReadinessProbe),
                    SecurityContext = new DeploymentV1SpecTemplateSpecContainerSecurityContext
                    {
                        RunAsNonRoot = true,
                        ReadOnlyRootFilesystem = true,
                        AllowPrivilegeEscalation = false,
                        Privileged = false,
                        Capabilities = new DeploymentV1SpecTemplateSpecContainerSecurityContextCapabilities { Drop = [PodSecurity.DropAllCapabilities] },
                        SeccompProfile = new DeploymentV1SpecTemplateSpecContainerSecurityContextSeccompProfile { Type = PodSecurity.SeccompProfile },
                    },
                    VolumeMount = mounts.ToArray(),
                },
            },
            Volume = volumes.ToArray(),
            Toleration = gpu?.Pool is { } pool
                ? new[] { new DeploymentV1SpecTemplateSpecToleration { Key = pool.TaintKey, Operator = "Equal", Value = pool.TaintValue, Effect = pool.TaintEffect } }
                : null,
            Affinity = gpu?.Pool is { } gpuPool
                ? new DeploymentV1SpecTemplateSpecAffinity
                {
                    NodeAffinity = new DeploymentV1SpecTemplateSpecAffinityNodeAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution = new DeploymentV1SpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution
                        {
                            NodeSelectorTerm = new[]
                            {
                                new DeploymentV1SpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerm
                                {
                                    MatchExpressions = new[]
                                    {
                                        new DeploymentV1SpecTemplateSpecAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermMatchExpressions
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
        };
    }

    private void Validate(ModelServingDeploymentProps props)
    {
        var v = new InputValidator(this);
        var reserved = new List<(string Path, string What)> { ("/tmp", "its writable /tmp (an emptyDir: the root filesystem is read-only)") };
        if (props.Settings.Count > 0)
        {
            reserved.Add((ModelServingDefaults.ConfigMountPath, "the Settings ConfigMap"));
        }

        reserved.AddRange(props.SecretNames.Select(secret => ($"{ModelServingDefaults.SecretMountRoot}/{secret}", $"the Secret {secret}")));
        PodSecurity.Validate(v, props.Name, props.Namespace, props.Image, props.Resources, props.Gpu, props.Models is null ? [] : [props.Models], nameof(props.Models),
            claimsAreList: false, budget: props.Budget, reservedPaths: reserved);
        // The name is also the Service's (a DNS name: DNS-1035, starting with a letter) and the service account's.
        if (KubernetesNames.IsDns1123Label(props.Name))
        {
            v.ValidateDns1035Label(props.Name, nameof(props.Name), "it is also the Service name");
        }

        v.Require(props.Name != "default", nameof(props.Name), props.Name,
            "must not be default: it names the pods' Kubernetes service account, and every namespace already has a default account (the create fails), which all its other pods use");
        if (props.Identity is null)
        {
            if (WorkloadIdentityAccount.DerivedAccountIdProblem(props.Name) is { } accountProblem)
            {
                v.Add(nameof(props.Name), props.Name, accountProblem);
            }

            v.ValidateGcsBucketName(props.ModelRegistryBucket, nameof(props.ModelRegistryBucket));
            // Checked here too, so the message names this construct's member, not the workload identity it creates.
            if (props.ProjectId is null)
            {
                v.Add(nameof(props.ProjectId), null,
                    "must be set unless Identity is given: without an Identity the pods get a Workload Identity account in this project's pool (GKE); on EKS pass a PodIdentityAccount as Identity");
            }
            else
            {
                v.ValidateProjectId(props.ProjectId, nameof(props.ProjectId));
            }
        }
        else
        {
            ValidateGivenIdentity(v, props.Identity, props.Namespace, nameof(props.Identity));
            v.NotBlank(props.ModelRegistryBucket, nameof(props.ModelRegistryBucket));
            v.Require(props.ProjectId is null, nameof(props.ProjectId), props.ProjectId,
                "must be null when Identity is given: it is only the project of the Workload Identity account this construct creates without one");
            v.Require(InputValidator.IsUnresolved(props.ModelRegistryBucket) || props.Identity.ReadBuckets.Contains(props.ModelRegistryBucket)
                    || props.Identity.ReadBuckets.Any(InputValidator.IsUnresolved),
                nameof(props.ModelRegistryBucket), props.ModelRegistryBucket,
                $"is not among the Identity's ReadBuckets ({string.Join(", ", props.Identity.ReadBuckets)}): the pods could not read their models; add it to the identity's ReadBuckets");
        }
        v.InRange(props.ContainerPort, nameof(props.ContainerPort), 1024, 65535, "(unprivileged ports: the container runs as non-root)");
        foreach (var (probe, name) in new[] { (props.LivenessProbe, nameof(props.LivenessProbe)), (props.ReadinessProbe, nameof(props.ReadinessProbe)) })
        {
            v.Require(probe.Path.StartsWith('/'), name + ".Path", probe.Path, "must be an absolute HTTP path such as /healthz");
            v.InRange(probe.Port, name + ".Port", 1, 65535);
            v.InRange(probe.InitialDelaySeconds, name + ".InitialDelaySeconds", 0, 3600, "seconds");
            v.InRange(probe.PeriodSeconds, name + ".PeriodSeconds", 1, 3600, "seconds");
        }

        var scaling = props.Autoscaling;
        v.Require(props.MinAvailable >= 1, nameof(props.MinAvailable), props.MinAvailable, "must be at least 1 pod");
        v.Require(scaling.MinReplicas > props.MinAvailable, "Autoscaling.MinReplicas", scaling.MinReplicas,
            $"must be more than the disruption budget's MinAvailable ({props.MinAvailable}), or no pod could ever be evicted and node drains and upgrades would block");
        v.Require(scaling.MaxReplicas >= scaling.MinReplicas, "Autoscaling.MaxReplicas", scaling.MaxReplicas, $"must be at least MinReplicas ({scaling.MinReplicas})");
        v.InRange(scaling.TargetCpuUtilizationPercent, "Autoscaling.TargetCpuUtilizationPercent", 10, 100, "percent");
        if (scaling.PodsMetric is { } metric)
        {
            v.Require(scaling.MetricsSource is not null, "Autoscaling.MetricsSource", null,
                $"Autoscaling.PodsMetric ({metric.Name}) is read from {InstalledMetricsAdapterDefaults.CustomMetrics}, which nothing in the cluster serves unless an adapter is declared, "
                + "and an autoscaler that cannot read one of its metrics never scales down: declare the adapter (e.g. an InstalledMetricsAdapter) or scale on CPU only (PodsMetric = null)");
            v.Require(scaling.MetricsSource is null || scaling.MetricsSource.ApiGroup == InstalledMetricsAdapterDefaults.CustomMetrics, "Autoscaling.MetricsSource",
                scaling.MetricsSource?.ApiGroup, $"must serve {InstalledMetricsAdapterDefaults.CustomMetrics}, where Pods metrics are read from");
            // '|' separates the parts of a Cloud Monitoring metric as the Stackdriver adapter names it, e.g. the series a
            // ServingPodMonitoring scrapes: prometheus.googleapis.com|http_requests_per_second|gauge.
            v.Require(metric.Name.Length is > 0 and <= 253 && metric.Name.Split('|').All(part => part.Length > 0 && KubernetesNames.IsLabelValue(part)),
                "Autoscaling.PodsMetric.Name", metric.Name,
                "must be a metric name (letters, digits, '-', '_', '.'), or a Stackdriver adapter name with '|' between its parts (prometheus.googleapis.com|<metric>|gauge)");
            v.Require(KubernetesQuantity.Parse(metric.AverageValue) is > 0, "Autoscaling.PodsMetric.AverageValue", metric.AverageValue, "must be a positive Kubernetes quantity such as 50 or 500m");
        }

        foreach (var key in props.Settings.Keys)
        {
            v.Require(System.Text.RegularExpressions.Regex.IsMatch(key, @"^[-._a-zA-Z0-9]{1,253}\z"), "Settings key", key, "must be a ConfigMap key: letters, digits, '-', '_' and '.'");
        }

        var settingsBytes = props.Settings.Values.Sum(value => (long)System.Text.Encoding.UTF8.GetByteCount(value ?? string.Empty));
        v.Require(settingsBytes <= ModelServingDefaults.MaxConfigMapBytes, nameof(props.Settings), $"{settingsBytes} bytes of values",
            $"must hold at most {ModelServingDefaults.MaxConfigMapBytes} bytes (1 MiB) of values in total: Kubernetes refuses a larger ConfigMap; put large files in the model registry or the workspace");

        foreach (var secret in props.SecretNames)
        {
            if (InputValidator.IsUnresolved(secret))
            {
                v.Add(nameof(props.SecretNames), secret,
                    "is a Terraform reference, but each secret is declared at synth time as its own Kubernetes Secret, volume and mount path named after it: give the literal name");
                continue;
            }

            v.ValidateDns1123Label(secret, nameof(props.SecretNames));
        }

        v.Require(props.SecretNames.Distinct().Count() == props.SecretNames.Count, nameof(props.SecretNames), string.Join(", ", props.SecretNames), "must not name a secret twice");
        if (props.Ingress is { } ingress)
        {
            v.Require(ingress.Host is not null && ingress.Host.Length <= 253
                    && System.Text.RegularExpressions.Regex.IsMatch(ingress.Host, @"^(\*\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\z"), "Ingress.Host", ingress.Host,
                "must be a fully qualified lowercase DNS name such as churn.ml.example.com, or a wildcard over one (*.ml.example.com: '*' as the whole first label)");
            v.ValidateDns1123Label(ingress.TlsSecretName, "Ingress.TlsSecretName");
            v.NotBlank(ingress.IngressClassName, "Ingress.IngressClassName");
        }

        // Last: admitted to the namespace's budget only when nothing else is wrong. A rollout adds one surge pod (max surge 1,
        // max unavailable 0): without room for it, every rollout hangs.
        props.Budget?.Admit(v, new WorkloadDemand($"ModelServingDeployment {props.Name}", scaling.MinReplicas + 1, props.Resources, props.Gpu?.Count ?? 0,
                $"Autoscaling.MinReplicas {scaling.MinReplicas} + 1 rollout surge pod"),
            key => PodSecurity.QuotaMember(key, props.Resources, props.Gpu, ("Autoscaling.MinReplicas", scaling.MinReplicas)));

        v.ThrowIfInvalid();
    }

    /// <summary>Checks an identity given to a workload: present, and in the workload's namespace when both are literal.</summary>
    internal static void ValidateGivenIdentity(InputValidator v, IWorkloadIdentity identity, string? workloadNamespace, string property)
    {
        if (identity.Namespace is { } ns && workloadNamespace is not null && !InputValidator.IsUnresolved(ns) && !InputValidator.IsUnresolved(workloadNamespace))
        {
            v.Require(ns == workloadNamespace, property + ".Namespace", ns,
                $"must be the workload's Namespace ({workloadNamespace}): a pod can run only as a service account of its own namespace");
        }
    }
}
