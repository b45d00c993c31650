using HashiCorp.Cdktf;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Gcp;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Validation;

/// <summary>
/// A key, topic, image or zone of another region or partition than the resource that uses it is refused at apply; the
/// constructs refuse it at synth, comparing literal ARNs and URLs with the stack's AWS provider region (eu-west-1 in
/// <see cref="SynthHarness.StackWithEveryProvider"/>) and GCP zones and keys with the resource's location. References are
/// accepted: they cannot be compared.
/// </summary>
public sealed class RegionConsistencyTests
{
    private const string Key = "arn:aws:kms:{0}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static ConstructInputException Reject(Type construct, Func<TerraformStack, object, object> change)
    {
        var stack = SynthHarness.StackWithEveryProvider();
        var props = change(stack, ValidSamples.ByConstruct[construct](stack));
        var error = Assert.Throws<ConstructInputException>(() => ValidSamples.Create(construct, stack, props))!;
        Assert.That(error.Message, Does.StartWith($"Invalid {construct.Name} at path [test/Subject]:"));
        return error;
    }

    private static void Accept(Type construct, Func<TerraformStack, object, object> change)
    {
        var stack = SynthHarness.StackWithEveryProvider();
        Assert.DoesNotThrow(() => ValidSamples.Create(construct, stack, change(stack, ValidSamples.ByConstruct[construct](stack))));
    }

