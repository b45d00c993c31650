using System.Text.Json.Nodes;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>What every GCP training stack must carry, read from the full app's JSON.</summary>
public sealed class GcpTrainingStackTests
{
    public static IEnumerable<DeploymentEnvironment> Environments() => Catalog.All;

    private static TerraformJson Synth(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(GcpTrainingStack.Cloud, env));

    [Test]
    public void Each_environment_has_platform_serving_gcp_and_kubernetes_stacks_in_that_order_then_its_eks_stacks() =>
        Assert.That(AppSynth.All.Keys, Is.EqualTo(Catalog.All.SelectMany(e => new[] { $"mlops-aws-{e.Name}", $"mlops-serving-{e.Name}", $"mlops-gcp-{e.Name}" }
            .Concat(e.TrainingRuns?.Gke is null ? [] : [$"mlops-gke-addons-{e.Name}"])
            .Append($"mlops-k8s-{e.Name}")
            .Concat(e.EksTraining is null ? [] : [$"mlops-eks-{e.Name}", $"mlops-eks-addons-{e.Name}", $"mlops-eks-k8s-{e.Name}"]))));

    [TestCaseSource(nameof(Environments))]
    public void Google_provider_is_pinned_with_normalised_default_labels(DeploymentEnvironment env)
    {
        var root = Synth(env).Root;
        var provider = root["provider"]!["google"]![0]!;
        Assert.That(provider["project"]!.GetValue<string>(), Is.EqualTo(env.Gcp.ProjectId));
        Assert.That(provider["region"]!.GetValue<string>(), Is.EqualTo(env.Gcp.Region));
        var labels = provider["default_labels"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
        Assert.That(labels, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["project"] = "mlops", ["environment"] = env.Name, ["managed_by"] = "cdktf", ["cost_center"] = env.CostCenter,
            ["infra_version"] = "unversioned", ["model_version"] = env.Release.Version.Replace('.', '-'),
        }));

