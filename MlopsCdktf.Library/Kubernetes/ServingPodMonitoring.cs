using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Kubernetes.Manifest;
using MlopsCdktf.Core;
using ManifestResource = HashiCorp.Cdktf.Providers.Kubernetes.Manifest.Manifest_;

namespace MlopsCdktf.Kubernetes;

/// <summary>Input of <see cref="ServingPodMonitoring"/>.</summary>
public sealed record ServingPodMonitoringProps
{
    /// <summary>The model server whose pods are scraped: the PodMonitoring selects exactly its pod selector, in its namespace.</summary>
    public required ModelServingDeployment Serving { get; init; }

    /// <summary>The HTTP path the model server serves Prometheus metrics on.</summary>
    /// <value>The default value is <c>/metrics</c>, the Prometheus client libraries' default.</value>
    public string Path { get; init; } = ServingPodMonitoringDefaults.Path;

    /// <summary>The name of the container port scraped; must be a port the serving container exposes.</summary>
    /// <value>The default value is null: the serving container's port (<see cref="ModelServingDeployment.ContainerPortName"/>).</value>
    public string? PortName { get; init; }

    /// <summary>How often the pods are scraped, a Prometheus duration such as <c>30s</c> or <c>1m</c> (5 seconds to 1 hour).</summary>
    /// <value>The default value is <c>30s</c>: fine enough for an autoscaler reacting within a minute, cheap in samples.</value>
    public string Interval { get; init; } = ServingPodMonitoringDefaults.Interval;
}

/// <summary>
/// A <c>PodMonitoring</c> (<c>monitoring.googleapis.com/v1</c>, Google Cloud Managed Service for Prometheus) scraping a
/// <see cref="ModelServingDeployment"/>'s pods: its exact pod selector, its container port by name, a metrics path and an
/// interval. The series land in Cloud Monitoring as <c>prometheus.googleapis.com/…</c> with the labels <c>cluster</c>,
/// <c>namespace</c> and <c>job</c> (= this PodMonitoring's name, the Deployment's name): the serving dashboard panels and
/// alerts (<see cref="Gcp.ClusterDashboard"/>, <see cref="Gcp.ClusterAlertPolicies"/>) and an autoscaler reading a custom
/// metric through the Stackdriver adapter read these same series.
/// </summary>
/// <remarks>
/// The <c>PodMonitoring</c> CRD exists only once the cluster runs managed Prometheus
/// (<see cref="Gcp.ClusterMonitoring.ManagedPrometheus"/>), and <c>kubernetes_manifest</c> reads the CRD while planning: apply the
/// stack that turns managed Prometheus on before the stack holding this construct.
/// </remarks>
public sealed class ServingPodMonitoring : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the PodMonitoring.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ServingPodMonitoring(Construct scope, string id, ServingPodMonitoringProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ServingPodMonitoring)))
    {
        new InputValidator(this).RequireMembers(props);
        var serving = props.Serving;
        var port = props.PortName ?? serving.ContainerPortName;
        new InputValidator(this)
            .Require(port == serving.ContainerPortName, nameof(props.PortName), port,
                $"must name a port the serving container exposes: {serving.ContainerPortName} (port {serving.ContainerPort})")
            .Require(props.Path.StartsWith('/') && !props.Path.Contains(' ', StringComparison.Ordinal), nameof(props.Path), props.Path,
                "must be an absolute HTTP path such as /metrics")
            .Require(ServingPodMonitoringDefaults.IntervalSeconds(props.Interval) is >= 5 and <= 3600, nameof(props.Interval), props.Interval,
                "must be a Prometheus duration from 5s to 1h, e.g. 15s, 30s or 1m")
            .ThrowIfInvalid();

        Name = serving.Name;
        Namespace = serving.Namespace;
        PortName = port;
        Path = props.Path;
        Interval = props.Interval;
        Selector = serving.PodSelector;
        Manifest = new ManifestResource(this, "PodMonitoring", new ManifestConfig
        {
            Manifest = new Dictionary<string, object>
            {
                ["apiVersion"] = ServingPodMonitoringDefaults.ApiVersion,
                ["kind"] = "PodMonitoring",
                ["metadata"] = new Dictionary<string, object>
                {
                    ["name"] = Name,
                    ["namespace"] = Namespace,
                    ["labels"] = PodSecurity.Labels(serving.Name, ModelServingDefaults.Component),
                },
                ["spec"] = new Dictionary<string, object>
                {
                    ["selector"] = new Dictionary<string, object> { ["matchLabels"] = new Dictionary<string, string>(serving.PodSelector) },
                    ["endpoints"] = new object[]
                    {
                        new Dictionary<string, object> { ["port"] = port, ["path"] = props.Path, ["interval"] = props.Interval },
                    },
                },
            },
            DependsOn = [serving.Deployment],
        });
    }

    /// <summary>The PodMonitoring's name (the Deployment's): the <c>job</c> label of every scraped series.</summary>
    public string Name { get; }

    /// <summary>The namespace scraped: the <c>namespace</c> label of every scraped series.</summary>
    public string Namespace { get; }

    /// <summary>The container port scraped, by name.</summary>
    public string PortName { get; }

    /// <summary>The metrics path scraped.</summary>
    public string Path { get; }

    /// <summary>The scrape interval.</summary>
    public string Interval { get; }

    /// <summary>The pod labels selected (the serving Deployment's selector).</summary>
    public IReadOnlyDictionary<string, string> Selector { get; }

    /// <summary>The <c>kubernetes_manifest</c> holding the PodMonitoring.</summary>
    public ManifestResource Manifest { get; }
}

/// <summary>The one home of <see cref="ServingPodMonitoring"/>'s default values.</summary>
internal static partial class ServingPodMonitoringDefaults
{
    public const string ApiVersion = "monitoring.googleapis.com/v1";
    public const string Path = "/metrics";
    public const string Interval = "30s";

    /// <summary>Seconds of a Prometheus duration of one unit (<c>30s</c>, <c>1m</c>, <c>1h</c>), or null when it is not one.</summary>
    public static int? IntervalSeconds(string duration)
    {
        var match = Duration().Match(duration ?? string.Empty);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return match.Groups[2].Value switch { "s" => n, "m" => n * 60, _ => n * 3600 };
    }

    [GeneratedRegex("^([0-9]{1,4})(s|m|h)$")]
    private static partial Regex Duration();
}
