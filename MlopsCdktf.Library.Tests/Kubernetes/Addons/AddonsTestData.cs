using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Helm.Provider;
using MlopsCdktf.Core.Scheduling;
using MlopsCdktf.Kubernetes.Addons;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Kubernetes.Addons;

/// <summary>Valid add-on props and a synth harness with a Helm provider.</summary>
internal static class AddonsTestData
{
    /// <summary>The selector an EKS GPU node group gives (taint nvidia.com/gpu=present:NoSchedule, label mlops.io/pool-role).</summary>
    public static readonly GpuNodeSelector EksGpuPool = new()
    {
        TaintKey = "nvidia.com/gpu", TaintValue = "present", TaintEffect = "NoSchedule", NodeLabelKey = "mlops.io/pool-role", NodeLabelValue = "gpu-training", GpusPerNode = 1,
    };

    public static readonly GpuNodeSelector EksInferencePool = EksGpuPool with { NodeLabelValue = "gpu-inference", TaintValue = "inference" };

    public static EksClusterAddonsProps EksAddons => new()
    {
        ClusterName = "mlops-dev",
        Region = "eu-west-1",
        KubernetesVersion = "1.33",
        GpuPools = [EksGpuPool],
        SystemNodeSelector = new Dictionary<string, string> { ["mlops.io/pool-role"] = "system" },
    };

    public static ClusterAutoscalerProps Autoscaler => new() { ClusterName = "mlops-dev", Region = "eu-west-1", KubernetesVersion = "1.33" };

    public static NvidiaDevicePluginProps DevicePlugin => new() { GpuPools = [EksGpuPool] };

    /// <summary>Declares constructs in a stack with a Helm provider, then synthesizes it like <c>cdktf synth</c>.</summary>
    public static TerraformJson Synth(Action<TerraformStack> declare)
    {
        var stack = new TerraformStack(SynthHarness.NewApp(), "test");
        new HelmProvider(stack, "helm", new HelmProviderConfig { Kubernetes = new HelmProviderKubernetes { ConfigPath = "~/.kube/config" } });
        declare(stack);
        return SynthHarness.Synth(stack);
    }

    /// <summary>The <c>helm_release</c> named <paramref name="name"/>.</summary>
    public static JsonObject Release(TerraformJson json, string name) =>
        json.Resources("helm_release").Values.Single(r => r["name"]!.GetValue<string>() == name);

    /// <summary>The parsed values document of a release (its only <c>values</c> entry).</summary>
    public static JsonObject Values(JsonObject release)
    {
        var values = release["values"]!.AsArray();
        Assert.That(values, Has.Count.EqualTo(1), "one values document per release");
        return JsonNode.Parse(values[0]!.GetValue<string>())!.AsObject();
    }
}
