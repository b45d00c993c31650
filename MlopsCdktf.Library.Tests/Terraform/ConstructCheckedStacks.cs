using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Aws;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// A test stack per AWS construct with its options switched on (given KMS keys, access logs, grants, autoscaling, alarms,
/// GPU, serverless, async, VPC), checked by the real terraform.
/// </summary>
internal sealed class ConstructCheckedStacks : ICheckedStackSet
{
    private const string TestAccount = "123456789012";
    private const string TestRegion = "eu-west-1";
    private const string GivenKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static readonly Dictionary<string, string> TestTags = new() { ["Project"] = "mlops-test", ["ManagedBy"] = "cdktf-tests" };
    private static readonly AwsPlanContext TestContext = new(TestAccount, TestRegion, TestTags);

    public static IReadOnlyList<CheckedStack> All { get; } = [.. ConstructStacks()];

    private static IEnumerable<CheckedStack> ConstructStacks()
    {
        yield return Construct("model-artifact-bucket", stack =>
        {
            var role = ConsumerRole(stack);
            var defaults = new ModelArtifactBucket(stack, "Defaults", new ModelArtifactBucketProps { BucketName = "acme-tf-test-artifacts" });
            defaults.GrantRead(role, "models/");
            defaults.GrantWrite(role, "data-capture/");
            var options = new ModelArtifactBucket(stack, "Options", new ModelArtifactBucketProps
            {
                BucketName = "acme-tf-test-artifacts-options",
                KmsKeyArn = GivenKeyArn,
                DeletionPolicy = DeletionPolicy.ForceDestroy,
                Lifecycle = new ModelArtifactLifecycle { NoncurrentVersionExpirationDays = 30, InfrequentAccessAfterDays = 45, GlacierInstantRetrievalAfterDays = 120 },
                AccessLogs = new AccessLogTarget { BucketName = "acme-tf-test-access-logs" },
                Tags = new Dictionary<string, string> { ["DataClass"] = "confidential" },
            });
            options.GrantReadWrite(role);
        }, json =>
        [
            KeyChecks.ArtifactBucket(json, "Defaults", KeyChecks.Created(json, "Defaults")),
            KeyChecks.ArtifactBucket(json, "Options", KeyChecks.Given(GivenKeyArn)),
        ]);

        yield return Construct("model-image-repository", stack =>
        {
            new ModelImageRepository(stack, "Defaults", new ModelImageRepositoryProps { RepositoryName = "ml/tf-test" })
                .GrantPull(ConsumerRole(stack));
            new ModelImageRepository(stack, "Options", new ModelImageRepositoryProps
            {
                RepositoryName = "ml/tf-test-options",
                KmsKeyArn = GivenKeyArn,
                UntaggedImageExpiryDays = 3,
                DeletionPolicy = DeletionPolicy.DestroyIfEmpty,
                Tags = new Dictionary<string, string> { ["Team"] = "serving" },
            });
        }, json =>
        [
            KeyChecks.ImageRepository(json, "Defaults", KeyChecks.Created(json, "Defaults")),
            KeyChecks.ImageRepository(json, "Options", KeyChecks.Given(GivenKeyArn)),
        ]);

        yield return Construct("model-api-key", stack =>
        {
            new ModelApiKey(stack, "Defaults", new ModelApiKeyProps { SecretName = "mlops/tf-test/api-key" }).GrantRead(ConsumerRole(stack));
            new ModelApiKey(stack, "Options", new ModelApiKeyProps
            {
                SecretName = "mlops/tf-test/api-key-options",
                KmsKeyArn = GivenKeyArn,
                RecoveryWindowDays = 7,
                DeletionPolicy = DeletionPolicy.ForceDestroy,
            });
        }, json =>
        [
            KeyChecks.ApiKey(json, "Defaults", KeyChecks.Created(json, "Defaults")),
            KeyChecks.ApiKey(json, "Options", KeyChecks.Given(GivenKeyArn)),
        ]);

        yield return Construct("private-network-notebook", stack =>
        {
            var network = new PrivateNetwork(stack, "Network", new PrivateNetworkProps
            {
                Name = "tf-test",
                CidrBlock = "10.99.0.0/20",
                AvailabilityZones = ["eu-west-1b", "eu-west-1c"],
                InterfaceEndpointServices = ["sagemaker.api", "sagemaker.runtime", "secretsmanager"],
                FlowLogs = new VpcFlowLogs { RetentionDays = 90 },
                DeletionPolicy = DeletionPolicy.ForceDestroy,
                Tags = new Dictionary<string, string> { ["Team"] = "research" },
            });
            // Flow logs off: the module's optional input (null) must validate and plan.
            _ = new PrivateNetwork(stack, "QuietNetwork", new PrivateNetworkProps
            {
                Name = "tf-test-quiet", CidrBlock = "10.98.0.0/20", AvailabilityZones = ["eu-west-1a", "eu-west-1b"], FlowLogs = null,
            });
            var artifacts = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-tf-test-notebook-artifacts", DeletionPolicy = DeletionPolicy.ForceDestroy });
            new SageMakerNotebook(stack, "Notebook", new SageMakerNotebookProps
            {
                Name = "tf-test-research",
                InstanceType = SageMakerInstanceType.Of("ml.t3.large"),
                VolumeSizeGb = 50,
                IdleMinutes = 30,
                SubnetId = network.PrivateSubnetIds[1],
                SecurityGroupIds = [network.WorkloadSecurityGroupId],
                ArtifactBucket = artifacts,
                KmsKeyArn = GivenKeyArn,
                DeletionPolicy = DeletionPolicy.DestroyIfEmpty,
            });
        }, json =>
        [
            KeyChecks.ArtifactBucket(json, "Artifacts", KeyChecks.Created(json, "Artifacts")),
            .. CheckedStacks.NotebookProtection(json, expected: false),
            .. CheckedStacks.FlowLogs(json, KeyChecks.Created(json, "Network"), retentionDays: 90, TestRegion, TestAccount),
            .. CheckedStacks.NotebookNetworkInterfaces(json, TestRegion, TestAccount),
        ]);

        yield return Endpoint("sagemaker-endpoint-realtime", (stack, p) => p with
        {
            Variants =
            [
                new InstanceVariant
                {
                    InstanceType = SageMakerInstanceType.M5Large,
                    InitialInstanceCount = 2,
                    VolumeSizeInGb = 30,
                    ContainerStartupHealthCheckTimeoutSeconds = 600,
                    ModelDataDownloadTimeoutSeconds = 600,
                    Autoscaling = new EndpointAutoscaling { MinInstances = 2, MaxInstances = 4, MaxRequestsPerSecondPerInstance = 30 },
                },
            ],
            Environment = new Dictionary<string, string> { ["MODEL_LOG_LEVEL"] = "info" },
            EnableNetworkIsolation = false,
            DataCapture = new DataCaptureOptions { SamplingPercentage = 50 },
            Alarms = new EndpointAlarms { AlarmTopicArn = $"arn:aws:sns:{TestRegion}:{TestAccount}:ml-alerts" },
            ApiKey = new ModelApiKey(stack, "ApiKey", new ModelApiKeyProps { SecretName = "mlops/tf-test/endpoint-key", DeletionPolicy = DeletionPolicy.ForceDestroy }),
            Deployment = new EndpointDeployment
            {
                TrafficShift = TrafficShift.Linear,
                StepSize = DeploymentCapacity.Percent(50),
                WaitIntervalSeconds = 300,
                TerminationWaitSeconds = 120,
                MaximumExecutionTimeoutSeconds = 3600,
                AdditionalRollbackAlarmNames = ["churn-business-kpi"],
            },
        }, json => [.. KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Created(json, "Artifacts")), RollsBackOnItsOwnAlarms(json, "churn-business-kpi")]);

