using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsEksCluster;
using HashiCorp.Cdktf.Providers.Aws.DataAwsEksClusterAuth;
using HashiCorp.Cdktf.Providers.Google.DataGoogleClientConfig;
using HashiCorp.Cdktf.Providers.Google.DataGoogleContainerCluster;
using HashiCorp.Cdktf.Providers.Kubernetes.Provider;
using MlopsCdktf.Environments;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The Job of ONE training run (<c>mlops-train-{env}-{run}-job</c>), applied after <see cref="TrainingRunStack"/> and
/// destroyed before it: it trains the environment's model release on the run's nodes only (their role label and taint), as
/// the environment's trainer identity (create-only rights on the model prefix), with the run, model version and
/// infrastructure version on the Job and its pod. Terraform creates the Job and returns; <c>make train</c> waits for it with
/// kubectl, reading this stack's outputs. The namespace, the trainer's service account and (GKE) the workspace claims are
/// the environment's workloads stack's, named, not referenced. Composition only.
/// </summary>
public sealed class TrainingRunJobStack : MlopsStack
{
    /// <summary>Declares the Job of the run of <paramref name="capacity"/>.</summary>
    public TrainingRunJobStack(Construct scope, DeploymentEnvironment environment, TrainingRunStack capacity)
        : base(scope, environment, TrainingRunStack.StoreOf(environment), $"{TrainingRunStack.StackName(environment)}-job")
    {
        ArgumentNullException.ThrowIfNull(capacity);
        AddDependency(capacity);
        var run = capacity.Run;
        var runs = environment.TrainingRuns!;
        var release = environment.Release;
        var model = release.Name;
        var clusterName = environment.TrainingClusterName;
        string @namespace, image, artifactUri, location, projectId;
        IReadOnlyList<ClaimMount> mounts = [];
        var settings = new Dictionary<string, string>
        {
            ["MODEL_NAME"] = model,
            ["MODEL_VERSION"] = release.Version,
            ["TRAINING_RUN"] = run.Name,
        };
        if (run.Cloud == TrainingCloud.Eks)
        {
            UseAwsProvider();
            var cluster = new DataAwsEksCluster(this, "Cluster", new DataAwsEksClusterConfig { Name = clusterName });
            var auth = new DataAwsEksClusterAuth(this, "ClusterAuth", new DataAwsEksClusterAuthConfig { Name = clusterName });
            new KubernetesProvider(this, "kubernetes", new KubernetesProviderConfig
            {
                Host = cluster.Endpoint,
                ClusterCaCertificate = Fn.Base64decode(cluster.CertificateAuthority.Get(0).Data),
                Token = auth.Token,
            });
            @namespace = EksWorkloadsStack.WorkloadNamespace;
            image = $"{environment.Aws.AccountId}.dkr.ecr.{environment.Aws.Region}.amazonaws.com/{environment.EksTrainingRepositoryName}:{release.Version}";
            // The trainer may add objects under models/<model>/ of the platform's artifact bucket, never delete.
            artifactUri = $"s3://{AwsPlatformStack.ModelArtifactsBucketName(environment)}/{ModelRelease.ArchiveFolder}/{model}/runs/{run.Name}/";
            settings["CHECKPOINT_URI"] = artifactUri + "checkpoints/";
            location = environment.Aws.Region;
            projectId = string.Empty;
        }
        else
        {
            var gcp = environment.Gcp;
            UseGoogleProvider();
            var client = new DataGoogleClientConfig(this, "client");
            var cluster = new DataGoogleContainerCluster(this, "Cluster", new DataGoogleContainerClusterConfig
            {
                Name = clusterName,
                Location = gcp.Region,
                Project = gcp.ProjectId,
            });
            new KubernetesProvider(this, "kubernetes", new KubernetesProviderConfig
            {
                // The cluster's IAM-authorised DNS endpoint (GcpTrainingStack), reachable from any runner with the caller's token.
                Host = "https://" + cluster.GetStringAttribute("control_plane_endpoints_config.0.dns_endpoint_config.0.endpoint"),
                Token = client.AccessToken,
            });
            @namespace = KubernetesStack.WorkloadNamespace;
            image = environment.GkeTrainingImage;
            artifactUri = $"gs://{GcpTrainingStack.ModelRegistryBucketName(environment)}/{model}/runs/{run.Name}/";
            settings["CHECKPOINT_DIR"] = $"/workspace/checkpoints/{run.Name}";
            mounts =
            [
                Claim("datasets", "/workspace/datasets", readOnly: true),
                Claim("checkpoints", "/workspace/checkpoints", readOnly: false),
            ];
            location = gcp.Region;
            projectId = gcp.ProjectId;
        }

        QualifyProviderSource("kubernetes");
        settings["ARTIFACT_URI"] = artifactUri;
        var gpus = capacity.Selector.GpusPerNode ?? 1;
        Job = new TrainingJob(this, "Run", new TrainingJobProps
        {
            Name = JobName(environment, run),
            Namespace = @namespace,
            Image = image,
            Command = ["python", "-m", "train"],
            Resources = runs.Resources,
            Gpu = new GpuRequest { Count = gpus, Pool = capacity.Selector },
            Mounts = mounts,
            // The environment's trainer (its workloads stack): create-only on the model's prefix; the run does not own it.
            Identity = new DeployedWorkloadIdentity { Name = $"{model}-trainer", Namespace = @namespace },
            Environment = settings,
            RunLabels = new Dictionary<string, string>
            {
                [TrainingRunStack.RunLabel] = run.Name,
                ["mlops.io/model-version"] = LabelValue(release.Version),
                ["mlops.io/infra-version"] = LabelValue(environment.Delivery.InfraVersion),
            },
            ActiveDeadlineSeconds = (int)runs.MaxRunDuration.TotalSeconds,
            // Admitted by the environment's Kueue queue (its workloads stack): at most MaxConcurrentRuns at once, and on GKE
            // with queued provisioning only once the ProvisioningRequest got every node.
            QueueName = TrainingRunQueues.LocalQueue,
        });

        Output("cloud", run.Cloud.ToString().ToLowerInvariant(), "The cluster's cloud (gke or eks): how make train gets a kubeconfig");
        Output("cluster_name", clusterName, "The cluster the run trains on");
        Output("cluster_location", location, "The cluster's region");
        Output("project_id", projectId, "The GKE cluster's project (empty on EKS)");
        Output("namespace", @namespace, "The namespace of the run's Job");
        Output("job_name", Job.Name, "The run's Job (kubectl -n <namespace> get job <name>)");
        Output("artifact_uri", artifactUri, "Where the run writes the trained model (create-only for the trainer)");

        ClaimMount Claim(string directory, string path, bool readOnly) => new()
        {
            ClaimName = $"{KubernetesStack.WorkspaceName}-{directory}",
            MountPath = path,
            ReadOnly = readOnly,
        };
    }

    /// <summary>The Job name of a run: <c>{model}-train-{run}</c>.</summary>
    public static string JobName(DeploymentEnvironment environment, TrainingRunSelection run)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(run);
        return $"{environment.Release.Name}-train-{run.Name}";
    }

    /// <inheritdoc />
    public override bool Ephemeral => true;

    /// <summary>A version as a Kubernetes label value: characters a label rejects (':' of a digest, '+') become '-', at most 63.</summary>
    private static string LabelValue(string version)
    {
        var value = System.Text.RegularExpressions.Regex.Replace(version, "[^A-Za-z0-9._-]", "-");
        return value[..Math.Min(63, value.Length)].Trim('-', '.', '_');
    }

    /// <summary>The run's Job.</summary>
    public TrainingJob Job { get; }
}
