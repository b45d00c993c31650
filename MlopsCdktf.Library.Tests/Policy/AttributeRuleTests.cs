using System.Text.Json.Nodes;
using MlopsCdktf.Policy;
using MlopsCdktf.Policy.Model;
using MlopsCdktf.Policy.Rules.Aws;
using MlopsCdktf.Policy.Rules.Common;
using MlopsCdktf.Policy.Rules.Gcp;

namespace MlopsCdktf.Tests.Policy;

/// <summary>
/// The one-attribute rules (<see cref="AttributeRule"/>), row by row: for each, a compliant and a non-compliant resource
/// of its type, and the finding the non-compliant one gets (id, level and message written out, so a changed definition
/// shows here). Rows with a condition also get a resource the rule does not apply to.
/// </summary>
public sealed class AttributeRuleTests
{
    /// <summary>One row: the rule, its resource type, attributes that comply, attributes that do not, the expected finding.</summary>
    public sealed record Row(string Id, PolicyLevel Level, string ResourceType, string Compliant, string NonCompliant, string Message, string? NotApplicable = null)
    {
        public override string ToString() => Id;
    }

    public static IEnumerable<Row> Rows() =>
    [
        new("MLOPS-KMS-1", PolicyLevel.Error, "aws_kms_key",
            """{ "enable_key_rotation": true }""", """{ "description": "no rotation" }""",
            "The KMS key does not set enable_key_rotation = true.",
            NotApplicable: """{ "customer_master_key_spec": "RSA_2048" }"""),
        new("MLOPS-SM-2", PolicyLevel.Warning, "aws_sagemaker_endpoint_configuration",
            """{ "data_capture_config": { "enable_capture": true } }""", """{ "data_capture_config": { "enable_capture": false } }""",
            "The SageMaker endpoint configuration does not enable data capture."),
        new("MLOPS-SM-3", PolicyLevel.Warning, "aws_sagemaker_model",
            """{ "enable_network_isolation": "true" }""", """{ "execution_role_arn": "arn:aws:iam::1:role/r" }""",
            "The SageMaker model does not set enable_network_isolation = true."),
        new("MLOPS-EC2-1", PolicyLevel.Error, "aws_launch_template",
            """{ "metadata_options": { "http_tokens": "required" } }""", """{ "metadata_options": { "http_tokens": "optional" } }""",
            "The launch template does not set metadata_options.http_tokens = \"required\"."),
        new("MLOPS-EC2-2", PolicyLevel.Error, "aws_launch_template",
            """{ "metadata_options": { "http_put_response_hop_limit": "1" } }""", """{ "metadata_options": { "http_put_response_hop_limit": 2 } }""",
            "The launch template does not set metadata_options.http_put_response_hop_limit to 1."),
        new("MLOPS-GCS-1", PolicyLevel.Error, "google_storage_bucket",
            """{ "public_access_prevention": "enforced" }""", """{ "public_access_prevention": "inherited" }""",
            "The GCS bucket does not set public_access_prevention = \"enforced\"."),
        new("MLOPS-GCS-2", PolicyLevel.Error, "google_storage_bucket",
            """{ "uniform_bucket_level_access": true }""", """{ "uniform_bucket_level_access": false }""",
            "The GCS bucket does not set uniform_bucket_level_access = true."),
        new("MLOPS-GKE-1", PolicyLevel.Error, "google_container_cluster",
            """{ "private_cluster_config": { "enable_private_nodes": true } }""", """{ "private_cluster_config": { "enable_private_endpoint": true } }""",
            "The GKE cluster does not set private_cluster_config.enable_private_nodes = true."),
        new("MLOPS-GKE-2", PolicyLevel.Error, "google_container_cluster",
            """{ "workload_identity_config": { "workload_pool": "p.svc.id.goog" } }""", """{ "workload_identity_config": { "workload_pool": " " } }""",
            "The GKE cluster does not set workload_identity_config.workload_pool."),
        new("MLOPS-GAR-1", PolicyLevel.Error, "google_artifact_registry_repository",
            """{ "format": "docker", "docker_config": { "immutable_tags": true } }""", """{ "format": "DOCKER" }""",
            "The Artifact Registry Docker repository does not set docker_config.immutable_tags = true.",
            NotApplicable: """{ "format": "PYTHON" }"""),
        new("MLOPS-GAR-2", PolicyLevel.Error, "google_artifact_registry_repository",
            """{ "format": "DOCKER" }""", """{ "vulnerability_scanning_config": { "enablement_config": "DISABLED" } }""",
            "The Artifact Registry repository sets vulnerability_scanning_config.enablement_config = \"DISABLED\"."),
    ];

