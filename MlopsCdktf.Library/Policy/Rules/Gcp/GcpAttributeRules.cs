using MlopsCdktf.Policy.Rules.Common;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>The GCP rules of the pack that check one attribute of one resource type, one definition each (<see cref="AttributeRule"/>).</summary>
public static class GcpAttributeRules
{
    /// <summary>MLOPS-GCS-1: buckets enforce public access prevention.</summary>
    public static AttributeRule GcsPublicAccessPrevention { get; } = new("MLOPS-GCS-1", PolicyLevel.Error,
        "The GCS bucket does not set public_access_prevention = \"enforced\".",
        "With \"inherited\" (the default) one IAM binding to allUsers or allAuthenticatedUsers publishes every object; "
        + "\"enforced\" makes such bindings fail whatever the organization policy says.",
        "google_storage_bucket", "public_access_prevention", AttributeExpectation.EqualTo("enforced"));

    /// <summary>MLOPS-GCS-2: buckets use uniform bucket-level access (IAM only, no object ACLs).</summary>
    public static AttributeRule GcsUniformBucketLevelAccess { get; } = new("MLOPS-GCS-2", PolicyLevel.Error,
        "The GCS bucket does not set uniform_bucket_level_access = true.",
        "Object ACLs grant access object by object, invisible in IAM policy reviews; uniform bucket-level access turns "
        + "them off so IAM alone decides who reads models and datasets.",
        "google_storage_bucket", "uniform_bucket_level_access", AttributeExpectation.IsTrue);

    /// <summary>MLOPS-GKE-1: cluster nodes have no public IP addresses.</summary>
    public static AttributeRule GkePrivateNodes { get; } = new("MLOPS-GKE-1", PolicyLevel.Error,
        "The GKE cluster does not set private_cluster_config.enable_private_nodes = true.",
        "Nodes with public IPs are reachable from the internet (kubelet, node ports, SSH); private nodes reach out "
        + "through Cloud NAT only and shrink the attack surface of GPU nodes running training code.",
        "google_container_cluster", "private_cluster_config.enable_private_nodes", AttributeExpectation.IsTrue);

    /// <summary>MLOPS-GKE-2: clusters enable Workload Identity.</summary>
    public static AttributeRule GkeWorkloadIdentity { get; } = new("MLOPS-GKE-2", PolicyLevel.Error,
        "The GKE cluster does not set workload_identity_config.workload_pool.",
        "Without Workload Identity pods act as the node's service account, so every workload shares one identity; "
        + "with it each Kubernetes service account maps to its own Google identity.",
        "google_container_cluster", "workload_identity_config.workload_pool", AttributeExpectation.IsSet);

    /// <summary>MLOPS-GAR-1: Docker repositories in Artifact Registry have immutable tags.</summary>
    public static AttributeRule ArtifactRegistryImmutableTags { get; } = new("MLOPS-GAR-1", PolicyLevel.Error,
        "The Artifact Registry Docker repository does not set docker_config.immutable_tags = true.",
        "With mutable tags a push can move churn-serving:1.0.0 to another image: the next pod start runs code nobody reviewed or "
        + "scanned, and a rollback to the tag is no rollback. Immutable tags make a pinned tag mean one image for good.",
        "google_artifact_registry_repository", "docker_config.immutable_tags", AttributeExpectation.IsTrue,
        appliesWhen: new("format", AttributeExpectation.AbsentOrEqualTo("DOCKER", StringComparison.OrdinalIgnoreCase)));

    /// <summary>MLOPS-GAR-2: Artifact Registry repositories do not turn vulnerability scanning off.</summary>
    public static AttributeRule ArtifactRegistryScanning { get; } = new("MLOPS-GAR-2", PolicyLevel.Error,
        "The Artifact Registry repository sets vulnerability_scanning_config.enablement_config = \"DISABLED\".",
        "Scanning on push (INHERITED, with the Container Scanning API enabled) reports known CVEs in serving and training images "
        + "before they reach the cluster; DISABLED hides them.",
        "google_artifact_registry_repository", "vulnerability_scanning_config.enablement_config", AttributeExpectation.NotEqualTo("DISABLED"));

    /// <summary>Every GCP attribute rule, in id order.</summary>
    public static IReadOnlyList<AttributeRule> All { get; } =
        [GcsPublicAccessPrevention, GcsUniformBucketLevelAccess, GkePrivateNodes, GkeWorkloadIdentity, ArtifactRegistryImmutableTags, ArtifactRegistryScanning];
}
