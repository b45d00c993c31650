using Constructs;
using HashiCorp.Cdktf.Providers.Kubernetes.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Environments;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The training workloads on an environment's EKS cluster (<c>mlops-eks-k8s-{env}</c>): the training namespace
/// (classification label, quota, limit range, default-deny network policies), the trainer's identity through EKS Pod
/// Identity (read the release's datasets, add model versions to the platform's artifact bucket, never delete) and the
/// weekly retrain on the GPU node group. Applied after <see cref="EksAddonsStack"/>: without the device plugin no node
/// advertises <c>nvidia.com/gpu</c>, and without the autoscaler the GPU group never leaves zero. Composition only.
/// </summary>
public sealed class EksWorkloadsStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "eks-k8s";

    /// <summary>The namespace of the training workloads.</summary>
    public const string WorkloadNamespace = "ml-training";

    /// <summary>Declares the workloads stack of <paramref name="environment"/>.</summary>
    public EksWorkloadsStack(Construct scope, DeploymentEnvironment environment, AwsPlatformStack platform, EksClusterStack cluster, EksAddonsStack addons)
        : base(scope, Cloud, environment, StateStore.S3)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(addons);
        AddDependency(addons);
        var eks = environment.EksTraining!;
        var model = environment.Release.Name;
        UseAwsProvider();
        var (host, ca, token) = cluster.ConnectionFor(this);
        new KubernetesProvider(this, "kubernetes", new KubernetesProviderConfig { Host = host, ClusterCaCertificate = ca, Token = token });
        QualifyProviderSource("kubernetes");

        Namespace = new MlNamespace(this, "Namespace", new MlNamespaceProps
        {
            Name = WorkloadNamespace,
            DataClassification = DataClassification.Confidential,
            Quota = eks.Quota,
        });

        Trainer = new PodIdentityAccount(this, "TrainerIdentity", new PodIdentityAccountProps
        {
            Name = $"{model}-trainer",
            Namespace = Namespace.Name,
            ClusterName = cluster.Cluster.Name,
        });
        var artifacts = ModelArtifactBucket.FromBucketName(this, "ModelArtifacts", new ImportedModelArtifactBucketProps
        {
            BucketName = platform.ModelArtifacts.BucketName,
            KmsKeyArn = platform.ModelArtifacts.KeyArn,
        });
        var trainerRole = RoleReference.FromRole(Trainer.Role);
        artifacts.GrantRead(trainerRole, "datasets/");
        artifacts.GrantWrite(trainerRole, $"{ModelRelease.ArchiveFolder}/{model}/");

        Retrain = new BatchJob(this, "WeeklyRetrain", new BatchJobProps
        {
            Name = $"{model}-retrain",
            Namespace = Namespace.Name,
            Budget = Namespace.Budget,
            Component = "retraining",
            Schedule = eks.RetrainSchedule,
            Image = $"{cluster.TrainingImages.RepositoryUrl}:{environment.Release.Version}",
            Command = ["python", "-m", "train"],
            Resources = eks.RetrainingResources,
            Gpu = new GpuRequest { Count = cluster.GpuNodes.Selector.GpusPerNode ?? 1, Pool = cluster.GpuNodes.Selector },
            // Runs as the trainer's service account and waits for its Pod Identity association.
            Identity = Trainer,
        });

        NetworkPolicies = new NamespaceNetworkPolicies(this, "NetworkPolicies", new NamespaceNetworkPoliciesProps
        {
            Namespace = Namespace.Name,
            Allows =
            [
                new PodNetworkAccess
                {
                    Name = $"{model}-retrain",
                    PodLabels = Retrain.PodSelector,
                    Egress = [EgressTarget.KubeDns, EgressTarget.AwsApis, EgressTarget.EksPodIdentityAgent],
                },
            ],
        });

        if (environment.TrainingRuns is { Eks: { } runs } settings)
        {
            // Training runs wait here (make train): the CRDs come with the add-ons stack's Kueue release, applied before.
            RunQueues = TrainingRunQueues.Declare(this, Namespace.Name, cluster.GpuNodes.Selector, settings,
                EksGpuInstanceRules.Of(runs.InstanceType)?.Count ?? 1, queuedProvisioning: false);
        }

        Output("namespace", Namespace.Name, "Namespace of the training workloads on the EKS cluster");
        Output("retrain_cronjob", Retrain.Name, "The weekly retrain (kubectl create job --from=cronjob/<name> runs it now)");
    }

    /// <summary>The training namespace.</summary>
    public MlNamespace Namespace { get; }

    /// <summary>The trainer's Pod Identity account.</summary>
    public PodIdentityAccount Trainer { get; }

    /// <summary>The weekly retrain on the GPU node group.</summary>
    public BatchJob Retrain { get; }

    /// <summary>The namespace's network policies.</summary>
    public NamespaceNetworkPolicies NetworkPolicies { get; }

    /// <summary>The Kueue queue of the environment's EKS training runs, or null when it runs none.</summary>
    public Kubernetes.Kueue.KueueQueues? RunQueues { get; }
}