        yield return Endpoint("sagemaker-endpoint-gpu", (_, p) => p with
        {
            Variants =
            [
                new InstanceVariant
                {
                    InstanceType = SageMakerInstanceType.G5Xlarge,
                    Autoscaling = new EndpointAutoscaling { MinInstances = 1, MaxInstances = 2, MaxRequestsPerSecondPerInstance = 5 },
                },
            ],
        }, json => KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Created(json, "Artifacts"), encryptsVolumes: false));

        yield return Endpoint("sagemaker-endpoint-serverless", (_, p) => p with
        {
            Variants = [new ServerlessVariant { MemorySizeInMb = 4096, MaxConcurrency = 5, ProvisionedConcurrency = 1 }],
            EnableNetworkIsolation = false,
            DataCapture = null,
        }, json => KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Created(json, "Artifacts"), encryptsVolumes: false, capturesData: false));

        yield return Endpoint("sagemaker-endpoint-async", (_, p) => p with
        {
            Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Xlarge }],
            AsyncInference = new AsyncInferenceOptions { MaxConcurrentInvocationsPerInstance = 4 },
            KmsKeyArn = GivenKeyArn,
        }, json => KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Given(GivenKeyArn), asyncInference: true));

        yield return Endpoint("sagemaker-endpoint-vpc", (_, p) => p with
        {
            Variants =
            [
                new InstanceVariant { VariantName = "Blue", InstanceType = SageMakerInstanceType.C5Xlarge, InitialInstanceCount = 2, InitialVariantWeight = 9 },
                new InstanceVariant { VariantName = "Green", InstanceType = SageMakerInstanceType.C5Xlarge, InitialVariantWeight = 1 },
            ],
            Vpc = new ModelVpcConfig
            {
                SubnetIds = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
                SecurityGroupIds = ["sg-0123456789abcdef0"],
            },
        }, json => KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Created(json, "Artifacts")));

        // Capture read by a data-quality monitor every six hours, in the endpoint's VPC: job definition and schedule planned.
        yield return Endpoint("sagemaker-endpoint-monitor", (_, p) => p with
        {
            Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large }],
            Vpc = new ModelVpcConfig { SubnetIds = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"], SecurityGroupIds = ["sg-0123456789abcdef0"] },
            DataQualityMonitoring = new DataQualityMonitoring
            {
                Schedule = MonitorSchedule.Every(6),
                BaselineKeyPrefix = "baselines/churn/1.0.0/",
                MaxRuntimeSeconds = 1800,
                InstanceType = SageMakerInstanceType.Of("ml.m5.large"),
            },
        }, json =>
        [
            .. KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Created(json, "Artifacts")),
            .. MonitorChecks.DataQuality(json, "Endpoint", $"{json.Address("aws_s3_bucket", "Artifacts/Bucket")}.bucket", KeyChecks.Created(json, "Artifacts"),
                "baselines/churn/1.0.0/", "cron(0 0/6 ? * * *)"),
            MonitorInVpc(json),
        ]);

        yield return Construct("imported-resources", DeclareImported, ImportedWiring);

        yield return Construct("eks-gpu-cluster", DeclareEksCluster, json =>
        [
            .. EksChecks.Cluster(json, "Training", $"module.{NetworkModule(json)}.private_subnet_ids",
                KeyChecks.Created(json, "Training/Secrets"), "Autoscaler", TestRegion, TestAccount),
            new PlanAssertion($"{json.Address("aws_launch_template", "Gpu/LaunchTemplate")}.block_device_mappings[0].ebs[0].kms_key_id == {KeyChecks.Created(json, "Training/Secrets")}",
                "the GPU nodes' root volumes must be encrypted with the cluster's key"),
            new PlanAssertion($"{json.Address("aws_vpc_security_group_ingress_rule", "Network/EndpointAccess-EksNodes")}.referenced_security_group_id == {json.Address("aws_eks_cluster", "Training/Cluster")}.vpc_config[0].cluster_security_group_id"
                + $" && {json.Address("aws_vpc_security_group_ingress_rule", "Network/EndpointAccess-EksNodes")}.security_group_id == module.{NetworkModule(json)}.endpoints_security_group_id",
                "the nodes (cluster security group) must reach the interface endpoints over HTTPS"),
        ]);
    }

    /// <summary>The name of the stack's one <c>aws-network</c> module block.</summary>
    private static string NetworkModule(TerraformJson json) => LocalModuleSources.Modules(json).Single(m => m.Module == "aws-network").Name;

    /// <summary>
    /// A private GPU training cluster: a network with the EKS endpoints and NAT per zone, the cluster on its private
    /// subnets with an admin and a public allow-list, a system group, a spot L4 group scaling from zero, the autoscaler's
    /// identity and a workload's Pod Identity role.
    /// </summary>
    private static void DeclareEksCluster(TerraformStack stack)
    {
        var network = new PrivateNetwork(stack, "Network", new PrivateNetworkProps
        {
            Name = "tf-test-eks",
            CidrBlock = "10.97.0.0/20",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            InterfaceEndpointServices = [.. PrivateNetwork.EksEndpointServices],
            InternetEgress = InternetEgress.NatGatewayPerZone,
            PublicCidrBlock = "10.97.16.0/24",
            FlowLogs = null,
        });
        var cluster = new EksCluster(stack, "Training", new EksClusterProps
        {
            Name = "tf-test-training",
            SubnetIds = network.PrivateSubnetIds,
            PublicAccess = true,
            PublicAccessCidrs = ["203.0.113.0/28"],
            AdminPrincipalArns = [$"arn:aws:iam::{TestAccount}:role/platform/platform-admin"],
            DeletionPolicy = DeletionPolicy.ForceDestroy,
            Tags = new Dictionary<string, string> { ["Team"] = "research" },
        });
        network.AdmitToEndpoints("EksNodes", cluster.ClusterSecurityGroupId, "HTTPS from the EKS nodes");
        var system = new EksNodeGroup(stack, "System", new EksNodeGroupProps { Cluster = cluster, Name = "system" });
        var gpu = new EksGpuNodeGroup(stack, "Gpu", new EksGpuNodeGroupProps
        {
            Cluster = cluster, Name = "gpu-l4", Gpu = NvidiaGpu.L4, InstanceType = "g6.2xlarge", MaxSize = 4, Spot = true,
        });
        _ = new ClusterAutoscalerIdentity(stack, "Autoscaler", new ClusterAutoscalerIdentityProps { Cluster = cluster, NodeGroups = [system, gpu] });
        var artifacts = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-tf-test-eks-artifacts", DeletionPolicy = DeletionPolicy.ForceDestroy });
        _ = new PodIdentityRole(stack, "Trainer", new PodIdentityRoleProps
        {
            Cluster = cluster,
            Namespace = "training",
            ServiceAccount = "trainer",
            Statements = [new PolicyStatement { Sid = "ReadModels", Actions = Actions.S3.ReadObjects, Resources = [$"{artifacts.BucketArn}/models/*"] }],
        });
    }

    private const string SharedBucket = "acme-tf-test-shared-artifacts";
    private const string ScorerRoleArn = $"arn:aws:iam::{TestAccount}:role/ml/batch-scorer";
    private const string BaseImagesArn = "arn:aws:ecr:us-east-1:210987654321:repository/shared/base";

    /// <summary>
    /// Everything imported: an endpoint serving from a bucket (with its key) and a repository created elsewhere; grants
    /// on that bucket to roles known only by ARN, a literal one and one from a variable; a pull grant on a repository of
    /// another account imported by URL; a notebook on a bucket with S3 managed encryption (no key in its module).
    /// </summary>
    private static void DeclareImported(TerraformStack stack)
    {
        var artifacts = ModelArtifactBucket.FromBucketName(stack, "SharedArtifacts", new ImportedModelArtifactBucketProps { BucketName = SharedBucket, KmsKeyArn = GivenKeyArn });
        new SageMakerEndpoint(stack, "Endpoint", new SageMakerEndpointProps
        {
            EndpointName = "tf-test-imported",
            ArtifactBucket = artifacts,
            ModelDataKey = "models/churn/1.0.0/model.tar.gz",
            ImageRepository = ModelImageRepository.FromRepositoryName(stack, "SharedImages", "ml/tf-test-shared"),
            ImageTagOrDigest = "1.0.0",
            Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large }],
        });

        var deployerArn = new TerraformVariable(stack, "deployer_role_arn", new TerraformVariableConfig
        {
            Type = "string",
            Default = $"arn:aws:iam::{TestAccount}:role/ci/ci-deployer",
        });
        var scorer = RoleReference.FromArn(ScorerRoleArn);
        artifacts.GrantRead(scorer, "models/");
        artifacts.GrantWrite(RoleReference.FromArn(deployerArn.StringValue), "exports/");
        ModelImageRepository.FromRepositoryUrl(stack, "BaseImages", "210987654321.dkr.ecr.us-east-1.amazonaws.com/shared/base").GrantPull(scorer);

        new SageMakerNotebook(stack, "Notebook", new SageMakerNotebookProps
        {
            Name = "tf-test-imported",
            SubnetId = "subnet-0123456789abcdef0",
            SecurityGroupIds = ["sg-0123456789abcdef0"],
            ArtifactBucket = ModelArtifactBucket.FromBucketName(stack, "ResearchData", new ImportedModelArtifactBucketProps { BucketName = "acme-tf-test-research-data" }),
            DeletionPolicy = DeletionPolicy.DestroyIfEmpty,
        });
    }

    /// <summary>The imported names and ARNs reach the model and the policies, and grants attach to the imported roles' names.</summary>
    private static IEnumerable<PlanAssertion> ImportedWiring(TerraformJson json)
    {
        var model = json.Address("aws_sagemaker_model", "Endpoint/Model");
        yield return new PlanAssertion($"{model}.primary_container[0].model_data_url == \"s3://{SharedBucket}/models/churn/1.0.0/model.tar.gz\"",
            "the model must read its archive from the imported bucket");
        yield return new PlanAssertion($"{model}.primary_container[0].image == \"{TestAccount}.dkr.ecr.{TestRegion}.amazonaws.com/ml/tf-test-shared:1.0.0\"",
            "the model must run the image of the repository imported by name, in the deploying account and region");
        yield return GrantAttaches(json, "SharedArtifacts/GrantRead-Endpoint-ExecutionRole-models-churn-1.0.0",
            $"{json.Address("aws_iam_role", "Endpoint/ExecutionRole")}.name", [$"arn:aws:s3:::{SharedBucket}/models/churn/1.0.0/*", GivenKeyArn]);
        yield return GrantAttaches(json, "-batch-scorer-models", "\"batch-scorer\"", [$"arn:aws:s3:::{SharedBucket}/models/*"]);
        yield return GrantAttaches(json, "-var-deployer_role_arn-exports", "\"ci-deployer\"", [$"arn:aws:s3:::{SharedBucket}/exports/*", GivenKeyArn]);
        yield return GrantAttaches(json, "BaseImages/GrantPull-role-", "\"batch-scorer\"", [BaseImagesArn], pathContains: true);
        foreach (var assertion in KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Given(GivenKeyArn)).Concat(CheckedStacks.NotebookProtection(json, expected: false)))
        {
            yield return assertion;
        }
    }

    /// <summary>The grant policy at <paramref name="path"/> attaches to <paramref name="role"/> (an HCL expression) and its
    /// document names every one of <paramref name="resources"/>.</summary>
    private static PlanAssertion GrantAttaches(TerraformJson json, string path, string role, IReadOnlyList<string> resources, bool pathContains = false)
    {
        var block = json.Resources("aws_iam_role_policy").Single(kv =>
            TerraformJson.ConstructPath(kv.Value) is { } p && (pathContains ? p.Contains(path, StringComparison.Ordinal) : p.EndsWith(path, StringComparison.Ordinal)));
        var document = json.Address("aws_iam_policy_document", TerraformJson.ConstructPath(block.Value) + "Document");
        var named = string.Join(" && ", resources.Select(r => $"contains(flatten({document}.statement[*].resources), {Hcl.String(r)})"));
        return new PlanAssertion($"aws_iam_role_policy.{block.Key}.role == {role} && {named}",
            $"aws_iam_role_policy.{block.Key} must attach to {role} and grant {string.Join(", ", resources)}");
    }

    /// <summary>The endpoint's linear blue/green update rolls back on its own alarm resources (by name), then the named extras.</summary>
    private static PlanAssertion RollsBackOnItsOwnAlarms(TerraformJson json, params string[] extra)
    {
        var endpoint = $"aws_sagemaker_endpoint.{json.Resources("aws_sagemaker_endpoint").Keys.Single()}";
        var alarms = json.Resources("aws_cloudwatch_metric_alarm").Keys.Select(k => $"aws_cloudwatch_metric_alarm.{k}.alarm_name").Concat(extra.Select(e => $"\"{e}\""));
        var policy = $"{endpoint}.deployment_config[0].blue_green_update_policy[0]";
        return new PlanAssertion(
            $"toset([for a in {endpoint}.deployment_config[0].auto_rollback_configuration[0].alarms : a.alarm_name]) == toset([{string.Join(", ", alarms)}]) && " +
            $"{policy}.traffic_routing_configuration[0].type == \"LINEAR\" && {policy}.traffic_routing_configuration[0].linear_step_size[0].value == 50 && " +
            $"{policy}.maximum_execution_timeout_in_seconds == 3600",
            "the linear update must roll back on the endpoint's own alarms and the named extra alarm");
    }

    /// <summary>The monitoring job runs in the endpoint's subnets and security groups, with inter-container traffic encrypted.</summary>
    private static PlanAssertion MonitorInVpc(TerraformJson json)
    {
        var definition = json.Address("aws_sagemaker_data_quality_job_definition", "Endpoint/DataQualityMonitor/JobDefinition");
        var model = json.Address("aws_sagemaker_model", "Endpoint/Model");
        var network = $"{definition}.network_config[0]";
        return new PlanAssertion(
            $"toset({network}.vpc_config[0].subnets) == toset({model}.vpc_config[0].subnets) && toset({network}.vpc_config[0].security_group_ids) == toset({model}.vpc_config[0].security_group_ids) && {network}.enable_inter_container_traffic_encryption",
            $"{definition} must run in the model's subnets and security groups with inter-container traffic encrypted");
    }

    /// <summary>An endpoint test stack: artifact bucket <c>Artifacts</c>, repository <c>Images</c>, endpoint <c>Endpoint</c>.</summary>
    private static CheckedStack Endpoint(string name, Func<TerraformStack, SageMakerEndpointProps, SageMakerEndpointProps> change,
        Func<TerraformJson, IEnumerable<PlanAssertion>> endpointExpectations) =>
        Construct(name,
            stack => new SageMakerEndpoint(stack, "Endpoint", SageMakerEndpointTests.Props(stack, p => change(stack, p))),
            json =>
            [
                KeyChecks.ArtifactBucket(json, "Artifacts", KeyChecks.Created(json, "Artifacts")),
                KeyChecks.ImageRepository(json, "Images", KeyChecks.Created(json, "Images")),
                .. endpointExpectations(json),
            ]);

    /// <summary>
    /// A construct test stack set up like the app's stacks: relative local backend, qualified provider source, the AWS
    /// provider with a region and default tags.
    /// </summary>
    private static CheckedStack Construct(string name, Action<TerraformStack> declare, Func<TerraformJson, IEnumerable<PlanAssertion>> expectations) =>
        new(name, () =>
        {
            var stack = new TerraformStack(SynthHarness.NewApp(), name);
            new LocalBackend(stack, new LocalBackendConfig { Path = $"terraform.{name}.tfstate" });
            new AwsProvider(stack, "aws", new AwsProviderConfig
            {
                Region = TestRegion,
                DefaultTags = new[] { new AwsProviderDefaultTags { Tags = TestTags } },
            });
            ProviderSources.Qualify(stack, "aws");
            declare(stack);
            return SynthHarness.Synth(stack);
        }, () => TestContext, expectations);

    /// <summary>A role that grants are given to (trusted by EC2, like a training or batch instance).</summary>
    private static IamRole ConsumerRole(TerraformStack stack) =>
        stack.Node.TryFindChild("ConsumerRole") as IamRole ?? new IamRole(stack, "ConsumerRole", new IamRoleConfig
        {
            Name = "tf-test-consumer",
            AssumeRolePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        });
}
