using System.Text.Json.Nodes;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>The VPC flow logs of <see cref="PrivateNetwork"/>: on by default, to an encrypted log group with a retention.</summary>
public sealed class PrivateNetworkFlowLogTests
{
    private static PrivateNetworkProps Props(Func<PrivateNetworkProps, PrivateNetworkProps>? change = null)
    {
        var props = new PrivateNetworkProps { Name = "acme-net", CidrBlock = "10.40.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"] };
        return change is null ? props : change(props);
    }

    private static JsonObject Module(TerraformJson json) => json.Root["module"]!.AsObject().Single().Value!.AsObject();

    [Test]
    public void Flow_logs_are_on_by_default_to_a_group_encrypted_with_a_created_protected_key_for_a_year()
    {
        var json = SynthHarness.Aws(stack => new PrivateNetwork(stack, "Network", Props()));
        var flowLogs = Module(json)["flow_logs"]!.AsObject();
        var key = json.ByPath("aws_kms_key", "Network/Key");

        Assert.That(flowLogs["log_group_name"]!.GetValue<string>(), Is.EqualTo("/aws/vpc/flow-logs/acme-net"));
        Assert.That(flowLogs["kms_key_arn"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
        Assert.That(flowLogs["retention_in_days"]!.GetValue<int>(), Is.EqualTo(365));
        Assert.That(flowLogs["traffic_type"]!.GetValue<string>(), Is.EqualTo("ALL"));
        Assert.That(key["enable_key_rotation"]!.GetValue<bool>(), Is.True);
        Assert.That(key["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True, "deleting the key makes the logs unreadable");
    }

    [Test]
    public void Retention_traffic_key_and_deletion_policy_are_the_callers_choice()
    {
        const string given = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var json = SynthHarness.Aws(stack => new PrivateNetwork(stack, "Network", Props(p => p with
        {
            FlowLogs = new VpcFlowLogs { RetentionDays = 30, Traffic = FlowLogTraffic.Rejected, KmsKeyArn = given },
        })));
        var flowLogs = Module(json)["flow_logs"]!.AsObject();
        Assert.That(flowLogs["kms_key_arn"]!.GetValue<string>(), Is.EqualTo(given));
        Assert.That(flowLogs["retention_in_days"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(flowLogs["traffic_type"]!.GetValue<string>(), Is.EqualTo("REJECT"));
        Assert.That(json.Resources("aws_kms_key"), Is.Empty);

        var disposable = SynthHarness.Aws(stack => new PrivateNetwork(stack, "Network", Props(p => p with { DeletionPolicy = DeletionPolicy.ForceDestroy })));
        Assert.That(disposable.ByPath("aws_kms_key", "Network/Key")["lifecycle"]?["prevent_destroy"], Is.Null);
    }

    [Test]
    public void Without_flow_logs_there_is_no_input_and_no_key()
    {
        PrivateNetwork? network = null;
        var json = SynthHarness.Aws(stack => network = new PrivateNetwork(stack, "Network", Props(p => p with { FlowLogs = null })));
        Assert.That(Module(json)["flow_logs"], Is.Null);
        Assert.That(json.Resources("aws_kms_key"), Is.Empty);
        Assert.That(network!.FlowLogGroupName, Is.Null);
    }

    [Test]
    public void A_retention_cloudwatch_does_not_offer_and_a_bad_key_are_rejected_together()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new PrivateNetwork(SynthHarness.BareStack(), "Network", Props(p => p with
        {
            FlowLogs = new VpcFlowLogs { RetentionDays = 100, KmsKeyArn = "alias/flow-logs", Traffic = (FlowLogTraffic)7 },
        })))!;
        Assert.That(error.Message, Does.StartWith("Invalid PrivateNetwork at path [test/Network]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "FlowLogs.RetentionDays was 100: must be one of CloudWatch's retention values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
            error.Problems[1],
            error.Problems[2],
        }));
        Assert.That(error.Problems[1], Does.StartWith("FlowLogs.Traffic was 7: must be one of "));
        Assert.That(error.Problems[2], Does.StartWith("FlowLogs.KmsKeyArn was \"alias/flow-logs\": must be a KMS key ARN"));
    }
}
