using System.Text.Json.Nodes;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>Secure defaults, pull grant and validation of <see cref="ModelImageRepository"/>.</summary>
public sealed class ModelImageRepositoryTests
{
    private const string Name = "ml/churn-serving";

    private static TerraformJson Synth(ModelImageRepositoryProps? props = null, Action<ModelImageRepository, HashiCorp.Cdktf.TerraformStack>? more = null) =>
        SynthHarness.Aws(stack =>
        {
            var repository = new ModelImageRepository(stack, "Images", props ?? new ModelImageRepositoryProps { RepositoryName = Name });
            more?.Invoke(repository, stack);
        });

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Test]
    public void Repository_has_immutable_tags_scan_on_push_and_a_created_rotating_kms_key()
    {
        var json = Synth();
        var repository = json.Single("aws_ecr_repository");
        Assert.That(repository["name"]!.GetValue<string>(), Is.EqualTo(Name));
        Assert.That(repository["image_tag_mutability"]!.GetValue<string>(), Is.EqualTo("IMMUTABLE"));
        Assert.That(repository["image_scanning_configuration"]!["scan_on_push"]!.GetValue<bool>(), Is.True);
        var encryption = repository["encryption_configuration"]![0]!;
        Assert.That(encryption["encryption_type"]!.GetValue<string>(), Is.EqualTo("KMS"));
        var key = json.Single("aws_kms_key");
        Assert.That(encryption["kms_key"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
        Assert.That(key["enable_key_rotation"]!.GetValue<bool>(), Is.True);
        Assert.That(key["deletion_window_in_days"]!.GetValue<int>(), Is.EqualTo(30));
    }

    [Test]
    public void A_passed_in_key_is_used_and_no_key_is_created()
    {
        const string keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var json = Synth(new ModelImageRepositoryProps { RepositoryName = Name, KmsKeyArn = keyArn });
        Assert.That(json.Resources("aws_kms_key"), Is.Empty);
        Assert.That(json.Single("aws_ecr_repository")["encryption_configuration"]![0]!["kms_key"]!.GetValue<string>(), Is.EqualTo(keyArn));
    }

    [TestCase(null, 14)]
    [TestCase(3, 3)]
    public void Lifecycle_policy_expires_untagged_images_only(int? days, int expected)
    {
        var props = new ModelImageRepositoryProps { RepositoryName = Name };
        var json = Synth(days is { } d ? props with { UntaggedImageExpiryDays = d } : props);
        var policy = json.Single("aws_ecr_lifecycle_policy");
        Assert.That(policy["repository"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_ecr_repository", json.Single("aws_ecr_repository"), "name")));
        var rule = JsonNode.Parse(policy["policy"]!.GetValue<string>())!["rules"]!.AsArray().Single()!;
        Assert.That(rule["selection"]!["tagStatus"]!.GetValue<string>(), Is.EqualTo("untagged"));
        Assert.That(rule["selection"]!["countType"]!.GetValue<string>(), Is.EqualTo("sinceImagePushed"));
        Assert.That(rule["selection"]!["countUnit"]!.GetValue<string>(), Is.EqualTo("days"));
        Assert.That(rule["selection"]!["countNumber"]!.GetValue<int>(), Is.EqualTo(expected));
        Assert.That(rule["action"]!["type"]!.GetValue<string>(), Is.EqualTo("expire"));
    }

    [TestCase(DeletionPolicy.ForceDestroy, true, false)]
    [TestCase(DeletionPolicy.DestroyIfEmpty, false, false)]
    [TestCase(DeletionPolicy.PreventDestroy, false, true)]
    public void Deletion_policy_maps_to_force_delete_and_prevent_destroy(DeletionPolicy policy, bool forceDelete, bool preventDestroy)
    {
        var json = Synth(new ModelImageRepositoryProps { RepositoryName = Name, DeletionPolicy = policy });
        var repository = json.Single("aws_ecr_repository");
        Assert.That(repository["force_delete"]!.GetValue<bool>(), Is.EqualTo(forceDelete));
        Assert.That(repository["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false, Is.EqualTo(preventDestroy));
        Assert.That(json.Single("aws_kms_key")["lifecycle"]?["prevent_destroy"]?.GetValue<bool>() ?? false, Is.EqualTo(preventDestroy));
    }

    [Test]
    public void GrantPull_reads_this_repository_only_and_gets_a_login_token_on_star()
    {
        var json = Synth(more: (repository, stack) =>
        {
            var role = new IamRole(stack, "Role", new IamRoleConfig { Name = "inference", AssumeRolePolicy = "{}" });
            Assert.That(repository.GrantPull(role), Is.SameAs(repository.GrantPull(role)));
        });
        var repositoryArn = json.Reference("aws_ecr_repository", json.Single("aws_ecr_repository"), "arn");
        var statements = json.ByPath("aws_iam_policy_document", "GrantPull-RoleDocument")["statement"]!.AsArray()
            .ToDictionary(s => s!["sid"]!.GetValue<string>(), s => s!);
        Assert.That(Strings(statements["PullModelImages"]["actions"]),
            Is.EquivalentTo(new[] { "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability" }));
        Assert.That(Strings(statements["PullModelImages"]["resources"]), Is.EqualTo(new[] { repositoryArn }));
        Assert.That(Strings(statements["GetRegistryLoginToken"]["actions"]), Is.EqualTo(new[] { "ecr:GetAuthorizationToken" }));
        Assert.That(Strings(statements["GetRegistryLoginToken"]["resources"]), Is.EqualTo(new[] { "*" }));
        Assert.That(json.Single("aws_iam_role_policy")["name"]!.GetValue<string>(), Is.EqualTo("ml-churn-serving-pull"));
    }

    [TestCase("1.0.0", ":1.0.0")]
    [TestCase("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [TestCase("@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void ImageUri_pins_a_tag_or_a_digest(string reference, string suffix)
    {
        var repository = new ModelImageRepository(SynthHarness.BareStack(), "Images", new ModelImageRepositoryProps { RepositoryName = Name });
        Assert.That(repository.ImageUri(reference), Does.StartWith("${TfToken[").And.EndWith("]}" + suffix), "repository URL reference, then the pin");
    }

    [TestCase("latest")]
    [TestCase("LATEST")]
    [TestCase("")]
    [TestCase("-bad")]
    [TestCase("sha256:abc")]
    public void ImageUri_rejects_latest_empty_and_malformed_references(string reference)
    {
        var repository = new ModelImageRepository(SynthHarness.BareStack(), "Images", new ModelImageRepositoryProps { RepositoryName = Name });
        var error = Assert.Throws<ConstructInputException>(() => repository.ImageUri(reference))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Images"));
        Assert.That(error.Problems.Single(), Is.EqualTo($"tagOrDigest was \"{reference}\": {ContainerImageReference.Allowed}."));
    }

    private static ConstructInputException Reject(ModelImageRepositoryProps props)
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new ModelImageRepository(SynthHarness.BareStack(), "Images", props))!;
        Assert.That(error.Message, Does.StartWith("Invalid ModelImageRepository at path [test/Images]:"));
        return error;
    }

    [TestCase("Ml/Churn")]
    [TestCase("ml//churn")]
    [TestCase("ml/churn-")]
    [TestCase("ml/churn--serving")]
    [TestCase("/ml/churn")]
    public void Repository_names_breaking_ecr_rules_are_rejected(string name)
    {
        var error = Reject(new ModelImageRepositoryProps { RepositoryName = name });
        Assert.That(error.Problems, Has.Member(
            $"RepositoryName was \"{name}\": must be lowercase letters and digits in '/'-separated components, words joined by single '.', '_' or '-' (e.g. \"ml/churn-serving\")."));
    }

    [Test]
    public void Repository_names_outside_2_to_256_characters_are_rejected()
    {
        Assert.That(Reject(new ModelImageRepositoryProps { RepositoryName = "a" }).Problems.Single(),
            Is.EqualTo("RepositoryName was \"a\": must be 2 to 256 characters long."));
        Assert.That(Reject(new ModelImageRepositoryProps { RepositoryName = new string('a', 257) }).Problems.Single(),
            Does.EndWith("must be 2 to 256 characters long."));
    }

    [TestCase(0)]
    [TestCase(3651)]
    public void Untagged_expiry_outside_1_to_3650_days_is_rejected(int days)
    {
        var error = Reject(new ModelImageRepositoryProps { RepositoryName = Name, UntaggedImageExpiryDays = days });
        Assert.That(error.Problems.Single(), Is.EqualTo($"UntaggedImageExpiryDays was {days}: must be between 1 and 3650 days."));
    }

    [Test]
    public void Bad_key_arn_deletion_window_and_deletion_policy_are_rejected()
    {
        Assert.That(Reject(new ModelImageRepositoryProps { RepositoryName = Name, KmsKeyArn = "alias/x" }).Problems.Single(),
            Does.StartWith("KmsKeyArn was \"alias/x\": must be a KMS key ARN"));
        Assert.That(Reject(new ModelImageRepositoryProps { RepositoryName = Name, KeyDeletionWindowDays = 5 }).Problems.Single(),
            Is.EqualTo("KeyDeletionWindowDays was 5: must be between 7 and 30 days."));
        Assert.That(Reject(new ModelImageRepositoryProps { RepositoryName = Name, DeletionPolicy = (DeletionPolicy)9 }).Problems.Single(),
            Is.EqualTo("DeletionPolicy was 9: must be one of PreventDestroy, DestroyIfEmpty, ForceDestroy."));
    }
}
