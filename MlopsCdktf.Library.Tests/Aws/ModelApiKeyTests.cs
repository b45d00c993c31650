using System.Text.Json.Nodes;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>Secure defaults, read grant and validation of <see cref="ModelApiKey"/>.</summary>
public sealed class ModelApiKeyTests
{
    private const string Name = "mlops/test/churn/api-key";

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Test]
    public void Secret_is_encrypted_with_a_created_rotating_key_has_a_30_day_recovery_window_and_no_value()
    {
        var json = SynthHarness.Aws(stack => new ModelApiKey(stack, "ApiKey", new ModelApiKeyProps { SecretName = Name }));
        var secret = json.Single("aws_secretsmanager_secret");
        var key = json.Single("aws_kms_key");
        Assert.That(secret["name"]!.GetValue<string>(), Is.EqualTo(Name));
        Assert.That(secret["kms_key_id"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_kms_key", key, "arn")));
        Assert.That(secret["recovery_window_in_days"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(secret["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
        Assert.That(key["enable_key_rotation"]!.GetValue<bool>(), Is.True);
        Assert.That(json.Resources("aws_secretsmanager_secret_version"), Is.Empty, "the value is set out of band, never in state");
        Assert.That(json.Root["output"], Is.Null);
    }

    [Test]
    public void GrantRead_reads_this_secret_only_and_decrypts_only_via_secrets_manager()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var apiKey = new ModelApiKey(stack, "ApiKey", new ModelApiKeyProps { SecretName = Name });
            apiKey.GrantRead(new IamRole(stack, "Role", new IamRoleConfig { Name = "inference", AssumeRolePolicy = "{}" }));
        });
        var statements = json.ByPath("aws_iam_policy_document", "GrantRead-RoleDocument")["statement"]!.AsArray()
            .ToDictionary(s => s!["sid"]!.GetValue<string>(), s => s!);
        Assert.That(Strings(statements["ReadApiKeySecret"]["actions"]),
            Is.EquivalentTo(new[] { "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret" }));
        Assert.That(Strings(statements["ReadApiKeySecret"]["resources"]),
            Is.EqualTo(new[] { json.Reference("aws_secretsmanager_secret", json.Single("aws_secretsmanager_secret"), "arn") }));
        Assert.That(Strings(statements["DecryptApiKeySecret"]["actions"]), Is.EqualTo(new[] { "kms:Decrypt" }));
        Assert.That(Strings(statements["DecryptApiKeySecret"]["resources"]), Is.EqualTo(new[] { json.Reference("aws_kms_key", json.Single("aws_kms_key"), "arn") }));
        var condition = statements["DecryptApiKeySecret"]["condition"]![0]!;
        Assert.That(condition["variable"]!.GetValue<string>(), Is.EqualTo("kms:ViaService"));
        Assert.That(Strings(condition["values"])[0], Does.StartWith("secretsmanager.${data.aws_region.").And.EndWith(".name}.amazonaws.com"));
    }

    private static ConstructInputException Reject(ModelApiKeyProps props)
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new ModelApiKey(SynthHarness.BareStack(), "ApiKey", props))!;
        Assert.That(error.Message, Does.StartWith("Invalid ModelApiKey at path [test/ApiKey]:"));
        return error;
    }

    [TestCase(DeletionPolicy.PreventDestroy, 30)]
    [TestCase(DeletionPolicy.DestroyIfEmpty, 7)]
    [TestCase(DeletionPolicy.ForceDestroy, 0)]
    public void The_recovery_window_follows_the_deletion_policy_so_a_disposable_secret_can_be_re_created_at_once(DeletionPolicy policy, int days)
    {
        var json = SynthHarness.Aws(stack => new ModelApiKey(stack, "ApiKey", new ModelApiKeyProps { SecretName = Name, DeletionPolicy = policy }));
        Assert.That(json.Single("aws_secretsmanager_secret")["recovery_window_in_days"]!.GetValue<int>(), Is.EqualTo(days));
    }

    [TestCase(DeletionPolicy.ForceDestroy, 0)]
    [TestCase(DeletionPolicy.ForceDestroy, 14)]
    [TestCase(DeletionPolicy.PreventDestroy, 7)]
    public void An_explicit_recovery_window_wins_over_the_policy_default(DeletionPolicy policy, int days)
    {
        var json = SynthHarness.Aws(stack => new ModelApiKey(stack, "ApiKey", new ModelApiKeyProps { SecretName = Name, DeletionPolicy = policy, RecoveryWindowDays = days }));
        Assert.That(json.Single("aws_secretsmanager_secret")["recovery_window_in_days"]!.GetValue<int>(), Is.EqualTo(days));
    }

    [TestCase(-1)]
    [TestCase(6)]
    [TestCase(31)]
    public void Recovery_window_other_than_0_or_7_to_30_days_is_rejected(int days)
    {
        Assert.That(Reject(new ModelApiKeyProps { SecretName = Name, DeletionPolicy = DeletionPolicy.ForceDestroy, RecoveryWindowDays = days }).Problems.Single(),
            Is.EqualTo($"RecoveryWindowDays was {days}: must be 0 (delete at once) or between 7 and 30 days."));
    }

    [Test]
    public void Immediate_deletion_of_a_protected_secret_is_rejected()
    {
        Assert.That(Reject(new ModelApiKeyProps { SecretName = Name, RecoveryWindowDays = 0 }).Problems.Single(),
            Is.EqualTo("RecoveryWindowDays was 0: must be between 7 and 30 days with DeletionPolicy PreventDestroy: a protected API key keeps a recovery window."));
    }

    [TestCase("has space", "must be 1 to 512 characters of letters, digits and /_+=.@-")]
    [TestCase("mlops/churn-abcdef", "must not end with a hyphen followed by six characters: Secrets Manager ARNs end that way, so partial-ARN lookups become ambiguous")]
    public void Bad_secret_names_are_rejected(string name, string rule)
    {
        Assert.That(Reject(new ModelApiKeyProps { SecretName = name }).Problems.Single(), Is.EqualTo($"SecretName was \"{name}\": {rule}."));
    }

    [Test]
    public void Empty_name_and_description_and_a_bad_key_are_rejected_together()
    {
        var error = Reject(new ModelApiKeyProps { SecretName = "", Description = " ", KmsKeyArn = "alias/x" });
        Assert.That(error.Problems, Has.Member("SecretName was \"\": must not be empty."));
        Assert.That(error.Problems, Has.Member("Description was \" \": must not be empty."));
        Assert.That(error.Problems, Has.Some.StartsWith("KmsKeyArn was \"alias/x\": must be a KMS key ARN"));
    }
}
