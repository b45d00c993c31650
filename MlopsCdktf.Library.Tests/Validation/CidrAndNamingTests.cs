using System.Net;
using HashiCorp.Cdktf;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Gcp;
using MlopsCdktf.Tests.Kubernetes;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Validation;

/// <summary>
/// CIDRs the provider would reject (host bits) or that overlap another range of the cluster, notebook types that do not
/// exist, and errors that must name what the user set (not a derived name) and say why a reference is refused.
/// </summary>
public sealed class CidrAndNamingTests
{
    /// <summary>Generated: for every prefix length, a block and the next block of the same size are disjoint, and the last
    /// address of a block (as a /32) overlaps it — the two sides of the overlap boundary.</summary>
    [Test]
    public void Ranges_overlap_exactly_when_they_share_an_address()
    {
        for (var prefix = 8; prefix <= 30; prefix++)
        {
            var size = 1u << (32 - prefix);
            var block = $"10.0.0.0/{prefix}";
            var next = $"{Address(0x0A000000u + size)}/{prefix}";
            var lastInside = $"{Address(0x0A000000u + size - 1)}/32";
            Assert.That(Problems((nameof(block), block), (nameof(next), next)), Is.Empty, $"{block} and {next}");
            Assert.That(Problems((nameof(block), block), (nameof(lastInside), lastInside)), Is.EqualTo(new[]
            {
                $"lastInside was \"{lastInside}\": overlaps block ({block}): the ranges must not share addresses; pick a range outside {block}.",
            }), $"{block} and {lastInside}");
        }
    }

