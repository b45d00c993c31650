using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using HashiCorp.Cdktf.Providers.Aws.S3Bucket;
using HashiCorp.Cdktf.Providers.Google.Provider;
using HashiCorp.Cdktf.Providers.Helm.Provider;
using HashiCorp.Cdktf.Providers.Kubernetes.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;
using MlopsCdktf.Core.Scheduling;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Kubernetes.Addons;
using MlopsCdktf.Kubernetes.Kueue;
using MlopsCdktf.Policy;

#pragma warning disable CA1806, IDE0059, CS0219 // snippets declare what they show; not every value is used afterwards

namespace MlopsCdktf.Tests.Docs;

/// <summary>
/// The C# snippets of the documentation, compiled here and run by <see cref="DocSnippetTests"/>: each
/// <c>#region snippet: name</c> is the code block after <c>&lt;!-- snippet: name --&gt;</c> in a page, word for word.
/// Each method runs in a fresh stack with the three providers; the lines above a region set up what the snippet uses.
/// </summary>
internal sealed class DocSnippets : TerraformStack
{
    public DocSnippets(Construct scope, string id)
        : base(scope, id)
    {
        new AwsProvider(this, "aws", new AwsProviderConfig { Region = "eu-west-1" });
        new GoogleProvider(this, "google", new GoogleProviderConfig { Project = "acme-mlops-prod", Region = "europe-west4" });
        new KubernetesProvider(this, "kubernetes", new KubernetesProviderConfig { ConfigPath = "~/.kube/config" });
        new HelmProvider(this, "helm", new HelmProviderConfig { Kubernetes = new HelmProviderKubernetes { ConfigPath = "~/.kube/config" } });
    }

    public void ShowModelArtifactBucket()
    {
        var inferenceRole = RoleReference.FromArn("arn:aws:iam::123456789012:role/ml/inference");
        var captureRole = RoleReference.FromArn("arn:aws:iam::123456789012:role/ml/capture");
        #region snippet: model-artifact-bucket
        var artifacts = new ModelArtifactBucket(this, "ModelArtifacts", new ModelArtifactBucketProps
        {
            BucketName = "acme-ml-prod-model-artifacts",
            DeletionPolicy = DeletionPolicy.PreventDestroy,            // default
            Lifecycle = new ModelArtifactLifecycle { NoncurrentVersionExpirationDays = 365 },
            AccessLogs = new AccessLogTarget { BucketName = "acme-s3-access-logs" },
        });
        artifacts.GrantRead(inferenceRole, keyPrefix: "models/");     // s3:ListBucket (prefix-scoped), Get*, kms:Decrypt
        artifacts.GrantWrite(captureRole, keyPrefix: "data-capture/"); // Put/multipart only, kms:GenerateDataKey
        #endregion
    }

    public void ShowImportedModelArtifactBucket()
    {
        var deployerRoleArn = new TerraformVariable(this, "deployer_role_arn", new TerraformVariableConfig { Type = "string" });
        #region snippet: imported-model-artifact-bucket
        var shared = ModelArtifactBucket.FromBucketName(this, "SharedArtifacts", new ImportedModelArtifactBucketProps
        {
            BucketName = "acme-shared-model-artifacts",                  // S3 naming rules; same region as the stack
            KmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", // its SSE-KMS key; omit for SSE-S3 (no key grant)
        });
        shared.GrantRead(RoleReference.FromArn("arn:aws:iam::123456789012:role/ml/batch-scorer"), keyPrefix: "models/");
        shared.GrantWrite(RoleReference.FromArn(deployerRoleArn.StringValue), keyPrefix: "exports/");   // a reference works too
        #endregion
    }

    public void ShowModelImageRepository()
    {
        var executionRole = RoleReference.FromArn("arn:aws:iam::123456789012:role/ml/execution");
        #region snippet: model-image-repository
        var images = new ModelImageRepository(this, "ModelImages", new ModelImageRepositoryProps { RepositoryName = "ml/churn-serving" });
        images.GrantPull(executionRole);          // ecr:BatchGetImage, GetDownloadUrlForLayer, BatchCheckLayerAvailability on this repo
        var uri = images.ImageUri("1.0.0");       // or "sha256:<digest>"; "latest" and empty tags are rejected
        #endregion
    }

