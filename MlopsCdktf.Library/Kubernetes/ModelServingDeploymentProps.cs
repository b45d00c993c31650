namespace MlopsCdktf.Kubernetes;

/// <summary>An HTTP probe of the serving container.</summary>
public sealed record HttpProbe
{
    /// <summary>The path probed, e.g. <c>/healthz</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The port probed.</summary>
    /// <value>The default value is null: the container port.</value>
    public int? Port { get; init; }

    /// <summary>Seconds before the first probe.</summary>
    /// <value>The default value is 10.</value>
    public int InitialDelaySeconds { get; init; } = 10;

    /// <summary>Seconds between probes.</summary>
    /// <value>The default value is 10.</value>
    public int PeriodSeconds { get; init; } = 10;
}

/// <summary>Horizontal autoscaling of the serving pods (<c>autoscaling/v2</c>): CPU utilisation and optionally a per-pod
/// metric from a declared metrics adapter.</summary>
public sealed record PodAutoscaling
{
    /// <summary>Fewest replicas; more than the disruption budget's <see cref="ModelServingDeploymentProps.MinAvailable"/>.</summary>
    public required int MinReplicas { get; init; }

    /// <summary>Most replicas.</summary>
    public required int MaxReplicas { get; init; }

    /// <summary>Average CPU utilisation (percent of the request) to keep.</summary>
    /// <value>The default value is 70: headroom for a burst while new pods start.</value>
    public int TargetCpuUtilizationPercent { get; init; } = 70;

    /// <summary>A per-pod metric (e.g. <c>qps</c> from the custom metrics API) with its target average per pod. Requires
    /// <see cref="MetricsSource"/>: nothing in a GKE cluster serves <c>custom.metrics.k8s.io</c> by default, and an
    /// autoscaler that cannot read one of its metrics never scales down.</summary>
    /// <value>The default value is null: CPU only (served by GKE's metrics-server).</value>
    public PodsMetricTarget? PodsMetric { get; init; }

    /// <summary>What serves <see cref="PodsMetric"/>: an adapter for <c>custom.metrics.k8s.io</c>, e.g. an
    /// <see cref="InstalledMetricsAdapter"/> (checked at plan time). The autoscaler depends on it.</summary>
    /// <value>The default value is null: no custom metrics, so <see cref="PodsMetric"/> must be null too.</value>
    public IMetricsApiSource? MetricsSource { get; init; }
}

/// <summary>A per-pod metric target of the autoscaler, e.g. <c>qps</c> averaging <c>50</c> per pod.</summary>
/// <param name="Name">The metric name as the custom metrics API serves it.</param>
/// <param name="AverageValue">The target average per pod, a Kubernetes quantity.</param>
public sealed record PodsMetricTarget(string Name, string AverageValue);

/// <summary>An Ingress in front of the serving Service; HTTPS only.</summary>
public sealed record ServingIngress
{
    /// <summary>The host name clients call, e.g. <c>churn.ml.example.com</c>, or a wildcard such as <c>*.ml.example.com</c>.</summary>
    public required string Host { get; init; }

    /// <summary>The Secret holding the TLS certificate and key for <see cref="Host"/>.</summary>
    public required string TlsSecretName { get; init; }

    /// <summary>The ingress class.</summary>
    /// <value>The default value is <c>gce-internal</c>: an internal load balancer, reachable from the VPC only.</value>
    public string IngressClassName { get; init; } = ModelServingDefaults.IngressClass;
}

/// <summary>Input of <see cref="ModelServingDeployment"/>. Every optional member documents its default and why.</summary>
public sealed record ModelServingDeploymentProps
{
    /// <summary>Name of the Deployment, Service, autoscaler, disruption budget, config map and service account: a DNS-1035
    /// label (it is the Service's name, so it starts with a letter), never <c>default</c> (the namespace's own service
    /// account), at least 3 characters (the Google service account id <c>{Name}-wi</c> needs 6).</summary>
    public required string Name { get; init; }

    /// <summary>The namespace (an <see cref="MlNamespace"/>'s name); never <c>default</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>The serving image pinned by tag or digest (<c>repo:1.2.0</c>, <c>repo@sha256:…</c>); <c>latest</c> and untagged images are rejected.</summary>
    public required string Image { get; init; }

    /// <summary>CPU and memory requests and limits of the serving container (requests at most limits).</summary>
    public required ContainerResources Resources { get; init; }

