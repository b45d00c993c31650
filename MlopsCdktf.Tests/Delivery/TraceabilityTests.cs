using MlopsCdktf.Environments;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>"Model v3.1 deployed by infra &lt;sha&gt;" can be read back from every resource's tags/labels and every stack's outputs.</summary>
public sealed class TraceabilityTests
{
    private const string Commit = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";

    private static IReadOnlyDictionary<string, TerraformJson> Versioned() =>
        DeliverySynth.Stacks(new Dictionary<string, object> { ["env"] = "prod", ["infraVersion"] = Commit });

    [Test]
    public void The_commit_passed_in_is_tagged_on_every_AWS_resource_with_the_model_version()
    {
        foreach (var name in new[] { "mlops-aws-prod", "mlops-serving-prod" })
        {
            var tags = Versioned()[name].Root["provider"]!["aws"]![0]!["default_tags"]![0]!["tags"]!;
            Assert.That(tags["InfraVersion"]!.GetValue<string>(), Is.EqualTo(Commit), name);
            Assert.That(tags["ModelVersion"]!.GetValue<string>(), Is.EqualTo(Catalog.Prod.Release.Version), name);
        }
    }

    [Test]
    public void The_commit_passed_in_is_labelled_on_every_Google_resource_with_the_model_version_as_a_valid_label_value()
    {
        foreach (var name in new[] { "mlops-gcp-prod", "mlops-k8s-prod" })
        {
            var labels = Versioned()[name].Root["provider"]!["google"]![0]!["default_labels"]!;
            Assert.That(labels["infra_version"]!.GetValue<string>(), Is.EqualTo(Commit), name);
            Assert.That(labels["model_version"]!.GetValue<string>(), Is.EqualTo("1-0-0"), $"{name}: GCP label values allow no dots");
        }
    }

    [Test]
    public void Every_stack_outputs_its_infra_version_and_model_version()
    {
        Assert.That(Versioned().Keys, Has.Count.EqualTo(4));
        foreach (var (name, json) in Versioned())
        {
            var outputs = json.Root["output"]!;
            Assert.That(outputs["infra_version"]!["value"]!.GetValue<string>(), Is.EqualTo(Commit), name);
            Assert.That(outputs["model_version"]!["value"]!.GetValue<string>(), Is.EqualTo(Catalog.Prod.Release.Version), name);
        }
    }

    [Test]
    public void Without_a_commit_the_version_is_the_fixed_placeholder_so_snapshots_never_depend_on_git()
    {
        foreach (var (name, json) in AppSynth.All)
        {
            Assert.That(json.Root["output"]!["infra_version"]!["value"]!.GetValue<string>(), Is.EqualTo(DeliveryOptions.Unversioned), name);
        }
    }
}
