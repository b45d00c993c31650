using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Kubernetes.Provider;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Stacks;

/// <summary>
/// Everything on the GKE cluster of one environment (<c>mlops-k8s-{env}</c>): the workloads' namespace (classification
/// label, quota, limit range, default-deny network policies with per-workload allows), the preparation Job that creates
/// the Filestore workspace's directories, a volume and claim per directory, the model server and the scheduled batch
/// inference and weekly retrain, which wait for the preparation. The Kubernetes provider is configured from <see cref="GcpTrainingStack"/>'s cluster
/// through CDKTF cross-stack references (outputs there, remote state here), so the cluster exists, and its endpoint is
/// known, before this stack is planned. Composition only; resource details live in constructs.
/// </summary>
public sealed class KubernetesStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "k8s";

    /// <summary>The namespace of the environment's ML workloads.</summary>
    public const string WorkloadNamespace = "ml-models";

    /// <summary>Base name of the workspace's volumes and preparation Job.</summary>
    public const string WorkspaceName = "training-workspace";

    /// <summary>The workspace directories the preparation creates and the workloads mount.</summary>
    public static readonly IReadOnlyList<string> WorkspaceDirectories = ["models", "datasets", "checkpoints", "predictions"];

    /// <summary>Declares the Kubernetes stack of <paramref name="environment"/> on the cluster of <paramref name="training"/>.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="training">The GCP stack whose cluster, workspace and registry the workloads use.</param>
    /// <param name="addons">The GKE add-ons stack (Kueue), when the environment runs training runs on GKE: their queue is declared here, after it.</param>
    public KubernetesStack(Construct scope, DeploymentEnvironment environment, GcpTrainingStack training, GkeAddonsStack? addons = null)
        : base(scope, Cloud, environment, StateStore.Gcs)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (addons is not null)
        {
            AddDependency(addons);
        }

        // Explicit, though the cross-stack references imply it: the GCP stack turns on managed Prometheus, which installs the
        // PodMonitoring CRD that kubernetes_manifest reads while planning this stack. Apply the GCP stack first.
        AddDependency(training);
        var gcp = environment.Gcp;
        var workloads = environment.ClusterWorkloads;
        var model = environment.Release.Name;
        var servingImage = environment.GkeServingImage;
        var trainingImage = environment.GkeTrainingImage;

        // Google provider: the caller's access token for the Kubernetes API, and the workloads' Google service accounts.
        UseGoogleProvider();

        var (host, ca, token) = training.ConnectionFor(this);
        new KubernetesProvider(this, "kubernetes", new KubernetesProviderConfig { Host = host, ClusterCaCertificate = ca, Token = token });
        QualifyProviderSource("kubernetes");

        Namespace = new MlNamespace(this, "Namespace", new MlNamespaceProps
        {
            Name = WorkloadNamespace,
            DataClassification = DataClassification.Confidential,
            Quota = workloads.Quota,
        });

        // The share's root belongs to root: a Job creates the workload directories (owned by the workloads' uid:gid)
        // before anything mounts them, and each workload mounts only the directories it uses, each through its own volume.
        var share = training.Workspace;
        Preparation = new WorkspacePreparation(this, "WorkspacePreparation", new WorkspacePreparationProps
        {
            Name = WorkspaceName,
            Server = share.IpAddress,
            Path = share.SharePath,
            CapacityGb = share.CapacityGb,
            Directories = WorkspaceDirectories,
            Image = servingImage,
            DataClassification = DataClassification.Confidential,
        });
        WorkspaceVolumes = WorkspaceDirectories.ToDictionary(dir => dir, dir => new NfsWorkspaceVolume(this, $"WorkspaceVolume-{dir}", new NfsWorkspaceVolumeProps
        {
            Name = $"{WorkspaceName}-{dir}",
            Namespace = Namespace.Name,
            Server = share.IpAddress,
            Path = share.SharePath,
            CapacityGb = share.CapacityGb,
            Directory = dir,
            PreparedBy = Preparation,
        }));
        var models = WorkspaceVolumes["models"];
        var datasets = WorkspaceVolumes["datasets"];

        Serving = new ModelServingDeployment(this, "ModelServing", new ModelServingDeploymentProps
        {
            Name = model,
            Namespace = Namespace.Name,
            Budget = Namespace.Budget,
            Image = servingImage,
            Resources = workloads.ServingResources,
            Autoscaling = workloads.ServingAutoscaling,
            ProjectId = gcp.ProjectId,
            ModelRegistryBucket = training.ModelRegistry.BucketName,
            Models = models.Mount("/models", readOnly: true),
            Settings = new Dictionary<string, string> { ["MODEL_NAME"] = model, ["MODEL_DIR"] = "/models" },
        });

        // Managed Prometheus scrapes the model server's metrics; the dashboard, the alerts (and a custom-metric autoscaler) read them.
        ServingMetrics = new ServingPodMonitoring(this, "ServingMetrics", new ServingPodMonitoringProps { Serving = Serving });

        // Retraining writes new model versions to the registry; create-only, so earlier versions stay.
        var trainer = new WorkloadIdentityAccount(this, "TrainerIdentity", new WorkloadIdentityAccountProps
        {
            Name = $"{model}-trainer",
            Namespace = Namespace.Name,
            ProjectId = gcp.ProjectId,
            ReadBuckets = [training.ModelRegistry.BucketName],
            WriteBuckets = [training.ModelRegistry.BucketName],
        });

        var retrainName = $"{model}-retrain";
        Retrain = new BatchJob(this, "WeeklyRetrain", new BatchJobProps
        {
            Name = retrainName,
            Namespace = Namespace.Name,
            Budget = Namespace.Budget,
            Component = "retraining",
            Schedule = workloads.RetrainSchedule,
            Image = trainingImage,
            Command = ["python", "-m", "train"],
            Resources = workloads.RetrainingResources,
            Gpu = new GpuRequest { Count = environment.Training.GpuCount, Pool = training.GpuPool.Selector },
            Mounts =
            [
                datasets.Mount("/workspace/datasets", readOnly: true),
                WorkspaceVolumes["checkpoints"].Mount("/workspace/checkpoints"),
                models.Mount("/workspace/models"),
            ],
            ServiceAccountName = trainer.Name,
        });

        BatchInference = new BatchJob(this, "BatchInference", new BatchJobProps
        {
            Name = $"{model}-batch-inference",
            Namespace = Namespace.Name,
            Budget = Namespace.Budget,
            Component = "batch-inference",
            Schedule = workloads.BatchInferenceSchedule,
            Image = servingImage,
            Command = ["python", "-m", "batch_predict"],
            Resources = workloads.BatchInferenceResources,
            Mounts =
            [
                datasets.Mount("/workspace/datasets", readOnly: true),
                models.Mount("/workspace/models", readOnly: true),
                WorkspaceVolumes["predictions"].Mount("/workspace/predictions"),
            ],
            ActiveDeadlineSeconds = 7200,
            ServiceAccountName = Serving.Identity.Name,
        });

        // Default deny in the namespace; each workload gets what it needs: DNS, Google APIs and the metadata server
        // (Workload Identity) for the registry bucket, and the model server its port from this namespace and the declared
        // callers. NFS needs no allow: kubelet mounts the share from the node.
        List<EgressTarget> googleApis = [EgressTarget.KubeDns, EgressTarget.GoogleApis, EgressTarget.GkeMetadataServer];
        NetworkPolicies = new NamespaceNetworkPolicies(this, "NetworkPolicies", new NamespaceNetworkPoliciesProps
        {
            Namespace = Namespace.Name,
            Allows =
            [
                new PodNetworkAccess
                {
                    Name = model,
                    PodLabels = Serving.PodSelector,
                    Egress = googleApis,
                    IngressPorts = [Serving.ContainerPort],
                    CallerNamespaces = workloads.ServingCallerNamespaces,
                },
                new PodNetworkAccess { Name = $"{model}-retrain", PodLabels = Retrain.PodSelector, Egress = googleApis },
                new PodNetworkAccess { Name = $"{model}-batch-inference", PodLabels = BatchInference.PodSelector, Egress = googleApis },
            ],
        });

        // Publish before deploy: the plan reads both images in the GCP stack's repository and stops, naming the image and the
        // push command, before any workload is created.
        PublishedImages = new PublishedContainerImages(this, "PublishedImages", new PublishedContainerImagesProps { Images = [servingImage, trainingImage] });
        PublishedImages.RequiredBy(Preparation, Serving, Retrain, BatchInference);

        // One dashboard per cluster, and alert policies only where someone receives them (GcpMonitoring.AlertEmails; prod must).
        // Plain names in the queries (the namespace of the serving objects is a reference to the namespace resource).
        var observedServing = new ObservedServing { Namespace = ServingMetrics.Namespace, Job = ServingMetrics.Name } with { Namespace = WorkloadNamespace };
        var observedRetrain = new ObservedCronJob(WorkloadNamespace, retrainName);
        Dashboard = new ClusterDashboard(this, "Dashboard", new ClusterDashboardProps
        {
            Cluster = training.Observed,
            Serving = observedServing,
            Retrain = observedRetrain,
        });
        if (environment.GcpMonitoring.AlertEmails.Count > 0)
        {
            var channels = new EmailNotificationChannels(this, "AlertChannels", new EmailNotificationChannelsProps
            {
                ProjectId = gcp.ProjectId,
                Emails = environment.GcpMonitoring.AlertEmails,
                DisplayNamePrefix = $"{environment.Project}-{environment.Name}",
            });
            Alerts = new ClusterAlertPolicies(this, "Alerts", new ClusterAlertPoliciesProps
            {
                Cluster = training.Observed,
                NotificationChannels = channels.ChannelIds,
                Serving = observedServing,
                Retrain = observedRetrain,
                FilestoreInstanceName = training.WorkspaceName,
            });
        }

        if (environment.TrainingRuns is { Gke: { } runs } settings)
        {
            if (addons is null)
            {
                throw new ArgumentException($"Environment '{environment.Name}' runs training runs on GKE: give the add-ons stack that installs Kueue.", nameof(addons));
            }

            // Training runs wait here (make train): the CRDs come with the add-ons stack's Kueue release, applied before.
            RunQueues = TrainingRunQueues.Declare(this, Namespace.Name, training.GpuPool.Selector, settings, runs.GpusPerNode,
                runs.Provisioning == GpuProvisioning.QueuedProvisioning);
        }

        Output("namespace", Namespace.Name, "Namespace of the environment's ML workloads");
        Output("serving_service", Serving.ServiceName, "ClusterIP Service of the model server (port 80)");
        Output("workspace_claims", Fn.Join(",", WorkspaceVolumes.Values.Select(v => v.ClaimName).ToArray()),
            "PersistentVolumeClaims of the prepared workspace directories (models, datasets, checkpoints, predictions)");
    }

    /// <summary>The workloads' namespace.</summary>
    public MlNamespace Namespace { get; }

    /// <summary>The Job creating the workspace directories, before any workload mounts them.</summary>
    public WorkspacePreparation Preparation { get; }

    /// <summary>A volume and claim per prepared workspace directory, by directory.</summary>
    public IReadOnlyDictionary<string, NfsWorkspaceVolume> WorkspaceVolumes { get; }

    /// <summary>The namespace's default-deny and per-workload network policies.</summary>
    public NamespaceNetworkPolicies NetworkPolicies { get; }

    /// <summary>The model server.</summary>
    public ModelServingDeployment Serving { get; }

    /// <summary>The PodMonitoring scraping the model server.</summary>
    public ServingPodMonitoring ServingMetrics { get; }

    /// <summary>The cluster's Cloud Monitoring dashboard.</summary>
    public ClusterDashboard Dashboard { get; }

    /// <summary>The alert policies, or null when the environment names no alert e-mail.</summary>
    public ClusterAlertPolicies? Alerts { get; }

    /// <summary>The weekly retrain.</summary>
    public BatchJob Retrain { get; }

    /// <summary>The daily batch inference.</summary>
    public BatchJob BatchInference { get; }

    /// <summary>The plan-time check that the serving and training images are published.</summary>
    public PublishedContainerImages PublishedImages { get; }

    /// <summary>The Kueue queue of the environment's GKE training runs, or null when it runs none.</summary>
    public Kubernetes.Kueue.KueueQueues? RunQueues { get; }
}
