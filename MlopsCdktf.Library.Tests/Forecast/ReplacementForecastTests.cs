using System.Text.Json.Nodes;
using MlopsCdktf.Aws;
using MlopsCdktf.Forecast;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Aws;
using MlopsCdktf.Tests.Gcp;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Forecast;

/// <summary>
/// The replacement forecast on a base/head pair built from the constructs: the head changes a GPU pool's driver version, a
/// Filestore tier and an endpoint's instance type, and the forecast lists exactly those, with their construct paths — no
/// plan, no credentials.
/// </summary>
public sealed class ReplacementForecastTests
{
    private static readonly EndpointAutoscaling Scaling = new() { MinInstances = 1, MaxInstances = 3, MaxRequestsPerSecondPerInstance = 10 };

    private static Dictionary<string, JsonObject> Synthesis(GpuDriverVersion driver, FilestoreTier tier, SageMakerInstanceType instanceType) => new(StringComparer.Ordinal)
    {
        ["training"] = SynthHarness.Gcp(stack =>
        {
            _ = new GpuNodePool(stack, "GpuPool", GcpTestData.T4Pool with { DriverVersion = driver });
            _ = new FilestoreWorkspace(stack, "Workspace", GcpTestData.Workspace with { Tier = tier });
        }).Root,
        ["serving"] = SynthHarness.Aws(stack => new SageMakerEndpoint(stack, "Endpoint", SageMakerEndpointTests.Props(stack, p => p with
        {
            Variants = [new InstanceVariant { InstanceType = instanceType, Autoscaling = Scaling }],
        }))).Root,
    };

    [Test]
    public void A_driver_version_a_filestore_tier_and_an_instance_type_change_are_exactly_the_replacements_listed()
    {
        var before = Synthesis(GpuDriverVersion.Latest, FilestoreTier.Zonal, SageMakerInstanceType.M5Large);
        var after = Synthesis(GpuDriverVersion.Default, FilestoreTier.BasicHdd, SageMakerInstanceType.M5Xlarge);

        var changes = ReplacementForecast.Compare(before, after);

        Assert.That(changes.Select(c => (c.ConstructPath, c.Effect, c.HoldsData, string.Join(",", c.Attributes))), Is.EquivalentTo(new[]
        {
            ("test/GpuPool/NodePool", ChangeEffect.Replace, false, "node_config.guest_accelerator.gpu_driver_installation_config.gpu_driver_version"),
            ("test/Workspace/Instance", ChangeEffect.Replace, true, "tier"),
            ("test/Endpoint/Config", ChangeEffect.Replace, false, "production_variants.instance_type"),
        }));
        Assert.That(changes.Single(c => c.Address.StartsWith("aws_sagemaker_endpoint_configuration", StringComparison.Ordinal)).Why,
            Does.Contain("the autoscaled instance count resets to initial_instance_count while test/Endpoint/ScalingTarget-AllTraffic scales it (terraform-provider-aws#48990)"));
    }

    [Test]
    public void A_new_model_baseline_replaces_the_immutable_monitoring_job_definition_and_keeps_the_schedule()
    {
        JsonObject Serving(string baseline) => SynthHarness.Aws(stack => new SageMakerEndpoint(stack, "Endpoint", SageMakerEndpointTests.Props(stack, p => p with
        {
            DataQualityMonitoring = new DataQualityMonitoring { BaselineKeyPrefix = baseline },
        }))).Root;

        var changes = ReplacementForecast.Compare(
            new Dictionary<string, JsonObject>(StringComparer.Ordinal) { ["serving"] = Serving("baselines/churn/1.0.0/") },
            new Dictionary<string, JsonObject>(StringComparer.Ordinal) { ["serving"] = Serving("baselines/churn/1.1.0/") });

        var replaced = changes.Where(c => c.Effect == ChangeEffect.Replace).ToList();
        Assert.That(replaced.Select(c => c.Address.Split('.')[0]), Does.Contain("aws_sagemaker_data_quality_job_definition"));
        Assert.That(replaced.Single(c => c.Address.StartsWith("aws_sagemaker_data_quality_job_definition", StringComparison.Ordinal)).Why,
            Does.Contain("a job definition is immutable"));
        Assert.That(changes.Select(c => c.Address.Split('.')[0]), Does.Not.Contain("aws_sagemaker_monitoring_schedule"),
            "the schedule keeps its name and only moves to the new definition");
    }

