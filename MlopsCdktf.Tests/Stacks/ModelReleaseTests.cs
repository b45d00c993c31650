using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// Issue 18, item 1: one <see cref="ModelRelease"/> per environment. Changing its version — one line in the catalog — moves the
/// SageMaker image tag and archive, both GKE images and their publication checks, and the version stamp of every stack
/// together, and nothing else.
/// </summary>
public sealed partial class ModelReleaseTests
{
    private const string Next = "1.1.0";

    /// <summary>The one-line change: dev's release at the next version.</summary>
    private static readonly DeploymentEnvironment Released = Catalog.Dev with { Release = Catalog.Dev.Release with { Version = Next } };

    private static readonly Lazy<IReadOnlyDictionary<string, TerraformJson>> Stacks = new(() =>
    {
        var outdir = Directory.CreateTempSubdirectory("mlops-release-synth-").FullName;
        try
        {
            var app = SynthHarness.NewApp(outdir);
            var stacks = MlopsApplication.Compose(app, [Released]);
            app.Synth();
            return stacks.ToDictionary(s => s.Node.Id, s => TerraformJson.Parse(File.ReadAllText(Path.Combine(outdir, "stacks", s.Node.Id, "cdk.tf.json"))));
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    });

    private static TerraformJson Stack(string cloud) => Stacks.Value[MlopsStack.StackName(cloud, Released)];

    [Test]
    public void Everything_the_release_names_is_derived_from_name_and_version()
    {
        Assert.That(Catalog.Dev.Release, Is.EqualTo(new ModelRelease { Name = "churn", Version = "1.0.0" }));
        Assert.That(Released.Release.ArchiveKey, Is.EqualTo("models/churn/1.1.0/model.tar.gz"));
        Assert.That(Released.GkeServingImage, Is.EqualTo("europe-west4-docker.pkg.dev/acme-mlops-dev/models/churn-serving:1.1.0"));
        Assert.That(Released.GkeTrainingImage, Is.EqualTo("europe-west4-docker.pkg.dev/acme-mlops-dev/models/churn-training:1.1.0"));
        Assert.That(Released.StandardTags()["ModelVersion"], Is.EqualTo(Next));
    }

    [Test]
    public void SageMaker_serves_and_checks_the_new_image_tag_and_archive()
    {
        var json = Stack(AwsServingStack.Cloud);
        var container = json.Single("aws_sagemaker_model")["primary_container"]!;
        Assert.That(container["image"]!.GetValue<string>(), Does.Contain("ModelImages_Repository").And.EndWith("repository_url}:1.1.0"),
            "the platform stack's repository (mlops/dev/churn-serving), at the new tag");
        Assert.That(container["model_data_url"]!.GetValue<string>(), Does.EndWith("/models/churn/1.1.0/model.tar.gz"));
        Assert.That(json.DataSources("aws_ecr_image").Values.Single()["image_tag"]!.GetValue<string>(), Is.EqualTo(Next), "the plan reads the new tag");
        var archive = json.DataSources("aws_s3_objects").Values.Single();
        Assert.That(archive["prefix"]!.GetValue<string>(), Is.EqualTo("models/churn/1.1.0/model.tar.gz"), "the plan reads the new archive");
        Assert.That(archive["lifecycle"]!["postcondition"]![0]!["condition"]!.GetValue<string>(), Does.Contain("\"models/churn/1.1.0/model.tar.gz\""));
        var grant = json.DataSources("aws_iam_policy_document").Values.Select(d => d.ToJsonString()).Where(d => d.Contains("s3:GetObject", StringComparison.Ordinal));
        Assert.That(grant, Has.Some.Contain("/models/churn/1.1.0/*"), "the endpoint's role may read the new release's folder");
    }

    [Test]
    public void The_monitor_compares_with_the_new_releases_baseline()
    {
        Assert.That(Released.Release.BaselineKeyPrefix, Is.EqualTo("baselines/churn/1.1.0/"));
        var baseline = Stack(AwsServingStack.Cloud).Single("aws_sagemaker_data_quality_job_definition")["data_quality_baseline_config"]!;
        Assert.That(baseline["statistics_resource"]!["s3_uri"]!.GetValue<string>(), Does.EndWith("/baselines/churn/1.1.0/statistics.json"));
        Assert.That(baseline["constraints_resource"]!["s3_uri"]!.GetValue<string>(), Does.EndWith("/baselines/churn/1.1.0/constraints.json"));
    }

    [Test]
    public void GKE_runs_and_checks_the_new_serving_and_training_images()
    {
        var json = Stack(KubernetesStack.Cloud);
        string ContainerImage(JsonNode podSpec) => podSpec["container"]![0]!["image"]!.GetValue<string>();
        Assert.That(ContainerImage(json.Single("kubernetes_deployment_v1")["spec"]!["template"]!["spec"]!), Is.EqualTo(Released.GkeServingImage), "model server");
        Assert.That(ContainerImage(json.ByPath("kubernetes_cron_job_v1", "WeeklyRetrain/CronJob")["spec"]!["job_template"]!["spec"]!["template"]!["spec"]!),
            Is.EqualTo(Released.GkeTrainingImage), "weekly retrain");
        Assert.That(ContainerImage(json.ByPath("kubernetes_cron_job_v1", "BatchInference/CronJob")["spec"]!["job_template"]!["spec"]!["template"]!["spec"]!),
            Is.EqualTo(Released.GkeServingImage), "batch inference");
        Assert.That(ContainerImage(json.Single("kubernetes_job_v1")["spec"]!["template"]!["spec"]!), Is.EqualTo(Released.GkeServingImage), "workspace preparation");

        var checks = json.DataSources("google_artifact_registry_docker_images").Values.Single()["lifecycle"]!["postcondition"]!.AsArray();
        Assert.That(checks.Select(c => c!["condition"]!.GetValue<string>()), Is.EqualTo(new[]
        {
            "${anytrue([for image in self.docker_images : image.image_name == \"churn-serving\" && try(contains(image.tags, \"1.1.0\"), false)])}",
            "${anytrue([for image in self.docker_images : image.image_name == \"churn-training\" && try(contains(image.tags, \"1.1.0\"), false)])}",
        }), "the plan requires the new images to be published");
        Assert.That(checks.Select(c => c!["error_message"]!.GetValue<string>()),
            Has.Some.Contain($"docker push {Released.GkeServingImage}").And.Some.Contain($"docker push {Released.GkeTrainingImage}"));
    }

    [Test]
    public void Every_stack_outputs_tags_and_labels_the_new_version()
    {
        Assert.That(Stacks.Value.Keys, Is.EquivalentTo(new[] { "mlops-aws-dev", "mlops-serving-dev", "mlops-gcp-dev", "mlops-gke-addons-dev", "mlops-k8s-dev", "mlops-eks-dev", "mlops-eks-addons-dev", "mlops-eks-k8s-dev" }));
        var eksRetrain = Stacks.Value["mlops-eks-k8s-dev"].Single("kubernetes_cron_job_v1")["spec"]!["job_template"]!["spec"]!["template"]!["spec"]!["container"]![0]!;
        Assert.That(eksRetrain["image"]!.GetValue<string>(), Does.EndWith(":" + Next), "the EKS retrain trains the new release too");
        foreach (var (name, json) in Stacks.Value)
        {
            Assert.That(json.Root["output"]!["model_version"]!["value"]!.GetValue<string>(), Is.EqualTo(Next), name);
            var provider = json.Root["provider"]!;
            if (provider["aws"] is { } aws)
            {
                Assert.That(aws[0]!["default_tags"]![0]!["tags"]!["ModelVersion"]!.GetValue<string>(), Is.EqualTo(Next), name);
            }

            if (provider["google"] is { } google)
            {
                Assert.That(google[0]!["default_labels"]!["model_version"]!.GetValue<string>(), Is.EqualTo("1-1-0"), name);
            }

            Assert.That(provider["aws"] ?? provider["google"], Is.Not.Null, $"{name} has a provider stamping the version");
        }
    }

    [Test]
    public void Nothing_but_the_version_moves()
    {
        foreach (var (name, json) in Stacks.Value)
        {
            var before = Normalize(AppSynth.Stack(name).Root.ToJsonString()).Replace("1.0.0", Next, StringComparison.Ordinal)
                .Replace("1-0-0", "1-1-0", StringComparison.Ordinal);
            Assert.That(Normalize(json.Root.ToJsonString()), Is.EqualTo(before), $"{name}: only the version differs from the committed release");
        }
    }

    /// <summary>
    /// Names that carry the version by design: the preparation Job is named by a hash of its image (a new image is a new Job),
    /// and the endpoint role's read grants, scoped to the archive and to the release's data-quality baseline, are addressed by
    /// their key prefixes (a new archive or baseline is a new grant).
    /// </summary>
    private static string Normalize(string json) =>
        ArchiveGrant().Replace(PreparationJobName().Replace(json, "training-workspace-prepare-<hash>"), "$1-churn-<version>$2_<hash>");

    [GeneratedRegex("(models|baselines)-churn-1[01]0(Document)?_[0-9A-F]{8}")]
    private static partial Regex ArchiveGrant();

    [GeneratedRegex("training-workspace-prepare-[0-9a-f]{8}")]
    private static partial Regex PreparationJobName();
}