    [Test]
    public void The_table_covers_every_attribute_rule_of_the_default_pack()
    {
        var attributeRules = PolicyPack.Default.Rules.OfType<AttributeRule>().ToList();
        Assert.That(attributeRules.Select(r => r.Id), Is.EquivalentTo(Rows().Select(r => r.Id)));
        Assert.That(attributeRules, Is.EquivalentTo(AwsAttributeRules.All.Concat<AttributeRule>(GcpAttributeRules.All)));
    }

    [TestCaseSource(nameof(Rows))]
    public void A_compliant_resource_passes_and_a_non_compliant_one_is_found(Row row)
    {
        var rule = (AttributeRule)PolicyPack.Default.Find(row.Id)!;
        Assert.That(rule.ResourceType, Is.EqualTo(row.ResourceType));
        Assert.That(rule.Level, Is.EqualTo(row.Level));

        var compliant = Evaluate(rule, row.ResourceType, row.Compliant);
        Assert.That(compliant.Findings, Is.Empty);
        Assert.That(compliant.CompliantChecks, Is.EqualTo(1), "the compliant resource was checked, not skipped");

        var finding = Evaluate(rule, row.ResourceType, row.NonCompliant).Findings.Single();
        Assert.That((finding.RuleId, finding.Level, finding.ResourceAddress, finding.ConstructPath, finding.Message),
            Is.EqualTo((row.Id, row.Level, $"{row.ResourceType}.subject", "test/Subject", row.Message)));
        Assert.That(finding.Explanation, Is.EqualTo(rule.Explanation).And.Not.Empty);

        if (row.NotApplicable is { } other)
        {
            var skipped = Evaluate(rule, row.ResourceType, other);
            Assert.That((skipped.Findings.Count, skipped.CompliantChecks), Is.EqualTo((0, 0)), "the rule does not apply");
        }
    }

    [Test]
    public void Expectations_read_like_their_rule()
    {
        Assert.That(AttributeExpectation.IsTrue.Holds(JsonValue.Create("TRUE")), Is.True);
        Assert.That(AttributeExpectation.IsTrue.Holds(null), Is.False);
        Assert.That(AttributeExpectation.IsSet.Holds(JsonValue.Create("")), Is.False);
        Assert.That(AttributeExpectation.NotEqualTo("DISABLED").Holds(null), Is.True, "unset is the provider's default, not DISABLED");
        Assert.That(AttributeExpectation.AbsentOrEqualTo("DOCKER", StringComparison.OrdinalIgnoreCase).Holds(JsonValue.Create("docker")), Is.True);
        Assert.That(AttributeExpectation.AbsentOrEqualTo("SYMMETRIC_DEFAULT").Holds(JsonValue.Create("symmetric_default")), Is.False);
        Assert.That(GcpAttributeRules.GcsPublicAccessPrevention.Expected.ToString(), Is.EqualTo("= \"enforced\""));
    }

    private static PolicyReport Evaluate(AttributeRule rule, string type, string attributes)
    {
        var body = JsonNode.Parse(attributes)!.AsObject();
        body["//"] = new JsonObject { ["metadata"] = new JsonObject { ["path"] = "test/Subject" } };
        var json = new JsonObject { ["resource"] = new JsonObject { [type] = new JsonObject { ["subject"] = body } } };
        return new PolicyPack([rule]).Evaluate(SynthesizedStack.Parse("test", json), []);
    }
}
