using System.Text.Json.Nodes;
using MlopsCdktf.Core;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>Default deny both ways, and per-workload allows that select only that workload's pods.</summary>
public sealed class NamespaceNetworkPoliciesTests
{
    private static readonly Dictionary<string, string> ServingPods = new() { ["app.kubernetes.io/name"] = "churn" };

    private static NamespaceNetworkPoliciesProps Props => new()
    {
        Namespace = "ml-models",
        Allows =
        [
            new PodNetworkAccess
            {
                Name = "churn",
                PodLabels = ServingPods,
                Egress = [EgressTarget.KubeDns, EgressTarget.GoogleApis, EgressTarget.GkeMetadataServer],
                IngressPorts = [8080],
                CallerNamespaces = ["web"],
            },
        ],
    };

    private static (JsonNode Deny, JsonNode Allow) Synth(NamespaceNetworkPoliciesProps props)
    {
        var json = SynthHarness.Kubernetes(stack => new NamespaceNetworkPolicies(stack, "Policies", props));
        return (json.ByPath("kubernetes_network_policy_v1", "Policies/DefaultDeny")["spec"]!,
            json.ByPath("kubernetes_network_policy_v1", "Policies/Allow-churn")["spec"]!);
    }

    [Test]
    public void Every_pod_is_denied_both_ways_by_default()
    {
        var json = SynthHarness.Kubernetes(stack => new NamespaceNetworkPolicies(stack, "Policies", new NamespaceNetworkPoliciesProps { Namespace = "ml-models" }));
        var deny = json.Single("kubernetes_network_policy_v1");
        Assert.That(deny["metadata"]!["namespace"]!.GetValue<string>(), Is.EqualTo("ml-models"));
        var spec = deny["spec"]!;
        Assert.That(spec["pod_selector"]!.AsObject(), Is.Empty, "an empty selector selects every pod");
        Assert.That(spec["policy_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "Ingress", "Egress" }));
        Assert.That(spec["ingress"], Is.Null);
        Assert.That(spec["egress"], Is.Null);
    }

    [Test]
    public void An_allow_selects_only_its_workloads_pods()
    {
        var (_, allow) = Synth(Props);
        Assert.That(allow["pod_selector"]!["match_labels"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()), Is.EqualTo(ServingPods));
        Assert.That(allow["policy_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "Ingress", "Egress" }));
    }

    [Test]
    public void The_serving_port_admits_pods_of_the_namespace_and_of_the_declared_callers_only()
    {
        var (_, allow) = Synth(Props);
        var ingress = allow["ingress"]!.AsArray().Single()!;
        Assert.That(ingress["ports"]!.AsArray().Select(p => (p!["port"]!.GetValue<string>(), p["protocol"]!.GetValue<string>())), Is.EqualTo(new[] { ("8080", "TCP") }));
        var from = ingress["from"]!.AsArray();
        Assert.That(from, Has.Count.EqualTo(2));
        Assert.That(from.Select(f => f!["namespace_selector"]!["match_labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>()), Is.EqualTo(new[] { "ml-models", "web" }),
            "pods of this namespace and of the declared callers");
        Assert.That(from.Any(f => f!["ip_block"] is not null || f!["pod_selector"] is not null), Is.False, "no address range, no other selector");
    }

    [Test]
    public void Egress_is_dns_google_apis_and_the_metadata_server_and_nothing_else()
    {
        var (_, allow) = Synth(Props);
        var rules = allow["egress"]!.AsArray().Select(r => r!).ToList();
        var summary = rules.Select(Describe).ToList();
        Assert.That(summary, Is.EqualTo(new[]
        {
            "ns kube-system pods k8s-app=kube-dns: UDP/53 TCP/53",
            "0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,169.254.0.0/16: TCP/443",
            "169.254.169.254/32: TCP/80",
            "169.254.169.252/32: TCP/988",
        }));
    }

    [Test]
    public void Invalid_allows_are_rejected()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new NamespaceNetworkPolicies(SynthHarness.BareStack(), "Policies", new NamespaceNetworkPoliciesProps
        {
            Namespace = "ml-models",
            Allows =
            [
                new PodNetworkAccess { Name = "open", PodLabels = new Dictionary<string, string>(), Egress = [EgressTarget.GoogleApis], CallerNamespaces = ["web"] },
                new PodNetworkAccess { Name = "none", PodLabels = ServingPods },
            ],
        }))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Policies"));
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Allows[0].PodLabels was 0: must select the workload's pods by at least one label: an empty selector would open the allows to every pod of the namespace.",
            "Allows[0].Egress was \"GoogleApis\": GoogleApis needs KubeDns (to resolve *.googleapis.com) and GkeMetadataServer (Workload Identity tokens).",
            "Allows[0].CallerNamespaces was \"web\": callers need IngressPorts to connect to.",
            "Allows[1] was \"none\": allows nothing: give Egress or IngressPorts, or leave it out.",
        }));
    }

    /// <summary>One egress rule as a line: destination, then protocol/port pairs.</summary>
    private static string Describe(JsonNode rule)
    {
        var to = rule["to"]!.AsArray().Single()!;
        var destination = to["ip_block"] is { } block
            ? block["cidr"]!.GetValue<string>() + (block["except"] is JsonArray except ? " except " + string.Join(",", except.Select(e => e!.GetValue<string>())) : string.Empty)
            : $"ns {to["namespace_selector"]!["match_labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>()} pods "
              + string.Join(",", to["pod_selector"]!["match_labels"]!.AsObject().Select(kv => $"{kv.Key}={kv.Value!.GetValue<string>()}"));
        var ports = string.Join(" ", rule["ports"]!.AsArray().Select(p => $"{p!["protocol"]!.GetValue<string>()}/{p["port"]!.GetValue<string>()}"));
        return $"{destination}: {ports}";
    }

