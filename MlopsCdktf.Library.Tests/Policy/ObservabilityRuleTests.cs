using HashiCorp.Cdktf.Providers.Google.ContainerNodePool;
using HashiCorp.Cdktf.Providers.Google.MonitoringAlertPolicy;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Gcp;
using static MlopsCdktf.Tests.Policy.PolicyHarness;

namespace MlopsCdktf.Tests.Policy;

/// <summary>MLOPS-GKE-7 (GPU pools without DCGM metrics) and MLOPS-MON-1 (alert policies notifying nobody).</summary>
public sealed class ObservabilityRuleTests
{
    [Test]
    public void Our_cluster_with_a_gpu_pool_and_our_alert_policies_comply()
    {
        var stack = GcpStack();
        var cluster = new MlCluster(stack, "Cluster", GcpTestData.ClusterProps);
        _ = new GpuNodePool(stack, "GpuPool", GcpTestData.T4Pool with { Cluster = cluster.NodePoolTarget });
        var channels = new EmailNotificationChannels(stack, "Channels", ObservabilityTestData.ChannelProps);
        _ = new ClusterAlertPolicies(stack, "Alerts", ObservabilityTestData.AlertProps with { NotificationChannels = channels.ChannelIds });

        Assert.That(Findings(stack), Is.Empty);
        var results = new[] { "MLOPS-GKE-7", "MLOPS-MON-1" }
            .SelectMany(id => MlopsCdktf.Policy.PolicyPack.Default.Find(id)!.Evaluate(MlopsCdktf.Policy.Model.SynthesizedStack.From(stack)));
        Assert.That(results.Select(r => $"{r.Element.Type} {r.Outcome}").Distinct(), Is.EquivalentTo(new[]
        {
            "google_container_cluster Compliant", "google_monitoring_alert_policy Compliant",
        }), "both rules checked something real");
    }

    [Test]
    public void A_cluster_with_gpu_pools_but_without_dcgm_or_managed_prometheus_is_warned_about()
    {
        var stack = GcpStack();
        var cluster = new MlCluster(stack, "Cluster", GcpTestData.ClusterProps with
        {
            Monitoring = new ClusterMonitoring { ManagedPrometheus = false, GpuMetrics = false },
        });
        _ = new GpuNodePool(stack, "GpuPool", GcpTestData.T4Pool with { Cluster = cluster.NodePoolTarget });

        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-GKE-7", "google_container_cluster.Cluster_D1DC4C4E", "test/Cluster/Cluster",
                "enable_components does not list DCGM and managed_prometheus.enabled is not true; GPU pools: google_container_node_pool.GpuPool_NodePool_4F6C3A55."),
        }).Using<string>((a, b) => string.CompareOrdinal(Normalize(a), Normalize(b))));
    }

    [Test]
    public void A_cluster_without_gpu_pools_needs_no_dcgm()
    {
        var stack = GcpStack();
        var cluster = new MlCluster(stack, "Cluster", GcpTestData.ClusterProps with { Monitoring = new ClusterMonitoring { GpuMetrics = false } });
        _ = new CpuNodePool(stack, "CpuPool", GcpTestData.CpuPool with { Cluster = cluster.NodePoolTarget });
        _ = new ContainerNodePool(stack, "other", new ContainerNodePoolConfig
        {
            Cluster = "projects/acme-ml-test/locations/europe-west4/clusters/someone-elses",
            NodeConfig = new ContainerNodePoolNodeConfig
            {
                ServiceAccount = "nodes@acme-ml-test.iam.gserviceaccount.com",
                ShieldedInstanceConfig = new ContainerNodePoolNodeConfigShieldedInstanceConfig { EnableSecureBoot = true },
                WorkloadMetadataConfig = new ContainerNodePoolNodeConfigWorkloadMetadataConfig { Mode = "GKE_METADATA" },
                GuestAccelerator = new[] { new ContainerNodePoolNodeConfigGuestAccelerator { Type = "nvidia-l4", Count = 1 } },
            },
        });

        Assert.That(Findings(stack), Is.Empty, "the GPU pool belongs to another cluster");
    }

    [Test]
    public void An_alert_policy_without_a_notification_channel_is_an_error()
    {
        var stack = GcpStack();
        _ = new MonitoringAlertPolicy(stack, "silent", new MonitoringAlertPolicyConfig
        {
            DisplayName = "silent",
            Combiner = "OR",
            Conditions = new[]
            {
                new MonitoringAlertPolicyConditions
                {
                    DisplayName = "anything",
                    ConditionPrometheusQueryLanguage = new MonitoringAlertPolicyConditionsConditionPrometheusQueryLanguage { Query = "up == 0" },
                },
            },
        });

        Assert.That(Findings(stack), Is.EqualTo(new[] { Line("MLOPS-MON-1", "google_monitoring_alert_policy.silent", "test/silent") }));
    }

    private static string Normalize(string line) => System.Text.RegularExpressions.Regex.Replace(line, "_[0-9A-F]{8}", "_X");
}