    [Test]
    public void The_same_synthesis_twice_forecasts_nothing()
    {
        var changes = ReplacementForecast.Compare(
            Synthesis(GpuDriverVersion.Latest, FilestoreTier.Zonal, SageMakerInstanceType.M5Large),
            Synthesis(GpuDriverVersion.Latest, FilestoreTier.Zonal, SageMakerInstanceType.M5Large));
        Assert.That(changes, Is.Empty);
        Assert.That(ReplacementForecast.ToText(changes), Is.EqualTo("Nothing is replaced, destroyed or disrupted.\n"));
    }

    [Test]
    public void A_resource_no_longer_declared_is_destroyed_and_a_share_or_bucket_among_them_is_flagged_as_data()
    {
        var before = Synthesis(GpuDriverVersion.Latest, FilestoreTier.Zonal, SageMakerInstanceType.M5Large);
        var after = new Dictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            ["training"] = SynthHarness.Gcp(stack => new GpuNodePool(stack, "GpuPool", GcpTestData.T4Pool)).Root,
        };

        var changes = ReplacementForecast.Compare(before, after);

        var share = changes.Single(c => c.ConstructPath == "test/Workspace/Instance");
        Assert.That((share.Effect, share.HoldsData, share.Why), Is.EqualTo((ChangeEffect.Destroy, true, "no longer declared at this address (a renamed construct needs a moved block)")));
        Assert.That(changes.Where(c => c.Stack == "serving").Select(c => c.Why).Distinct(), Is.EqualTo(new[] { "its stack is no longer synthesized" }));
        Assert.That(changes.Where(c => c.Stack == "serving" && c.HoldsData).Select(c => c.Address.Split('.')[0]),
            Is.SupersetOf(new[] { "aws_s3_bucket", "aws_kms_key", "aws_ecr_repository" }));
        Assert.That(ReplacementForecast.ToText(changes).Split('\n')[0], Does.StartWith("destroy  DATA "), "data-holding resources come first");
    }

    [Test]
    public void A_machine_type_change_disrupts_the_pool_in_place_and_unlisted_attributes_update_in_place()
    {
        var rules = ReplacementRules.Embedded;
        Assert.Multiple(() =>
        {
            Assert.That(rules.Of("google_container_node_pool", "node_config.machine_type").Effect, Is.EqualTo(ChangeEffect.Disrupt));
            Assert.That(rules.Of("google_container_node_pool", "node_config.labels.team").Effect, Is.EqualTo(ChangeEffect.InPlace));
            Assert.That(rules.Of("google_container_node_pool", "node_config.guest_accelerator.count").Effect, Is.EqualTo(ChangeEffect.Replace), "a parent's rule covers its children");
            Assert.That(rules.Of("aws_sagemaker_model", "primary_container.image").Effect, Is.EqualTo(ChangeEffect.Replace), "'*' covers every attribute");
            Assert.That(rules.Of("aws_s3_bucket_versioning", "versioning_configuration.status").Effect, Is.EqualTo(ChangeEffect.InPlace));
        });
    }

    [Test]
    public void A_malformed_rule_fails_naming_the_line() =>
        Assert.That(() => ReplacementRules.Parse("type\tattribute\teffect\twhy\naws_s3_bucket\tbucket\trecreate\tname"),
            Throws.TypeOf<FormatException>().With.Message.EqualTo("Replacement list line 2: expected 'type, attribute, replace|disrupt, why' (tab-separated): 'aws_s3_bucket\tbucket\trecreate\tname'."));

    [Test]
    public void A_gpu_instance_type_or_spot_change_replaces_the_node_group_and_a_version_upgrade_disrupts_the_cluster()
    {
        JsonObject Eks(string instanceType, bool spot, string version) => SynthHarness.Aws(stack =>
        {
            _ = new MlopsCdktf.Aws.Eks.EksCluster(stack, "Cluster", Aws.Eks.EksTestData.ClusterProps with { KubernetesVersion = version });
            _ = new MlopsCdktf.Aws.Eks.EksGpuNodeGroup(stack, "Gpu", Aws.Eks.EksTestData.Gpu(stack) with { InstanceType = instanceType, Spot = spot });
        }).Root;

        var changes = ReplacementForecast.Compare(
            new Dictionary<string, JsonObject>(StringComparer.Ordinal) { ["eks"] = Eks("g6.12xlarge", false, "1.34") },
            new Dictionary<string, JsonObject>(StringComparer.Ordinal) { ["eks"] = Eks("g6.48xlarge", true, "1.35") });

        Assert.That(changes.Select(c => (c.ConstructPath, c.Effect, string.Join(",", c.Attributes))), Is.SupersetOf(new[]
        {
            ("test/Gpu/NodeGroup", ChangeEffect.Replace, "capacity_type,instance_types"),
            ("test/Cluster/Cluster", ChangeEffect.Disrupt, "version"),
        }));
    }
}
