using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlopsCdktf.Gcp;

// The Cloud Monitoring dashboard document (projects.dashboards, mosaic layout), as typed records: the construct builds these
// and serialises them; no JSON is written by hand. Names follow the API's JSON fields.

internal sealed record Dashboard(string DisplayName, MosaicLayout MosaicLayout)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

internal sealed record MosaicLayout(int Columns, IReadOnlyList<Tile> Tiles);

internal sealed record Tile(int XPos, int YPos, int Width, int Height, Widget Widget);

internal sealed record Widget(string Title)
{
    public XyChart? XyChart { get; init; }

    public LogsPanel? LogsPanel { get; init; }
}

internal sealed record XyChart(IReadOnlyList<DataSet> DataSets)
{
    public IReadOnlyList<ChartThreshold>? Thresholds { get; init; }

    public ChartAxis? YAxis { get; init; }
}

internal sealed record ChartAxis(string Label, string Scale = "LINEAR");

internal sealed record ChartThreshold(double Value, string Label)
{
    public string Color { get; init; } = "RED";

    public string Direction { get; init; } = "ABOVE";
}

internal sealed record DataSet(TimeSeriesQuery TimeSeriesQuery)
{
    public string PlotType { get; init; } = "LINE";

    public string? LegendTemplate { get; init; }

    public string? MinAlignmentPeriod { get; init; }
}

internal sealed record TimeSeriesQuery
{
    public string? PrometheusQuery { get; init; }

    public TimeSeriesFilter? TimeSeriesFilter { get; init; }

    public static TimeSeriesQuery Prometheus(string query) => new() { PrometheusQuery = query };
}

internal sealed record TimeSeriesFilter(string Filter, Aggregation Aggregation);

internal sealed record Aggregation(string AlignmentPeriod, string PerSeriesAligner, string CrossSeriesReducer);

internal sealed record LogsPanel(string Filter, IReadOnlyList<string> ResourceNames);
