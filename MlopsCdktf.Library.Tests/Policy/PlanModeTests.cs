using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MlopsCdktf.Policy;
using MlopsCdktf.Policy.Model;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Policy.PolicyHarness;

namespace MlopsCdktf.Tests.Policy;

/// <summary>
/// The pack over <c>terraform show -json</c> output (plan mode) against the same stack's synthesized JSON: the seed's
/// three OPA rules on a Kubernetes plan (the kubernetes provider is not installed offline, so the plan is a fixture in
/// the shape Terraform 1.11 prints), the plan-only rules on change sets, suppressions in both modes, and SARIF 2.1.0
/// validated against the OASIS schema. Real AWS plans: MlopsCdktf.Tests/Terraform/PlanPolicyTests.cs.
/// </summary>
public sealed class PlanModeTests
{
    private const string Stack = "mlops-k8s-fixture";

    private static string Fixture(string file) => File.ReadAllText(Path.Combine(RepoPaths.Root, "MlopsCdktf.Library.Tests", "Policy", "Fixtures", file));

    private static JsonObject Synthesized => JsonNode.Parse(Fixture("k8s-seed.cdk.tf.json"))!.AsObject();

    private static JsonObject Plan => JsonNode.Parse(Fixture("k8s-seed.plan.json"))!.AsObject();

    [Test]
    public void The_seed_rules_find_the_same_at_the_same_construct_paths_in_the_plan_as_in_the_synthesized_json()
    {
        var fromJson = PolicyPack.Default.Evaluate(SynthesizedStack.Parse(Stack, Synthesized), []);
        var fromPlan = PolicyPack.Default.Evaluate(SynthesizedStack.FromPlan(Stack, Plan, Synthesized), []);

        Assert.That(Lines(fromPlan.Findings), Is.EquivalentTo(Lines(fromJson.Findings)));
        Assert.That(fromPlan.CompliantChecks, Is.EqualTo(fromJson.CompliantChecks + 1), "plus MLOPS-PLAN-2 on the deployment, created, not replaced");
        var seeds = Lines(fromPlan.Findings.Where(f => f.RuleId is "MLOPS-K8S-1" or "MLOPS-K8S-3" or "MLOPS-K8S-5"));
        Assert.That(seeds, Is.EquivalentTo(new[]
        {
            Line("MLOPS-K8S-1", "kubernetes_namespace_v1.Scratch_Namespace_0C4E9F11", $"{Stack}/Scratch/Namespace", "The label is missing."),
            Line("MLOPS-K8S-3", "kubernetes_deployment_v1.Api_Deployment_8D2F0A44", $"{Stack}/Api/Deployment", "Container api: limits lacks cpu."),
            Line("MLOPS-K8S-5", "kubernetes_deployment_v1.Api_Deployment_8D2F0A44", $"{Stack}/Api/Deployment", "Container api: image is registry.example.com/churn-api:latest."),
        }));
        Assert.That(fromPlan.Findings.Single(f => f.RuleId == "MLOPS-K8S-5").Level, Is.EqualTo(PolicyLevel.Warning), "latest warns, as the seed's OPA rule");
    }

    [Test]
    public void A_construct_suppression_holds_in_both_modes()
    {
        PolicySuppression[] suppressions = [new($"{Stack}/Api", "MLOPS-K8S-5", "Staging mirror of upstream; the digest is pinned by the admission policy")];

        var fromJson = PolicyPack.Default.Evaluate(SynthesizedStack.Parse(Stack, Synthesized), suppressions);
        var fromPlan = PolicyPack.Default.Evaluate(SynthesizedStack.FromPlan(Stack, Plan, Synthesized), suppressions);

        foreach (var report in new[] { fromJson, fromPlan })
        {
            Assert.That(report.Suppressed.Select(s => $"{s.Finding.RuleId} {s.Finding.ConstructPath}"), Is.EqualTo(new[] { $"MLOPS-K8S-5 {Stack}/Api/Deployment" }));
            Assert.That(report.Findings.Select(f => f.RuleId), Does.Not.Contain("MLOPS-K8S-5").And.Contain("MLOPS-K8S-3"));
        }
    }

