using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Kubernetes.DataKubernetesResource;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// Something that serves an autoscaling metrics API to the cluster's HorizontalPodAutoscalers: the declaration an
/// autoscaler with a Pods, Object or External metric requires (<see cref="PodAutoscaling.MetricsSource"/>).
/// </summary>
public interface IMetricsApiSource
{
    /// <summary>The metrics API group served: <c>custom.metrics.k8s.io</c> (Pods and Object metrics) or
    /// <c>external.metrics.k8s.io</c> (External metrics).</summary>
    string ApiGroup { get; }

    /// <summary>The name of the adapter serving it, e.g. <c>custom-metrics-stackdriver-adapter</c>.</summary>
    string AdapterName { get; }

    /// <summary>What an autoscaler using the metrics waits for: the check or deployment of the adapter.</summary>
    ITerraformDependable Dependable { get; }
}

/// <summary>Input of <see cref="InstalledMetricsAdapter"/>.</summary>
public sealed record InstalledMetricsAdapterProps
{
    /// <summary>The adapter installed on the cluster outside this app, e.g. <c>prometheus-adapter</c> or
    /// <c>custom-metrics-stackdriver-adapter</c>: named in the plan-time error when it is missing.</summary>
    public required string AdapterName { get; init; }

    /// <summary>The metrics API group it serves.</summary>
    /// <value>The default value is <c>custom.metrics.k8s.io</c>, what Pods and Object metrics are read from.</value>
    public string ApiGroup { get; init; } = InstalledMetricsAdapterDefaults.CustomMetrics;

    /// <summary>The API version of its <c>APIService</c> registration (<c>{ApiVersion}.{ApiGroup}</c>).</summary>
    /// <value>The default value is <c>v1beta1</c>, the version HorizontalPodAutoscalers read.</value>
    public string ApiVersion { get; init; } = InstalledMetricsAdapterDefaults.ApiVersion;
}

/// <summary>
/// Declares that the cluster already serves a metrics API through an adapter installed outside this app, and checks it
/// at plan time: a <c>kubernetes_resource</c> data source reads the <c>APIService</c>
/// <c>{ApiVersion}.{ApiGroup}</c> (e.g. <c>v1beta1.custom.metrics.k8s.io</c>) and a postcondition fails the plan,
/// naming the adapter, unless the API is registered and <c>Available</c>. An autoscaler whose metric nobody serves never
/// scales down; this makes that a plan error instead of a silent fleet at its high-water mark.
/// </summary>
public sealed class InstalledMetricsAdapter : Construct, IMetricsApiSource
{
    /// <summary>Validates <paramref name="props"/> and declares the check.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public InstalledMetricsAdapter(Construct scope, string id, InstalledMetricsAdapterProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(InstalledMetricsAdapter)))
    {
        new InputValidator(this).RequireMembers(props);
        new InputValidator(this)
            .NotBlank(props.AdapterName, nameof(props.AdapterName))
            .Require(InstalledMetricsAdapterDefaults.ApiGroups.Contains(props.ApiGroup), nameof(props.ApiGroup), props.ApiGroup,
                $"must be one of {string.Join(", ", InstalledMetricsAdapterDefaults.ApiGroups)}")
            .Require(props.ApiVersion is "v1beta1" or "v1beta2", nameof(props.ApiVersion), props.ApiVersion, "must be v1beta1 or v1beta2")
            .ThrowIfInvalid();

        ApiGroup = props.ApiGroup;
        AdapterName = props.AdapterName;
        ApiServiceName = $"{props.ApiVersion}.{props.ApiGroup}";
        Check = new DataKubernetesResource(this, "ApiService", new DataKubernetesResourceConfig
        {
            ApiVersion = "apiregistration.k8s.io/v1",
            Kind = "APIService",
            Metadata = new DataKubernetesResourceMetadata { Name = ApiServiceName },
            Lifecycle = new TerraformResourceLifecycle
            {
                Postcondition = new[]
                {
                    new Postcondition
                    {
                        Condition = "${anytrue([for c in try(self.object.status.conditions, []) : c.type == \"Available\" && c.status == \"True\"])}",
                        ErrorMessage = $"The APIService {ApiServiceName} is missing or not Available: install or repair {props.AdapterName}, "
                            + "or the autoscalers that read its metrics can never scale down.",
                    },
                },
            },
        });
    }

    /// <inheritdoc />
    public string ApiGroup { get; }

    /// <inheritdoc />
    public string AdapterName { get; }

    /// <summary>The APIService checked, e.g. <c>v1beta1.custom.metrics.k8s.io</c>.</summary>
    public string ApiServiceName { get; }

    /// <summary>The <c>data.kubernetes_resource</c> reading the APIService.</summary>
    public DataKubernetesResource Check { get; }

    /// <inheritdoc />
    public ITerraformDependable Dependable => Check;
}

/// <summary>The one home of <see cref="InstalledMetricsAdapter"/>'s default values.</summary>
internal static class InstalledMetricsAdapterDefaults
{
    public const string CustomMetrics = "custom.metrics.k8s.io";
    public const string ExternalMetrics = "external.metrics.k8s.io";
    public const string ApiVersion = "v1beta1";
    public static readonly string[] ApiGroups = [CustomMetrics, ExternalMetrics];
}
