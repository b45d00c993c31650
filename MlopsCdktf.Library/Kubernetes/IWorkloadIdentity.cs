using HashiCorp.Cdktf;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// A Kubernetes service account with a cloud identity, whatever the cloud: GKE Workload Identity
/// (<see cref="WorkloadIdentityAccount"/>) or EKS Pod Identity (<see cref="PodIdentityAccount"/>). Workloads run as
/// <see cref="Name"/> and wait for <see cref="Dependables"/>, so their first pod already gets credentials.
/// </summary>
public interface IWorkloadIdentity
{
    /// <summary>The Kubernetes service account name pods run as (a reference to the declared account).</summary>
    string Name { get; }

    /// <summary>The namespace of the service account, as given: pods of other namespaces cannot use it.</summary>
    string Namespace { get; }

    /// <summary>The buckets the identity reads objects from, as given (GCS bucket names on GKE, S3 bucket names on EKS).</summary>
    IReadOnlyList<string> ReadBuckets { get; }

    /// <summary>The buckets the identity adds objects to, as given.</summary>
    IReadOnlyList<string> WriteBuckets { get; }

    /// <summary>What a workload running as the account waits for: the service account and the binding or association
    /// that gives it its cloud identity, with its permissions.</summary>
    IReadOnlyList<ITerraformDependable> Dependables { get; }
}