    [Test]
    public void Without_the_synthesized_json_paths_fall_back_to_the_stack_and_resource_name()
    {
        var planned = SynthesizedStack.FromPlan(Stack, Plan, null);

        Assert.That(planned.Elements.Select(e => e.ConstructPath), Has.Member($"{Stack}/Scratch_Namespace_0C4E9F11"));
    }

    [Test]
    public void Plan_only_rules_report_deleting_kept_data_and_delete_first_replacements_and_are_skipped_on_synthesized_json()
    {
        var plan = ChangePlan(
            ("aws_s3_bucket", "Artifacts_Bucket_1", ["delete"], new JsonObject { ["bucket"] = "acme-artifacts", ["force_destroy"] = false }),
            ("aws_s3_bucket", "Scratch_Bucket_2", ["delete"], new JsonObject { ["bucket"] = "acme-scratch", ["force_destroy"] = true }),
            ("aws_kms_key", "Key_3", ["delete", "create"], new JsonObject { ["description"] = "artifacts" }),
            ("aws_sagemaker_endpoint_configuration", "Config_4", ["delete", "create"], new JsonObject { ["name"] = "churn" }),
            ("aws_sagemaker_endpoint_configuration", "Config_5", ["create", "delete"], new JsonObject { ["name_prefix"] = "churn-" }),
            ("google_container_node_pool", "Gpu_Pool_6", ["delete", "create"], new JsonObject { ["node_config"] = new JsonArray(new JsonObject { ["guest_accelerator"] = new JsonArray(new JsonObject { ["type"] = "nvidia-l4", ["count"] = 1 }) }) }),
            ("google_container_node_pool", "Cpu_Pool_7", ["delete", "create"], new JsonObject { ["node_config"] = new JsonArray(new JsonObject { ["machine_type"] = "e2-standard-4" }) }));

        var report = PolicyPack.Default.Evaluate(SynthesizedStack.FromPlan("plan", plan, null), []);

        Assert.That(Lines(report.Findings), Is.EquivalentTo(new[]
        {
            Line("MLOPS-PLAN-1", "aws_s3_bucket.Artifacts_Bucket_1", "plan/Artifacts_Bucket_1", "Terraform plans to delete it (delete)."),
            Line("MLOPS-PLAN-1", "aws_kms_key.Key_3", "plan/Key_3", "Terraform plans to replace it (delete, create)."),
            Line("MLOPS-PLAN-2", "aws_sagemaker_endpoint_configuration.Config_4", "plan/Config_4", "Terraform plans delete, create: the old one is gone before the new one serves."),
            Line("MLOPS-PLAN-2", "google_container_node_pool.Gpu_Pool_6", "plan/Gpu_Pool_6", "Terraform plans delete, create: the old one is gone before the new one serves."),
        }));
        Assert.That(PolicyPack.Default.Rules.Where(r => r.Modes == PolicyModes.Plan).Select(r => r.Id), Is.EquivalentTo(new[] { "MLOPS-PLAN-1", "MLOPS-PLAN-2" }));
        var synthesized = SynthesizedStack.Parse("plan", new JsonObject { ["resource"] = new JsonObject { ["aws_s3_bucket"] = new JsonObject { ["B"] = new JsonObject { ["bucket"] = "acme" } } } });
        Assert.That(PolicyPack.Default.Evaluate(synthesized, []).Findings.Select(f => f.RuleId), Has.None.StartWith("MLOPS-PLAN-"));
    }

