using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>An endpoint serving from a bucket and a repository created elsewhere, and a notebook on an imported bucket.</summary>
public sealed class SageMakerEndpointImportTests
{
    /// <summary>A repository of another account in the stack's region (SageMaker pulls images of its own region only).</summary>
    private const string SameRegionUrl = "210987654321.dkr.ecr.eu-west-1.amazonaws.com/shared/base-serving";

    private const string EndpointKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab";

    /// <summary>The endpoint sample with the bucket imported by name (its key given, or none) and the repository by URL.</summary>
    private static SageMakerEndpointProps Props(TerraformStack stack, bool bucketKey, Func<SageMakerEndpointProps, SageMakerEndpointProps>? change = null)
    {
        var props = new SageMakerEndpointProps
        {
            EndpointName = SageMakerEndpointTests.EndpointName,
            ModelDataKey = "models/churn/1.0.0/model.tar.gz",
            ImageTagOrDigest = "1.0.0",
            Variants = [new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large }],
            ArtifactBucket = ModelArtifactBucket.FromBucketName(stack, "SharedArtifacts", new ImportedModelArtifactBucketProps
            {
                BucketName = ImportedArtifactBucketTests.SharedBucket,
                KmsKeyArn = bucketKey ? ImportedArtifactBucketTests.SharedKeyArn : null,
            }),
            ImageRepository = ModelImageRepository.FromRepositoryUrl(stack, "SharedImages", SameRegionUrl),
        };
        return change is null ? props : change(props);
    }

    private static TerraformJson Synth(bool bucketKey, Func<SageMakerEndpointProps, SageMakerEndpointProps>? change = null) =>
        SynthHarness.Aws(stack => new SageMakerEndpoint(stack, "Endpoint", Props(stack, bucketKey, change)));

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    /// <summary>Every statement of the execution role's policies, by policy name.</summary>
    private static Dictionary<string, IReadOnlyList<JsonObject>> RolePolicies(TerraformJson json)
    {
        var roleName = json.Reference("aws_iam_role", json.Single("aws_iam_role"), "name");
        return json.Resources("aws_iam_role_policy").Values.Where(p => p["role"]!.GetValue<string>() == roleName)
            .ToDictionary(p => p["name"]!.GetValue<string>(), json.PolicyStatements);
    }

    [Test]
    public void The_model_reads_the_imported_bucket_and_runs_the_imported_image()
    {
        var json = Synth(bucketKey: true);

        Assert.That(json.Resources("aws_s3_bucket"), Is.Empty);
        Assert.That(json.Resources("aws_ecr_repository"), Is.Empty);
        var container = json.Single("aws_sagemaker_model")["primary_container"]!;
        Assert.That(container["model_data_url"]!.GetValue<string>(), Is.EqualTo($"s3://{ImportedArtifactBucketTests.SharedBucket}/models/churn/1.0.0/model.tar.gz"));
        Assert.That(container["image"]!.GetValue<string>(), Is.EqualTo($"{SameRegionUrl}:1.0.0"));

        var image = json.DataSources("aws_ecr_image").Values.Single();
        Assert.That(image["repository_name"]!.GetValue<string>(), Is.EqualTo("shared/base-serving"));
        Assert.That(image["registry_id"]!.GetValue<string>(), Is.EqualTo("210987654321"), "the image is looked up in the URL's registry");
        Assert.That(json.DataSources("aws_s3_objects").Values.Single()["bucket"]!.GetValue<string>(), Is.EqualTo(ImportedArtifactBucketTests.SharedBucket));
    }

    [Test]
    public void The_execution_role_is_granted_the_imported_names_and_arns_and_the_bucket_key_protects_the_endpoint()
    {
        var json = Synth(bucketKey: true);

        var policies = RolePolicies(json);
        var partition = json.Reference("aws_partition", json.ByPath("aws_partition", "SharedArtifacts/Partition"), "partition");
        var read = policies[$"{ImportedArtifactBucketTests.SharedBucket}-read-models-churn-1.0.0"].ToDictionary(s => s["sid"]!.GetValue<string>());
        Assert.That(Strings(read["ReadArtifacts"]["resources"]), Is.EqualTo(new[] { $"arn:{partition}:s3:::{ImportedArtifactBucketTests.SharedBucket}/models/churn/1.0.0/*" }));
        Assert.That(Strings(read["UseArtifactKey"]["resources"]), Is.EqualTo(new[] { ImportedArtifactBucketTests.SharedKeyArn }));
        var pull = policies["shared-base-serving-pull"].Single(s => s["sid"]!.GetValue<string>() == "PullModelImages");
        Assert.That(Strings(pull["resources"]), Is.EqualTo(new[] { $"arn:{json.Reference("aws_partition", json.ByPath("aws_partition", "SharedImages/Partition"), "partition")}:ecr:eu-west-1:210987654321:repository/shared/base-serving" }));

        var config = json.Single("aws_sagemaker_endpoint_configuration");
        Assert.That(config["kms_key_arn"]!.GetValue<string>(), Is.EqualTo(ImportedArtifactBucketTests.SharedKeyArn));
        Assert.That(config["data_capture_config"]!["kms_key_id"]!.GetValue<string>(), Is.EqualTo(ImportedArtifactBucketTests.SharedKeyArn));
    }

    [Test]
    public void A_bucket_without_a_key_needs_the_endpoints_own_key_naming_what_it_encrypts()
    {
        var stack = SynthHarness.BareStack();

        var error = Assert.Throws<ConstructInputException>(() => new SageMakerEndpoint(stack, "Endpoint",
            Props(stack, bucketKey: false, p => p with { AsyncInference = new AsyncInferenceOptions() })))!;

        Assert.That(error.Message, Does.StartWith("Invalid SageMakerEndpoint at path [test/Endpoint]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "KmsKeyArn was null: must be set: ArtifactBucket (test/SharedArtifacts) has no KMS key (S3 managed encryption), and the endpoint " +
            "encrypts its ML storage volumes and captured data and async inference results with a customer managed key, never falling back to AWS managed keys.",
        }));
    }

    [Test]
    public void With_its_own_key_an_endpoint_on_a_keyless_bucket_encrypts_with_it_and_grants_no_bucket_key()
    {
        var json = Synth(bucketKey: false, p => p with { KmsKeyArn = EndpointKeyArn });

        var config = json.Single("aws_sagemaker_endpoint_configuration");
        Assert.That(config["kms_key_arn"]!.GetValue<string>(), Is.EqualTo(EndpointKeyArn));
        Assert.That(config["data_capture_config"]!["kms_key_id"]!.GetValue<string>(), Is.EqualTo(EndpointKeyArn));
        var statements = RolePolicies(json).Values.SelectMany(s => s).ToList();
        Assert.That(statements.Select(s => s["sid"]!.GetValue<string>()), Has.None.EqualTo("UseArtifactKey"));
        Assert.That(Strings(statements.Single(s => s["sid"]!.GetValue<string>() == "UseEndpointKey")["resources"]), Is.EqualTo(new[] { EndpointKeyArn }));
    }

    [Test]
    public void A_serverless_endpoint_without_capture_on_a_keyless_bucket_needs_no_key()
    {
        SageMakerEndpoint? endpoint = null;
        var json = SynthHarness.Aws(stack => endpoint = new SageMakerEndpoint(stack, "Endpoint", Props(stack, bucketKey: false, p => p with
        {
            Variants = [new ServerlessVariant()],
            EnableNetworkIsolation = false,
            DataCapture = null,
        })));

        Assert.That(endpoint!.KeyArn, Is.Null);
        Assert.That(json.Single("aws_sagemaker_endpoint_configuration")["kms_key_arn"], Is.Null);
    }

    [Test]
    public void A_notebook_on_a_keyless_imported_bucket_passes_no_key_to_its_module()
    {
        var json = SynthHarness.Aws(stack => new SageMakerNotebook(stack, "Notebook", new SageMakerNotebookProps
        {
            Name = "mlops-test-research",
            SubnetId = "subnet-0123456789abcdef0",
            SecurityGroupIds = ["sg-0123456789abcdef0"],
            ArtifactBucket = ModelArtifactBucket.FromBucketName(stack, "Shared", new ImportedModelArtifactBucketProps { BucketName = ImportedArtifactBucketTests.SharedBucket }),
        }));

        var module = json.Root["module"]!.AsObject().Single().Value!;
        Assert.That(module["artifact_bucket_arn"]!.GetValue<string>(), Does.EndWith($":s3:::{ImportedArtifactBucketTests.SharedBucket}"));
        Assert.That(module.AsObject().ContainsKey("artifact_key_arn"), Is.False, "the module's key statement is left out");
    }
}
