using System.Globalization;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.CloudwatchDashboard;

namespace MlopsCdktf.Aws;

/// <summary>
/// The CloudWatch dashboard of a <see cref="SageMakerEndpoint"/> (<c>&lt;endpoint&gt;</c>), which creates it when
/// <see cref="SageMakerEndpointProps.Dashboard"/> is true. Its body is generated from the endpoint's own variants,
/// alarms and autoscaling bounds, so it cannot drift from the infrastructure: invocations, 4XX/5XX errors, p50/p99 model
/// latency (with the alarm thresholds), CPU, memory and GPU utilisation per instance variant, and each variant's instance
/// count (invocations ÷ invocations per instance) between its autoscaling bounds.
/// </summary>
public sealed class EndpointDashboard : Construct
{
    private const string SageMaker = "AWS/SageMaker";
    private const string Instances = SageMakerEndpointDefaults.MetricsNamespace;

    internal EndpointDashboard(SageMakerEndpoint endpoint, SageMakerEndpointProps props)
        : base(endpoint, "Dashboard")
    {
        var name = endpoint.GivenEndpointName;
        Widgets = EndpointWidgets(name, props);
        Dashboard = new CloudwatchDashboard(this, "Dashboard", new CloudwatchDashboardConfig
        {
            DashboardName = name,
            DashboardBody = DashboardBody.Render(Widgets, AccountContext.RegionOf(endpoint), SageMakerEndpointDefaults.DashboardPeriodSeconds),
        });
    }

    /// <summary>The <c>aws_cloudwatch_dashboard</c> resource.</summary>
    public CloudwatchDashboard Dashboard { get; }

    /// <summary>The dashboard's name (the endpoint name).</summary>
    public string DashboardName => Dashboard.DashboardName;

    internal IReadOnlyList<MetricWidget> Widgets { get; }

    private static IReadOnlyList<KeyValuePair<string, string>> Dimensions(string endpoint, string variant) =>
        [new("EndpointName", endpoint), new("VariantName", variant)];

    private static DashboardMetric Metric(string ns, string metric, string endpoint, string variant, string stat, string label, string? id = null, bool visible = true) => new()
    {
        Namespace = ns,
        MetricName = metric,
        Dimensions = Dimensions(endpoint, variant),
        Stat = stat,
        Label = label,
        Id = id,
        Visible = visible,
    };

    private static List<MetricWidget> EndpointWidgets(string endpoint, SageMakerEndpointProps props)
    {
        var variants = props.Variants.Select(v => v.VariantName).ToList();
        var alarms = props.Alarms;
        var widgets = new List<MetricWidget>
        {
            new()
            {
                Title = "Invocations",
                Series = [.. variants.Select(v => Metric(SageMaker, "Invocations", endpoint, v, "Sum", $"{v} invocations"))],
            },
            new()
            {
                Title = "Errors (4XX client, 5XX server)",
                Series =
                [
                    .. variants.SelectMany(v => new[]
                    {
                        Metric(SageMaker, "Invocation4XXErrors", endpoint, v, "Sum", $"{v} 4XX"),
                        Metric(SageMaker, "Invocation5XXErrors", endpoint, v, "Sum", $"{v} 5XX"),
                    }),
                ],
                Annotations = alarms is null ? [] : [new DashboardAnnotation("5XX alarm", alarms.Invocation5XXErrorsThreshold)],
            },
            new()
            {
                Title = "Model latency p50 / p99 (microseconds)",
                Series =
                [
                    .. variants.SelectMany(v => new[]
                    {
                        Metric(SageMaker, "ModelLatency", endpoint, v, "p50", $"{v} p50"),
                        Metric(SageMaker, "ModelLatency", endpoint, v, "p99", $"{v} p99"),
                    }),
                ],
                Annotations = alarms is null ? [] : [new DashboardAnnotation("p99 latency alarm", alarms.ModelLatencyP99ThresholdMs * 1000)],
                YAxisLabel = "us",
            },
        };

        var instance = props.Variants.OfType<InstanceVariant>().ToList();
        if (instance.Count == 0)
        {
            return widgets;
        }

        widgets.Add(new MetricWidget
        {
            Title = "CPU and memory utilisation per variant (%)",
            Series =
            [
                .. instance.SelectMany(v => new[]
                {
                    Metric(Instances, "CPUUtilization", endpoint, v.VariantName, "Average", $"{v.VariantName} CPU (100 % per core)"),
                    Metric(Instances, "MemoryUtilization", endpoint, v.VariantName, "Average", $"{v.VariantName} memory"),
                }),
            ],
        });
        widgets.Add(new MetricWidget
        {
            Title = "GPU and GPU memory utilisation per variant (%)",
            Series =
            [
                .. instance.SelectMany(v => new[]
                {
                    Metric(Instances, "GPUUtilization", endpoint, v.VariantName, "Average", $"{v.VariantName} GPU (100 % per GPU)"),
                    Metric(Instances, "GPUMemoryUtilization", endpoint, v.VariantName, "Average", $"{v.VariantName} GPU memory"),
                }),
            ],
        });
        foreach (var (variant, index) in instance.Select((v, i) => (v, i)))
        {
            var min = variant.Autoscaling?.MinInstances ?? variant.InitialInstanceCount;
            var max = variant.Autoscaling?.MaxInstances ?? variant.InitialInstanceCount;
            var i = index.ToString(CultureInfo.InvariantCulture);
            widgets.Add(new MetricWidget
            {
                Title = $"{variant.VariantName}: instances vs autoscaling bounds",
                Series =
                [
                    Metric(SageMaker, "Invocations", endpoint, variant.VariantName, "Sum", "invocations", "inv" + i, visible: false),
                    Metric(SageMaker, "InvocationsPerInstance", endpoint, variant.VariantName, "Sum", "invocations per instance", "ipi" + i, visible: false),
                    new DashboardExpression { Expression = $"inv{i} / ipi{i}", Label = "instances serving", Id = "count" + i },
                ],
                Annotations = [new DashboardAnnotation("min instances", min), new DashboardAnnotation("max instances", max)],
            });
        }

        return widgets;
    }
}
