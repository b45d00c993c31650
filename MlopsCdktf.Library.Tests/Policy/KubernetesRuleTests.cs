using HashiCorp.Cdktf.Providers.Kubernetes.DeploymentV1;
using HashiCorp.Cdktf.Providers.Kubernetes.NamespaceV1;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Policy;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;
using static MlopsCdktf.Tests.Policy.PolicyHarness;

namespace MlopsCdktf.Tests.Policy;

/// <summary>The Kubernetes rules: this library's constructs comply; bare resources are found, rule by rule; the JSON report.</summary>
public sealed class KubernetesRuleTests
{
    private static HashiCorp.Cdktf.TerraformStack Stack()
    {
        var stack = SynthHarness.BareStack();
        new HashiCorp.Cdktf.Providers.Kubernetes.Provider.KubernetesProvider(stack, "kubernetes", new HashiCorp.Cdktf.Providers.Kubernetes.Provider.KubernetesProviderConfig { ConfigPath = "~/.kube/config" });
        new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProvider(stack, "google", new HashiCorp.Cdktf.Providers.Google.Provider.GoogleProviderConfig { Project = "acme-ml-test" });
        return stack;
    }

    [Test]
    public void Our_namespace_serving_and_jobs_comply()
    {
        var stack = Stack();
        _ = new MlNamespace(stack, "Namespace", Namespace);
        _ = new ModelServingDeployment(stack, "Serving", Serving with { Gpu = new GpuRequest { Pool = GpuPool } });
        _ = new BatchJob(stack, "Retrain", Retrain);
        Assert.That(Findings(stack), Is.Empty);
    }

    [Test]
    public void A_training_run_with_gpu_mount_identity_and_queue_complies()
    {
        var stack = Stack();
        _ = Kubernetes.TrainingJobTests.DeclareFullRun(stack);
        Assert.That(Findings(stack), Is.Empty);
    }

