using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Aws;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>What a destroy plan of a stack must show.</summary>
internal enum DestroyExpectation
{
    /// <summary>No destroy plan for this stack.</summary>
    NotChecked,

    /// <summary>Every data-holding resource is refused ("Instance cannot be destroyed").</summary>
    Refused,

    /// <summary>The plan succeeds and deletes every data-holding resource.</summary>
    Allowed,
}

/// <summary>A stack Terraform validates and plans: how to synthesize it, where it is planned, what its plan must show.</summary>
/// <remarks><paramref name="Context"/> is evaluated after <paramref name="Synthesize"/> (it may read other stacks of the same app).</remarks>
internal sealed record CheckedStack(
    string Name,
    Func<TerraformJson> Synthesize,
    Func<AwsPlanContext> Context,
    Func<TerraformJson, IEnumerable<PlanAssertion>> Expectations,
    DestroyExpectation Destroy = DestroyExpectation.NotChecked)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every stack the real terraform checks: each AWS stack the app synthesizes, and a test stack per AWS construct with its
/// options switched on (given KMS keys, access logs, grants, autoscaling, alarms, GPU, serverless, async, VPC).
/// </summary>
internal static class TerraformCheckedStacks
{
    /// <summary>Resource types that hold data a destroy would lose: the deletion policy must protect them.</summary>
    public static readonly IReadOnlySet<string> DataHoldingTypes =
        new HashSet<string> { "aws_s3_bucket", "aws_kms_key", "aws_ecr_repository", "aws_secretsmanager_secret" };

    /// <summary>
    /// The data-holding resources of a stack: those of <see cref="DataHoldingTypes"/> it declares, and the notebook instance
    /// inside each <c>sagemaker-notebook</c> module (the copy its <c>prevent_destroy</c> input selects).
    /// </summary>
    public static List<string> DataHoldingAddresses(TerraformJson json) =>
    [
        .. DataHoldingTypes.SelectMany(type => json.Resources(type).Keys.Select(n => $"{type}.{n}")),
        .. LocalModuleSources.Modules(json).Where(m => m.Module == "sagemaker-notebook").Select(m =>
            $"module.{m.Name}.aws_sagemaker_notebook_instance.{(json.Root["module"]![m.Name]!["prevent_destroy"]!.GetValue<bool>() ? "protected" : "unprotected")}[0]"),
    ];

    private const string TestAccount = "123456789012";
    private const string TestRegion = "eu-west-1";
    private const string GivenKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static readonly Dictionary<string, string> TestTags = new() { ["Project"] = "mlops-test", ["ManagedBy"] = "cdktf-tests" };
    private static readonly AwsPlanContext TestContext = new(TestAccount, TestRegion, TestTags);

    public static IReadOnlyList<CheckedStack> All { get; } = [.. PlatformStacks(), .. ServingStacks(), StateBootstrap(Catalog.Dev), .. ConstructStacks()];

    /// <summary>The state bucket of an environment (make bootstrap-state): even dev's refuses destroy.</summary>
    private static CheckedStack StateBootstrap(DeploymentEnvironment env) => new(
        MlopsStack.StackName(AwsStateBootstrapStack.Cloud, env),
        () => Delivery.DeliverySynth.Stacks(new Dictionary<string, object> { ["env"] = env.Name, ["bootstrap"] = "true" })[MlopsStack.StackName(AwsStateBootstrapStack.Cloud, env)],
        () => EnvironmentContext(env),
        json => [KeyChecks.ArtifactBucket(json, "StateBucket", KeyChecks.Created(json, "StateBucket"))],
        DestroyExpectation.Refused);

    public static CheckedStack Named(string name) => All.Single(s => s.Name == name);

    private static AwsPlanContext EnvironmentContext(DeploymentEnvironment env) => new(env.Aws.AccountId, env.Aws.Region, env.StandardTags());

    private static string Platform(DeploymentEnvironment env) => MlopsStack.StackName(AwsPlatformStack.Cloud, env);

    private static IEnumerable<CheckedStack> PlatformStacks() => Catalog.All.Select(env => new CheckedStack(
        Platform(env),
        () => AppSynth.Stack(Platform(env)),
        () => EnvironmentContext(env),
        json =>
        [
            KeyChecks.ArtifactBucket(json, "ModelArtifacts", KeyChecks.Created(json, "ModelArtifacts")),
            KeyChecks.ImageRepository(json, "ModelImages", KeyChecks.Created(json, "ModelImages")),
            KeyChecks.ApiKey(json, "ModelApiKey", KeyChecks.Created(json, "ModelApiKey")),
            KeyChecks.AlarmTopic(json, "Alarms"),
            .. AccessLogging(json, env),
            .. NotebookProtection(json, env.DataDeletionPolicy == DeletionPolicy.PreventDestroy),
        ],
        env.DataDeletionPolicy == DeletionPolicy.PreventDestroy ? DestroyExpectation.Refused : DestroyExpectation.Allowed));

    /// <summary>The serving stacks, planned as after their platform stack was applied: its outputs are the remote state.</summary>
    public static IEnumerable<CheckedStack> ServingStacks() => Catalog.All.Select(env => new CheckedStack(
        MlopsStack.StackName(AwsServingStack.Cloud, env),
        () => AppSynth.Stack(MlopsStack.StackName(AwsServingStack.Cloud, env)),
        () => EnvironmentContext(env) with
        {
            RemoteStates = new Dictionary<string, IReadOnlyDictionary<string, object>>
            {
                [$"cross-stack-reference-input-{Platform(env)}"] = RemoteStateValues.Outputs(AppSynth.Stack(Platform(env)), EnvironmentContext(env)),
            },
        },
        json =>
        [
            .. KeyChecks.Endpoint(json, "ModelEndpoint", KeyChecks.FromOtherStack(AppSynth.Stack(Platform(env)), Platform(env), "ModelArtifacts")),
            .. KeyChecks.AlarmsNotify(json, KeyChecks.RemoteOutput(AppSynth.Stack(Platform(env)), Platform(env), "aws_sns_topic", "Alarms/Topic", "arn")),
            .. ModelInPrivateSubnets(json, env),
        ]));

