using MlopsCdktf.Gcp;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>Valid props of the GCP observability constructs, varied per test with <c>with</c>.</summary>
internal static class ObservabilityTestData
{
    public static ObservedCluster Target => new()
    {
        ProjectId = "acme-ml-test",
        ClusterName = "ml-training",
        Pools = [new ObservedNodePool("gpu-t4", 0, 4, HasGpus: true), new ObservedNodePool("preprocessing", 1, 3, HasGpus: false)],
    };

    public static ObservedServing Serving => new() { Namespace = "ml-models", Job = "churn" };

    public static ObservedCronJob Retrain => new("ml-models", "churn-retrain");

    public const string Channel = "projects/acme-ml-test/notificationChannels/1234567890";

    public static ClusterDashboardProps DashboardProps => new() { Cluster = Target, Serving = Serving, Retrain = Retrain };

    public static ClusterAlertPoliciesProps AlertProps => new()
    {
        Cluster = Target,
        NotificationChannels = [Channel],
        Serving = Serving,
        Retrain = Retrain,
        FilestoreInstanceName = "ml-workspace",
    };

    public static EmailNotificationChannelsProps ChannelProps => new() { ProjectId = "acme-ml-test", Emails = ["ml-oncall@acme.example"], DisplayNamePrefix = "mlops-test" };
}