    [Test]
    public void A_bare_namespace_and_deployment_break_every_rule()
    {
        var stack = Stack();
        _ = new NamespaceV1(stack, "ns", new NamespaceV1Config { Metadata = new NamespaceV1Metadata { Name = "scratch", Labels = new Dictionary<string, string> { ["data_classification"] = "secret" } } });
        _ = new DeploymentV1(stack, "app", new DeploymentV1Config
        {
            Metadata = new DeploymentV1Metadata { Name = "app" },
            Spec = new DeploymentV1Spec
            {
                Selector = new DeploymentV1SpecSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "x" } },
                Template = new DeploymentV1SpecTemplate
                {
                    Metadata = new DeploymentV1SpecTemplateMetadata { Labels = new Dictionary<string, string> { ["app"] = "x" } },
                    Spec = new DeploymentV1SpecTemplateSpec
                    {
                        Container = new[] { new DeploymentV1SpecTemplateSpecContainer { Name = "web", Image = "nginx:latest", Resources = new DeploymentV1SpecTemplateSpecContainerResources { Limits = new Dictionary<string, string> { ["cpu"] = "1" } } } },
                    },
                },
            },
        });

        const string app = "kubernetes_deployment_v1.app";
        Assert.That(Findings(stack), Is.EqualTo(new[]
        {
            Line("MLOPS-K8S-1", "kubernetes_namespace_v1.ns", "test/ns", "The label is \"secret\"."),
            Line("MLOPS-K8S-2", app, "test/app", "metadata.namespace is not set."),
            Line("MLOPS-K8S-3", app, "test/app", "Container web: limits lacks memory."),
            Line("MLOPS-K8S-4", app, "test/app", "Container web: requests lacks cpu and memory."),
            Line("MLOPS-K8S-5", app, "test/app", "Container web: image is nginx:latest."),
            Line("MLOPS-K8S-6", app, "test/app", "Container web: liveness_probe is not set."),
            Line("MLOPS-K8S-7", app, "test/app", "Container web: readiness_probe is not set."),
            Line("MLOPS-K8S-8", app, "test/app", "Container web: run_as_non_root is not true."),
            Line("MLOPS-K8S-9", app, "test/app", "Container web: read_only_root_filesystem is not true."),
            Line("MLOPS-K8S-10", app, "test/app", "Container web: allow_privilege_escalation is not false."),
            Line("MLOPS-K8S-11", app, "test/app", "Container web: capabilities.drop does not contain ALL."),
        }));
        Assert.That(PolicyPack.Default.Find("MLOPS-K8S-5")!.Level, Is.EqualTo(PolicyLevel.Warning), "the seed warns on :latest");
    }

    [Test]
    public void Every_kubernetes_rule_cites_the_checkov_check_or_seed_rule_it_matches()
    {
        var cites = PolicyPack.Default.Rules.Where(r => r.Id.StartsWith("MLOPS-K8S-", StringComparison.Ordinal)).ToDictionary(r => r.Id, r => r.Explanation);
        Assert.That(cites, Has.Count.EqualTo(12));
        foreach (var check in new[] { "CKV_K8S_8", "CKV_K8S_9", "CKV_K8S_10", "CKV_K8S_11", "CKV_K8S_12", "CKV_K8S_13", "CKV_K8S_14", "CKV_K8S_20", "CKV_K8S_21", "CKV_K8S_22", "CKV_K8S_28", "CKV_K8S_37" })
        {
            Assert.That(cites.Values, Has.Some.Matches($@"{check}\b"), check);
        }
    }

    [Test]
    public void The_json_report_lists_findings_per_stack_and_whether_the_gate_passed()
    {
        var stack = Stack();
        _ = new NamespaceV1(stack, "ns", new NamespaceV1Config { Metadata = new NamespaceV1Metadata { Name = "scratch" } });
        var path = Path.Combine(Path.GetTempPath(), $"policy-report-{Guid.NewGuid():N}", "policy-report.json");
        try
        {
            Assert.That(PolicyGate.Check([stack], TextWriter.Null, jsonReportPath: path), Is.False);
            var report = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
            Assert.That(report["passed"]!.GetValue<bool>(), Is.False);
            Assert.That(report["errors"]!.GetValue<int>(), Is.EqualTo(1));
            var finding = report["stacks"]![0]!["findings"]![0]!;
            Assert.That(report["stacks"]![0]!["stack"]!.GetValue<string>(), Is.EqualTo("test"));
            Assert.That((finding["rule_id"]!.GetValue<string>(), finding["level"]!.GetValue<string>(), finding["resource_address"]!.GetValue<string>(), finding["construct_path"]!.GetValue<string>()),
                Is.EqualTo(("MLOPS-K8S-1", "Error", "kubernetes_namespace_v1.ns", "test/ns")));
            Assert.That(finding["message"]!.GetValue<string>(), Does.EndWith("The label is missing."));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static IReadOnlyList<string> MetricSourceFindings(string json) =>
        Lines(PolicyPack.Default.Evaluate(MlopsCdktf.Policy.Model.SynthesizedStack.Parse("hand", System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject()), [])
            .Findings.Where(f => f.RuleId == "MLOPS-K8S-12"));

    private const string QpsAutoscaler = """
        "kubernetes_horizontal_pod_autoscaler_v2": { "churn": { "metadata": [{ "name": "churn", "namespace": "ml-models" }], "spec": [{
          "min_replicas": 2, "max_replicas": 6, "scale_target_ref": [{ "api_version": "apps/v1", "kind": "Deployment", "name": "churn" }],
          "metric": [
            { "type": "Resource", "resource": [{ "name": "cpu", "target": [{ "type": "Utilization", "average_utilization": 70 }] }] },
            { "type": "Pods", "pods": [{ "metric": [{ "name": "qps" }], "target": [{ "type": "AverageValue", "average_value": "20" }] }] }
          ] }] } }
        """;

    [Test]
    public void A_hand_written_autoscaler_on_a_pods_metric_without_an_adapter_is_found()
    {
        Assert.That(MetricSourceFindings($$"""{ "resource": { {{QpsAutoscaler}} } }"""), Is.EqualTo(new[]
        {
            Line("MLOPS-K8S-12", "kubernetes_horizontal_pod_autoscaler_v2.churn", "hand/churn",
                "No APIService for custom.metrics.k8s.io is declared (kubernetes_api_service_v1) or checked (data.kubernetes_resource)."),
        }));
    }

    [Test]
    public void An_adapter_registered_or_checked_in_the_stack_satisfies_the_rule_and_cpu_only_needs_none()
    {
        const string registered = """
            "kubernetes_api_service_v1": { "adapter": { "metadata": [{ "name": "v1beta1.custom.metrics.k8s.io" }], "spec": [{
              "group": "custom.metrics.k8s.io", "version": "v1beta1", "group_priority_minimum": 100, "version_priority": 100,
              "service": [{ "name": "custom-metrics-stackdriver-adapter", "namespace": "custom-metrics" }] }] } }
            """;
        const string checkedByData = """
            "data": { "kubernetes_resource": { "adapter": { "api_version": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": [{ "name": "v1beta1.custom.metrics.k8s.io" }] } } }
            """;
        Assert.That(MetricSourceFindings($$"""{ "resource": { {{QpsAutoscaler}}, {{registered}} } }"""), Is.Empty);
        Assert.That(MetricSourceFindings($$"""{ "resource": { {{QpsAutoscaler}} }, {{checkedByData}} }"""), Is.Empty);

        // An External metric needs external.metrics.k8s.io: a custom metrics adapter does not serve it.
        var external = QpsAutoscaler.Replace("\"type\": \"Pods\"", "\"type\": \"External\"", StringComparison.Ordinal);
        Assert.That(MetricSourceFindings($$"""{ "resource": { {{external}}, {{registered}} } }"""), Has.Count.EqualTo(1));

        var cpuOnly = new MlopsCdktf.Policy.Rules.Kubernetes.KubernetesAutoscalerMetricSourceRule()
            .Evaluate(MlopsCdktf.Policy.Model.SynthesizedStack.Parse("hand", System.Text.Json.Nodes.JsonNode.Parse(
                $$"""{ "resource": { {{QpsAutoscaler.Replace("\"type\": \"Pods\"", "\"type\": \"Resource\"", StringComparison.Ordinal)}} } }""")!.AsObject()));
        Assert.That(cpuOnly.Select(r => r.Outcome), Is.EqualTo(new[] { PolicyOutcome.NotApplicable }), "Resource metrics come from metrics-server");
    }
}
