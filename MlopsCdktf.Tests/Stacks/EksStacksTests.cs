using System.Text.Json.Nodes;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Environments;
using MlopsCdktf.Kubernetes.Addons;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// The EKS path of dev, read from the full app's JSON and manifest: the three stacks apply in order, and what each needs
/// from the one before is wired — the device plugin and the retrain land on the GPU group the cluster stack taints and
/// labels, the autoscaler runs as the service account the cluster stack's Pod Identity role is associated with, the trainer
/// reads and writes the platform's artifact bucket under its release's prefixes.
/// </summary>
public sealed class EksStacksTests
{
    private static readonly DeploymentEnvironment Dev = Catalog.Dev;

    private static string Name(string cloud) => MlopsStack.StackName(cloud, Dev);

    private static TerraformJson Cluster => AppSynth.Stack(Name(EksClusterStack.Cloud));

    private static TerraformJson Addons => AppSynth.Stack(Name(EksAddonsStack.Cloud));

    private static TerraformJson Workloads => AppSynth.Stack(Name(EksWorkloadsStack.Cloud));

    private static JsonObject Values(string releasePathSuffix) =>
        JsonNode.Parse(Addons.ByPath("helm_release", releasePathSuffix)["values"]![0]!.GetValue<string>())!.AsObject();

    private static JsonObject GpuGroup => Cluster.ByPath("aws_eks_node_group", "GpuNodes/NodeGroup");

    [Test]
    public void The_three_stacks_apply_cluster_then_addons_then_workloads_and_only_where_declared()
    {
        var manifest = JsonNode.Parse(AppSynth.Manifest)!["stacks"]!;
        IEnumerable<string> DependenciesOf(string stack) => manifest[stack]!["dependencies"]!.AsArray().Select(d => d!.GetValue<string>());

        Assert.That(DependenciesOf(Name(EksClusterStack.Cloud)), Is.Empty, "the cluster has a network of its own");
        Assert.That(DependenciesOf(Name(EksAddonsStack.Cloud)), Is.EqualTo(new[] { Name(EksClusterStack.Cloud) }));
        Assert.That(DependenciesOf(Name(EksWorkloadsStack.Cloud)), Is.EquivalentTo(new[] { Name(EksAddonsStack.Cloud), Name(EksClusterStack.Cloud), Name(AwsPlatformStack.Cloud) }));
        Assert.That(manifest.AsObject().Select(s => s.Key).Where(s => s.Contains("-eks", StringComparison.Ordinal)),
            Is.EquivalentTo(new[] { "mlops-eks-dev", "mlops-eks-addons-dev", "mlops-eks-k8s-dev" }), "staging and prod declare no EKS cluster");
    }

