namespace MlopsCdktf.Tests.Kubernetes.Addons;

/// <summary>
/// Top-level keys of the pinned charts' own <c>values.yaml</c> (read from the charts' repositories at the pinned tags:
/// NVIDIA/k8s-device-plugin v0.19.3 deployments/helm/nvidia-device-plugin, kubernetes-sigs/metrics-server
/// metrics-server-helm-chart-3.13.1, kubernetes/autoscaler cluster-autoscaler-chart-9.37.0 … 9.59.0, where every key below
/// exists in each pinned version; kubernetes-sigs/kueue v0.14.8 charts/kueue, down to the keys under controllerManager). A value this library sets under a key the chart does not read would be ignored in
/// silence; the tests check every key set is one of these.
/// </summary>
internal static class ChartKeys
{
    public static readonly string[] NvidiaDevicePlugin =
    [
        "config", "compatWithCPUManager", "migStrategy", "failOnInitError", "deviceListStrategy", "deviceIDStrategy", "nvidiaDriverRoot",
        "gdrcopyEnabled", "gdsEnabled", "mofedEnabled", "deviceDiscoveryStrategy", "nameOverride", "fullnameOverride", "namespaceOverride",
        "selectorLabelsOverride", "allowDefaultNamespace", "imagePullSecrets", "image", "updateStrategy", "podAnnotations", "podSecurityContext",
        "securityContext", "resources", "nodeSelector", "affinity", "tolerations", "priorityClassName", "runtimeClassName", "devicePlugin", "gfd",
        "nfd", "mps", "cdi",
    ];

    public static readonly string[] ClusterAutoscaler =
    [
        "affinity", "additionalLabels", "autoDiscovery", "autoscalingGroups", "autoscalingGroupsnamePrefix", "awsAccessKeyID", "awsRegion",
        "awsSecretAccessKey", "cloudConfigPath", "cloudProvider", "containerSecurityContext", "deployment", "dnsPolicy", "expanderPriorities",
        "extraArgs", "extraEnv", "extraVolumeMounts", "extraVolumes", "fullnameOverride", "hostNetwork", "image", "kubeTargetVersionOverride",
        "nameOverride", "nodeSelector", "podAnnotations", "podDisruptionBudget", "podLabels", "priorityClassName", "priorityConfigMapAnnotations",
        "prometheusRule", "rbac", "replicaCount", "resources", "revisionHistoryLimit", "securityContext", "service", "serviceMonitor", "tolerations",
        "topologySpreadConstraints", "updateStrategy", "vpa",
    ];

    public static readonly string[] MetricsServer =
    [
        "image", "imagePullSecrets", "nameOverride", "fullnameOverride", "serviceAccount", "rbac", "apiService", "commonLabels", "podLabels",
        "podAnnotations", "podSecurityContext", "securityContext", "priorityClassName", "containerPort", "hostNetwork", "replicas",
        "revisionHistoryLimit", "updateStrategy", "podDisruptionBudget", "defaultArgs", "args", "livenessProbe", "readinessProbe", "service",
        "addonResizer", "metrics", "serviceMonitor", "resources", "extraVolumeMounts", "extraVolumes", "nodeSelector", "tolerations", "affinity",
        "topologySpreadConstraints", "dnsConfig", "deploymentAnnotations", "schedulerName", "tmpVolume", "tls",
    ];

    public static readonly string[] Kueue =
    [
        "nameOverride", "fullnameOverride", "enablePrometheus", "enableCertManager", "enableVisibilityAPF", "enableKueueViz", "kubernetesClusterDomain",
        "controllerManager", "managerConfig", "metricsService", "webhookService", "mutatingWebhook", "kueueViz", "metrics",
    ];

    public static readonly string[] KueueControllerManager =
    [
        "featureGates", "manager", "replicas", "imagePullSecrets", "readinessProbe", "livenessProbe", "nodeSelector", "tolerations",
        "topologySpreadConstraints", "podDisruptionBudget",
    ];

    public static readonly string[] KueueManager = ["priorityClassName", "image", "podAnnotations", "resources", "podSecurityContext", "containerSecurityContext"];
}
