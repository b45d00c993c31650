using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>A bucket created elsewhere (<see cref="ModelArtifactBucket.FromBucketName"/>): nothing declared, same grants.</summary>
public sealed class ImportedArtifactBucketTests
{
    internal const string SharedBucket = "acme-ml-shared-artifacts";
    internal const string SharedKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static Dictionary<string, JsonObject> GrantStatements(TerraformJson json) =>
        json.DataSources("aws_iam_policy_document").Values.Single()["statement"]!.AsArray()
            .Select(s => s!.AsObject()).ToDictionary(s => s["sid"]!.GetValue<string>());

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Test]
    public void An_imported_bucket_declares_nothing_and_grants_on_its_name_and_given_key()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var bucket = ModelArtifactBucket.FromBucketName(stack, "Shared", new ImportedModelArtifactBucketProps { BucketName = SharedBucket, KmsKeyArn = SharedKeyArn });
            Assert.That(bucket.S3Url("models/churn/model.tar.gz"), Is.EqualTo($"s3://{SharedBucket}/models/churn/model.tar.gz"));
            Assert.That(bucket.KeyArn, Is.EqualTo(SharedKeyArn));
            bucket.GrantRead(new IamRole(stack, "Role", new IamRoleConfig { Name = "reader", AssumeRolePolicy = "{}" }), "models/");
        });

        Assert.That(json.Resources("aws_s3_bucket"), Is.Empty);
        Assert.That(json.Resources("aws_kms_key"), Is.Empty);
        var partition = json.Reference("aws_partition", json.DataSources("aws_partition").Values.Single(), "partition");
        var statements = GrantStatements(json);
        Assert.That(Strings(statements["ListArtifacts"]["resources"]), Is.EqualTo(new[] { $"arn:{partition}:s3:::{SharedBucket}" }));
        Assert.That(Strings(statements["ReadArtifacts"]["resources"]), Is.EqualTo(new[] { $"arn:{partition}:s3:::{SharedBucket}/models/*" }));
        Assert.That(Strings(statements["UseArtifactKey"]["resources"]), Is.EqualTo(new[] { SharedKeyArn }));
        Assert.That(json.Single("aws_iam_role_policy")["name"]!.GetValue<string>(), Is.EqualTo($"{SharedBucket}-read-models"));
    }

    [Test]
    public void A_bucket_without_a_key_is_granted_no_kms_permission()
    {
        var json = SynthHarness.Aws(stack =>
            ModelArtifactBucket.FromBucketName(stack, "Shared", new ImportedModelArtifactBucketProps { BucketName = SharedBucket })
                .GrantReadWrite(RoleReference.FromArn("arn:aws:iam::123456789012:role/trainer")));

        Assert.That(GrantStatements(json).Keys, Is.EquivalentTo(new[] { "ListArtifacts", "ReadWriteArtifacts" }));
        Assert.That(json.DataSources("aws_region"), Is.Empty, "no kms:ViaService condition, so no region lookup");
    }

    [Test]
    public void A_referenced_bucket_name_is_accepted_and_grants_are_named_after_the_construct()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var name = new TerraformVariable(stack, "bucket_name", new TerraformVariableConfig { Type = "string" });
            ModelArtifactBucket.FromBucketName(stack, "Shared", new ImportedModelArtifactBucketProps { BucketName = name.StringValue })
                .GrantRead(RoleReference.FromArn("arn:aws:iam::123456789012:role/reader"));
        });

        Assert.That(json.Single("aws_iam_role_policy")["name"]!.GetValue<string>(), Is.EqualTo("Shared-read"));
        Assert.That(Strings(GrantStatements(json)["ReadArtifacts"]["resources"])[0], Does.EndWith(":s3:::${var.bucket_name}/*"));
    }

    [Test]
    public void An_invalid_name_and_key_are_reported_together_with_the_path()
    {
        var stack = SynthHarness.BareStack();

        var error = Assert.Throws<ConstructInputException>(() => ModelArtifactBucket.FromBucketName(stack, "Shared",
            new ImportedModelArtifactBucketProps { BucketName = "Acme_Shared", KmsKeyArn = "alias/shared" }))!;

        Assert.That(error.Message, Does.StartWith("Invalid ImportedModelArtifactBucket at path [test/Shared]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "BucketName was \"Acme_Shared\": may contain only lowercase letters, digits, hyphens (-) and dots (.).",
            "BucketName was \"Acme_Shared\": must begin and end with a lowercase letter or digit.",
            "KmsKeyArn was \"alias/shared\": must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>) or a reference to one.",
        }));
    }

    [Test]
    public void A_missing_name_is_named()
    {
        var stack = SynthHarness.BareStack();

        var error = Assert.Throws<ConstructInputException>(() => ModelArtifactBucket.FromBucketName(stack, "Shared",
            new ImportedModelArtifactBucketProps { BucketName = null! }))!;

        Assert.That(error.Problems, Is.EqualTo(new[] { "BucketName was null: is required." }));
    }
}