    [Test]
    public void A_bucket_key_of_another_region_is_refused_and_one_of_the_stack_region_or_a_reference_accepted()
    {
        var other = string.Format(null, Key, "us-east-1");
        var error = Reject(typeof(ModelArtifactBucket), (_, p) => (ModelArtifactBucketProps)p with { KmsKeyArn = other });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"KmsKeyArn was \"{other}\": is a kms ARN of region us-east-1, but the stack's AWS provider (and the bucket) is in eu-west-1: "
            + "it must be in eu-west-1 (or be a Terraform reference, which is not compared).",
        }));
        Accept(typeof(ModelArtifactBucket), (_, p) => (ModelArtifactBucketProps)p with { KmsKeyArn = string.Format(null, Key, "eu-west-1") });
        Accept(typeof(ModelArtifactBucket), (stack, p) => (ModelArtifactBucketProps)p with
        {
            KmsKeyArn = new TerraformVariable(stack, "key", new TerraformVariableConfig { Type = "string" }).StringValue,
        });
    }

    [Test]
    public void A_china_partition_key_or_repository_in_an_aws_stack_is_refused_as_another_partition()
    {
        const string chinaKey = "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Assert.That(Reject(typeof(SageMakerNotebook), (_, p) => (SageMakerNotebookProps)p with { KmsKeyArn = chinaKey }).Problems, Is.EqualTo(new[]
        {
            $"KmsKeyArn was \"{chinaKey}\": is a kms ARN of partition aws-cn (cn-north-1), but the stack's AWS provider (and the notebook) runs in eu-west-1 "
            + "(partition aws): partitions never share resources.",
        }));

        const string chinaRepository = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/ml/churn";
        Assert.That(Reject(typeof(ImportedModelImageRepository), (_, _) => new ImportedModelImageRepositoryProps { RepositoryUrl = chinaRepository }).Problems,
            Is.EqualTo(new[]
            {
                $"RepositoryUrl was \"{chinaRepository}\": is an ECR registry of partition aws-cn (cn-north-1), but the stack's AWS provider (and this stack) runs in "
                + "eu-west-1 (partition aws): partitions never share resources.",
            }));
        Accept(typeof(ImportedModelImageRepository), (_, _) => new ImportedModelImageRepositoryProps { RepositoryUrl = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/churn" });
    }

    [Test]
    public void An_endpoint_refuses_an_alarm_topic_and_an_image_of_another_region()
    {
        const string topic = "arn:aws:sns:us-east-1:123456789012:ml-alarms";
        const string image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/churn";
        var error = Reject(typeof(SageMakerEndpoint), (stack, p) => (SageMakerEndpointProps)p with
        {
            Alarms = new EndpointAlarms { AlarmTopicArn = topic },
            ImageRepository = ModelImageRepository.FromRepositoryUrl(stack, "OtherRegionImages", image),
        });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Alarms.AlarmTopicArn was \"{topic}\": is a sns ARN of region us-east-1, but the stack's AWS provider (and the endpoint's alarms) is in eu-west-1: "
            + "it must be in eu-west-1 (or be a Terraform reference, which is not compared).",
            $"ImageRepository was \"{image}\": is an ECR registry of region us-east-1, but the stack's AWS provider (and the model) is in eu-west-1: "
            + "it must be in eu-west-1 (or be a Terraform reference, which is not compared).",
        }));
    }

    [Test]
    public void A_private_network_refuses_zones_of_another_region_or_that_do_not_exist_and_a_cidr_with_host_bits()
    {
        var error = Reject(typeof(PrivateNetwork), (_, p) => (PrivateNetworkProps)p with { AvailabilityZones = ["eu-west-1a", "eu-west-1z"], CidrBlock = "10.40.1.0/16" });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "CidrBlock was \"10.40.1.0/16\": must be an IPv4 CIDR block such as 10.8.0.0/14, with no address bits beyond the prefix (did you mean 10.40.0.0/16?).",
            "AvailabilityZones was \"eu-west-1z\": must be an availability zone of eu-west-1 (the region of the stack's AWS provider): eu-west-1a, eu-west-1b, eu-west-1c.",
        }));
        var elsewhere = Reject(typeof(PrivateNetwork), (_, p) => (PrivateNetworkProps)p with { AvailabilityZones = ["us-east-1a", "us-east-1b"] });
        Assert.That(elsewhere.Problems, Has.Member(
            "AvailabilityZones was \"us-east-1a\": must be an availability zone of eu-west-1 (the region of the stack's AWS provider): eu-west-1a, eu-west-1b, eu-west-1c."));
    }

    [Test]
    public void A_gke_pool_refuses_node_locations_outside_the_cluster_region_or_that_do_not_exist()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new CpuNodePool(SynthHarness.BareStack(), "Pool",
            GcpTestData.CpuPool with { NodeLocations = ["us-central1-a", "europe-west4-z", "europe-west4-c"] }))!;
        const string zones = "must be a zone of region europe-west4 (the cluster's location, Cluster.Location europe-west4): europe-west4-a, europe-west4-b, europe-west4-c.";
        Assert.That(error.Problems, Is.EqualTo(new[] { $"NodeLocations was \"us-central1-a\": {zones}", $"NodeLocations was \"europe-west4-z\": {zones}" }));
    }

    [TestCase("europe-west4-z", "is not a zone of europe-west4: its zones are europe-west4-a, europe-west4-b, europe-west4-c")]
    [TestCase("europe-east4", "must be a Google Cloud region (e.g. europe-west4) or one of its zones (e.g. europe-west4-a) (" + CloudRegions.HowToExtend + ")")]
    public void A_cluster_location_is_checked_against_the_catalogue_not_by_shape(string location, string allowed)
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new MlCluster(SynthHarness.BareStack(), "Cluster", GcpTestData.ClusterProps with { Location = location }))!;
        Assert.That(error.Problems, Is.EqualTo(new[] { $"Location was \"{location}\": {allowed}." }));
    }

    [Test]
    public void A_gcp_key_of_another_location_than_the_bucket_share_or_registry_is_refused()
    {
        const string westKey = "projects/acme-kms/locations/europe-west4/keyRings/ml/cryptoKeys/registry";
        var bucket = Assert.Throws<ConstructInputException>(() => _ = new ModelRegistryBucket(SynthHarness.BareStack(), "Registry",
            GcpTestData.Registry with { Location = "EU", KmsKeyName = westKey }))!;
        Assert.That(bucket.Problems, Is.EqualTo(new[]
        {
            $"KmsKeyName was \"{westKey}\": is a key of location europe-west4, but Location is EU: Cloud KMS keys encrypt only resources of their own location, "
            + "so use a key of location europe (projects/<project>/locations/europe/keyRings/<ring>/cryptoKeys/<key>).",
        }));
        Assert.DoesNotThrow(() => _ = new ModelRegistryBucket(SynthHarness.BareStack(), "Registry",
            GcpTestData.Registry with { Location = "EU", KmsKeyName = "projects/acme-kms/locations/europe/keyRings/ml/cryptoKeys/registry" }));

        var share = Assert.Throws<ConstructInputException>(() => _ = new FilestoreWorkspace(SynthHarness.BareStack(), "Workspace",
            GcpTestData.Workspace with { KmsKeyName = "projects/acme-kms/locations/us-central1/keyRings/ml/cryptoKeys/share" }))!;
        Assert.That(share.Problems, Has.Some.StartWith("KmsKeyName was \"projects/acme-kms/locations/us-central1/keyRings/ml/cryptoKeys/share\": is a key of location us-central1, but Location is europe-west4-a"));
        Assert.DoesNotThrow(() => _ = new FilestoreWorkspace(SynthHarness.BareStack(), "Workspace",
            GcpTestData.Workspace with { KmsKeyName = westKey }), "a zonal share takes a key of its zone's region");

        var registry = Assert.Throws<ConstructInputException>(() => _ = new ModelImageRegistry(SynthHarness.BareStack(), "Images",
            GcpTestData.ImageRegistry with { Location = "us", KmsKeyName = westKey }))!;
        Assert.That(registry.Problems, Has.Some.Contains("use a key of location us "));
    }

    [Test]
    public void An_image_of_an_artifact_registry_location_that_does_not_exist_is_refused()
    {
        const string image = "europe-west99-docker.pkg.dev/acme-ml-test/models/churn-serving:1.0.0";
        var error = Assert.Throws<ConstructInputException>(() => _ = new PublishedContainerImages(SynthHarness.StackWithEveryProvider(), "Images",
            GcpTestData.PublishedImages with { Images = [image] }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            $"Images[0] was \"{image}\": names location \"europe-west99\" (europe-west99-docker.pkg.dev), which is not a Google Cloud region or an Artifact "
            + $"Registry multi-region (asia, europe, us) ({CloudRegions.HowToExtend}).",
        }));
    }
}