    [Test]
    public void The_sarif_log_validates_against_the_sarif_2_1_0_schema_and_carries_rules_levels_paths_and_suppressions()
    {
        var report = PolicyPack.Default.Evaluate(SynthesizedStack.FromPlan(Stack, Plan, Synthesized),
            [new PolicySuppression($"{Stack}/Api", "MLOPS-K8S-5", "Staging mirror of upstream; the digest is pinned by the admission policy")]);

        var sarif = PolicySarif.Format([report], PolicyPack.Default,
            f => f.ResourceAddress.StartsWith("kubernetes_namespace", StringComparison.Ordinal) ? new PolicySourceLocation("MlopsCdktf/Stacks/KubernetesStack.cs", 42) : null);

        var errors = SchemaErrors(sarif);
        Assert.That(errors, Is.Empty, sarif);
        var run = JsonNode.Parse(sarif)!["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.That(rules.Select(r => (string)r!["id"]!), Is.EqualTo(PolicyPack.Default.Rules.Select(r => r.Id)));
        var plan1 = rules.Single(r => (string)r!["id"]! == "MLOPS-PLAN-1")!;
        Assert.That((string)plan1["defaultConfiguration"]!["level"]!, Is.EqualTo("error"));
        Assert.That((string)plan1["properties"]!["modes"]!, Is.EqualTo("Plan"));
        Assert.That((string)plan1["shortDescription"]!["text"]!, Is.EqualTo(PolicyPack.Default.Find("MLOPS-PLAN-1")!.Info));
        var results = run["results"]!.AsArray();
        Assert.That(results, Has.Count.EqualTo(report.Findings.Count + 1));
        var namespaceResult = results.Single(r => (string)r!["ruleId"]! == "MLOPS-K8S-1")!;
        Assert.That((string)namespaceResult["level"]!, Is.EqualTo("error"));
        Assert.That((string)namespaceResult["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!, Is.EqualTo("MlopsCdktf/Stacks/KubernetesStack.cs"));
        Assert.That((int)namespaceResult["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!, Is.EqualTo(42));
        Assert.That((string)namespaceResult["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!, Is.EqualTo($"{Stack}/Scratch/Namespace"));
        var suppressed = results.Single(r => r!["suppressions"] is not null)!;
        Assert.That((string)suppressed["ruleId"]!, Is.EqualTo("MLOPS-K8S-5"));
        Assert.That((string)suppressed["level"]!, Is.EqualTo("warning"));
        Assert.That((string)suppressed["suppressions"]![0]!["justification"]!, Does.StartWith("Staging mirror of upstream"));
    }

    [Test]
    public void The_schema_check_rejects_what_sarif_2_1_0_does_not_allow()
    {
        var sarif = JsonNode.Parse(PolicySarif.Format([PolicyPack.Default.Evaluate(SynthesizedStack.FromPlan(Stack, Plan, Synthesized), [])], PolicyPack.Default))!;
        sarif["runs"]![0]!["results"]![0]!["level"] = "fatal";
        sarif["runs"]![0]!["tool"]!["driver"]!.AsObject().Remove("name");

        Assert.That(SchemaErrors(sarif.ToJsonString()), Is.Not.Empty);
    }

    /// <summary>
    /// The errors of <paramref name="sarif"/> against <c>sarif-schema-2.1.0.json</c> (OASIS, shipped beside this file). The
    /// schema declares draft-04, which JsonSchema.Net does not implement; its keywords mean the same in draft-07, so it
    /// is evaluated as draft-07 (its <c>$schema</c> and draft-04 <c>id</c> dropped in memory).
    /// </summary>
    private static List<string> SchemaErrors(string sarif)
    {
        var schemaJson = JsonNode.Parse(Fixture(Path.Combine("..", "sarif-schema-2.1.0.json")))!.AsObject();
        Assert.That((string)schemaJson["title"]!, Does.Contain("SARIF) Version 2.1.0"));
        schemaJson.Remove("$schema");
        schemaJson.Remove("id");
        var schema = JsonSchema.FromText(schemaJson.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft07 });
        using var document = JsonDocument.Parse(sarif);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
    }

    /// <summary>A plan whose resource_changes are the given changes (before values for deletions, after values otherwise).</summary>
    private static JsonObject ChangePlan(params (string Type, string Name, string[] Actions, JsonObject Values)[] changes) => new()
    {
        ["format_version"] = "1.2",
        ["planned_values"] = new JsonObject { ["root_module"] = new JsonObject() },
        ["resource_changes"] = new JsonArray(changes.Select(c => (JsonNode)new JsonObject
        {
            ["address"] = $"{c.Type}.{c.Name}",
            ["mode"] = "managed",
            ["type"] = c.Type,
            ["name"] = c.Name,
            ["change"] = new JsonObject
            {
                ["actions"] = new JsonArray(c.Actions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
                ["before"] = c.Values.DeepClone(),
                ["after"] = c.Actions.SequenceEqual(["delete"]) ? null : c.Values.DeepClone(),
            },
        }).ToArray()),
    };
}
