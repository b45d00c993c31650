using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>What every AWS environment stack must carry, read from the full app's JSON.</summary>
public sealed class AwsPlatformStackTests
{
    public static IEnumerable<DeploymentEnvironment> Environments() => Catalog.All;

    private static TerraformJson Synth(DeploymentEnvironment env) => AppSynth.Stack(MlopsStack.StackName(AwsPlatformStack.Cloud, env));

    [TestCaseSource(nameof(Environments))]
    public void Provider_is_pinned_to_the_account_and_region_with_default_tags(DeploymentEnvironment env)
    {
        var provider = Synth(env).Root["provider"]!["aws"]![0]!;

        Assert.That(provider["region"]!.GetValue<string>(), Is.EqualTo(env.Aws.Region));
        Assert.That(provider["allowed_account_ids"]![0]!.GetValue<string>(), Is.EqualTo(env.Aws.AccountId));
        var tags = provider["default_tags"]![0]!["tags"]!.AsObject();
        Assert.That(tags.Select(t => t.Key), Is.EquivalentTo(new[] { "Project", "Environment", "ManagedBy", "CostCenter" }));
        Assert.That(tags["Environment"]!.GetValue<string>(), Is.EqualTo(env.Name));
        Assert.That(tags["CostCenter"]!.GetValue<string>(), Is.EqualTo(env.CostCenter));
    }

    [TestCaseSource(nameof(Environments))]
    public void Provider_source_is_fully_qualified_and_version_pinned(DeploymentEnvironment env)
    {
        var aws = Synth(env).Root["terraform"]!["required_providers"]!["aws"]!;
        Assert.That(aws["source"]!.GetValue<string>(), Is.EqualTo("hashicorp/aws"));
        Assert.That(aws["version"]!.GetValue<string>(), Is.EqualTo("5.100.0"));
    }

    [TestCaseSource(nameof(Environments))]
    public void Backend_is_explicit_and_relative(DeploymentEnvironment env)
    {
        var path = Synth(env).Root["terraform"]!["backend"]!["local"]!["path"]!.GetValue<string>();
        Assert.That(path, Is.EqualTo($"../../../terraform.mlops-aws-{env.Name}.tfstate"));
        Assert.That(Path.IsPathRooted(path), Is.False);
    }

    [TestCaseSource(nameof(Environments))]
    public void Artifact_bucket_follows_the_environment_definition(DeploymentEnvironment env)
    {
        var json = Synth(env);
        var bucket = json.Single("aws_s3_bucket");
        Assert.That(bucket["bucket"]!.GetValue<string>(), Is.EqualTo($"mlops-{env.Name}-model-artifacts-{env.Aws.AccountId}"));
        var noncurrent = json.Single("aws_s3_bucket_lifecycle_configuration")["rule"]!.AsArray()
            .Single(r => r!["id"]!.GetValue<string>() == "expire-noncurrent-versions")!;
        Assert.That(noncurrent["noncurrent_version_expiration"]![0]!["noncurrent_days"]!.GetValue<int>(),
            Is.EqualTo(env.ArtifactStorage.NoncurrentVersionExpirationDays));
        Assert.That(json.Resources("aws_s3_bucket_logging"), Has.Count.EqualTo(env.ArtifactStorage.AccessLogBucket is null ? 0 : 1));
    }

    [Test]
    public void Only_prod_prevents_destroy_and_only_dev_force_destroys()
    {
        bool Prevent(DeploymentEnvironment e) => Synth(e).Single("aws_s3_bucket")["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false;
        bool Force(DeploymentEnvironment e) => Synth(e).Single("aws_s3_bucket")["force_destroy"]!.GetValue<bool>();

        Assert.That(Catalog.All.Select(e => (e.Name, Prevent(e), Force(e))), Is.EqualTo(new[]
        {
            ("dev", false, true),
            ("staging", false, false),
            ("prod", true, false),
        }));
        Assert.That(Synth(Catalog.Prod).ByPath("aws_kms_key", "ModelArtifacts/Key")["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
    }

    [TestCaseSource(nameof(Environments))]
    public void Platform_holds_the_data_and_no_serving_resource(DeploymentEnvironment env)
    {
        var json = Synth(env);
        Assert.That(json.Single("aws_ecr_repository")["image_tag_mutability"]!.GetValue<string>(), Is.EqualTo("IMMUTABLE"));
        Assert.That(json.Single("aws_secretsmanager_secret")["kms_key_id"], Is.Not.Null);
        foreach (var serving in new[] { "aws_sagemaker_model", "aws_sagemaker_endpoint_configuration", "aws_sagemaker_endpoint", "aws_appautoscaling_target", "aws_iam_role" })
        {
            Assert.That(json.Resources(serving), Is.Empty, $"{serving} belongs in the serving stack");
        }

        var outputs = json.Root["output"]!.AsObject().Select(o => o.Key).Where(k => !k.StartsWith("cross-stack-output-", StringComparison.Ordinal));
        Assert.That(outputs, Is.EquivalentTo(new[] { "bucket_name", "repository_url" }));
    }

    [Test]
    public void Only_prod_protects_the_image_repository_and_the_secret_from_destroy()
    {
        bool Prevent(DeploymentEnvironment e, string type) => Synth(e).Single(type)["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false;
        Assert.That(Catalog.All.Select(e => (e.Name, Prevent(e, "aws_ecr_repository"), Prevent(e, "aws_secretsmanager_secret"))), Is.EqualTo(new[]
        {
            ("dev", false, false),
            ("staging", false, false),
            ("prod", true, true),
        }));
        Assert.That(Synth(Catalog.Dev).Single("aws_ecr_repository")["force_delete"]!.GetValue<bool>(), Is.True);
    }
}
