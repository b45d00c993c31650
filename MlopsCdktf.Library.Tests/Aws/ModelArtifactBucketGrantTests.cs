using System.Text.Json.Nodes;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>Grant methods emit least-privilege inline role policies, with the matching KMS actions.</summary>
public sealed class ModelArtifactBucketGrantTests
{
    private static TerraformJson SynthGrant(Action<ModelArtifactBucket, IamRole> grant) => SynthHarness.Aws(stack =>
    {
        var bucket = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-grants" });
        var role = new IamRole(stack, "InferenceRole", new IamRoleConfig { Name = "inference", AssumeRolePolicy = "{}" });
        grant(bucket, role);
    });

    private static Dictionary<string, JsonObject> GrantStatements(TerraformJson json, string pathSuffix)
    {
        var document = json.ByPath("aws_iam_policy_document", pathSuffix + "Document");
        return document["statement"]!.AsArray().Select(s => s!.AsObject()).ToDictionary(s => s["sid"]!.GetValue<string>());
    }

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Test]
    public void GrantRead_with_a_prefix_lists_and_reads_only_that_prefix_and_decrypts_with_the_bucket_key()
    {
        var json = SynthGrant((bucket, role) => bucket.GrantRead(role, "models/"));
        var bucketResource = json.Single("aws_s3_bucket");
        var bucketArn = json.Reference("aws_s3_bucket", bucketResource, "arn");
        var keyArn = json.Reference("aws_kms_key", json.Single("aws_kms_key"), "arn");

        var statements = GrantStatements(json, "GrantRead-InferenceRole-models");
        Assert.That(statements.Keys, Is.EquivalentTo(new[] { "ListArtifacts", "ReadArtifacts", "UseArtifactKey" }));
        Assert.That(Strings(statements["ListArtifacts"]["actions"]), Is.EqualTo(new[] { "s3:ListBucket" }));
        Assert.That(Strings(statements["ListArtifacts"]["resources"]), Is.EqualTo(new[] { bucketArn }));
        var prefixCondition = statements["ListArtifacts"]["condition"]![0]!;
        Assert.That(prefixCondition["test"]!.GetValue<string>(), Is.EqualTo("StringLike"));
        Assert.That(prefixCondition["variable"]!.GetValue<string>(), Is.EqualTo("s3:prefix"));
        Assert.That(Strings(prefixCondition["values"]), Is.EqualTo(new[] { "models/", "models/*" }));

        Assert.That(Strings(statements["ReadArtifacts"]["actions"]), Is.EquivalentTo(new[] { "s3:GetObject", "s3:GetObjectVersion" }));
        Assert.That(Strings(statements["ReadArtifacts"]["resources"]), Is.EqualTo(new[] { $"{bucketArn}/models/*" }));
        Assert.That(Strings(statements["UseArtifactKey"]["actions"]), Is.EqualTo(new[] { "kms:Decrypt" }));
        Assert.That(Strings(statements["UseArtifactKey"]["resources"]), Is.EqualTo(new[] { keyArn }));

        var policy = json.Single("aws_iam_role_policy");
        Assert.That(policy["name"]!.GetValue<string>(), Is.EqualTo("acme-ml-grants-read-models"));
        Assert.That(policy["role"]!.GetValue<string>(), Is.EqualTo(json.Reference("aws_iam_role", json.Single("aws_iam_role"), "name")));
    }

    [Test]
    public void GrantReadWrite_adds_writes_and_delete_markers_but_never_version_deletion_and_encrypts_with_the_key()
    {
        var json = SynthGrant((bucket, role) => bucket.GrantReadWrite(role));
        var statements = GrantStatements(json, "GrantReadWrite-InferenceRole");

        var objectActions = Strings(statements["ReadWriteArtifacts"]["actions"]);
        Assert.That(objectActions, Is.SupersetOf(new[] { "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload" }));
        Assert.That(objectActions, Has.None.EqualTo("s3:DeleteObjectVersion").And.None.Contains("*"));
        Assert.That(statements["ListArtifacts"]["condition"], Is.Null, "whole bucket: no prefix condition");
        Assert.That(Strings(statements["UseArtifactKey"]["actions"]), Is.EquivalentTo(new[] { "kms:Decrypt", "kms:GenerateDataKey" }));
    }

    [Test]
    public void GrantWrite_cannot_list_or_read()
    {
        var json = SynthGrant((bucket, role) => bucket.GrantWrite(role, "data-capture/"));
        var statements = GrantStatements(json, "GrantWrite-InferenceRole-data-capture");

        Assert.That(statements.Keys, Is.EquivalentTo(new[] { "WriteArtifacts", "UseArtifactKey" }));
        Assert.That(Strings(statements["WriteArtifacts"]["actions"]), Has.None.StartsWith("s3:Get").And.None.EqualTo("s3:ListBucket"));
        Assert.That(Strings(statements["WriteArtifacts"]["resources"])[0], Does.EndWith("/data-capture/*"));
    }

    [Test]
    public void Granting_the_same_access_twice_emits_one_policy()
    {
        var json = SynthGrant((bucket, role) =>
        {
            var first = bucket.GrantRead(role, "models/");
            var second = bucket.GrantRead(role, "models/");
            Assert.That(second, Is.SameAs(first));
        });
        Assert.That(json.Resources("aws_iam_role_policy"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Roles_with_the_same_id_in_different_scopes_get_separate_grants()
    {
        var json = SynthHarness.Aws(stack =>
        {
            var bucket = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-grants" });
            foreach (var team in new[] { "TeamA", "TeamB" })
            {
                var role = new IamRole(new Constructs.Construct(stack, team), "Role", new IamRoleConfig { Name = $"{team}-role", AssumeRolePolicy = "{}" });
                bucket.GrantRead(role);
            }
        });

        var policies = json.Resources("aws_iam_role_policy").Values.ToList();
        Assert.That(policies, Has.Count.EqualTo(2));
        Assert.That(policies.Select(p => p["role"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(2), "each role gets its own policy");
    }

    [TestCase("/models/")]
    [TestCase("models/*")]
    [TestCase("")]
    public void A_malformed_prefix_is_rejected_with_the_construct_path(string prefix)
    {
        var stack = SynthHarness.BareStack();
        var bucket = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-ml-grants" });
        var role = new IamRole(stack, "Role", new IamRoleConfig { AssumeRolePolicy = "{}" });

        var error = Assert.Throws<ConstructInputException>(() => bucket.GrantRead(role, prefix))!;
        Assert.That(error.Message, Does.Contain("at path [test/Artifacts]"));
        Assert.That(error.Message, Does.Contain($"keyPrefix was \"{prefix}\": must be a non-empty key prefix without a leading '/' or wildcards"));
    }
}
