using HashiCorp.Cdktf;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// A workload identity another stack declared and deployed (a <see cref="WorkloadIdentityAccount"/> or
/// <see cref="PodIdentityAccount"/> of the environment's workloads stack), referenced by its service account name: a
/// short-lived stack (one training run) runs as it without owning it, so destroying the run leaves the identity and its
/// grants in place. Nothing waits for it: the other stack is applied first.
/// </summary>
public sealed record DeployedWorkloadIdentity : IWorkloadIdentity
{
    /// <inheritdoc />
    public required string Name { get; init; }

    /// <inheritdoc />
    public required string Namespace { get; init; }

    /// <inheritdoc />
    /// <value>The default value is empty: what the declaring stack granted, for documentation only.</value>
    public IReadOnlyList<string> ReadBuckets { get; init; } = [];

    /// <inheritdoc />
    /// <value>The default value is empty: what the declaring stack granted, for documentation only.</value>
    public IReadOnlyList<string> WriteBuckets { get; init; } = [];

    /// <inheritdoc />
    /// <value>Always empty: the declaring stack is applied before.</value>
    public IReadOnlyList<ITerraformDependable> Dependables => [];
}