    [Test]
    public void Eks_workloads_reach_aws_apis_over_https_and_the_pod_identity_agent()
    {
        var (_, allow) = Synth(Props with
        {
            Allows = [Props.Allows[0] with { Egress = [EgressTarget.KubeDns, EgressTarget.AwsApis, EgressTarget.EksPodIdentityAgent], IngressPorts = [], CallerNamespaces = [] }],
        });
        var egress = allow["egress"]!.AsArray();
        Assert.That(egress, Has.Count.EqualTo(3), "DNS, AWS APIs, the Pod Identity agent");
        var apis = egress[1]!;
        Assert.That(apis["to"]![0]!["ip_block"]!["cidr"]!.GetValue<string>(), Is.EqualTo("0.0.0.0/0"));
        Assert.That(apis["to"]![0]!["ip_block"]!["except"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[] { "169.254.0.0/16" }),
            "VPC endpoints have private addresses, so only link-local (instance metadata) is excluded");
        Assert.That((apis["ports"]![0]!["port"]!.GetValue<string>(), apis["ports"]![0]!["protocol"]!.GetValue<string>()), Is.EqualTo(("443", "TCP")));
        var agent = egress[2]!;
        Assert.That(agent["to"]![0]!["ip_block"]!["cidr"]!.GetValue<string>(), Is.EqualTo("169.254.170.23/32"));
        Assert.That((agent["ports"]![0]!["port"]!.GetValue<string>(), agent["ports"]![0]!["protocol"]!.GetValue<string>()), Is.EqualTo(("80", "TCP")));
    }

    [Test]
    public void Aws_apis_without_dns_or_the_pod_identity_agent_are_refused()
    {
        var error = Assert.Throws<ConstructInputException>(() => SynthHarness.Kubernetes(stack => new NamespaceNetworkPolicies(stack, "Policies", Props with
        {
            Allows = [Props.Allows[0] with { Egress = [EgressTarget.AwsApis] }],
        })))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Allows[0].Egress was \"AwsApis\": AwsApis needs KubeDns (to resolve *.amazonaws.com) and EksPodIdentityAgent (Pod Identity credentials).",
        }));
    }
}
