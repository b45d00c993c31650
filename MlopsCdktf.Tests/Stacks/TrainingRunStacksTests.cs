using System.Text.Json.Nodes;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Delivery;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// A training run's two stacks, read from the app as <c>make train</c> synthesizes it: they stand alone (they read the
/// environment's cluster by name, so the environment's stacks do not change by one byte and the run plans without their
/// state), the Job lands only on the run's nodes with all of their GPUs, runs as the trainer identity the workloads stack
/// declares, mounts only claims that exist, and the GKE pool is one DWS pool GKE itself deletes after the run's maximum.
/// </summary>
public sealed class TrainingRunStacksTests
{
    private static readonly DeploymentEnvironment Dev = Catalog.Dev;

    private static IReadOnlyDictionary<string, TerraformJson> Run(string cloud) =>
        DeliverySynth.Stacks(new Dictionary<string, object> { ["env"] = "dev", ["run"] = $"{cloud}-exp", ["runCloud"] = cloud });

    private static TerraformJson Capacity(string cloud) => Run(cloud)[$"mlops-train-dev-{cloud}-exp"];

    private static TerraformJson Job(string cloud) => Run(cloud)[$"mlops-train-dev-{cloud}-exp-job"];

    private static JsonNode PodSpec(string cloud) => Job(cloud).Single("kubernetes_job_v1")["spec"]!["template"]!["spec"]!;

    [TestCase("eks")]
    [TestCase("gke")]
    public void A_run_leaves_every_stack_of_its_environment_unchanged_and_reads_no_other_stacks_state(string cloud)
    {
        var plain = DeliverySynth.Stacks(new Dictionary<string, object> { ["env"] = "dev" });
        var run = Run(cloud);

        foreach (var (name, json) in plain)
        {
            Assert.That(run[name].Root.ToJsonString(), Is.EqualTo(json.Root.ToJsonString()), $"{name} changed when a run was synthesized: the deployed stack would lack what the run reads");
        }

        foreach (var stack in new[] { Capacity(cloud), Job(cloud) })
        {
            Assert.That(stack.DataSources("terraform_remote_state"), Is.Empty, "a run reads its cluster by name, never another stack's outputs");
        }
    }

