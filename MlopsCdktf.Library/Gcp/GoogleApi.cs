namespace MlopsCdktf.Gcp;

/// <summary>The Google Cloud APIs the library's resources call (<see cref="ProjectServices"/> enables them).</summary>
public enum GoogleApi
{
    /// <summary>Compute Engine (<c>compute.googleapis.com</c>): GKE nodes, networks, disks.</summary>
    Compute,

    /// <summary>Kubernetes Engine (<c>container.googleapis.com</c>): clusters and node pools.</summary>
    Container,

    /// <summary>Filestore (<c>file.googleapis.com</c>): NFS shares.</summary>
    Filestore,

    /// <summary>Artifact Registry (<c>artifactregistry.googleapis.com</c>): image repositories and image reads.</summary>
    ArtifactRegistry,

    /// <summary>Container Scanning (<c>containerscanning.googleapis.com</c>): automatic vulnerability scanning of pushed images
    /// (billed per scanned image).</summary>
    ContainerScanning,

    /// <summary>IAM (<c>iam.googleapis.com</c>): service accounts and their IAM policies.</summary>
    Iam,

    /// <summary>IAM Service Account Credentials (<c>iamcredentials.googleapis.com</c>): the short-lived tokens Workload
    /// Identity hands to pods.</summary>
    IamCredentials,

    /// <summary>Cloud Resource Manager (<c>cloudresourcemanager.googleapis.com</c>): project IAM bindings.</summary>
    CloudResourceManager,

    /// <summary>Cloud Storage (<c>storage.googleapis.com</c>): buckets and bucket IAM.</summary>
    Storage,

    /// <summary>Cloud Logging (<c>logging.googleapis.com</c>): GKE system and workload logs.</summary>
    Logging,

    /// <summary>Cloud Monitoring (<c>monitoring.googleapis.com</c>): GKE metrics, custom and external metrics for autoscaling.</summary>
    Monitoring,
}

/// <summary>The one home of the API names and of which Terraform types need which API.</summary>
internal static class GoogleApis
{
    public static string ServiceName(this GoogleApi api) => api switch
    {
        GoogleApi.Compute => "compute.googleapis.com",
        GoogleApi.Container => "container.googleapis.com",
        GoogleApi.Filestore => "file.googleapis.com",
        GoogleApi.ArtifactRegistry => "artifactregistry.googleapis.com",
        GoogleApi.ContainerScanning => "containerscanning.googleapis.com",
        GoogleApi.Iam => "iam.googleapis.com",
        GoogleApi.IamCredentials => "iamcredentials.googleapis.com",
        GoogleApi.CloudResourceManager => "cloudresourcemanager.googleapis.com",
        GoogleApi.Storage => "storage.googleapis.com",
        GoogleApi.Logging => "logging.googleapis.com",
        GoogleApi.Monitoring => "monitoring.googleapis.com",
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    /// <summary>
    /// The APIs a <c>google_*</c> resource or data source type calls, or needs for what it creates to work: a cluster also
    /// needs Compute Engine (its nodes), Logging and Monitoring (GKE's default system telemetry) and IAM Credentials
    /// (Workload Identity tokens); an Artifact Registry repository also Container Scanning (its vulnerability scanning).
    /// Empty for types that call no API of the project (<c>google_client_config</c>, <c>google_project_service</c>).
    /// </summary>
    public static IReadOnlyList<GoogleApi> RequiredBy(string terraformType) => terraformType switch
    {
        "google_project_service" or "google_client_config" or "google_client_openid_userinfo" => [],
        "google_container_cluster" => [GoogleApi.Container, GoogleApi.Compute, GoogleApi.Logging, GoogleApi.Monitoring, GoogleApi.IamCredentials],
        "google_container_node_pool" => [GoogleApi.Container, GoogleApi.Compute],
        "google_artifact_registry_repository" => [GoogleApi.ArtifactRegistry, GoogleApi.ContainerScanning],
        _ when terraformType.StartsWith("google_container_", StringComparison.Ordinal) => [GoogleApi.Container],
        _ when terraformType.StartsWith("google_filestore_", StringComparison.Ordinal) => [GoogleApi.Filestore],
        _ when terraformType.StartsWith("google_artifact_registry_", StringComparison.Ordinal) => [GoogleApi.ArtifactRegistry],
        _ when terraformType.StartsWith("google_storage_", StringComparison.Ordinal) => [GoogleApi.Storage],
        _ when terraformType.StartsWith("google_service_account", StringComparison.Ordinal) => [GoogleApi.Iam],
        _ when terraformType.StartsWith("google_project_iam_", StringComparison.Ordinal) => [GoogleApi.CloudResourceManager],
        _ when terraformType.StartsWith("google_compute_", StringComparison.Ordinal) => [GoogleApi.Compute],
        _ when terraformType.StartsWith("google_logging_", StringComparison.Ordinal) => [GoogleApi.Logging],
        _ when terraformType.StartsWith("google_monitoring_", StringComparison.Ordinal) => [GoogleApi.Monitoring],
        _ => [],
    };
}
