using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using MlopsCdktf.Aws;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>
/// Every customer managed key a construct creates has an explicit key policy: the account root administers it (and
/// cannot use it directly), the account's principals use it only through the services the key serves, and service
/// principals only under their conditions; no statement lets anyone in without a condition.
/// </summary>
public sealed class KeyPolicyTests
{
    private static readonly string[] Administration =
    [
        "kms:CreateAlias", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
        "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
        "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
    ];

    /// <summary>Each construct that creates a key, the key's construct path, the services its account principals use it
    /// through, whether those services may create grants, and the service principal statements it must carry.</summary>
    public static IEnumerable<TestCaseData> Keys()
    {
        yield return Case("artifact bucket", s => new ModelArtifactBucket(s, "C", new ModelArtifactBucketProps { BucketName = "acme-key-policy-test" }),
            ["s3", "sagemaker"], grants: true);
        yield return Case("image repository", s => new ModelImageRepository(s, "C", new ModelImageRepositoryProps { RepositoryName = "acme/churn" }),
            ["ecr"], grants: true);
        yield return Case("API key", s => new ModelApiKey(s, "C", new ModelApiKeyProps { SecretName = "acme/churn/api-key" }),
            ["secretsmanager"], grants: false);
        yield return Case("alarm topic", s => new AlarmTopic(s, "C", new AlarmTopicProps { TopicName = "acme-alarms", EmailSubscriptions = ["ml@acme.example"] }),
            ["sns"], grants: false, "CloudWatchPublishesAlarms");
        yield return Case("notebook", s =>
        {
            var bucket = ModelArtifactBucket.FromBucketName(s, "Bucket", new ImportedModelArtifactBucketProps { BucketName = "acme-notebook-test" });
            new SageMakerNotebook(s, "C", new SageMakerNotebookProps
            {
                Name = "acme-research", SubnetId = "subnet-0123abcd", SecurityGroupIds = ["sg-0123abcd"], ArtifactBucket = bucket,
            });
        }, ["sagemaker"], grants: true);
        yield return Case("network flow logs", s => new PrivateNetwork(s, "C", new PrivateNetworkProps
        {
            Name = "acme-net", CidrBlock = "10.40.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
        }), [], grants: false, "CloudWatchLogsEncryptsThisLogGroup");
    }

    private static TestCaseData Case(string name, Action<TerraformStack> declare, string[] services, bool grants, params string[] servicePrincipalSids) =>
        new TestCaseData(declare, services, grants, servicePrincipalSids).SetArgDisplayNames(name);

    private static (TerraformJson Json, Dictionary<string, JsonObject> Statements) KeyPolicy(Action<TerraformStack> declare)
    {
        var json = SynthHarness.Aws(declare);
        var key = json.ByPath("aws_kms_key", "C/Key");
        var policy = key["policy"]!.GetValue<string>();
        var document = json.DataSources("aws_iam_policy_document").Single(d => policy == $"${{data.aws_iam_policy_document.{d.Key}.json}}").Value;
        return (json, document["statement"]!.AsArray().Select(s => s!.AsObject()).ToDictionary(s => s["sid"]!.GetValue<string>()));
    }

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    private static string Principal(JsonObject statement) => statement["principals"]!.AsArray().Single()!["identifiers"]!.AsArray().Single()!.GetValue<string>();

    private static Dictionary<string, string[]> Conditions(JsonObject statement) =>
        (statement["condition"]?.AsArray() ?? []).ToDictionary(c => $"{c!["test"]} {c["variable"]}", c => Strings(c!["values"]));