    /// <summary>The project whose Workload Identity pool the service account joins (GKE), when this construct creates the
    /// pods' identity; must be null when <see cref="Identity"/> is given.</summary>
    /// <value>The default value is null: required unless <see cref="Identity"/> is given.</value>
    public string? ProjectId { get; init; }

    /// <summary>The model registry bucket the pods read models from (object read on that bucket only): a GCS bucket for
    /// the identity this construct creates; with <see cref="Identity"/>, one of its <see cref="IWorkloadIdentity.ReadBuckets"/>.</summary>
    public required string ModelRegistryBucket { get; init; }

    /// <summary>The identity the pods run as, created by the caller: a <see cref="PodIdentityAccount"/> on EKS (or a
    /// <see cref="WorkloadIdentityAccount"/> shared on GKE). It must be in <see cref="Namespace"/> and read
    /// <see cref="ModelRegistryBucket"/>; the Deployment waits for its account and association.</summary>
    /// <value>The default value is null: a <see cref="WorkloadIdentityAccount"/> named <see cref="Name"/> in
    /// <see cref="ProjectId"/>'s pool that reads <see cref="ModelRegistryBucket"/> (GKE).</value>
    public IWorkloadIdentity? Identity { get; init; }

    /// <summary>Autoscaling bounds and targets.</summary>
    public required PodAutoscaling Autoscaling { get; init; }

    /// <summary>The port the model server listens on.</summary>
    /// <value>The default value is 8080 (unprivileged: the container runs as non-root).</value>
    public int ContainerPort { get; init; } = ModelServingDefaults.ContainerPort;

    /// <summary>Liveness probe: the container is restarted when it fails.</summary>
    /// <value>The default value is <c>GET /healthz</c> on the container port.</value>
    public HttpProbe LivenessProbe { get; init; } = new() { Path = "/healthz" };

    /// <summary>Readiness probe: the pod gets traffic only while it passes (e.g. after the model is loaded).</summary>
    /// <value>The default value is <c>GET /ready</c> on the container port.</value>
    public HttpProbe ReadinessProbe { get; init; } = new() { Path = "/ready", InitialDelaySeconds = 5, PeriodSeconds = 5 };

    /// <summary>The shared workspace claim, mounted read-only (models are published by training, never changed by serving).</summary>
    /// <value>The default value is null: no workspace.</value>
    public ClaimMount? Models { get; init; }

    /// <summary>GPUs for the serving container.</summary>
    /// <value>The default value is null: CPU serving.</value>
    public GpuRequest? Gpu { get; init; }

    /// <summary>Pods that must stay up during voluntary disruptions (node drains, upgrades); the autoscaler's minimum must exceed it.</summary>
    /// <value>The default value is 1.</value>
    public int MinAvailable { get; init; } = 1;

    /// <summary>Model settings, in a ConfigMap mounted read-only as files at <c>/etc/model-config</c>; at most 1 MiB of values.</summary>
    /// <value>The default value is no settings (no ConfigMap).</value>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Secrets the model server reads, declared here and mounted read-only as files at <c>/var/run/secrets/mlops/&lt;name&gt;</c>,
    /// never as environment variables (which leak into logs, crash dumps and child processes). Values are set out of band
    /// (<c>kubectl create secret … --dry-run=client -o yaml | kubectl apply -f -</c>), so they never enter Terraform state.</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> SecretNames { get; init; } = [];

    /// <summary>The budget of the serving's <see cref="MlNamespace"/> (<see cref="MlNamespace.Budget"/>): the minimum replicas
    /// plus the one surge pod of a rollout are checked at synth, with the workloads admitted before, against the namespace's
    /// quota (CPU and memory requests and limits, GPUs, pods), and the models claim against the namespace.</summary>
    /// <value>The default value is null: not checked (the namespace is not declared here).</value>
    public NamespaceBudget? Budget { get; init; }

    /// <summary>An HTTPS Ingress in front of the ClusterIP Service.</summary>
    /// <value>The default value is null: the Service is reachable inside the cluster only.</value>
    public ServingIngress? Ingress { get; init; }
}

/// <summary>The one home of <see cref="ModelServingDeployment"/>'s default values.</summary>
internal static class ModelServingDefaults
{
    public const int ContainerPort = 8080;
    public const int ServicePort = 80;
    public const string PortName = "http";
    public const string IngressClass = "gce-internal";
    public const string Component = "model-serving";
    public const string ConfigMountPath = "/etc/model-config";
    public const string SecretMountRoot = "/var/run/secrets/mlops";
    public const string SecretFileMode = "0440";
    public const int RevisionHistoryLimit = 5;
    public const int MaxConfigMapBytes = 1024 * 1024;
}
