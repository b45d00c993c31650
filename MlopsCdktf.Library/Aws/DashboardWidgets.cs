using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlopsCdktf.Aws;

/// <summary>One series of a CloudWatch metric widget: a metric with its dimensions, or a metric-math expression.</summary>
internal abstract record DashboardSeries
{
    /// <summary>The series' id, for expressions that refer to it (lower-case first letter).</summary>
    public string? Id { get; init; }

    /// <summary>The legend label.</summary>
    public required string Label { get; init; }

    /// <summary>Whether the series is drawn (false for the inputs of an expression).</summary>
    public bool Visible { get; init; } = true;

    /// <summary>The series as an entry of the widget's <c>metrics</c> array.</summary>
    public abstract JsonArray ToJson();

    protected JsonObject Options()
    {
        var options = new JsonObject { ["label"] = Label };
        if (Id is not null)
        {
            options["id"] = Id;
        }

        if (!Visible)
        {
            options["visible"] = false;
        }

        return options;
    }
}

/// <summary>A CloudWatch metric: namespace, name, dimensions (in order), statistic.</summary>
internal sealed record DashboardMetric : DashboardSeries
{
    public required string Namespace { get; init; }

    public required string MetricName { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Dimensions { get; init; }

    /// <summary><c>Sum</c>, <c>Average</c>, <c>Maximum</c>, <c>p50</c>, <c>p99</c>, …</summary>
    public required string Stat { get; init; }

    public override JsonArray ToJson()
    {
        var entry = new JsonArray(Namespace, MetricName);
        foreach (var (name, value) in Dimensions)
        {
            entry.Add(name);
            entry.Add(value);
        }

        var options = Options();
        options["stat"] = Stat;
        entry.Add(options);
        return entry;
    }
}

/// <summary>A metric-math expression over other series of the widget (by id).</summary>
internal sealed record DashboardExpression : DashboardSeries
{
    public required string Expression { get; init; }

    public override JsonArray ToJson()
    {
        var options = Options();
        options["expression"] = Expression;
        return [options];
    }
}

/// <summary>A horizontal line on a widget (a threshold or a bound).</summary>
internal sealed record DashboardAnnotation(string Label, double Value);

/// <summary>A metric widget: a time series graph of its series.</summary>
internal sealed record MetricWidget
{
    public required string Title { get; init; }

    public required IReadOnlyList<DashboardSeries> Series { get; init; }

    public IReadOnlyList<DashboardAnnotation> Annotations { get; init; } = [];

    public string? YAxisLabel { get; init; }

    public JsonObject ToJson(string region, int period, int x, int y, int width, int height)
    {
        var properties = new JsonObject
        {
            ["title"] = Title,
            ["region"] = region,
            ["view"] = "timeSeries",
            ["period"] = period,
            ["metrics"] = new JsonArray([.. Series.Select(s => (JsonNode)s.ToJson())]),
        };
        if (Annotations.Count > 0)
        {
            properties["annotations"] = new JsonObject
            {
                ["horizontal"] = new JsonArray([.. Annotations.Select(a => (JsonNode)new JsonObject { ["label"] = a.Label, ["value"] = a.Value })]),
            };
        }

        if (YAxisLabel is not null)
        {
            properties["yAxis"] = new JsonObject { ["left"] = new JsonObject { ["label"] = YAxisLabel, ["showUnits"] = false } };
        }

        return new JsonObject { ["type"] = "metric", ["x"] = x, ["y"] = y, ["width"] = width, ["height"] = height, ["properties"] = properties };
    }
}

/// <summary>A dashboard body: widgets laid out two per row.</summary>
internal static class DashboardBody
{
    private const int Width = 12;
    private const int Height = 6;

    public static string Render(IReadOnlyList<MetricWidget> widgets, string region, int period)
    {
        var rendered = widgets.Select((w, i) => (JsonNode)w.ToJson(region, period, i % 2 * Width, i / 2 * Height, Width, Height));
        return new JsonObject { ["widgets"] = new JsonArray([.. rendered]) }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