    [TestCaseSource(nameof(Keys))]
    public void The_account_root_administers_the_key_and_uses_it_only_through_its_services(Action<TerraformStack> declare, string[] services, bool grants, string[] servicePrincipalSids)
    {
        var (_, statements) = KeyPolicy(declare);
        var root = @"^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:iam::\$\{data\.aws_caller_identity\.[^}]+\.account_id\}:root$";

        var admin = statements["AccountAdministersKey"];
        Assert.That(Principal(admin), Does.Match(root));
        Assert.That(Strings(admin["actions"]), Is.EquivalentTo(Administration));
        Assert.That(admin["condition"], Is.Null, "administration is unconditional, so the key stays manageable through IAM");

        var expectedSids = new List<string> { "AccountAdministersKey" };
        if (services.Length > 0)
        {
            var use = statements["AccountUsesKeyThroughServices"];
            Assert.That(Principal(use), Does.Match(root));
            Assert.That(Strings(use["actions"]), Is.EquivalentTo(new[] { "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey" }));
            var conditions = Conditions(use);
            Assert.That(conditions["StringEquals kms:ViaService"].Select(v => v.Split('.')[0]), Is.EquivalentTo(services));
            Assert.That(conditions["StringEquals kms:ViaService"], Has.All.Match(@"^[a-z0-9]+\.\$\{data\.aws_region\.[^}]+\.name\}\.amazonaws\.com$"));
            Assert.That(conditions["StringEquals kms:CallerAccount"].Single(), Does.Match(@"^\$\{data\.aws_caller_identity\.[^}]+\.account_id\}$"));
            expectedSids.Add("AccountUsesKeyThroughServices");
        }

        if (grants)
        {
            var grant = statements["ServicesCreateGrantsForTheirResources"];
            Assert.That(Strings(grant["actions"]), Is.EqualTo(new[] { "kms:CreateGrant" }));
            Assert.That(Conditions(grant)["Bool kms:GrantIsForAWSResource"], Is.EqualTo(new[] { "true" }));
            Assert.That(Conditions(grant)["StringEquals kms:ViaService"], Is.EqualTo(Conditions(statements["AccountUsesKeyThroughServices"])["StringEquals kms:ViaService"]));
            expectedSids.Add("ServicesCreateGrantsForTheirResources");
        }

        Assert.That(statements.Keys, Is.EquivalentTo(expectedSids.Concat(servicePrincipalSids)));
        foreach (var (sid, statement) in statements)
        {
            Assert.That(Principal(statement), Is.Not.EqualTo("*"), $"{sid} names a principal");
            Assert.That(Strings(statement["actions"]), Has.None.EqualTo("kms:*"), sid);
            if (sid != "ServicesCreateGrantsForTheirResources")
            {
                Assert.That(Strings(statement["actions"]), Has.None.EqualTo("kms:CreateGrant").And.None.EqualTo("kms:Create*"), $"{sid}: a grant would hand out use");
            }

            if (sid != "AccountAdministersKey")
            {
                Assert.That(statement["condition"], Is.Not.Null, $"{sid}: every use is conditional");
            }
        }
    }

    [Test]
    public void The_flow_log_key_serves_cloudwatch_logs_for_the_flow_log_group_only()
    {
        var (_, statements) = KeyPolicy(s => new PrivateNetwork(s, "C", new PrivateNetworkProps
        {
            Name = "acme-net", CidrBlock = "10.40.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
        }));
        var logs = statements["CloudWatchLogsEncryptsThisLogGroup"];
        Assert.That(Principal(logs), Does.Match(@"^logs\.\$\{data\.aws_region\.[^}]+\}\.amazonaws\.com$"));
        Assert.That(Conditions(logs)["ArnEquals kms:EncryptionContext:aws:logs:arn"].Single(), Does.EndWith(":log-group:/aws/vpc/flow-logs/acme-net"));
    }

    [Test]
    public void A_given_key_gets_no_key_or_policy_from_the_construct()
    {
        const string given = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var json = SynthHarness.Aws(s => new ModelApiKey(s, "C", new ModelApiKeyProps { SecretName = "acme/churn/api-key", KmsKeyArn = given }));
        Assert.That(json.Resources("aws_kms_key"), Is.Empty);
        Assert.That(json.DataSources("aws_iam_policy_document"), Is.Empty);
    }
}
