using System.Text.Json.Nodes;
using MlopsCdktf.Aws;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary><see cref="EndpointDashboard"/>: the body is generated from the endpoint, so every metric is this endpoint's.</summary>
public sealed class EndpointDashboardTests
{
    private static TerraformJson Synth(Func<SageMakerEndpointProps, SageMakerEndpointProps> change) =>
        SynthHarness.Aws(stack => new SageMakerEndpoint(stack, "Endpoint", SageMakerEndpointTests.Props(stack, change)));

    private static readonly InstanceVariant[] TwoVariants =
    [
        new() { VariantName = "Blue", InstanceType = SageMakerInstanceType.G5Xlarge, InitialInstanceCount = 2,
            Autoscaling = new EndpointAutoscaling { MinInstances = 2, MaxInstances = 5, MaxRequestsPerSecondPerInstance = 10 } },
        new() { VariantName = "Green", InstanceType = SageMakerInstanceType.M5Large },
    ];

    private static (JsonObject Dashboard, JsonArray Widgets) Body(TerraformJson json)
    {
        var dashboard = json.Single("aws_cloudwatch_dashboard");
        var body = JsonNode.Parse(dashboard["dashboard_body"]!.GetValue<string>())!;
        return (dashboard, body["widgets"]!.AsArray());
    }

    [Test]
    public void Every_metric_names_this_endpoint_and_one_of_its_variants()
    {
        var json = Synth(p => p with { Variants = TwoVariants });
        var (dashboard, widgets) = Body(json);
        Assert.That(dashboard["dashboard_name"]!.GetValue<string>(), Is.EqualTo(SageMakerEndpointTests.EndpointName));

        var region = json.Reference("aws_region", json.ByPath("aws_region", "Endpoint/Region"), "name");
        var metrics = widgets.Select(w => w!["properties"]!).SelectMany(p =>
        {
            Assert.That(p["region"]!.GetValue<string>(), Is.EqualTo(region), "the stack's region");
            return p["metrics"]!.AsArray().Select(m => m!.AsArray()).Where(m => m.Count > 1);
        }).ToList();
        Assert.That(metrics, Has.Count.GreaterThan(10));
        foreach (var metric in metrics)
        {
            var dimensions = metric.Skip(2).Take(metric.Count - 3).Select(n => n!.GetValue<string>()).Chunk(2).ToDictionary(d => d[0], d => d[1]);
            Assert.That(dimensions.Keys, Is.EquivalentTo(new[] { "EndpointName", "VariantName" }), metric.ToJsonString());
            Assert.That(dimensions["EndpointName"], Is.EqualTo(SageMakerEndpointTests.EndpointName), metric.ToJsonString());
            Assert.That(dimensions["VariantName"], Is.AnyOf("Blue", "Green"), metric.ToJsonString());
            Assert.That(metric[0]!.GetValue<string>(), Is.AnyOf("AWS/SageMaker", "/aws/sagemaker/Endpoints"));
        }

        var names = metrics.Select(m => m[1]!.GetValue<string>()).Distinct();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "Invocations", "Invocation4XXErrors", "Invocation5XXErrors", "ModelLatency", "CPUUtilization", "MemoryUtilization",
            "GPUUtilization", "GPUMemoryUtilization", "InvocationsPerInstance",
        }));
        var stats = metrics.Where(m => m[1]!.GetValue<string>() == "ModelLatency").Select(m => m.Last()!["stat"]!.GetValue<string>()).Distinct();
        Assert.That(stats, Is.EquivalentTo(new[] { "p50", "p99" }));
    }

    [Test]
    public void Instance_counts_are_drawn_between_each_variants_autoscaling_bounds_and_alarms_as_thresholds()
    {
        var (_, widgets) = Body(Synth(p => p with { Variants = TwoVariants }));
        JsonNode Widget(string title) => widgets.Single(w => w!["properties"]!["title"]!.GetValue<string>() == title)!["properties"]!;
        double[] Lines(JsonNode widget) => widget["annotations"]!["horizontal"]!.AsArray().Select(a => a!["value"]!.GetValue<double>()).ToArray();

        Assert.That(Lines(Widget("Blue: instances vs autoscaling bounds")), Is.EqualTo(new[] { 2.0, 5.0 }));
        Assert.That(Lines(Widget("Green: instances vs autoscaling bounds")), Is.EqualTo(new[] { 1.0, 1.0 }), "no autoscaling: the fixed count");
        var count = Widget("Blue: instances vs autoscaling bounds")["metrics"]!.AsArray().Last()!.AsArray().Single()!;
        Assert.That(count["expression"]!.GetValue<string>(), Is.EqualTo("inv0 / ipi0"));
        Assert.That(Lines(Widget("Model latency p50 / p99 (microseconds)")), Is.EqualTo(new[] { 1_000_000.0 }), "the p99 alarm's threshold");
        Assert.That(Lines(Widget("Errors (4XX client, 5XX server)")), Is.EqualTo(new[] { 1.0 }));
    }

    [Test]
    public void Serverless_endpoints_get_no_instance_panels_and_the_dashboard_can_be_turned_off()
    {
        var (_, widgets) = Body(Synth(p => p with { Variants = [new ServerlessVariant()], EnableNetworkIsolation = false, DataCapture = null }));
        Assert.That(widgets.Select(w => w!["properties"]!["title"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Invocations", "Errors (4XX client, 5XX server)", "Model latency p50 / p99 (microseconds)" }));
        Assert.That(Synth(p => p with { Dashboard = false }).Resources("aws_cloudwatch_dashboard"), Is.Empty);
    }
}