    /// <summary>The notebook module's protection, as Terraform evaluates its input: on exactly where the data is protected.</summary>
    private static IEnumerable<PlanAssertion> NotebookProtection(TerraformJson json, bool expected) =>
        LocalModuleSources.Modules(json).Where(m => m.Module == "sagemaker-notebook").Select(m => new PlanAssertion(
            $"module.{m.Name}.protected == {(expected ? "true" : "false")}",
            $"the notebook must {(expected ? "" : "not ")}refuse destroy (prevent_destroy) here", ComparesIdentifiers: false));

    /// <summary>A VPC-mode model runs in the platform network's two private subnets and workload security group.</summary>
    private static IEnumerable<PlanAssertion> ModelInPrivateSubnets(TerraformJson json, DeploymentEnvironment env)
    {
        var model = json.Single("aws_sagemaker_model");
        if (!env.Serving.InVpc)
        {
            Assert.That(model["vpc_config"], Is.Null, "a model outside the VPC has no vpc_config");
            yield break;
        }

        var address = $"aws_sagemaker_model.{json.Resources("aws_sagemaker_model").Keys.Single()}";
        var outputs = $"data.terraform_remote_state.cross-stack-reference-input-{Platform(env)}.outputs";
        var subnets = AppSynth.Stack(Platform(env)).Root["output"]!.AsObject().Single(o => o.Key.EndsWith("private_subnet_ids", StringComparison.Ordinal)).Key;
        var group = AppSynth.Stack(Platform(env)).Root["output"]!.AsObject().Single(o => o.Key.EndsWith("workload_security_group_id", StringComparison.Ordinal)).Key;
        yield return new PlanAssertion($"toset({address}.vpc_config[0].subnets) == toset({outputs}[\"{subnets}\"]) && length({address}.vpc_config[0].subnets) == 2",
            "the model must run in both private subnets of the platform's network");
        yield return new PlanAssertion($"toset({address}.vpc_config[0].security_group_ids) == toset([{outputs}[\"{group}\"]])",
            "the model must use the platform network's workload security group only");
    }

    /// <summary>Where the environment keeps access logs: the artifact bucket logs into the log bucket the stack creates,
    /// encrypted with SSE-S3 (the only encryption log delivery writes to).</summary>
    private static IEnumerable<PlanAssertion> AccessLogging(TerraformJson json, DeploymentEnvironment env)
    {
        if (env.ArtifactStorage.AccessLogBucket is null)
        {
            Assert.That(json.Resources("aws_s3_bucket_logging"), Is.Empty);
            yield break;
        }

        var logging = json.Address("aws_s3_bucket_logging", "ModelArtifacts/AccessLogging");
        var target = json.Address("aws_s3_bucket", "AccessLogs/Bucket");
        var encryption = json.Address("aws_s3_bucket_server_side_encryption_configuration", "AccessLogs/Encryption");
        yield return new PlanAssertion($"{logging}.target_bucket == {target}.bucket && {target}.bucket == {Hcl.String(env.ArtifactStorage.AccessLogBucket)}",
            "the artifact bucket must log into the access log bucket the stack creates");
        yield return new PlanAssertion(
            Hcl.Every($"flatten({encryption}.rule[*].apply_server_side_encryption_by_default[*].sse_algorithm)", "a", "a == \"AES256\""),
            "the access log bucket must use SSE-S3: S3 log delivery does not write to SSE-KMS targets", ComparesIdentifiers: false);
    }

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
                Tags = new Dictionary<string, string> { ["Team"] = "research" },
            });
            var artifacts = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-tf-test-notebook-artifacts", DeletionPolicy = DeletionPolicy.ForceDestroy });
            new SageMakerNotebook(stack, "Notebook", new SageMakerNotebookProps
            {
                Name = "tf-test-research",
                InstanceType = "ml.t3.large",
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
            .. NotebookProtection(json, expected: false),
        ]);

        yield return Endpoint("sagemaker-endpoint-realtime", (stack, p) => p with
        {
            Variants =
            [
                new InstanceVariant
                {
                    InstanceType = "ml.m5.large",
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
        }, json => KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Created(json, "Artifacts")));

        yield return Endpoint("sagemaker-endpoint-gpu", (_, p) => p with
        {
            Variants =
            [
                new InstanceVariant
                {
                    InstanceType = "ml.g5.xlarge",
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
            Variants = [new InstanceVariant { InstanceType = "ml.m5.xlarge" }],
            AsyncInference = new AsyncInferenceOptions { MaxConcurrentInvocationsPerInstance = 4 },
            KmsKeyArn = GivenKeyArn,
        }, json => KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Given(GivenKeyArn), asyncInference: true));

        yield return Endpoint("sagemaker-endpoint-vpc", (_, p) => p with
        {
            Variants =
            [
                new InstanceVariant { VariantName = "Blue", InstanceType = "ml.c5.xlarge", InitialInstanceCount = 2, InitialVariantWeight = 9 },
                new InstanceVariant { VariantName = "Green", InstanceType = "ml.c5.xlarge", InitialVariantWeight = 1 },
            ],
            Vpc = new ModelVpcConfig
            {
                SubnetIds = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
                SecurityGroupIds = ["sg-0123456789abcdef0"],
            },
        }, json => KeyChecks.Endpoint(json, "Endpoint", KeyChecks.Created(json, "Artifacts")));
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