    public void ShowImportedModelImageRepository()
    {
        #region snippet: imported-model-image-repository
        var team = ModelImageRepository.FromRepositoryName(this, "TeamImages", "ml/churn-serving");   // deploying account and region
        var baseImages = ModelImageRepository.FromRepositoryUrl(this, "BaseImages", "210987654321.dkr.ecr.us-east-1.amazonaws.com/shared/base");
        baseImages.GrantPull(RoleReference.FromArn("arn:aws:iam::123456789012:role/ml/batch-scorer"));
        #endregion
    }

    public void ShowModelApiKey()
    {
        var executionRole = RoleReference.FromArn("arn:aws:iam::123456789012:role/ml/execution");
        #region snippet: model-api-key
        var apiKey = new ModelApiKey(this, "ApiKey", new ModelApiKeyProps { SecretName = "mlops/prod/churn/api-key" });
        apiKey.GrantRead(executionRole);          // GetSecretValue + DescribeSecret on this secret, kms:Decrypt via Secrets Manager only
        #endregion
    }

    public void ShowSagemakerEndpoint()
    {
        var artifacts = new ModelArtifactBucket(this, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-prod-model-artifacts" });
        var images = new ModelImageRepository(this, "Images", new ModelImageRepositoryProps { RepositoryName = "ml/churn-serving" });
        var alarms = new AlarmTopic(this, "Alarms", new AlarmTopicProps { TopicName = "mlops-prod-alarms", EmailSubscriptions = ["ml-oncall@acme.example"] });
        #region snippet: sagemaker-endpoint
        var endpoint = new SageMakerEndpoint(this, "ModelEndpoint", new SageMakerEndpointProps
        {
            EndpointName = "mlops-prod-churn",
            ArtifactBucket = artifacts,                                  // may live in another stack (cross-stack reference)
            ModelDataKey = "models/churn/1.0.0/model.tar.gz",
            ImageRepository = images,
            ImageTagOrDigest = "1.0.0",
            Variants = [new InstanceVariant
            {
                InstanceType = SageMakerInstanceType.G5Xlarge,           // or .Of("ml.g5.2xlarge"); GPU: local NVMe, no volume key
                InitialInstanceCount = 2,
                Autoscaling = new EndpointAutoscaling { MinInstances = 2, MaxInstances = 6, MaxRequestsPerSecondPerInstance = 20 },
            }],
            DataCapture = new DataCaptureOptions { SamplingPercentage = 20 },   // on by default, 100 %
            DataQualityMonitoring = new DataQualityMonitoring { BaselineKeyPrefix = "baselines/churn/1.0.0/" }, // hourly: the capture is read
            Alarms = new EndpointAlarms { AlarmTopicArn = alarms.TopicArn },   // an AlarmTopic
            Deployment = new EndpointDeployment(),                          // canary of 1 instance, rollback on those alarms
        });
        #endregion
    }

    public void ShowDataQualityMonitoring()
    {
        var artifacts = new ModelArtifactBucket(this, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-prod-model-artifacts" });
        var images = new ModelImageRepository(this, "Images", new ModelImageRepositoryProps { RepositoryName = "ml/churn-serving" });
        #region snippet: sagemaker-endpoint-monitoring
        var endpoint = new SageMakerEndpoint(this, "ModelEndpoint", new SageMakerEndpointProps
        {
            EndpointName = "mlops-prod-churn",
            ArtifactBucket = artifacts,
            ModelDataKey = "models/churn/1.0.0/model.tar.gz",
            ImageRepository = images,
            ImageTagOrDigest = "1.0.0",
            Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Xlarge }],
            // DataCapture is on by default: the monitor reads it.
            DataQualityMonitoring = new DataQualityMonitoring
            {
                BaselineKeyPrefix = "baselines/churn/1.0.0/",   // statistics.json + constraints.json, in the artifact bucket
                Schedule = MonitorSchedule.Hourly,              // default; DailyAt(6), Every(6) — UTC
            },
        });
        #endregion
    }

    public void ShowAlarmTopic()
    {
        #region snippet: alarm-topic
        var alarms = new AlarmTopic(this, "Alarms", new AlarmTopicProps
        {
            TopicName = "mlops-prod-alarms",
            EmailSubscriptions = ["ml-oncall@acme.example"],   // each address confirms once
        });
        #endregion
    }