    [Test]
    public void The_eks_job_lands_only_on_the_run_node_group_with_all_its_gpus()
    {
        var group = Capacity("eks").ByPath("aws_eks_node_group", "RunNodes/NodeGroup");
        var spec = PodSpec("eks");

        var taint = group["taint"]!.AsArray().Single()!;
        var toleration = spec["toleration"]!.AsArray().Single()!;
        Assert.That((toleration["key"]!.GetValue<string>(), toleration["value"]!.GetValue<string>()), Is.EqualTo((taint["key"]!.GetValue<string>(), taint["value"]!.GetValue<string>())));
        var term = spec["affinity"]!["node_affinity"]!["required_during_scheduling_ignored_during_execution"]!["node_selector_term"]![0]!["match_expressions"]![0]!;
        Assert.That(group["labels"]![term["key"]!.GetValue<string>()]!.GetValue<string>(), Is.EqualTo(term["values"]![0]!.GetValue<string>()));
        Assert.That(term["values"]![0]!.GetValue<string>(), Is.EqualTo("run-eks-exp"), "only this run's nodes: the environment's GPU group has another role");
        Assert.That(group["labels"]![TrainingRunStack.RunLabel]!.GetValue<string>(), Is.EqualTo("eks-exp"));
        var gpus = EksGpuInstanceRules.Of(Dev.TrainingRuns!.Eks!.InstanceType)!.Value.Count;
        Assert.That(spec["container"]![0]!["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo(gpus.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(group["scaling_config"]!["min_size"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(group["scaling_config"]!["max_size"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(Capacity("eks").Resources("aws_autoscaling_group_tag"), Is.Empty,
            "the environment's autoscaler may resize only its own groups: a discovered run group would be drained under the job");
    }

    [Test]
    public void The_eks_job_runs_as_the_trainer_the_workloads_stack_declares_in_its_namespace_with_the_release_image()
    {
        var workloads = AppSynth.Stack(MlopsStack.StackName(EksWorkloadsStack.Cloud, Dev));
        var account = workloads.ByPath("kubernetes_service_account_v1", "TrainerIdentity/ServiceAccount")["metadata"]!;
        var job = Job("eks").Single("kubernetes_job_v1");

        Assert.That(account["namespace"]!.GetValue<string>(), Does.StartWith("${kubernetes_namespace_v1."));
        Assert.That(job["metadata"]!["namespace"]!.GetValue<string>(), Is.EqualTo(workloads.Single("kubernetes_namespace_v1")["metadata"]!["name"]!.GetValue<string>()));
        Assert.That(PodSpec("eks")["service_account_name"]!.GetValue<string>(), Is.EqualTo(account["name"]!.GetValue<string>()));
        var image = PodSpec("eks")["container"]![0]!["image"]!.GetValue<string>();
        Assert.That(image, Is.EqualTo($"{Dev.Aws.AccountId}.dkr.ecr.{Dev.Aws.Region}.amazonaws.com/{Dev.EksTrainingRepositoryName}:{Dev.Release.Version}"));
        Assert.That(AppSynth.Stack(MlopsStack.StackName(EksClusterStack.Cloud, Dev)).Single("aws_ecr_repository")["name"]!.GetValue<string>(), Is.EqualTo(Dev.EksTrainingRepositoryName));

        // The artefact goes where the trainer may add objects (models/<model>/), in the platform's bucket.
        var env = PodSpec("eks")["container"]![0]!["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        var bucket = AppSynth.Stack(MlopsStack.StackName(AwsPlatformStack.Cloud, Dev)).ByPath("aws_s3_bucket", "ModelArtifacts/Bucket")["bucket"]!.GetValue<string>();
        Assert.That(env["ARTIFACT_URI"], Is.EqualTo($"s3://{bucket}/models/{Dev.Release.Name}/runs/eks-exp/"));
        Assert.That(Job("eks").Root["output"]!["artifact_uri"]!["value"]!.GetValue<string>(), Is.EqualTo(env["ARTIFACT_URI"]));
    }

    [Test]
    public void The_gke_pool_is_a_flex_start_pool_of_the_environments_cluster_gke_deletes_after_the_maximum_run_duration()
    {
        var pool = Capacity("gke").Single("google_container_node_pool");
        var gcp = AppSynth.Stack(MlopsStack.StackName(GcpTrainingStack.Cloud, Dev));
        var cluster = gcp.Single("google_container_cluster");
        var nodeAccount = gcp.ByPath("google_service_account", "Cluster/NodeServiceAccount");

        Assert.That(pool["cluster"]!.GetValue<string>(), Is.EqualTo($"projects/{Dev.Gcp.ProjectId}/locations/{cluster["location"]!.GetValue<string>()}/clusters/{cluster["name"]!.GetValue<string>()}"));
        Assert.That(pool["node_config"]!["service_account"]!.GetValue<string>(), Is.EqualTo($"{nodeAccount["account_id"]!.GetValue<string>()}@{Dev.Gcp.ProjectId}.iam.gserviceaccount.com"));
        Assert.That(pool["node_config"]!["flex_start"]!.GetValue<bool>(), Is.True);
        Assert.That(pool["node_config"]!["max_run_duration"]!.GetValue<string>(), Is.EqualTo("86400s"));
        Assert.That(pool["node_config"]!["labels"]![TrainingRunStack.RunLabel]!.GetValue<string>(), Is.EqualTo("gke-exp"));
        Assert.That(pool["autoscaling"]!["total_min_node_count"]!.GetValue<int>(), Is.Zero, "nothing bills until the run's pod asks");
    }

    [Test]
    public void The_gke_job_mounts_only_workspace_claims_the_workloads_stack_declares_and_runs_as_its_trainer()
    {
        var k8s = AppSynth.Stack(MlopsStack.StackName(KubernetesStack.Cloud, Dev));
        var claims = k8s.Resources("kubernetes_persistent_volume_claim_v1").Values.Select(c => c["metadata"]!["name"]!.GetValue<string>()).ToList();
        var spec = PodSpec("gke");

        var mounted = spec["volume"]!.AsArray().Where(v => v!["persistent_volume_claim"] is not null).Select(v => v!["persistent_volume_claim"]!["claim_name"]!.GetValue<string>()).ToList();
        Assert.That(mounted, Is.Not.Empty.And.SubsetOf(claims));
        var trainer = k8s.Resources("kubernetes_service_account_v1").Values.Select(a => a["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.That(trainer, Does.Contain(spec["service_account_name"]!.GetValue<string>()));
        Assert.That(spec["container"]![0]!["image"]!.GetValue<string>(), Is.EqualTo(Dev.GkeTrainingImage));
        var term = spec["affinity"]!["node_affinity"]!["required_during_scheduling_ignored_during_execution"]!["node_selector_term"]![0]!["match_expressions"]![0]!;
        Assert.That(Capacity("gke").Single("google_container_node_pool")["node_config"]!["labels"]![term["key"]!.GetValue<string>()]!.GetValue<string>(),
            Is.EqualTo(term["values"]![0]!.GetValue<string>()));
    }

    [TestCase("eks")]
    [TestCase("gke")]
    public void The_job_stack_gives_make_train_what_it_reads_and_applies_after_the_capacity(string cloud)
    {
        var outputs = Job(cloud).Root["output"]!.AsObject();

        Assert.That(outputs.Select(o => o.Key), Is.SupersetOf(new[] { "cloud", "cluster_name", "cluster_location", "project_id", "namespace", "job_name", "artifact_uri" }));
        Assert.That(outputs["cloud"]!["value"]!.GetValue<string>(), Is.EqualTo(cloud));
        Assert.That(outputs["cluster_name"]!["value"]!.GetValue<string>(), Is.EqualTo(Dev.TrainingClusterName));
        var labels = Job(cloud).Single("kubernetes_job_v1")["spec"]!["template"]!["metadata"]!["labels"]!;
        Assert.That(labels[TrainingRunStack.RunLabel]!.GetValue<string>(), Is.EqualTo($"{cloud}-exp"));
        Assert.That(labels["mlops.io/model-version"]!.GetValue<string>(), Is.EqualTo(Dev.Release.Version));
        Assert.That(Job(cloud).Single("kubernetes_job_v1")["wait_for_completion"]!.GetValue<bool>(), Is.False, "make train waits with kubectl and tears down on failure");
    }

    [Test]
    public void The_cost_gate_leaves_runs_out_of_the_environments_standing_cost()
    {
        var app = SynthHarness.NewApp(context: new Dictionary<string, object> { ["env"] = "dev", ["run"] = "exp", ["runCloud"] = "eks" });
        var stacks = MlopsApplication.Compose(app, SynthSelection.Read(app, _ => null));

        Assert.That(stacks.OfType<MlopsStack>().Where(s => s.Ephemeral).Select(s => s.Node.Id), Is.EquivalentTo(new[] { "mlops-train-dev-exp", "mlops-train-dev-exp-job" }));
        Assert.That(stacks.OfType<MlopsStack>().Where(s => !s.Ephemeral).Select(s => s.Node.Id), Has.None.StartsWith("mlops-train-"));
    }

    [TestCase("eks")]
    [TestCase("gke")]
    public void The_run_waits_in_a_kueue_queue_its_workloads_stack_declares_whose_flavor_selects_the_run_nodes(string cloud)
    {
        var workloads = AppSynth.Stack(MlopsStack.StackName(cloud == "eks" ? EksWorkloadsStack.Cloud : KubernetesStack.Cloud, Dev));
        var manifests = workloads.Resources("kubernetes_manifest").Values.Select(m => m["manifest"]!).ToList();
        var job = Job(cloud).Single("kubernetes_job_v1");
        var queue = job["metadata"]!["labels"]!["kueue.x-k8s.io/queue-name"]!.GetValue<string>();

        var localQueue = manifests.Single(m => m["kind"]!.GetValue<string>() == "LocalQueue");
        Assert.That(localQueue["metadata"]!["name"]!.GetValue<string>(), Is.EqualTo(queue));
        var ns = workloads.ByPath("kubernetes_namespace_v1", $"{workloads.Root["//"]!["metadata"]!["stackName"]!.GetValue<string>()}/Namespace/Namespace");
        Assert.That(localQueue["metadata"]!["namespace"]!.GetValue<string>(), Is.EqualTo(workloads.Reference("kubernetes_namespace_v1", ns, "metadata[0].name")));
        Assert.That(ns["metadata"]!["name"]!.GetValue<string>(), Is.EqualTo(job["metadata"]!["namespace"]!.GetValue<string>()), "the run's Job is in the queue's namespace");

        // Kueue puts the flavor's node labels in the admitted pod's node selector: the run's own nodes must carry them.
        var flavor = manifests.Single(m => m["kind"]!.GetValue<string>() == "ResourceFlavor")["spec"]!;
        var nodeLabels = cloud == "eks"
            ? Capacity("eks").ByPath("aws_eks_node_group", "RunNodes/NodeGroup")["labels"]!
            : Capacity("gke").Single("google_container_node_pool")["node_config"]!["labels"]!;
        foreach (var (key, value) in flavor["nodeLabels"]!.AsObject())
        {
            Assert.That(nodeLabels[key]?.GetValue<string>(), Is.EqualTo(value!.GetValue<string>()), $"the run's nodes lack the flavor's label {key}");
        }

        var toleration = flavor["tolerations"]!.AsArray().Single()!;
        var taint = cloud == "eks"
            ? Capacity("eks").ByPath("aws_eks_node_group", "RunNodes/NodeGroup")["taint"]!.AsArray().Single()!
            : Capacity("gke").Single("google_container_node_pool")["node_config"]!["taint"]!.AsArray().Single()!;
        Assert.That((toleration["key"]!.GetValue<string>(), toleration["value"]!.GetValue<string>()), Is.EqualTo((taint["key"]!.GetValue<string>(), taint["value"]!.GetValue<string>())));

        // One run at a time (MaxConcurrentRuns 1): the queue's GPU quota is one run's GPUs, what the Job asks for.
        var gpuQuota = manifests.Single(m => m["kind"]!.GetValue<string>() == "ClusterQueue")["spec"]!["resourceGroups"]![0]!["flavors"]![0]!["resources"]!.AsArray()
            .Single(r => r!["name"]!.GetValue<string>() == "nvidia.com/gpu")!["nominalQuota"]!.GetValue<string>();
        Assert.That(gpuQuota, Is.EqualTo(PodSpec(cloud)["container"]![0]!["resources"]!["requests"]!["nvidia.com/gpu"]!.GetValue<string>()));
    }

    [Test]
    public void Kueue_is_installed_before_the_queues_on_both_clusters()
    {
        var manifest = JsonNode.Parse(AppSynth.Manifest)!["stacks"]!;
        IEnumerable<string> DependenciesOf(string stack) => manifest[stack]!["dependencies"]!.AsArray().Select(d => d!.GetValue<string>());

        Assert.That(DependenciesOf("mlops-k8s-dev"), Does.Contain("mlops-gke-addons-dev"));
        Assert.That(DependenciesOf("mlops-gke-addons-dev"), Is.EqualTo(new[] { "mlops-gcp-dev" }));
        Assert.That(DependenciesOf("mlops-eks-k8s-dev"), Does.Contain("mlops-eks-addons-dev"));
        foreach (var addons in new[] { "mlops-gke-addons-dev", "mlops-eks-addons-dev" })
        {
            var kueue = AppSynth.Stack(addons).Resources("helm_release").Values.Single(r => r["chart"]!.GetValue<string>() == "kueue");
            Assert.That(kueue["version"]!.GetValue<string>(), Is.EqualTo(Kubernetes.Addons.PinnedCharts.Kueue.Version));
            Assert.That(kueue["wait"]!.GetValue<bool>(), Is.True, "the queues' CRDs and webhook must be serving before the workloads stack plans them");
        }

        var helm = AppSynth.Stack("mlops-gke-addons-dev").Root["provider"]!["helm"]![0]!["kubernetes"]!;
        Assert.That(helm["host"]!.GetValue<string>(), Does.Contain("mlops-gcp-dev.outputs").And.Contain("dns_endpoint_config"));
        Assert.That(helm["token"]!.GetValue<string>(), Is.EqualTo("${data.google_client_config.client.access_token}"));
        Assert.That(AppSynth.All.Keys.Where(k => k.StartsWith("mlops-gke-addons-", StringComparison.Ordinal)), Is.EqualTo(new[] { "mlops-gke-addons-dev" }),
            "only environments with GKE training runs install Kueue");
    }

    /// <summary>
    /// Any run name the selection accepts (seeded samples, both length extremes) gives names every API accepts: the GKE
    /// pool (≤ 40, a GCP resource name), the EKS node group and its role (≤ 63 and ≤ 64), the Job (a DNS-1123 label), the
    /// run label (a label value) — and both clouds' stacks are declared without a construct refusing an input.
    /// </summary>
    [Test]
    public void Every_run_name_the_selection_accepts_gives_names_the_clouds_and_kubernetes_accept()
    {
        var random = new Random(22);
        const string first = "abcdefghijklmnopqrstuvwxyz";
        const string rest = first + "0123456789-";
        var names = new List<string> { "ab", "a" + new string('9', 19), "z-" + new string('x', 17) + "1" };
        for (var i = 0; i < 200; i++)
        {
            var length = random.Next(2, 21);
            var chars = new char[length];
            chars[0] = first[random.Next(first.Length)];
            for (var c = 1; c < length - 1; c++)
            {
                chars[c] = rest[random.Next(rest.Length)];
            }

            chars[^1] = (first + "0123456789")[random.Next(36)];
            names.Add(new string(chars));
        }

        foreach (var name in names)
        {
            var run = new TrainingRunSelection(name, TrainingCloud.Eks);
            Assert.That(SynthSelection.RunName().IsMatch(name), Is.True, name);
            var pool = TrainingRunStack.PoolName(run);
            Assert.That(pool, Has.Length.LessThanOrEqualTo(40).And.Match("^[a-z]([-a-z0-9]*[a-z0-9])?$"), "GKE node pool names: at most 40, a resource name");
            Assert.That($"{Dev.TrainingClusterName}-{pool}-node", Has.Length.LessThanOrEqualTo(64), "the run node group's IAM role name");
            Assert.That(TrainingRunJobStack.JobName(Dev, run), Has.Length.LessThanOrEqualTo(63).And.Match("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"), "the Job: a DNS-1123 label");
            Assert.That(Core.KubernetesNames.IsLabelValue(name), Is.True, "the run label's value");
        }

        foreach (var name in names.Take(3))
        {
            foreach (var cloud in new[] { "eks", "gke" })
            {
                var app = SynthHarness.NewApp(context: new Dictionary<string, object> { ["env"] = "dev", ["run"] = name, ["runCloud"] = cloud });
                Assert.DoesNotThrow(() => MlopsApplication.Compose(app, SynthSelection.Read(app, _ => null)), $"{name} on {cloud}");
            }
        }
    }

    /// <summary>The run stacks of both clouds, snapshotted (Snapshots/runs/).</summary>
    [Category("Snapshot")]
    [TestCase("eks")]
    [TestCase("gke")]
    public void Run_stacks_match_their_snapshots(string cloud)
    {
        SnapshotAssert.Matches(Capacity(cloud).Root, $"mlops-train-dev-{cloud}-exp", Path.Combine(RepoPaths.Snapshots, "runs"));
        SnapshotAssert.Matches(Job(cloud).Root, $"mlops-train-dev-{cloud}-exp-job", Path.Combine(RepoPaths.Snapshots, "runs"));
    }
}