        var providers = root["terraform"]!["required_providers"]!;
        Assert.That(providers["google"]!["source"]!.GetValue<string>(), Is.EqualTo("hashicorp/google"));
        Assert.That(providers["google"]!["version"]!.GetValue<string>(), Is.EqualTo("6.50.0"));
        Assert.That(providers["kubernetes"], Is.Null, "no Kubernetes provider in the GCP stack");
        Assert.That(root["terraform"]!["backend"]!["local"]!["path"]!.GetValue<string>(), Is.EqualTo($"../../../terraform.mlops-gcp-{env.Name}.tfstate"));
    }

    [TestCaseSource(nameof(Environments))]
    public void Outputs_name_the_cluster_and_registry(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var outputs = json.Root["output"]!.AsObject();
        string Value(string name) => outputs[name]!["value"]!.GetValue<string>();

        Assert.That(outputs.Select(o => o.Key).Where(k => !k.StartsWith("cross-stack-output-", StringComparison.Ordinal)),
            Is.EquivalentTo(new[] { "cluster_name", "cluster_location", "model_registry_bucket", "image_repository", "infra_version", "model_version" }));
        Assert.That(Value("cluster_name"), Is.EqualTo(json.Reference("google_container_cluster", json.Single("google_container_cluster"), "name")));
        Assert.That(Value("model_registry_bucket"), Is.EqualTo(json.Reference("google_storage_bucket", json.Single("google_storage_bucket"), "name")));
        Assert.That(Value("image_repository"), Is.EqualTo($"{env.Gcp.Region}-docker.pkg.dev/{env.Gcp.ProjectId}/{env.Gcp.ImageRepository}"));
        Assert.That(outputs.Select(o => o.Value!["description"]?.GetValue<string>()), Has.All.Not.Empty);
    }

    [TestCaseSource(nameof(Environments))]
    public void Every_api_the_gcp_and_kubernetes_stacks_call_is_enabled_and_stays_enabled_on_destroy(DeploymentEnvironment env)
    {
        var services = Synth(env).Resources("google_project_service").Values.ToList();
        Assert.That(services.Select(s => s["service"]!.GetValue<string>()), Is.EquivalentTo(new[]
        {
            "compute.googleapis.com", "container.googleapis.com", "file.googleapis.com", "artifactregistry.googleapis.com",
            "containerscanning.googleapis.com", "iam.googleapis.com", "iamcredentials.googleapis.com", "cloudresourcemanager.googleapis.com",
            "storage.googleapis.com", "logging.googleapis.com", "monitoring.googleapis.com",
        }));
        Assert.That(services.Select(s => s["project"]!.GetValue<string>()), Is.All.EqualTo(env.Gcp.ProjectId));
        Assert.That(services.Select(s => s["disable_on_destroy"]!.GetValue<bool>()), Is.All.False);
    }

    [TestCaseSource(nameof(Environments))]
    public void Every_google_resource_is_created_after_its_apis_are_enabled(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var serviceOf = json.Resources("google_project_service").ToDictionary(s => s.Value["service"]!.GetValue<string>().Split('.')[0], s => $"google_project_service.{s.Key}");
        IReadOnlyList<string> Waits(JsonObject resource) => resource["depends_on"]?.AsArray().Select(d => d!.GetValue<string>()).ToList() ?? [];

        var expected = new Dictionary<string, string[]>
        {
            ["google_container_cluster"] = ["container", "compute", "logging", "monitoring", "iamcredentials"],
            ["google_container_node_pool"] = ["container", "compute"],
            ["google_filestore_instance"] = ["file"],
            ["google_artifact_registry_repository"] = ["artifactregistry", "containerscanning"],
            ["google_artifact_registry_repository_iam_member"] = ["artifactregistry"],
            ["google_storage_bucket"] = ["storage"],
            ["google_service_account"] = ["iam"],
            ["google_project_iam_member"] = ["cloudresourcemanager"],
        };
        var types = json.Root["resource"]!.AsObject().Select(r => r.Key).Where(t => t.StartsWith("google_", StringComparison.Ordinal) && t != "google_project_service");
        Assert.That(types, Is.SubsetOf(expected.Keys), "every google resource type of the stack has its APIs listed here");
        foreach (var (type, apis) in expected)
        {
            foreach (var (name, resource) in json.Resources(type))
            {
                Assert.That(Waits(resource), Is.SupersetOf(apis.Select(a => serviceOf[a])), $"{type}.{name}");
            }
        }
    }

    [TestCaseSource(nameof(Environments))]
    public void The_image_repository_holds_the_environments_images_and_the_nodes_read_it(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var repository = json.Single("google_artifact_registry_repository");
        Assert.That(repository["repository_id"]!.GetValue<string>(), Is.EqualTo(env.Gcp.ImageRepository));
        Assert.That(repository["location"]!.GetValue<string>(), Is.EqualTo(env.Gcp.Region));
        Assert.That(repository["project"]!.GetValue<string>(), Is.EqualTo(env.Gcp.ProjectId));
        Assert.That(repository["format"]!.GetValue<string>(), Is.EqualTo("DOCKER"));
        Assert.That(repository["docker_config"]!["immutable_tags"]!.GetValue<bool>(), Is.True);
        Assert.That(repository["vulnerability_scanning_config"]!["enablement_config"]!.GetValue<string>(), Is.EqualTo("INHERITED"));
        Assert.That(repository["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false, Is.EqualTo(env.DataDeletionPolicy == MlopsCdktf.Core.DeletionPolicy.PreventDestroy));

        var url = $"{env.Gcp.Region}-docker.pkg.dev/{env.Gcp.ProjectId}/{env.Gcp.ImageRepository}/";
        Assert.That(new[] { env.GkeServingImage, env.GkeTrainingImage }, Has.All.StartWith(url));

        var reader = json.Single("google_artifact_registry_repository_iam_member");
        Assert.That(reader["role"]!.GetValue<string>(), Is.EqualTo("roles/artifactregistry.reader"));
        Assert.That(reader["repository"]!.GetValue<string>(), Is.EqualTo(json.Reference("google_artifact_registry_repository", repository, "name")));
        var nodes = json.ByPath("google_service_account", "Cluster/NodeServiceAccount");
        Assert.That(reader["member"]!.GetValue<string>(), Is.EqualTo(json.Reference("google_service_account", nodes, "member")));
        Assert.That(json.Single("google_container_cluster")["node_config"]!["service_account"]!.GetValue<string>(),
            Is.EqualTo(json.Reference("google_service_account", nodes, "email")), "the reader is the account the nodes run as");
    }

    [TestCaseSource(nameof(Environments))]
    public void The_cluster_ignores_the_node_config_gke_reports_for_the_remaining_pools(DeploymentEnvironment env)
    {
        var cluster = Synth(env).Single("google_container_cluster");
        Assert.That(cluster["remove_default_node_pool"]!.GetValue<bool>(), Is.True);
        Assert.That(cluster["lifecycle"]!["ignore_changes"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "node_config" }));
    }

    [TestCaseSource(nameof(Environments))]
    public void No_kubernetes_object_remains_in_the_gcp_stack(DeploymentEnvironment env)
    {
        var root = Synth(env).Root;
        Assert.That(root["provider"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "google" }));
        Assert.That(root["resource"]!.AsObject().Select(r => r.Key).Where(t => t.StartsWith("kubernetes_", StringComparison.Ordinal)), Is.Empty);
        Assert.That(root["data"]?["google_client_config"], Is.Null);
    }

    [TestCaseSource(nameof(Environments))]
    public void Control_plane_is_reached_by_the_dns_endpoint_and_the_preprocessing_pool_starts_with_one_node(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var cluster = json.Single("google_container_cluster");
        Assert.That(cluster["control_plane_endpoints_config"]!["dns_endpoint_config"]!["allow_external_traffic"]!.GetValue<bool>(), Is.True);
        Assert.That(cluster["private_cluster_config"]!["enable_private_endpoint"]!.GetValue<bool>(), Is.True);

        var cpu = json.ByPath("google_container_node_pool", "PreprocessingPool/NodePool");
        Assert.That(cpu["node_locations"]!.AsArray().Select(z => z!.GetValue<string>()), Is.EqualTo(new[] { env.Gcp.Zone }));
        Assert.That(cpu["initial_node_count"]!.GetValue<int>(), Is.EqualTo(1), "one node in total at rest, not one per zone of the region");
        Assert.That(json.Resources("google_project_iam_member").Values.Select(m => m["role"]!.GetValue<string>()), Does.Contain("roles/container.defaultNodeServiceAccount"));
    }

    [TestCaseSource(nameof(Environments))]
    public void Workspace_is_writable_by_root_from_the_nodes_for_the_preparation_job_and_from_the_admin_range(DeploymentEnvironment env)
    {
        // Kubelet mounts NFS from the node: the Kubernetes stack's WorkspacePreparation Job (uid 0) creates the workload
        // directories through the node range, so it is not root-squashed; the workloads' pods cannot run as root.
        var exports = Synth(env).Single("google_filestore_instance")["file_shares"]!["nfs_export_options"]!.AsArray();
        Assert.That(exports.Select(e => (e!["ip_ranges"]!.AsArray().Single()!.GetValue<string>(), e["squash_mode"]!.GetValue<string>())),
            Is.EqualTo(new[] { (env.Gcp.NodesCidr, "NO_ROOT_SQUASH"), (env.Gcp.WorkspaceAdminCidr, "NO_ROOT_SQUASH") }));
    }

    [TestCaseSource(nameof(Environments))]
    public void Pools_workspace_and_registry_follow_the_environment_definition(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var training = env.Training;
        var gpu = json.ByPath("google_container_node_pool", "GpuPool/NodePool");
        Assert.That(gpu["node_config"]!["machine_type"]!.GetValue<string>(), Is.EqualTo(training.GpuMachineType));
        Assert.That(gpu["node_config"]!["guest_accelerator"]![0]!["count"]!.GetValue<int>(), Is.EqualTo(training.GpuCount));
        Assert.That(gpu["node_config"]!["spot"]!.GetValue<bool>(), Is.EqualTo(training.Spot));
        Assert.That(gpu["autoscaling"]!["total_min_node_count"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(gpu["autoscaling"]!["total_max_node_count"]!.GetValue<int>(), Is.EqualTo(training.MaxGpuNodes));
        Assert.That(gpu["node_locations"]![0]!.GetValue<string>(), Is.EqualTo(env.Gcp.Zone));

        var cpu = json.ByPath("google_container_node_pool", "PreprocessingPool/NodePool");
        Assert.That(cpu["node_config"]!["machine_type"]!.GetValue<string>(), Is.EqualTo(training.PreprocessingMachineType));

        var filestore = json.Single("google_filestore_instance");
        Assert.That(filestore["file_shares"]!["capacity_gb"]!.GetValue<int>(), Is.EqualTo(training.WorkspaceCapacityGb));

        var bucket = json.Single("google_storage_bucket");
        Assert.That(bucket["name"]!.GetValue<string>(), Is.EqualTo($"mlops-{env.Name}-model-registry-{env.Gcp.ProjectId}"));
        Assert.That(bucket["lifecycle_rule"]![1]!["condition"]!["days_since_noncurrent_time"]!.GetValue<int>(),
            Is.EqualTo(env.ArtifactStorage.NoncurrentVersionExpirationDays));
    }

    [Test]
    public void Dev_uses_spot_t4_and_prod_on_demand_l4_with_a_regional_workspace()
    {
        var dev = Synth(Catalog.Dev).ByPath("google_container_node_pool", "GpuPool/NodePool")["node_config"]!;
        Assert.That(dev["guest_accelerator"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("nvidia-tesla-t4"));
        Assert.That(dev["machine_type"]!.GetValue<string>(), Is.EqualTo("n1-standard-8"));
        Assert.That(dev["spot"]!.GetValue<bool>(), Is.True);

        var prod = Synth(Catalog.Prod);
        var prodGpu = prod.ByPath("google_container_node_pool", "GpuPool/NodePool")["node_config"]!;
        Assert.That(prodGpu["guest_accelerator"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("nvidia-l4"));
        Assert.That(prodGpu["spot"]!.GetValue<bool>(), Is.False);
        var workspace = prod.Single("google_filestore_instance");
        Assert.That(workspace["tier"]!.GetValue<string>(), Is.EqualTo("REGIONAL"));
        Assert.That(workspace["location"]!.GetValue<string>(), Is.EqualTo(Catalog.Prod.Gcp.Region));
    }

    [Test]
    public void Only_prod_protects_cluster_workspace_and_registry_and_only_dev_force_destroys()
    {
        (bool, bool, bool, bool) Flags(DeploymentEnvironment e)
        {
            var json = Synth(e);
            return (json.Single("google_container_cluster")["deletion_protection"]!.GetValue<bool>(),
                json.Single("google_filestore_instance")["deletion_protection_enabled"]!.GetValue<bool>(),
                json.Single("google_storage_bucket")["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false,
                json.Single("google_storage_bucket")["force_destroy"]!.GetValue<bool>());
        }

        Assert.That(Catalog.All.Select(e => (e.Name, Flags(e))), Is.EqualTo(new[]
        {
            ("dev", (false, false, false, true)),
            ("staging", (false, false, false, false)),
            ("prod", (true, true, true, false)),
        }));
    }
}
