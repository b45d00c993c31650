using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>The secure defaults and validation of <see cref="MlCluster"/>, read back from the synthesized JSON.</summary>
public sealed class MlClusterTests
{
    private static TerraformJson Synth(MlClusterProps? props = null) =>
        SynthHarness.Gcp(stack => new MlCluster(stack, "Cluster", props ?? ClusterProps));

    [Test]
    public void Cluster_is_private_vpc_native_with_workload_identity_dataplane_v2_and_no_default_pool()
    {
        var json = Synth();
        var cluster = json.Single("google_container_cluster");

        Assert.That(cluster["private_cluster_config"]!["enable_private_nodes"]!.GetValue<bool>(), Is.True);
        Assert.That(cluster["private_cluster_config"]!["master_ipv4_cidr_block"]!.GetValue<string>(), Is.EqualTo("172.16.0.0/28"));
        Assert.That(cluster["workload_identity_config"]!["workload_pool"]!.GetValue<string>(), Is.EqualTo("acme-ml-test.svc.id.goog"));
        Assert.That(cluster["release_channel"]!["channel"]!.GetValue<string>(), Is.EqualTo("REGULAR"));
        Assert.That(cluster["enable_shielded_nodes"]!.GetValue<bool>(), Is.True);
        Assert.That(cluster["datapath_provider"]!.GetValue<string>(), Is.EqualTo("ADVANCED_DATAPATH"));
        Assert.That(cluster["network_policy"], Is.Null, "Dataplane V2 enforces network policy itself");
        Assert.That(cluster["networking_mode"]!.GetValue<string>(), Is.EqualTo("VPC_NATIVE"));
        Assert.That(cluster["ip_allocation_policy"]!["cluster_secondary_range_name"]!.GetValue<string>(), Is.EqualTo("gke-pods"));
        Assert.That(cluster["ip_allocation_policy"]!["services_secondary_range_name"]!.GetValue<string>(), Is.EqualTo("gke-services"));
        Assert.That(cluster["remove_default_node_pool"]!.GetValue<bool>(), Is.True);
        Assert.That(cluster["initial_node_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(cluster["deletion_protection"]!.GetValue<bool>(), Is.True);
        var authorized = cluster["master_authorized_networks_config"]!;
        Assert.That(authorized["cidr_blocks"], Is.Null, "closed to the internet unless CIDRs are listed");
        Assert.That(authorized["gcp_public_cidrs_access_enabled"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public void Nodes_run_as_a_dedicated_least_privilege_service_account()
    {
        var json = Synth();
        var account = json.Single("google_service_account");
        Assert.That(account["account_id"]!.GetValue<string>(), Is.EqualTo("ml-training-nodes"));

        var members = json.Resources("google_project_iam_member").Values.ToList();
        Assert.That(members.Select(m => m["role"]!.GetValue<string>()), Is.EquivalentTo(new[]
        {
            "roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader",
        }));
        Assert.That(members.Select(m => m["member"]!.GetValue<string>()), Is.All.EqualTo(json.Reference("google_service_account", account, "member")));

        var nodeConfig = json.Single("google_container_cluster")["node_config"]!;
        Assert.That(nodeConfig["service_account"]!.GetValue<string>(), Is.EqualTo(json.Reference("google_service_account", account, "email")));
        Assert.That(nodeConfig["oauth_scopes"]![0]!.GetValue<string>(), Is.EqualTo("https://www.googleapis.com/auth/cloud-platform"));
    }

    [TestCase(DeletionPolicy.PreventDestroy, true)]
    [TestCase(DeletionPolicy.DestroyIfEmpty, false)]
    [TestCase(DeletionPolicy.ForceDestroy, false)]
    public void Deletion_protection_follows_the_deletion_policy(DeletionPolicy policy, bool expected) =>
        Assert.That(Synth(ClusterProps with { DeletionPolicy = policy }).Single("google_container_cluster")["deletion_protection"]!.GetValue<bool>(), Is.EqualTo(expected));

    [Test]
    public void Cidr_ranges_channel_and_authorized_networks_are_configurable()
    {
        var cluster = Synth(ClusterProps with
        {
            IpRanges = ClusterIpRanges.Cidrs("10.8.0.0/14", "10.12.0.0/20"),
            ReleaseChannel = ReleaseChannel.Stable,
            MasterAuthorizedNetworks = ["10.100.0.0/24"],
        }).Single("google_container_cluster");

        Assert.That(cluster["ip_allocation_policy"]!["cluster_ipv4_cidr_block"]!.GetValue<string>(), Is.EqualTo("10.8.0.0/14"));
        Assert.That(cluster["ip_allocation_policy"]!["services_ipv4_cidr_block"]!.GetValue<string>(), Is.EqualTo("10.12.0.0/20"));
        Assert.That(cluster["release_channel"]!["channel"]!.GetValue<string>(), Is.EqualTo("STABLE"));
        Assert.That(cluster["master_authorized_networks_config"]!["cidr_blocks"]![0]!["cidr_block"]!.GetValue<string>(), Is.EqualTo("10.100.0.0/24"));
    }

    [Test]
    public void Control_plane_is_reached_through_the_iam_authorised_dns_endpoint_and_its_ip_endpoint_is_never_public()
    {
        var json = SynthHarness.Gcp(stack =>
        {
            var cluster = new MlCluster(stack, "Cluster", ClusterProps);
            Assert.That(cluster.ControlPlaneAccess, Is.EqualTo(ControlPlaneAccess.DnsEndpoint));
            _ = new HashiCorp.Cdktf.TerraformOutput(stack, "host", new HashiCorp.Cdktf.TerraformOutputConfig { Value = cluster.Connection.Host });
            Assert.That(cluster.Connection.CaCertificateBase64, Is.Null, "the DNS endpoint's certificate is publicly trusted; the cluster CA would fail TLS");
        });
        var cluster = json.Single("google_container_cluster");
        Assert.That(cluster["private_cluster_config"]!["enable_private_endpoint"]!.GetValue<bool>(), Is.True, "no public IP endpoint");
        Assert.That(cluster["control_plane_endpoints_config"]!["dns_endpoint_config"]!["allow_external_traffic"]!.GetValue<bool>(), Is.True);
        Assert.That(cluster["control_plane_endpoints_config"]!["ip_endpoints_config"]!["enabled"]!.GetValue<bool>(), Is.True, "nodes use the private IP endpoint");
        Assert.That(json.Root["output"]!["host"]!["value"]!.GetValue<string>(),
            Is.EqualTo("https://" + json.Reference("google_container_cluster", cluster, "control_plane_endpoints_config.0.dns_endpoint_config.0.endpoint")));
    }

    [Test]
    public void Private_endpoint_access_turns_the_dns_endpoint_off_and_connects_with_the_cluster_ca()
    {
        var json = SynthHarness.Gcp(stack =>
        {
            var cluster = new MlCluster(stack, "Cluster", ClusterProps with { ControlPlaneAccess = ControlPlaneAccess.PrivateEndpoint, MasterAuthorizedNetworks = ["10.100.0.0/24"] });
            _ = new HashiCorp.Cdktf.TerraformOutput(stack, "host", new HashiCorp.Cdktf.TerraformOutputConfig { Value = cluster.Connection.Host });
            _ = new HashiCorp.Cdktf.TerraformOutput(stack, "ca", new HashiCorp.Cdktf.TerraformOutputConfig { Value = cluster.Connection.CaCertificateBase64! });
        });
        var cluster = json.Single("google_container_cluster");
        Assert.That(cluster["control_plane_endpoints_config"]!["dns_endpoint_config"]!["allow_external_traffic"]!.GetValue<bool>(), Is.False);
        Assert.That(json.Root["output"]!["host"]!["value"]!.GetValue<string>(), Is.EqualTo("https://" + json.Reference("google_container_cluster", cluster, "endpoint")));
        Assert.That(json.Root["output"]!["ca"]!["value"]!.GetValue<string>(), Is.EqualTo(json.Reference("google_container_cluster", cluster, "master_auth[0].cluster_ca_certificate")));
    }

    [Test]
    public void A_control_plane_no_runner_could_reach_is_rejected()
    {
        var error = Reject<MlCluster>(stack => _ = new MlCluster(stack, "Cluster", ClusterProps with { ControlPlaneAccess = ControlPlaneAccess.PrivateEndpoint }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "MasterAuthorizedNetworks was null: with ControlPlaneAccess.PrivateEndpoint and no DNS endpoint, no Terraform runner could reach the control plane: "
            + "list the private range your runners deploy from (inside the VPC or connected to it), or use ControlPlaneAccess.DnsEndpoint.",
        }));

        var publicRange = Reject<MlCluster>(stack => _ = new MlCluster(stack, "Cluster", ClusterProps with { MasterAuthorizedNetworks = ["203.0.113.0/24"] }));
        Assert.That(publicRange.Problems, Is.EqualTo(new[]
        {
            "MasterAuthorizedNetworks was \"203.0.113.0/24\": the control plane's IP endpoint is private, so only private (RFC 1918) ranges inside or connected to the VPC can use it; "
            + "reach it from outside with ControlPlaneAccess.DnsEndpoint (IAM-authorised) instead.",
        }));
    }

    [Test]
    public void A_long_cluster_name_gets_a_service_account_id_that_fits()
    {
        var account = Synth(ClusterProps with { Name = "mlops-staging-training-cluster-x" }).Single("google_service_account");
        Assert.That(account["account_id"]!.GetValue<string>(), Is.EqualTo("mlops-staging-training-c-nodes"));
    }

    [Test]
    public void Invalid_input_is_reported_all_at_once()
    {
        var error = Reject<MlCluster>(stack => _ = new MlCluster(stack, "Cluster", ClusterProps with
        {
            ProjectId = "Acme",
            Location = "europe",
            MasterIpv4CidrBlock = "172.16.0.0/24",
            IpRanges = new ClusterIpRanges { PodsRangeName = "pods", PodsCidr = "10.8.0.0/14" },
            Labels = new Dictionary<string, string> { ["Team"] = "ml" },
        }));

        Assert.That(error.ConstructPath, Is.EqualTo("test/Cluster"));
        Assert.That(error.Problems, Has.Member("ProjectId was \"Acme\": must be a project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."));
        Assert.That(error.Problems, Has.Member("Location was \"europe\": must be a Google Cloud region (e.g. europe-west4) or one of its zones (e.g. europe-west4-a) (" + CloudRegions.HowToExtend + ")."));
        Assert.That(error.Problems, Has.Member("MasterIpv4CidrBlock was \"172.16.0.0/24\": must be a private (RFC 1918) IPv4 /28 range, e.g. 172.16.0.0/28."));
        Assert.That(error.Problems, Has.Some.StartWith("IpRanges was \"secondary range names and CIDRs\": set either"));
        Assert.That(error.Problems, Has.Some.StartWith("Labels key was \"Team\": label keys must be 1 to 63 characters, start with a lowercase letter"));
    }
}
