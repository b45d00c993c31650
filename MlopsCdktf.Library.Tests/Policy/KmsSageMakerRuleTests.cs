using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using HashiCorp.Cdktf.Providers.Aws.SagemakerEndpointConfiguration;
using HashiCorp.Cdktf.Providers.Aws.SagemakerModel;
using static MlopsCdktf.Tests.Policy.PolicyHarness;
using EndpointConfiguration = HashiCorp.Cdktf.Providers.Aws.SagemakerEndpointConfiguration.SagemakerEndpointConfiguration;
using Model = HashiCorp.Cdktf.Providers.Aws.SagemakerModel.SagemakerModel;

namespace MlopsCdktf.Tests.Policy;

/// <summary>KMS rotation and SageMaker encryption (error), data capture and network isolation (warnings).</summary>
public sealed class KmsSageMakerRuleTests
{
    [Test]
    public void A_symmetric_key_without_rotation_is_a_finding_and_an_asymmetric_key_is_not_checked()
    {
        var stack = AwsStack();
        _ = new KmsKey(stack, "key", new KmsKeyConfig { Description = "no rotation" });
        _ = new KmsKey(stack, "signing", new KmsKeyConfig { CustomerMasterKeySpec = "RSA_2048", KeyUsage = "SIGN_VERIFY" });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-KMS-1", "aws_kms_key.key", "test/key"),
            Line("MLOPS-KMS-2", "aws_kms_key.key", "test/key", "It sets no policy."),
            Line("MLOPS-KMS-2", "aws_kms_key.signing", "test/signing", "It sets no policy."),
        }));
    }

    [Test]
    public void A_key_policy_letting_anyone_in_without_a_condition_is_a_finding()
    {
        var stack = AwsStack();
        const string open = """{"Version":"2012-10-17","Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}""";
        const string conditioned = """{"Version":"2012-10-17","Statement":[{"Sid":"ThroughS3","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012","kms:ViaService":"s3.eu-west-1.amazonaws.com"}}}]}""";
        _ = new KmsKey(stack, "open", new KmsKeyConfig { EnableKeyRotation = true, Policy = open });
        _ = new KmsKey(stack, "conditioned", new KmsKeyConfig { EnableKeyRotation = true, Policy = conditioned });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-KMS-2", "aws_kms_key.open", "test/open", "Statement(s) Everyone allow any principal without a condition."),
        }));
    }

    [Test]
    public void Every_key_a_construct_creates_passes_the_key_policy_rule()
    {
        var stack = AwsStack();
        _ = new MlopsCdktf.Aws.ModelApiKey(stack, "ApiKey", new MlopsCdktf.Aws.ModelApiKeyProps { SecretName = "acme/churn/api-key" });
        _ = new MlopsCdktf.Aws.PrivateNetwork(stack, "Network", new MlopsCdktf.Aws.PrivateNetworkProps
        {
            Name = "acme-net", CidrBlock = "10.40.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
        });

        Assert.That(Findings(stack), Is.Empty);
        Assert.That(MlopsCdktf.Policy.PolicyPack.Default.Find("MLOPS-KMS-2")!.Evaluate(MlopsCdktf.Policy.Model.SynthesizedStack.From(stack))
            .Count(r => r.Outcome == MlopsCdktf.Policy.PolicyOutcome.Compliant), Is.EqualTo(2));
    }

    [Test]
    public void An_instance_endpoint_configuration_without_key_or_capture_is_an_error_and_a_warning()
    {
        var stack = AwsStack();
        _ = new EndpointConfiguration(stack, "config", new SagemakerEndpointConfigurationConfig
        {
            ProductionVariants = new[]
            {
                new SagemakerEndpointConfigurationProductionVariants { VariantName = "AllTraffic", ModelName = "m", InstanceType = "ml.m5.large", InitialInstanceCount = 1 },
            },
        });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-SM-1", "aws_sagemaker_endpoint_configuration.config", "test/config"),
            Line("MLOPS-SM-2", "aws_sagemaker_endpoint_configuration.config", "test/config"),
        }));
    }

    [TestCase("ml.g5.xlarge", false)]
    [TestCase("ml.p4d.24xlarge", false)]
    [TestCase("ml.g4dn.xlarge", false)]
    [TestCase("ml.m5.large", true)]
    public void A_configuration_of_local_nvme_gpu_instances_needs_no_key_others_do(string instanceType, bool needsKey)
    {
        var stack = AwsStack();
        _ = new EndpointConfiguration(stack, "config", new SagemakerEndpointConfigurationConfig
        {
            ProductionVariants = new[]
            {
                new SagemakerEndpointConfigurationProductionVariants { VariantName = "AllTraffic", ModelName = "m", InstanceType = instanceType, InitialInstanceCount = 1 },
            },
            DataCaptureConfig = new SagemakerEndpointConfigurationDataCaptureConfig
            {
                EnableCapture = true,
                InitialSamplingPercentage = 100,
                DestinationS3Uri = "s3://acme-raw/capture/",
                CaptureOptions = new[] { new SagemakerEndpointConfigurationDataCaptureConfigCaptureOptions { CaptureMode = "Input" } },
            },
        });

        Assert.That(Findings(stack), needsKey
            ? Is.EqualTo(new[] { Line("MLOPS-SM-1", "aws_sagemaker_endpoint_configuration.config", "test/config") })
            : Is.Empty);
    }

    [Test]
    public void A_gpu_endpoint_from_the_construct_passes_the_gate()
    {
        var stack = AwsStack();
        _ = new MlopsCdktf.Aws.SageMakerEndpoint(stack, "Endpoint", MlopsCdktf.Tests.Aws.SageMakerEndpointTests.Props(stack, p => p with
        {
            Variants = [new MlopsCdktf.Aws.InstanceVariant { InstanceType = MlopsCdktf.Aws.SageMakerInstanceType.G5Xlarge }],
            // The capture is read (MLOPS-SM-5); the monitor's job runs on an EBS instance with the key.
            DataQualityMonitoring = new MlopsCdktf.Aws.DataQualityMonitoring { BaselineKeyPrefix = "baselines/churn/1.0.0/" },
        }));

        Assert.That(Findings(stack), Is.Empty);
    }

    [Test]
    public void A_serverless_endpoint_configuration_needs_no_key()
    {
        var stack = AwsStack();
        _ = new EndpointConfiguration(stack, "config", new SagemakerEndpointConfigurationConfig
        {
            ProductionVariants = new[]
            {
                new SagemakerEndpointConfigurationProductionVariants
                {
                    VariantName = "AllTraffic",
                    ModelName = "m",
                    ServerlessConfig = new SagemakerEndpointConfigurationProductionVariantsServerlessConfig { MaxConcurrency = 5, MemorySizeInMb = 2048 },
                },
            },
            DataCaptureConfig = new SagemakerEndpointConfigurationDataCaptureConfig
            {
                EnableCapture = true,
                InitialSamplingPercentage = 100,
                DestinationS3Uri = "s3://acme-raw/capture/",
                CaptureOptions = new[] { new SagemakerEndpointConfigurationDataCaptureConfigCaptureOptions { CaptureMode = "Input" } },
            },
        });

        Assert.That(Findings(stack), Is.Empty);
    }

    [Test]
    public void A_model_without_network_isolation_is_a_warning()
    {
        var stack = AwsStack();
        _ = new Model(stack, "model", new SagemakerModelConfig
        {
            ExecutionRoleArn = "arn:aws:iam::111111111111:role/sm",
            PrimaryContainer = new SagemakerModelPrimaryContainer { Image = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/m:1" },
        });

        var report = MlopsCdktf.Policy.PolicyPack.Default.Evaluate(stack);
        Assert.That(Lines(report.Findings), Is.EqualTo(new[] { Line("MLOPS-SM-3", "aws_sagemaker_model.model", "test/model") }));
        Assert.That(report.Errors, Is.Empty, "a warning does not fail the gate");
    }
}