    public void ShowAccessLogBucket()
    {
        #region snippet: access-log-bucket
        var logs = new AccessLogBucket(this, "AccessLogs", new AccessLogBucketProps { BucketName = "acme-ml-prod-s3-access-logs" });
        var artifacts = new ModelArtifactBucket(this, "ModelArtifacts", new ModelArtifactBucketProps
        {
            BucketName = "acme-ml-prod-model-artifacts",
            AccessLogs = logs.Target,                         // a reference: logging waits for the bucket
        });
        #endregion
    }

    public void ShowEksCluster()
    {
        var artifacts = new ModelArtifactBucket(this, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-prod-model-artifacts" });
        #region snippet: eks-cluster
        var network = new PrivateNetwork(this, "TrainingNetwork", new PrivateNetworkProps
        {
            Name = "mlops-prod-eks", CidrBlock = "10.131.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            InterfaceEndpointServices = PrivateNetwork.EksEndpointServices,     // ECR, STS, EC2, Logs, EKS, EKS auth, Auto Scaling
            InternetEgress = InternetEgress.NatGatewayPerZone,                 // public images (registry.k8s.io, nvcr.io); default None
            PublicCidrBlock = "10.132.0.0/24",
        });
        var cluster = new EksCluster(this, "Training", new EksClusterProps
        {
            Name = "mlops-prod-training",
            SubnetIds = network.PrivateSubnetIds,
            KubernetesVersion = "1.35",                                          // default: EksVersions.Default
            AdminPrincipalArns = ["arn:aws:iam::123456789012:role/mlops-deployer"],
            // PublicAccess = true, PublicAccessCidrs = ["203.0.113.0/28"],     // default: private endpoint only
        });
        network.AdmitToEndpoints("EksNodes", cluster.ClusterSecurityGroupId, "HTTPS from the EKS nodes");
        var system = new EksNodeGroup(this, "System", new EksNodeGroupProps { Cluster = cluster, Name = "system" });
        var gpus = new EksGpuNodeGroup(this, "GpuL4", new EksGpuNodeGroupProps
        {
            Cluster = cluster, Name = "gpu-l4",
            Gpu = NvidiaGpu.L4, InstanceType = "g6.12xlarge",                   // 4 × L4 per node, checked at synth
            MaxSize = 4, Spot = true,                                            // MinSize 0: scales from zero
        });
        var autoscaler = new ClusterAutoscalerIdentity(this, "Autoscaler", new ClusterAutoscalerIdentityProps
        {
            Cluster = cluster, NodeGroups = [system, gpus],
        });
        var trainer = new PodIdentityRole(this, "Trainer", new PodIdentityRoleProps
        {
            Cluster = cluster, Namespace = "training", ServiceAccount = "trainer",
            Statements = [new PolicyStatement { Sid = "ReadModels", Actions = Actions.S3.ReadObjects, Resources = [$"{artifacts.BucketArn}/models/*"] }],
        });
        // gpus.Selector → BatchJob's GPU pool selector; cluster.Endpoint, cluster.CertificateAuthorityData → the Helm and Kubernetes providers
        #endregion
    }

    public void ShowRunNodeGroupOnDeployedCluster()
    {
        #region snippet: eks-run-node-group
        // In another stack than the cluster's (one training run): the cluster is read by name, nothing of its stack's state.
        var cluster = EksCluster.FromClusterName(this, "Cluster", "mlops-prod-training");
        var run = new EksGpuNodeGroup(this, "RunNodes", new EksGpuNodeGroupProps
        {
            Cluster = cluster, Name = "run-exp-7", Role = "run-exp-7",       // the run's pods require this role label
            Gpu = NvidiaGpu.A10G, InstanceType = "g5.xlarge",
            MinSize = 1, MaxSize = 1, ScaleFromZero = false,                   // fixed: the run's node, for the run only
            AutoscalerManaged = false,                                         // no discovery tags: no autoscaler drains it
        });
        #endregion
    }

    public void ShowPrivateNetworkAndNotebook()
    {
        var artifacts = new ModelArtifactBucket(this, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-prod-model-artifacts" });
        #region snippet: private-network-and-notebook
        var network = new PrivateNetwork(this, "Network", new PrivateNetworkProps
        {
            Name = "mlops-prod", CidrBlock = "10.130.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            // InterfaceEndpointServices = ["sagemaker.api", "sagemaker.runtime", "secretsmanager"],
        });
        var notebook = new SageMakerNotebook(this, "Notebook", new SageMakerNotebookProps
        {
            Name = "mlops-prod-research",
            SubnetId = network.FirstPrivateSubnetId,
            SecurityGroupIds = [network.WorkloadSecurityGroupId],
            ArtifactBucket = artifacts,                          // read, write under notebooks/, its key through S3 only
            IdleMinutes = 120,                                   // lifecycle configuration stops the notebook when idle
            DeletionPolicy = DeletionPolicy.PreventDestroy,      // default
        });
        // notebook.Url; network.PrivateSubnetIds → SageMakerEndpointProps.Vpc (the serving stack reads them cross-stack)
        #endregion
    }

    public void ShowMlCluster()
    {
        #region snippet: ml-cluster
        var cluster = new MlCluster(this, "Cluster", new MlClusterProps
        {
            ProjectId = "acme-mlops-prod",
            Name = "mlops-prod-training",
            Location = "europe-west4",                                          // region: regional control plane
            Network = "mlops-vpc",
            Subnetwork = "mlops-gke-nodes",
            IpRanges = ClusterIpRanges.SecondaryRanges("gke-pods", "gke-services"), // or ClusterIpRanges.Cidrs(...)
            ReleaseChannel = ReleaseChannel.Stable,                             // default Regular
        });
        #endregion
    }

    public void ShowDwsNodePools()
    {
        var cluster = new MlCluster(this, "Cluster", new MlClusterProps
        {
            ProjectId = "acme-mlops-prod", Name = "mlops-prod-training", Location = "europe-west4", Network = "mlops-vpc",
            Subnetwork = "mlops-gke-nodes", IpRanges = ClusterIpRanges.SecondaryRanges("gke-pods", "gke-services"),
        });
        #region snippet: dws-node-pools
        // One run on 2 L4s, obtained by flex-start: no reservation, nodes deleted after 24 hours at the latest.
        var runPool = new GpuNodePool(this, "RunPool", new GpuNodePoolProps
        {
            Cluster = cluster.NodePoolTarget,
            Name = "train-run-42",
            Gpu = GpuType.NvidiaL4,
            MachineType = "g2-standard-24",
            GpuCount = 2,
            Autoscaling = NodePoolAutoscaling.Total(0, 1),     // DWS: from 0, location policy Any (the default)
            Provisioning = GpuProvisioning.FlexStart,
            MaxRunDuration = TimeSpan.FromHours(24),          // required for DWS: 30 s to 7 days
        });
        // Multi-node runs: all 4 A100 nodes at once, only through Kueue's ProvisioningRequest admission check.
        var queuedPool = new GpuNodePool(this, "QueuedPool", new GpuNodePoolProps
        {
            Cluster = cluster.NodePoolTarget,
            Name = "train-queued-a100",
            Gpu = GpuType.NvidiaA100_40Gb,
            MachineType = "a2-highgpu-8g",
            GpuCount = 8,
            NodeLocations = ["europe-west4-a"],
            Autoscaling = NodePoolAutoscaling.Total(0, 4),
            Provisioning = GpuProvisioning.QueuedProvisioning,
            MaxRunDuration = TimeSpan.FromDays(3),
        });
        #endregion
    }

    public void ShowTrainingJob()
    {
        var gpuPool = new GpuNodePool(this, "RunPool", new GpuNodePoolProps
        {
            Cluster = new NodePoolCluster { ClusterId = "projects/acme-mlops-prod/locations/europe-west4/clusters/training", Location = "europe-west4", NodeServiceAccountEmail = "gke-nodes@acme-mlops-prod.iam.gserviceaccount.com" },
            Name = "train-run-42", Gpu = GpuType.NvidiaL4, MachineType = "g2-standard-24", GpuCount = 2, Autoscaling = NodePoolAutoscaling.Total(0, 1),
            Provisioning = GpuProvisioning.FlexStart, MaxRunDuration = TimeSpan.FromHours(24),
        });
        var checkpoints = new NfsWorkspaceVolume(this, "Checkpoints", new NfsWorkspaceVolumeProps { Name = "checkpoints", Server = "10.0.0.2", Path = "/workspace", CapacityGb = 1024, Namespace = "ml-models" });
        var trainer = new WorkloadIdentityAccount(this, "Trainer", new WorkloadIdentityAccountProps
        {
            Name = "churn-trainer", Namespace = "ml-models", ProjectId = "acme-mlops-prod", ReadBuckets = ["acme-ml-datasets"], WriteBuckets = ["mlops-prod-model-registry-acme"],
        });
        #region snippet: training-job
        var run = new TrainingJob(this, "Run", new TrainingJobProps
        {
            Name = "churn-train-run-42",
            Namespace = "ml-models",
            Image = "europe-west4-docker.pkg.dev/acme-mlops-prod/models/churn-train:1.4.0",
            Command = ["python", "-m", "train"],
            Resources = new ContainerResources { CpuRequest = "8", MemoryRequest = "32Gi", CpuLimit = "16", MemoryLimit = "64Gi" },
            Gpu = new GpuRequest { Count = 2, Pool = gpuPool.Selector },   // toleration + node affinity of the pool
            Mounts = [checkpoints.Mount("/workspace/checkpoints")],
            Identity = trainer,                                          // the Job waits for its account and bindings
            Environment = new Dictionary<string, string> { ["MODEL_VERSION"] = "1.4.0" },
            RunLabels = new Dictionary<string, string>
            {
                ["mlops.io/run"] = "run-42", ["mlops.io/model-version"] = "1.4.0", ["mlops.io/infra-version"] = "2025.11.0",
            },
            QueueName = "gpu-training",                                  // optional Kueue LocalQueue
            ActiveDeadlineSeconds = 20 * 3600,                           // default 24 h; below the pool's MaxRunDuration
        });
        // The caller waits: kubectl -n ml-models wait --for=condition=complete job/churn-train-run-42
        #endregion
    }

    public void ShowGpuAndCpuNodePools()
    {
        var cluster = new MlCluster(this, "Cluster", new MlClusterProps
        {
            ProjectId = "acme-mlops-prod", Name = "mlops-prod-training", Location = "europe-west4", Network = "mlops-vpc",
            Subnetwork = "mlops-gke-nodes", IpRanges = ClusterIpRanges.SecondaryRanges("gke-pods", "gke-services"),
        });
        #region snippet: gpu-and-cpu-node-pools
        new GpuNodePool(this, "GpuPool", new GpuNodePoolProps
        {
            Cluster = cluster.NodePoolTarget,
            Name = "gpu-training",
            Gpu = GpuType.NvidiaL4,
            MachineType = "g2-standard-24",
            GpuCount = 2,                                        // must equal the shape's count
            Autoscaling = NodePoolAutoscaling.Total(0, 4),       // or PerZone(min, max) — never both
            Spot = false,                                        // default: on-demand
            NodeLocations = ["europe-west4-a"],
            // Sharing = new GpuSharing(GpuSharingStrategy.TimeSharing, 4), MigPartitionSize = "1g.10gb" (A100/H100 only)
        });
        new CpuNodePool(this, "PreprocessingPool", new CpuNodePoolProps
        {
            Cluster = cluster.NodePoolTarget,
            Name = "preprocessing",
            MachineType = "n2-highmem-16",
            Autoscaling = NodePoolAutoscaling.PerZone(1, 4),
        });
        #endregion
    }

    public void ShowFilestoreWorkspace()
    {
        var ns = new MlNamespace(this, "Namespace", new MlNamespaceProps
        {
            Name = "ml-training", DataClassification = DataClassification.Internal,
            Quota = new NamespaceQuota { RequestsCpu = "8", RequestsMemory = "32Gi", LimitsCpu = "16", LimitsMemory = "64Gi" },
        });
        #region snippet: filestore-workspace
        var workspace = new FilestoreWorkspace(this, "Workspace", new FilestoreWorkspaceProps
        {
            Name = "mlops-prod-workspace",
            Tier = FilestoreTier.Regional,
            CapacityGb = 2560,                       // GiB; validated per tier
            Location = "europe-west4",               // region for REGIONAL/ENTERPRISE, zone for the others
            Network = "mlops-vpc",
        });
        new NfsWorkspaceVolume(this, "WorkspaceVolume", new NfsWorkspaceVolumeProps
        {
            Name = "training-workspace",
            Server = workspace.IpAddress,            // networks[0].ip_addresses[0]
            Path = workspace.SharePath,              // "/workspace"
            CapacityGb = workspace.CapacityGb,
            Namespace = ns.Name,                     // required; never "default"
        });
        #endregion
    }

    public void ShowModelRegistryBucket()
    {
        #region snippet: model-registry-bucket
        new ModelRegistryBucket(this, "ModelRegistry", new ModelRegistryBucketProps
        {
            BucketName = "mlops-prod-model-registry-acme-mlops-prod",
            Location = "europe-west4",
            NoncurrentVersions = new NoncurrentVersionRetention { KeepNewerVersions = 5, DeleteAfterDays = 365 },
            KmsKeyName = null,                       // optional CMEK
        });
        #endregion
    }

    public void ShowKubernetesWorkloads()
    {
        var registry = new ModelRegistryBucket(this, "Registry", new ModelRegistryBucketProps { BucketName = "mlops-prod-model-registry-acme", Location = "europe-west4" });
        var gpuPool = new GpuNodePool(this, "GpuPool", new GpuNodePoolProps
        {
            Cluster = new NodePoolCluster { ClusterId = "projects/acme-mlops-prod/locations/europe-west4/clusters/training", Location = "europe-west4", NodeServiceAccountEmail = "gke-nodes@acme-mlops-prod.iam.gserviceaccount.com" },
            Name = "gpu-training", Gpu = GpuType.NvidiaL4, MachineType = "g2-standard-24", GpuCount = 2, Autoscaling = NodePoolAutoscaling.Total(0, 4),
        });
        var modelsVolume = new NfsWorkspaceVolume(this, "Models", new NfsWorkspaceVolumeProps { Name = "models", Server = "10.0.0.2", Path = "/workspace", CapacityGb = 1024, Namespace = "ml-models" });
        var checkpoints = new NfsWorkspaceVolume(this, "Checkpoints", new NfsWorkspaceVolumeProps { Name = "checkpoints", Server = "10.0.0.2", Path = "/workspace", CapacityGb = 1024, Namespace = "ml-models" });
        #region snippet: kubernetes-workloads
        var ns = new MlNamespace(this, "Namespace", new MlNamespaceProps
        {
            Name = "ml-models",
            DataClassification = DataClassification.Confidential,   // public | internal | confidential | restricted
            Quota = new NamespaceQuota { RequestsCpu = "16", RequestsMemory = "64Gi", LimitsCpu = "32", LimitsMemory = "128Gi", Gpus = 2 },
        });
        var serving = new ModelServingDeployment(this, "ModelServing", new ModelServingDeploymentProps
        {
            Name = "churn",
            Namespace = ns.Name,
            Budget = ns.Budget,                      // checked with the namespace's other workloads against its quota
            Image = "europe-west4-docker.pkg.dev/acme-mlops-prod/models/churn-serving:1.0.0",   // tag or @sha256:…; latest/untagged rejected
            Resources = new ContainerResources { CpuRequest = "1", MemoryRequest = "2Gi", CpuLimit = "2", MemoryLimit = "4Gi" },
            Autoscaling = new PodAutoscaling { MinReplicas = 3, MaxReplicas = 10 },   // CPU; a PodsMetric needs a MetricsSource
            ProjectId = "acme-mlops-prod",
            ModelRegistryBucket = registry.BucketName,
            Models = modelsVolume.Mount("/models"),   // an NfsWorkspaceVolume of the prepared models/ directory
            // Gpu = new GpuRequest { Count = 1, Pool = gpuPool.Selector }, Ingress = new ServingIngress { Host = ..., TlsSecretName = ... },
            // Settings = {...} (ConfigMap, files at /etc/model-config), SecretNames = [...] (files at /var/run/secrets/mlops/<name>)
        });
        new BatchJob(this, "WeeklyRetrain", new BatchJobProps
        {
            Name = "churn-retrain", Namespace = ns.Name, Budget = ns.Budget, Schedule = "0 2 * * 1",
            Image = "europe-west4-docker.pkg.dev/acme-mlops-prod/models/churn-training:1.0.0",
            Resources = new ContainerResources { CpuRequest = "8", MemoryRequest = "32Gi", CpuLimit = "16", MemoryLimit = "64Gi" },
            Gpu = new GpuRequest { Count = 2, Pool = gpuPool.Selector },
            Mounts = [checkpoints.Mount("/workspace/checkpoints"), modelsVolume.Mount("/workspace/models")],
        });
        #endregion
    }

    public void ShowGcpObservability()
    {
        var serving = new ModelServingDeployment(this, "ModelServing", new ModelServingDeploymentProps
        {
            Name = "churn", Namespace = "ml-models", Image = "europe-west4-docker.pkg.dev/acme-mlops-prod/models/churn-serving:1.0.0",
            Resources = new ContainerResources { CpuRequest = "1", MemoryRequest = "2Gi", CpuLimit = "2", MemoryLimit = "4Gi" },
            Autoscaling = new PodAutoscaling { MinReplicas = 3, MaxReplicas = 10 }, ProjectId = "acme-mlops-prod", ModelRegistryBucket = "acme-ml-registry",
        });
        #region snippet: gcp-observability
        // MlClusterProps.Monitoring defaults to managed Prometheus + SYSTEM_COMPONENTS + DCGM; GPU pools keep GKE-installed drivers.
        var scrape = new ServingPodMonitoring(this, "ServingMetrics", new ServingPodMonitoringProps
        {
            Serving = serving,                 // selects exactly its pods; scrapes its container port by name
            Path = "/metrics", Interval = "30s",   // defaults
        });
        var cluster = new ObservedCluster
        {
            ProjectId = "acme-mlops-prod",
            ClusterName = "mlops-prod-training",
            Pools = [new ObservedNodePool("gpu-training", 0, 4, HasGpus: true), new ObservedNodePool("preprocessing", 1, 6, HasGpus: false)],
        };
        var retrain = new ObservedCronJob("ml-models", "churn-retrain");
        new ClusterDashboard(this, "Dashboard", new ClusterDashboardProps
        {
            Cluster = cluster, Serving = new ObservedServing { Namespace = scrape.Namespace, Job = scrape.Name }, Retrain = retrain,
        });
        var oncall = new EmailNotificationChannels(this, "AlertChannels", new EmailNotificationChannelsProps
        {
            ProjectId = "acme-mlops-prod", Emails = ["ml-oncall@acme.example"], DisplayNamePrefix = "mlops-prod",
        });
        new ClusterAlertPolicies(this, "Alerts", new ClusterAlertPoliciesProps
        {
            Cluster = cluster,
            NotificationChannels = oncall.ChannelIds,   // at least one: a policy nobody receives is noise
            Serving = new ObservedServing { Namespace = scrape.Namespace, Job = scrape.Name }, Retrain = retrain, FilestoreInstanceName = "mlops-prod-workspace",
            Thresholds = new AlertThresholds { ServingLatencyP99Seconds = 0.5 },   // others: defaults
        });
        #endregion
    }

    public void ShowPolicySuppression()
    {
        #region snippet: policy-suppression
        var site = new S3Bucket(this, "PublicSite", new S3BucketConfig { Bucket = "acme-public-site" });
        PolicySuppressions.Suppress(site, "MLOPS-S3-1", "Public website assets, served to anonymous users by design");
        #endregion
    }

    public void ShowClusterAddons()
    {
        // What an EKS GPU node group's Selector gives.
        var gpuPool = new GpuNodeSelector { TaintKey = "nvidia.com/gpu", TaintValue = "present", TaintEffect = "NoSchedule", NodeLabelKey = "mlops.io/pool-role", NodeLabelValue = "gpu-training", GpusPerNode = 1 };
        #region snippet: cluster-addons
        var addons = new EksClusterAddons(this, "Addons", new EksClusterAddonsProps
        {
            ClusterName = "mlops-prod",              // or the cluster stack's reference
            Region = "eu-west-1",
            KubernetesVersion = "1.33",              // picks the autoscaler's chart and image: PinnedCharts.ClusterAutoscalerByMinor
            GpuPools = [gpuPool],                    // the device plugin tolerates and selects exactly these pools
            SystemNodeSelector = new Dictionary<string, string> { ["mlops.io/pool-role"] = "system" },   // autoscaler, metrics-server
            // Release = new HelmReleaseSettings { TimeoutSeconds = 900 }, DependsOn = [nodeGroups...]
        });
        // The autoscaler's role: a Pod Identity association (made with the cluster) for this namespace and service account.
        var (ns, account) = (ClusterAutoscaler.Namespace, ClusterAutoscaler.ServiceAccountName);   // kube-system, cluster-autoscaler
        #endregion
    }

    public void ShowKueueRelease()
    {
        #region snippet: kueue-release
        // EKS: one more release of the add-ons stack.
        // new EksClusterAddons(this, "Addons", new EksClusterAddonsProps { ..., Kueue = true });
        // GKE (which manages the other add-ons itself): the release alone, in the GKE add-ons stack.
        var kueue = new KueueController(this, "Kueue", new KueueControllerProps
        {
            NodeSelector = new Dictionary<string, string> { ["mlops.io/pool-role"] = "system" },   // Replicas = 2 by default
        });
        var (release, ns) = (KueueController.ReleaseName, KueueController.Namespace);   // kueue, kueue-system
        #endregion
    }

    public void ShowKueueQueues()
    {
        // What the GPU pools' Selector gives (GpuNodePool.Selector on GKE, the GPU node group's on EKS).
        var t4Pool = new GpuNodeSelector { TaintKey = "nvidia.com/gpu", TaintValue = "present", TaintEffect = "NoSchedule", NodeLabelKey = "mlops.io/pool-role", NodeLabelValue = "gpu-training", GpusPerNode = 1 };
        #region snippet: kueue-queues
        // In a stack applied AFTER the one with the Kueue release: kubernetes_manifest needs Kueue's CRDs to plan.
        var queues = new KueueQueues(this, "Queues", new KueueQueuesProps
        {
            Namespace = "ml-training",                      // the ClusterQueue admits Jobs of this namespace only
            Flavors =
            [
                new KueueFlavor { Name = "gpu-t4", Pool = t4Pool, Gpus = 4, Cpu = "32", Memory = "120Gi" },
            ],
            QueuedProvisioning = true,                      // GKE: wait for Dynamic Workload Scheduler to provision the nodes
        });
        // A training Job joins the queue with one label; Kueue adds the pool's node selector and toleration.
        var jobLabels = new Dictionary<string, string> { [KueueQueues.QueueNameLabel] = queues.LocalQueueName };   // training
        #endregion
    }

    public void ShowEksWorkloads()
    {
        var ns = new MlNamespace(this, "Namespace", new MlNamespaceProps
        {
            Name = "ml-training", DataClassification = DataClassification.Confidential,
            Quota = new NamespaceQuota { RequestsCpu = "16", RequestsMemory = "64Gi", LimitsCpu = "32", LimitsMemory = "128Gi", Gpus = 2 },
        });
        var gpuPool = new GpuNodeSelector { TaintKey = "nvidia.com/gpu", TaintValue = "present", TaintEffect = "NoSchedule", NodeLabelKey = "mlops.io/pool-role", NodeLabelValue = "gpu-training", GpusPerNode = 1 };
        #region snippet: eks-workloads
        var trainer = new PodIdentityAccount(this, "TrainerIdentity", new PodIdentityAccountProps
        {
            Name = "churn-trainer",
            Namespace = ns.Name,
            ClusterName = "mlops-prod",                           // the role trusts only this cluster/namespace/account
            ReadBuckets = ["acme-ml-prod-datasets"],              // s3:ListBucket + s3:GetObject on this bucket
            WriteBuckets = ["acme-ml-prod-models"],               // s3:PutObject only: create, never delete
            BucketKeyArns = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],   // SSE-KMS buckets
        });
        new BatchJob(this, "WeeklyRetrain", new BatchJobProps
        {
            Name = "churn-retrain", Namespace = ns.Name, Budget = ns.Budget, Schedule = "0 2 * * 1",
            Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ml/churn-training:1.0.0",
            Resources = new ContainerResources { CpuRequest = "8", MemoryRequest = "32Gi", CpuLimit = "16", MemoryLimit = "64Gi" },
            Gpu = new GpuRequest { Count = 1, Pool = gpuPool },  // an EKS GPU node group's Selector
            Identity = trainer,                                   // runs as its service account, waits for the association
        });
        new NamespaceNetworkPolicies(this, "NetworkPolicies", new NamespaceNetworkPoliciesProps
        {
            Namespace = ns.Name,
            Allows = [new PodNetworkAccess { Name = "churn-retrain", PodLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "churn-retrain" },
                Egress = [EgressTarget.KubeDns, EgressTarget.AwsApis, EgressTarget.EksPodIdentityAgent] }],
        });
        #endregion
    }
}
