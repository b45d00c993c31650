using MlopsCdktf.Kubernetes.Addons;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.Addons.AddonsTestData;

namespace MlopsCdktf.Tests.Kubernetes.Addons;

/// <summary>The EKS add-on releases: their Helm settings, the values the real charts read, and the wiring the cluster needs.</summary>
public sealed class ClusterAddonsTests
{
    private static readonly Lazy<TerraformJson> AddonsJson = new(() => Synth(stack => _ = new EksClusterAddons(stack, "Addons", EksAddons)));

    [TestCase(NvidiaDevicePlugin.ReleaseName)]
    [TestCase(ClusterAutoscaler.ReleaseName)]
    [TestCase(MetricsServer.ReleaseName)]
    public void Every_release_is_pinned_waits_is_atomic_and_has_a_timeout_and_bounded_history(string name)
    {
        var release = Release(AddonsJson.Value, name);
        var pin = name switch
        {
            NvidiaDevicePlugin.ReleaseName => PinnedCharts.NvidiaDevicePlugin,
            MetricsServer.ReleaseName => PinnedCharts.MetricsServer,
            _ => PinnedCharts.ClusterAutoscalerFor("1.33")!,
        };
        Assert.Multiple(() =>
        {
            Assert.That(release["repository"]!.GetValue<string>(), Is.EqualTo(pin.Repository));
            Assert.That(release["chart"]!.GetValue<string>(), Is.EqualTo(pin.Chart));
            Assert.That(release["version"]!.GetValue<string>(), Is.EqualTo(pin.Version));
            Assert.That(release["namespace"]!.GetValue<string>(), Is.EqualTo("kube-system"));
            Assert.That(release["create_namespace"]!.GetValue<bool>(), Is.False);
            Assert.That(release["wait"]!.GetValue<bool>(), Is.True);
            Assert.That(release["atomic"]!.GetValue<bool>(), Is.True);
            Assert.That(release["cleanup_on_fail"]!.GetValue<bool>(), Is.True);
            Assert.That(release["timeout"]!.GetValue<int>(), Is.EqualTo(600));
            Assert.That(release["max_history"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(release["set"], Is.Null, "values come from one typed document, not set blocks");
            var values = Values(release);
            Assert.That(values["image"]!["repository"]!.GetValue<string>(), Is.EqualTo(pin.ImageRepository));
            Assert.That(values["image"]!["tag"]!.GetValue<string>(), Is.EqualTo(pin.ImageTag), "the image is pinned, never the chart's default");
            Assert.That(values["fullnameOverride"]!.GetValue<string>(), Is.EqualTo(name));
        });
    }

    [Test]
    public void Every_value_set_is_a_key_the_pinned_chart_reads()
    {
        var charts = new Dictionary<string, string[]>
        {
            [NvidiaDevicePlugin.ReleaseName] = ChartKeys.NvidiaDevicePlugin,
            [ClusterAutoscaler.ReleaseName] = ChartKeys.ClusterAutoscaler,
            [MetricsServer.ReleaseName] = ChartKeys.MetricsServer,
        };
        foreach (var (name, keys) in charts)
        {
            var set = Values(Release(AddonsJson.Value, name)).Select(kv => kv.Key).ToList();
            Assert.That(set, Is.SubsetOf(keys), name);
            Assert.That(set, Has.Count.GreaterThan(5), name);
        }
    }

    [Test]
    public void Device_plugin_tolerates_exactly_the_gpu_pools_taint_and_requires_exactly_its_label()
    {
        var values = Values(Release(AddonsJson.Value, NvidiaDevicePlugin.ReleaseName));
        var toleration = values["tolerations"]!.AsArray().Single()!;
        Assert.That(toleration["key"]!.GetValue<string>(), Is.EqualTo(EksGpuPool.TaintKey));
        Assert.That(toleration["operator"]!.GetValue<string>(), Is.EqualTo("Equal"));
        Assert.That(toleration["value"]!.GetValue<string>(), Is.EqualTo(EksGpuPool.TaintValue));
        Assert.That(toleration["effect"]!.GetValue<string>(), Is.EqualTo(EksGpuPool.TaintEffect));

        var terms = values["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]!.AsArray();
        var expression = terms.Single()!["matchExpressions"]!.AsArray().Single()!;
        Assert.That(expression["key"]!.GetValue<string>(), Is.EqualTo(EksGpuPool.NodeLabelKey));
        Assert.That(expression["operator"]!.GetValue<string>(), Is.EqualTo("In"));
        Assert.That(expression["values"]!.AsArray().Select(x => x!.GetValue<string>()), Is.EqualTo(new[] { EksGpuPool.NodeLabelValue }));
        Assert.That(values["priorityClassName"]!.GetValue<string>(), Is.EqualTo("system-node-critical"));
        Assert.That(values["resources"]!["limits"]!["memory"]!.GetValue<string>(), Is.EqualTo("128Mi"));
        Assert.That(values["resources"]!["requests"]!["cpu"]!.GetValue<string>(), Is.EqualTo("50m"));
        Assert.That(values["gfd"]!["enabled"]!.GetValue<bool>(), Is.False, "no GPU feature discovery (and so no Node Feature Discovery) is installed");
    }

    [Test]
    public void Device_plugin_with_several_pools_runs_on_any_of_them_property()
    {
        // Property: for any set of pools, the tolerations are exactly the distinct taints and the (ORed) node selector
        // terms exactly the distinct labels, in the order given.
        var random = new Random(21);
        for (var run = 0; run < 8; run++)
        {
            var pools = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => EksGpuPool with { TaintValue = $"t{random.Next(3)}", NodeLabelValue = $"pool-{random.Next(3)}", TaintEffect = random.Next(2) == 0 ? "NoSchedule" : "NoExecute" })
                .ToList();
            var values = Values(Release(Synth(stack => _ = new NvidiaDevicePlugin(stack, "Plugin", new NvidiaDevicePluginProps { GpuPools = pools })), NvidiaDevicePlugin.ReleaseName));
            var tolerations = values["tolerations"]!.AsArray().Select(t => (t!["key"]!.GetValue<string>(), t["value"]!.GetValue<string>(), t["effect"]!.GetValue<string>()));
            Assert.That(tolerations, Is.EqualTo(pools.Select(p => (p.TaintKey, p.TaintValue, p.TaintEffect)).Distinct()), $"run {run}");
            var labels = values["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]!.AsArray()
                .Select(t => (t!["matchExpressions"]![0]!["key"]!.GetValue<string>(), t["matchExpressions"]![0]!["values"]![0]!.GetValue<string>()));
            Assert.That(labels, Is.EqualTo(pools.Select(p => (p.NodeLabelKey, p.NodeLabelValue)).Distinct()), $"run {run}");
        }
    }

    [Test]
    public void Autoscaler_runs_as_the_pod_identity_service_account_with_no_irsa_annotation()
    {
        var release = Release(AddonsJson.Value, ClusterAutoscaler.ReleaseName);
        var values = Values(release);
        var account = values["rbac"]!["serviceAccount"]!;
        Assert.That(account["create"]!.GetValue<bool>(), Is.True);
        Assert.That(account["name"]!.GetValue<string>(), Is.EqualTo(ClusterAutoscaler.ServiceAccountName).And.EqualTo("cluster-autoscaler"));
        Assert.That(account["annotations"]!.AsObject(), Is.Empty, "no eks.amazonaws.com/role-arn: Pod Identity provides the credentials");
        Assert.That(release["namespace"]!.GetValue<string>(), Is.EqualTo(ClusterAutoscaler.Namespace).And.EqualTo("kube-system"));
    }

    [Test]
    public void Autoscaler_discovers_this_clusters_groups_on_aws_and_scales_down_sensibly()
    {
        var values = Values(Release(AddonsJson.Value, ClusterAutoscaler.ReleaseName));
        Assert.That(values["cloudProvider"]!.GetValue<string>(), Is.EqualTo("aws"));
        Assert.That(values["autoDiscovery"]!["clusterName"]!.GetValue<string>(), Is.EqualTo("mlops-dev"));
        Assert.That(values["awsRegion"]!.GetValue<string>(), Is.EqualTo("eu-west-1"));
        var args = values["extraArgs"]!.AsObject();
        Assert.That(args["expander"]!.GetValue<string>(), Is.EqualTo("least-waste"));
        Assert.That(args["balance-similar-node-groups"]!.GetValue<bool>(), Is.True);
        Assert.That(args["skip-nodes-with-local-storage"]!.GetValue<bool>(), Is.False, "workloads mount an emptyDir /tmp");
        Assert.That(args["scale-down-unneeded-time"]!.GetValue<string>(), Is.EqualTo("10m"));
        Assert.That(args.ContainsKey("skip-nodes-with-system-pods"), Is.False, "the autoscaler's safe default stays");
        Assert.That(values["tolerations"]!.AsArray(), Is.Empty, "never on GPU nodes");
        Assert.That(values["nodeSelector"]!["mlops.io/pool-role"]!.GetValue<string>(), Is.EqualTo("system"));
        Assert.That(values["priorityClassName"]!.GetValue<string>(), Is.EqualTo("system-cluster-critical"));
        Assert.That(values["podDisruptionBudget"]!["maxUnavailable"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(values["securityContext"]!["runAsNonRoot"]!.GetValue<bool>(), Is.True);
        Assert.That(values["containerSecurityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>(), Is.True);
        Assert.That(values["containerSecurityContext"]!["capabilities"]!["drop"]![0]!.GetValue<string>(), Is.EqualTo("ALL"));
        Assert.That(values["resources"]!["requests"]!["memory"]!.GetValue<string>(), Is.EqualTo("600Mi"));
    }

    [Test]
    public void Autoscaler_image_minor_equals_the_cluster_minor_for_every_pinned_minor()
    {
        Assert.That(PinnedCharts.ClusterAutoscalerByMinor.Keys, Is.EqualTo(new[] { "1.30", "1.31", "1.32", "1.33", "1.34", "1.35" }));
        foreach (var (minor, pin) in PinnedCharts.ClusterAutoscalerByMinor)
        {
            var values = Values(Release(Synth(stack => _ = new ClusterAutoscaler(stack, "Autoscaler", Autoscaler with { KubernetesVersion = minor })), ClusterAutoscaler.ReleaseName));
            Assert.That(values["image"]!["tag"]!.GetValue<string>(), Does.StartWith($"v{minor}."), minor);
            Assert.That(pin.Chart, Is.EqualTo("cluster-autoscaler"));
            Assert.That(pin.Repository, Is.EqualTo("https://kubernetes.github.io/autoscaler"));
        }

        // Newer minors pin newer charts.
        var versions = PinnedCharts.ClusterAutoscalerByMinor.Values.Select(p => Version.Parse(p.Version)).ToList();
        Assert.That(versions, Is.Ordered.Ascending);
    }

    [Test]
    public void Metrics_server_runs_two_replicas_with_a_budget_and_verifies_kubelets()
    {
        var values = Values(Release(AddonsJson.Value, MetricsServer.ReleaseName));
        Assert.That(values["replicas"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(values["podDisruptionBudget"]!["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(values["podDisruptionBudget"]!["minAvailable"]!.GetValue<int>(), Is.EqualTo(1));
        var args = values["defaultArgs"]!.AsArray().Select(a => a!.GetValue<string>()).Concat(values["args"]!.AsArray().Select(a => a!.GetValue<string>())).ToList();
        Assert.That(args, Does.Contain("--kubelet-preferred-address-types=InternalIP"));
        Assert.That(args, Has.None.StartsWith("--kubelet-insecure-tls"));
        Assert.That(values["priorityClassName"]!.GetValue<string>(), Is.EqualTo("system-cluster-critical"));
        var spread = values["topologySpreadConstraints"]![0]!;
        // The chart's selector labels: app.kubernetes.io/name = chart name, app.kubernetes.io/instance = release name.
        Assert.That(spread["labelSelector"]!["matchLabels"]!["app.kubernetes.io/instance"]!.GetValue<string>(), Is.EqualTo(MetricsServer.ReleaseName));
        Assert.That(spread["labelSelector"]!["matchLabels"]!["app.kubernetes.io/name"]!.GetValue<string>(), Is.EqualTo("metrics-server"));
        Assert.That(values["resources"]!["limits"]!["memory"]!.GetValue<string>(), Is.EqualTo("500Mi"));
    }

    [Test]
    public void Addons_wait_for_what_they_are_given_to_depend_on()
    {
        var json = Synth(stack =>
        {
            var groups = new HashiCorp.Cdktf.Providers.Helm.Release.Release(stack, "Other", new HashiCorp.Cdktf.Providers.Helm.Release.ReleaseConfig { Name = "other", Chart = "x" });
            _ = new EksClusterAddons(stack, "Addons", EksAddons with { DependsOn = [groups] });
        });
        foreach (var name in new[] { NvidiaDevicePlugin.ReleaseName, ClusterAutoscaler.ReleaseName, MetricsServer.ReleaseName })
        {
            Assert.That(Release(json, name)["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[] { "helm_release.Other" }), name);
        }

        Assert.That(Release(AddonsJson.Value, MetricsServer.ReleaseName)["depends_on"], Is.Null);
    }

    [Test]
    public void Values_are_deterministic()
    {
        var again = Synth(stack => _ = new EksClusterAddons(stack, "Addons", EksAddons));
        Assert.That(again.Root.ToJsonString(), Is.EqualTo(AddonsJson.Value.Root.ToJsonString()));
    }

    [Test]
    [Category("Snapshot")]
    public void Addons_match_their_snapshot() => LibrarySnapshot.Matches(AddonsJson.Value.Root, "eks-cluster-addons");

    [TestCase("1.29", "KubernetesVersion was \"1.29\": has no pinned cluster autoscaler: its minor must equal the cluster's, and minors 1.30, 1.31, 1.32, 1.33, 1.34, 1.35 are pinned; add a pin for 1.29 to PinnedCharts.ClusterAutoscalerByMinor (image registry.k8s.io/autoscaling/cluster-autoscaler:v1.29.x, the chart whose appVersion is 1.29.x).")]
    [TestCase("1.33.2", "KubernetesVersion was \"1.33.2\": must be a Kubernetes minor as EKS spells it, major.minor such as 1.33 (no patch, no leading v).")]
    [TestCase("v1.33", "KubernetesVersion was \"v1.33\": must be a Kubernetes minor as EKS spells it, major.minor such as 1.33 (no patch, no leading v).")]
    public void Autoscaler_refuses_a_minor_without_a_pin(string version, string problem)
    {
        var error = Reject<ClusterAutoscaler>(stack => _ = new ClusterAutoscaler(stack, "Autoscaler", Autoscaler with { KubernetesVersion = version }));
        Assert.That(error.Problems, Is.EqualTo(new[] { problem }));
    }

    [Test]
    public void Autoscaler_refuses_a_version_known_only_at_apply_time()
    {
        var error = Reject<ClusterAutoscaler>(stack => _ = new ClusterAutoscaler(stack, "Autoscaler", Autoscaler with
        {
            KubernetesVersion = new HashiCorp.Cdktf.TerraformVariable(stack, "version", new HashiCorp.Cdktf.TerraformVariableConfig { Type = "string" }).StringValue,
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "KubernetesVersion was a Terraform reference: must be a Kubernetes minor known at synth, not a reference (the autoscaler's chart and image are chosen then): one of 1.30, 1.31, 1.32, 1.33, 1.34, 1.35.",
        }));
    }

    [Test]
    public void Autoscaler_reports_every_bad_input_at_once()
    {
        var error = Reject<ClusterAutoscaler>(stack => _ = new ClusterAutoscaler(stack, "Autoscaler", Autoscaler with
        {
            ClusterName = "-bad",
            Region = "eu-moon-1",
            ScaleDownUnneededMinutes = 0,
            NodeSelector = new Dictionary<string, string> { ["bad key!"] = "x" },
            Resources = new MlopsCdktf.Kubernetes.ContainerResources { CpuRequest = "2", MemoryRequest = "1Gi", CpuLimit = "1", MemoryLimit = "1Gi" },
            Release = new HelmReleaseSettings { TimeoutSeconds = 30, MaxHistory = 0 },
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "ClusterName was \"-bad\": must be an EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit.",
            "Region was \"eu-moon-1\": must be an AWS region such as eu-west-1 (if it is a new region, add it to MlopsCdktf.Library/Core/CloudRegions.cs).",
            "NodeSelector key was \"bad key!\": must be a Kubernetes label key: an optional DNS prefix and '/', then 1 to 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends.",
            "ScaleDownUnneededMinutes was 0: must be between 1 and 60 minutes.",
            error.Problems[4],
            "Release.TimeoutSeconds was 30: must be between 60 and 3600 seconds (Helm waits this long for the release's pods to be ready, then rolls back).",
            "Release.MaxHistory was 0: must be between 1 and 100 revisions (each is a Secret in the release's namespace; 0, Helm's unlimited, is refused).",
        }));
        Assert.That(error.Problems[4], Does.StartWith("Resources.CpuRequest was \"2\""));
    }

    [Test]
    public void Device_plugin_refuses_no_gpu_pool_and_a_malformed_one()
    {
        var none = Reject<NvidiaDevicePlugin>(stack => _ = new NvidiaDevicePlugin(stack, "Plugin", new NvidiaDevicePluginProps { GpuPools = [] }));
        Assert.That(none.Problems, Is.EqualTo(new[]
        {
            "GpuPools was \"none\": must name at least one GPU pool: the device plugin runs only on the nodes it tolerates and selects, so without a pool no node would advertise nvidia.com/gpu and every GPU pod would stay Pending.",
        }));

        var malformed = Reject<NvidiaDevicePlugin>(stack => _ = new NvidiaDevicePlugin(stack, "Plugin", new NvidiaDevicePluginProps
        {
            GpuPools = [EksGpuPool, EksGpuPool with { TaintEffect = "NO_SCHEDULE", NodeLabelKey = "bad key" }],
        }));
        Assert.That(malformed.Problems, Is.EqualTo(new[]
        {
            "GpuPools[1].TaintEffect was \"NO_SCHEDULE\": must be one of NoSchedule, PreferNoSchedule, NoExecute (Kubernetes' spelling); NO_SCHEDULE is the GKE API's spelling of NoSchedule.",
            "GpuPools[1].NodeLabelKey was \"bad key\": must be a Kubernetes label key: an optional DNS prefix and '/', then 1 to 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends.",
        }));
    }

    [Test]
    public void Addons_check_every_input_before_declaring_any_release()
    {
        var error = Reject<EksClusterAddons>(stack => _ = new EksClusterAddons(stack, "Addons", EksAddons with
        {
            KubernetesVersion = "1.36",
            GpuPools = [],
            Region = "",
            Release = new HelmReleaseSettings { TimeoutSeconds = 7200 },
        }));
        Assert.That(error.Problems, Has.Count.EqualTo(4));
        Assert.That(error.Problems[0], Does.StartWith("Region was \"\": must be an AWS region"));
        Assert.That(error.Problems[1], Does.StartWith("KubernetesVersion was \"1.36\": has no pinned cluster autoscaler"));
        Assert.That(error.Problems[2], Does.StartWith("GpuPools was \"none\": must name at least one GPU pool"));
        Assert.That(error.Problems[3], Is.EqualTo("Release.TimeoutSeconds was 7200: must be between 60 and 3600 seconds (Helm waits this long for the release's pods to be ready, then rolls back)."));
    }

    [Test]
    public void Metrics_server_refuses_a_bad_node_selector_and_timeout()
    {
        var error = Reject<MetricsServer>(stack => _ = new MetricsServer(stack, "Metrics", new MetricsServerProps
        {
            NodeSelector = new Dictionary<string, string> { ["mlops.io/pool-role"] = "not a value" },
            Release = new HelmReleaseSettings { TimeoutSeconds = 59 },
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "NodeSelector[\"mlops.io/pool-role\"] was \"not a value\": must be a Kubernetes label value: at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric.",
            "Release.TimeoutSeconds was 59: must be between 60 and 3600 seconds (Helm waits this long for the release's pods to be ready, then rolls back).",
        }));
    }
}