    [Test]
    public void The_control_plane_pod_service_and_node_ranges_of_a_cluster_must_not_overlap_naming_both()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new MlCluster(SynthHarness.BareStack(), "Cluster", GcpTestData.ClusterProps with
        {
            IpRanges = ClusterIpRanges.Cidrs(pods: "172.16.0.0/14", services: "10.12.0.0/20"),
            SubnetworkCidr = "10.12.0.0/16",
        }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "IpRanges.ServicesCidr was \"10.12.0.0/20\": overlaps SubnetworkCidr (10.12.0.0/16): the ranges must not share addresses; pick a range outside 10.12.0.0/16.",
            "MasterIpv4CidrBlock was \"172.16.0.0/28\": overlaps IpRanges.PodsCidr (172.16.0.0/14): the ranges must not share addresses; pick a range outside 172.16.0.0/14.",
        }));
        Assert.DoesNotThrow(() => _ = new MlCluster(SynthHarness.BareStack(), "Cluster", GcpTestData.ClusterProps with
        {
            IpRanges = ClusterIpRanges.Cidrs(pods: "10.8.0.0/14", services: "10.12.0.0/20"),
            SubnetworkCidr = "10.13.0.0/20",
        }), "adjacent ranges are disjoint");
    }

    [Test]
    public void A_control_plane_range_with_host_bits_is_refused_with_its_network_address_not_masked()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new MlCluster(SynthHarness.BareStack(), "Cluster",
            GcpTestData.ClusterProps with { MasterIpv4CidrBlock = "172.16.0.16/27" }))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "MasterIpv4CidrBlock was \"172.16.0.16/27\": must be an IPv4 CIDR block such as 10.8.0.0/14, with no address bits beyond the prefix (did you mean 172.16.0.0/27?).",
        }));
    }

    [Test]
    public void Every_notebook_type_of_the_catalogue_is_accepted_and_hosting_only_types_are_refused()
    {
        foreach (var (family, sizes) in SageMakerInstanceType.NotebookSizes)
        {
            foreach (var size in sizes)
            {
                var stack = SynthHarness.StackWithEveryProvider();
                var props = (SageMakerNotebookProps)ValidSamples.ByConstruct[typeof(SageMakerNotebook)](stack) with { InstanceType = SageMakerInstanceType.Of($"ml.{family}.{size}") };
                Assert.DoesNotThrow(() => _ = new SageMakerNotebook(stack, "Notebook", props), $"ml.{family}.{size}");
            }
        }

        foreach (var (type, allowed) in new[]
        {
            ("ml.m5.large", "is not a notebook instance size of ml.m5 (sizes: xlarge, 2xlarge, 4xlarge, 12xlarge, 24xlarge; " + SageMakerInstanceType.HowToExtend + ")"),
            ("ml.c6g.xlarge", $"is not a SageMaker notebook instance family (notebook families: {string.Join(", ", SageMakerInstanceType.NotebookSizes.Keys)}; {SageMakerInstanceType.HowToExtend})"),
        })
        {
            var stack = SynthHarness.StackWithEveryProvider();
            var props = (SageMakerNotebookProps)ValidSamples.ByConstruct[typeof(SageMakerNotebook)](stack) with { InstanceType = SageMakerInstanceType.Of(type) };
            var error = Assert.Throws<ConstructInputException>(() => _ = new SageMakerNotebook(stack, "Notebook", props))!;
            Assert.That(error.Problems, Is.EqualTo(new[] { $"InstanceType was \"{type}\": {allowed}." }));
        }
    }

    [Test]
    public void A_cluster_name_that_derives_a_bad_service_account_id_is_reported_on_the_name()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new MlCluster(SynthHarness.BareStack(), "Cluster", GcpTestData.ClusterProps with { Name = "9-training" }))!;
        Assert.That(error.Problems, Has.All.StartWith("Name was \"9-training\""), "never NodeServiceAccountId, which the user did not set");

        var stack = SynthHarness.BareStack();
        var name = new TerraformVariable(stack, "name", new TerraformVariableConfig { Type = "string" }).StringValue;
        var referenced = Assert.Throws<ConstructInputException>(() => _ = new MlCluster(stack, "Cluster", GcpTestData.ClusterProps with { Name = name }))!;
        Assert.That(referenced.Problems, Is.EqualTo(new[]
        {
            "Name was a Terraform reference: is a Terraform reference, but the node service account id is derived from the name at synth time; give a literal name, "
            + "or set NodeServiceAccountId (a reference is accepted there).",
        }));
        Assert.DoesNotThrow(() => _ = new MlCluster(stack, "Accepted", GcpTestData.ClusterProps with { Name = name, NodeServiceAccountId = name }));
    }

    [Test]
    public void A_project_id_holding_google_is_reported_on_the_project_id()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new MlCluster(SynthHarness.BareStack(), "Cluster", GcpTestData.ClusterProps with { ProjectId = "acme-google-ml" }))!;
        Assert.That(error.Problems, Is.EqualTo(new[] { $"ProjectId was \"acme-google-ml\": {GcpProjectIds.RestrictedWordsMessage}." }));
        Assert.That(GcpProjectIds.HasRestrictedWord("acme-googl-ml"), Is.False, "the word, not a prefix of it");
    }

    [Test]
    public void A_reference_refused_by_a_rule_about_content_says_a_reference_is_not_accepted_and_why()
    {
        var stack = SynthHarness.StackWithEveryProvider();
        var zone = new TerraformVariable(stack, "zone", new TerraformVariableConfig { Type = "string" }).StringValue;
        var secrets = Assert.Throws<ConstructInputException>(() => _ = new ModelServingDeployment(stack, "Serving",
            KubernetesTestData.Serving with { SecretNames = [zone] }))!;
        Assert.That(secrets.Problems, Is.EqualTo(new[]
        {
            "SecretNames was a Terraform reference: is a Terraform reference, but each secret is declared at synth time as its own Kubernetes Secret, volume and mount path named after it: give the literal name.",
        }), "not a crash on a token in a construct id");

        var job = Assert.Throws<ConstructInputException>(() => _ = new BatchJob(stack, "Job", KubernetesTestData.Retrain with { TimeZone = zone }))!;
        Assert.That(job.Problems, Is.EqualTo(new[]
        {
            "TimeZone was a Terraform reference: a Terraform reference is not accepted here (this member needs a literal value known at synth time): must be an IANA time zone name such as Etc/UTC or Europe/Amsterdam.",
        }));
    }

    private static IReadOnlyList<string> Problems(params (string Property, string? Cidr)[] ranges) =>
        new InputValidator("Test", "test/Subject").ValidateDisjoint(ranges).Problems;

    private static string Address(uint value) => new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
}
