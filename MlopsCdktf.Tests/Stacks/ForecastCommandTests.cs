using MlopsCdktf.Aws;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// <c>make forecast</c> over the app: prod synthesized as it is (the base) and with a new workspace tier and endpoint
/// instance type (the head). The forecast names exactly those two, at their construct paths, and flags the share as data.
/// </summary>
public sealed class ForecastCommandTests
{
    private string _head = null!;

    [SetUp]
    public void SynthesizeHead()
    {
        _head = Directory.CreateTempSubdirectory("mlops-forecast-head-").FullName;
        var prod = Catalog.Prod with
        {
            Training = Catalog.Prod.Training with { WorkspaceTier = FilestoreTier.Enterprise },
            Serving = Catalog.Prod.Serving with { Variant = Catalog.Prod.Serving.Variant with { InstanceType = SageMakerInstanceType.C5Xlarge } },
        };
        var app = SynthHarness.NewApp(_head);
        MlopsApplication.Compose(app, [prod]);
        app.Synth();
    }

    [TearDown]
    public void Delete() => Directory.Delete(_head, recursive: true);

    [Test]
    public void A_new_workspace_tier_and_endpoint_instance_type_are_listed_with_their_construct_paths_and_written_next_to_the_stacks()
    {
        var baseOutdir = Path.GetDirectoryName(Path.GetDirectoryName(AppSynth.StackFolder("mlops-gcp-prod")))!;
        var output = new StringWriter();

        var exit = ForecastCommand.Run(baseOutdir, _head, output);

        Assert.That(exit, Is.EqualTo(0));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Where(l => !l.StartsWith("destroy", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "replace  DATA mlops-gcp-prod/Workspace/Instance (tier): the service tier is set at creation",
            "replace  mlops-serving-prod/ModelEndpoint/Config (production_variants.instance_type): a configuration is immutable: a new one is created and the endpoint updated to it; "
                + "the autoscaled instance count resets to initial_instance_count while mlops-serving-prod/ModelEndpoint/ScalingTarget-AllTraffic scales it (terraform-provider-aws#48990)",
        }));
        Assert.That(lines.Where(l => l.StartsWith("destroy", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last()),
            Is.All.EqualTo("synthesized"), "only dev's and staging's stacks, absent from a prod-only head, are destroyed");
        Assert.That(File.ReadAllText(Path.Combine(_head, "replacement-forecast.md")), Does.Contain("| **data** | `mlops-gcp-prod/Workspace/Instance` | replace | `tier` |"));
    }

    [Test]
    public void A_folder_without_stacks_is_refused_naming_it() =>
        Assert.That(ForecastCommand.Run(Path.Combine(_head, "nowhere"), _head, TextWriter.Null), Is.EqualTo(2));
}
