using System.Text.Json.Nodes;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>What <see cref="PrivateNetwork"/> gives private EKS nodes: the endpoints, admitting the cluster's security group,
/// and an optional NAT egress, off by default.</summary>
public sealed class PrivateNetworkEksTests
{
    private static PrivateNetworkProps Props(Func<PrivateNetworkProps, PrivateNetworkProps>? change = null)
    {
        var props = new PrivateNetworkProps { Name = "acme-eks", CidrBlock = "10.41.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"], FlowLogs = null };
        return change is null ? props : change(props);
    }

    private static JsonObject Module(TerraformJson json) => json.Root["module"]!.AsObject().Single().Value!.AsObject();

    [Test]
    public void Egress_is_off_by_default_and_the_eks_endpoints_are_the_callers_to_add()
    {
        var json = SynthHarness.Aws(stack => new PrivateNetwork(stack, "Network", Props(p => p with
        {
            InterfaceEndpointServices = [.. PrivateNetwork.EksEndpointServices],
        })));
        var module = Module(json);

        Assert.That(module["internet_egress"], Is.Null, "the module's default: none");
        Assert.That(module["interface_endpoint_services"]!.AsArray().Select(s => s!.GetValue<string>()),
            Is.EquivalentTo(new[] { "ec2", "ecr.api", "ecr.dkr", "sts", "logs", "eks-auth", "eks", "autoscaling" }));
    }

    [Test]
    public void Nat_egress_uses_a_second_range_and_the_cluster_group_is_admitted_to_the_endpoints()
    {
        PrivateNetwork? network = null;
        var json = SynthHarness.Aws(stack =>
        {
            network = new PrivateNetwork(stack, "Network", Props(p => p with { InternetEgress = InternetEgress.NatGatewayPerZone, PublicCidrBlock = "10.42.0.0/24" }));
            network.AdmitToEndpoints("EksNodes", "sg-0123456789abcdef0", "HTTPS from the EKS nodes");
        });
        var module = Module(json);
        var rule = json.Single("aws_vpc_security_group_ingress_rule");

        Assert.That(module["internet_egress"]!.GetValue<string>(), Is.EqualTo("per_zone"));
        Assert.That(module["public_cidr_block"]!.GetValue<string>(), Is.EqualTo("10.42.0.0/24"));
        Assert.That(rule["referenced_security_group_id"]!.GetValue<string>(), Is.EqualTo("sg-0123456789abcdef0"));
        Assert.That(rule["from_port"]!.GetValue<int>(), Is.EqualTo(443));
        Assert.That(rule["security_group_id"]!.GetValue<string>(), Does.Contain("endpoints_security_group_id"));
        Assert.That(network!.CidrBlock, Is.EqualTo("10.41.0.0/16"));
    }

    [Test]
    public void Egress_without_a_public_range_an_overlapping_one_or_a_range_without_egress_are_refused()
    {
        string[] Problems(PrivateNetworkProps props) =>
            [.. Assert.Throws<ConstructInputException>(() => _ = new PrivateNetwork(SynthHarness.BareStack(), "Network", props))!.Problems];

        Assert.That(Problems(Props(p => p with { InternetEgress = InternetEgress.SingleNatGateway })), Is.EqualTo(new[]
        {
            "PublicCidrBlock was null: must be a second range of the VPC for the NAT gateways' public subnets (e.g. 10.41.0.0/24) when InternetEgress is on.",
        }));
        Assert.That(Problems(Props(p => p with { InternetEgress = InternetEgress.SingleNatGateway, PublicCidrBlock = "10.41.200.0/24" })), Is.EqualTo(new[]
        {
            "PublicCidrBlock was \"10.41.200.0/24\": overlaps CidrBlock (10.41.0.0/16): the ranges must not share addresses; pick a range outside 10.41.0.0/16.",
        }));
        Assert.That(Problems(Props(p => p with { PublicCidrBlock = "10.42.0.0/24" })), Is.EqualTo(new[]
        {
            "PublicCidrBlock was \"10.42.0.0/24\": is only used with internet egress (InternetEgress = SingleNatGateway or NatGatewayPerZone): remove it, or turn egress on.",
        }));
        var admit = Assert.Throws<ConstructInputException>(() => new PrivateNetwork(SynthHarness.BareStack(), "Network", Props()).AdmitToEndpoints("Nodes", "nodes"))!;
        Assert.That(admit.Problems, Is.EqualTo(new[] { "securityGroupId was \"nodes\": must be a security group id (sg-0123456789abcdef0) or a reference to one." }));
    }
}