    [Test]
    public void The_device_plugin_tolerates_the_taint_the_gpu_group_sets_and_runs_only_on_its_nodes()
    {
        var taint = GpuGroup["taint"]!.AsArray().Single()!;
        var values = Values("Addons/NvidiaDevicePlugin/Release");

        var toleration = values["tolerations"]!.AsArray().Single()!;
        Assert.That(toleration["key"]!.GetValue<string>(), Is.EqualTo(taint["key"]!.GetValue<string>()));
        Assert.That(toleration["value"]!.GetValue<string>(), Is.EqualTo(taint["value"]!.GetValue<string>()));
        Assert.That(taint["effect"]!.GetValue<string>(), Is.EqualTo("NO_SCHEDULE"), "EKS spells it NO_SCHEDULE");
        Assert.That(toleration["effect"]!.GetValue<string>(), Is.EqualTo("NoSchedule"), "Kubernetes spells it NoSchedule");
        var term = values["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!["matchExpressions"]![0]!;
        var label = term["key"]!.GetValue<string>();
        Assert.That(GpuGroup["labels"]![label]!.GetValue<string>(), Is.EqualTo(term["values"]![0]!.GetValue<string>()));
    }

    [Test]
    public void The_retrain_lands_on_the_gpu_group_with_a_whole_nodes_gpus_and_the_releases_training_image()
    {
        var spec = Workloads.Single("kubernetes_cron_job_v1")["spec"]!["job_template"]!["spec"]!["template"]!["spec"]!;
        var taint = GpuGroup["taint"]!.AsArray().Single()!;
        var toleration = spec["toleration"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == taint["key"]!.GetValue<string>())!;
        Assert.That(toleration["value"]!.GetValue<string>(), Is.EqualTo(taint["value"]!.GetValue<string>()));
        var selector = spec["affinity"]!["node_affinity"]!["required_during_scheduling_ignored_during_execution"]!["node_selector_term"]![0]!["match_expressions"]![0]!;
        Assert.That(GpuGroup["labels"]![selector["key"]!.GetValue<string>()]!.GetValue<string>(), Is.EqualTo(selector["values"]![0]!.GetValue<string>()));

        var container = spec["container"]![0]!;
        Assert.That(container["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>(),
            Is.EqualTo(EksGpuInstanceRules.Of(Dev.EksTraining!.GpuInstanceType)!.Value.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(container["image"]!.GetValue<string>(), Does.Contain("mlops-eks-dev.outputs.cross-stack-output-aws_ecr_repositoryTrainingImages")
            .And.EndWith(":" + Dev.Release.Version));
        Assert.That(Cluster.Single("aws_ecr_repository")["name"]!.GetValue<string>(), Is.EqualTo("mlops/dev/churn-training"));
    }

    [Test]
    public void The_autoscaler_runs_as_the_service_account_its_pod_identity_role_is_associated_with()
    {
        var association = Cluster.Resources("aws_eks_pod_identity_association").Values
            .Single(a => a["service_account"]!.GetValue<string>() == ClusterAutoscalerIdentity.ServiceAccountName);
        Assert.That(association["namespace"]!.GetValue<string>(), Is.EqualTo(ClusterAutoscalerIdentity.Namespace));

        var values = Values("Addons/ClusterAutoscaler/Release");
        Assert.That(values["rbac"]!["serviceAccount"]!["name"]!.GetValue<string>(), Is.EqualTo(association["service_account"]!.GetValue<string>()));
        Assert.That(values["rbac"]!["serviceAccount"]!["annotations"]!.AsObject(), Is.Empty, "Pod Identity, not IRSA");
        Assert.That(Addons.ByPath("helm_release", "Addons/ClusterAutoscaler/Release")["namespace"]!.GetValue<string>(), Is.EqualTo(ClusterAutoscalerIdentity.Namespace));
        Assert.That(values["autoDiscovery"]!["clusterName"]!.GetValue<string>(), Does.Contain("mlops-eks-dev.outputs").And.Contain("aws_eks_cluster"));
        Assert.That(values["image"]!["tag"]!.GetValue<string>(), Does.StartWith($"v{Dev.EksTraining!.KubernetesVersion}."), "the autoscaler's minor is the cluster's");
        Assert.That(values["awsRegion"]!.GetValue<string>(), Is.EqualTo(Dev.Aws.Region));
    }

    [Test]
    public void Helm_and_kubernetes_reach_the_cluster_from_its_stack_as_the_callers_aws_identity()
    {
        foreach (var (json, provider) in new[] { (Addons, "helm"), (Workloads, "kubernetes") })
        {
            var config = json.Root["provider"]![provider]![0]!;
            var connection = provider == "helm" ? config["kubernetes"]! : config;
            Assert.That(connection["host"]!.GetValue<string>(), Does.Contain("mlops-eks-dev.outputs").And.Contain("endpoint"));
            Assert.That(connection["cluster_ca_certificate"]!.GetValue<string>(), Does.StartWith("${base64decode(").And.Contain("certificate_authority"));
            Assert.That(connection["token"]!.GetValue<string>(), Is.EqualTo("${data.aws_eks_cluster_auth.ClusterAuth.token}"));
            Assert.That(json.Root["terraform"]!["required_providers"]![provider]!["source"]!.GetValue<string>(), Is.EqualTo($"hashicorp/{provider}"));
        }

        var releases = Addons.Resources("helm_release").Values.ToList();
        // Kueue too: dev runs training runs on EKS (TrainingRuns.Eks), which wait in its queue.
        Assert.That(releases.Select(r => r["chart"]!.GetValue<string>()), Is.EquivalentTo(new[] { "nvidia-device-plugin", "cluster-autoscaler", "metrics-server", "kueue" }));
        Assert.That(releases.Select(r => r["wait"]!.GetValue<bool>()), Is.All.True);
        Assert.That(releases.Select(r => r["version"]!.GetValue<string>()), Is.EquivalentTo(new[]
        {
            PinnedCharts.NvidiaDevicePlugin.Version, PinnedCharts.ClusterAutoscalerFor(Dev.EksTraining!.KubernetesVersion)!.Version, PinnedCharts.MetricsServer.Version,
            PinnedCharts.Kueue.Version,
        }));
    }

    [Test]
    public void The_trainer_reads_datasets_and_adds_model_versions_of_its_release_on_the_platforms_bucket_through_pod_identity()
    {
        var json = Workloads;
        var association = json.Single("aws_eks_pod_identity_association");
        Assert.That(association["cluster_name"]!.GetValue<string>(), Does.Contain("mlops-eks-dev.outputs"));
        Assert.That(association["service_account"]!.GetValue<string>(), Does.Contain("kubernetes_service_account_v1.TrainerIdentity"));
        var cronJob = json.Single("kubernetes_cron_job_v1");
        Assert.That(cronJob["spec"]!["job_template"]!["spec"]!["template"]!["spec"]!["service_account_name"]!.GetValue<string>(),
            Is.EqualTo(association["service_account"]!.GetValue<string>()));

        var statements = json.Resources("aws_iam_role_policy").Values.SelectMany(json.PolicyStatements).ToList();
        var objectResources = statements.SelectMany(s => s["resources"]!.AsArray().Select(r => r!.GetValue<string>())).Where(r => r.Contains("/*", StringComparison.Ordinal) || r.EndsWith('*')).ToList();
        Assert.That(objectResources, Has.Some.EndWith("/datasets/*"));
        Assert.That(objectResources, Has.Some.EndWith($"/models/{Dev.Release.Name}/*"));
        Assert.That(statements.SelectMany(s => s["actions"]!.AsArray().Select(a => a!.GetValue<string>())), Has.None.EqualTo("s3:DeleteObject"), "create, never delete");
        Assert.That(statements.SelectMany(s => s["resources"]!.AsArray().Select(r => r!.GetValue<string>())), Has.Some.Contain("mlops-aws-dev.outputs"),
            "the bucket (and its key) come from the platform stack");
    }
}
