using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Environments;

/// <summary>
/// An environment's GPU training cluster on AWS: an EKS cluster in a network of its own (<c>mlops-eks-{env}</c>), its
/// cluster add-ons (<c>mlops-eks-addons-{env}</c>: NVIDIA device plugin, cluster autoscaler, metrics-server) and the
/// training workloads on it (<c>mlops-eks-k8s-{env}</c>), applied in that order.
/// </summary>
/// <remarks>
/// The cluster's network is its own VPC (<see cref="CidrBlock"/>), apart from the platform's SageMaker network, so the training
/// cluster can be destroyed and re-created without touching serving. Its nodes are private; they reach AWS through interface
/// endpoints and the public registries the add-on images come from (registry.k8s.io, nvcr.io) through a NAT gateway.
/// </remarks>
public sealed record EksTrainingSettings
{
    /// <summary>The cluster's Kubernetes minor version, e.g. <c>1.33</c>: one EKS supports (<see cref="EksVersions"/>) and the
    /// pinned cluster-autoscaler has a release for.</summary>
    public required string KubernetesVersion { get; init; }

    /// <summary>The training VPC's range: private, /16 to /24, not overlapping <see cref="NetworkSettings.CidrBlock"/>.</summary>
    public required string CidrBlock { get; init; }

    /// <summary>A second range of the VPC, outside <see cref="CidrBlock"/> (at most a /24 is plenty), for the NAT gateway's
    /// public subnets: the nodes stay private and reach the public registries of the add-on images through it.</summary>
    public required string PublicCidrBlock { get; init; }

    /// <summary>The two availability zones of the cluster's private subnets, in the environment's region; the GPU instance
    /// type must be offered in them (the node group launches where capacity is).</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>The GPU the training nodes carry; <see cref="GpuInstanceType"/> must carry it.</summary>
    public required NvidiaGpu Gpu { get; init; }

    /// <summary>The GPU node group's instance type, e.g. <c>g5.xlarge</c> (one A10G).</summary>
    public required string GpuInstanceType { get; init; }

    /// <summary>The most GPU nodes the group scales to; it scales from 0, so an idle cluster has none.</summary>
    public required int MaxGpuNodes { get; init; }

    /// <summary>Whether the GPU nodes are Spot instances (interrupted with two minutes' notice; training must checkpoint).</summary>
    /// <value>The default value is false: on-demand.</value>
    public bool Spot { get; init; }

    /// <summary>The system node group's instance type (CoreDNS, the add-ons, nothing that asks for a GPU).</summary>
    /// <value>The default value is <c>m6i.large</c>.</value>
    public string SystemInstanceType { get; init; } = "m6i.large";

    /// <summary>The system node group's size: two nodes keep CoreDNS and metrics-server available through a node's loss.</summary>
    /// <value>The default value is 2.</value>
    public int SystemNodes { get; init; } = 2;

    /// <summary>
    /// IAM role ARNs given cluster-admin access entries. The role <c>make deploy</c> (and the workflow) runs as must be one:
    /// the cluster grants its creator nothing (no bootstrap admin, no aws-auth ConfigMap), so without it the add-ons and
    /// workloads stacks cannot reach the cluster.
    /// </summary>
    public required IReadOnlyList<string> AdminRoleArns { get; init; }

    /// <summary>
    /// Public ranges allowed to the cluster's public API endpoint, e.g. the deploy runners' egress. With none the endpoint
    /// is private only, and <c>make deploy</c> must run inside the training VPC (or a peered network or VPN).
    /// </summary>
    /// <value>The default value is none: private endpoint only.</value>
    public IReadOnlyList<string> PublicAccessCidrs { get; init; } = [];

    /// <summary>The training workloads' namespace budget on the EKS cluster.</summary>
    public required NamespaceQuota Quota { get; init; }

    /// <summary>The EKS retrain container's requests and limits (it also asks for one node's GPUs).</summary>
    public required ContainerResources RetrainingResources { get; init; }

    /// <summary>When the EKS retrain runs (cron, UTC).</summary>
    /// <value>The default value is Mondays 04:00 UTC, after the GKE retrain (<see cref="ClusterWorkloadSettings.RetrainSchedule"/>).</value>
    public string RetrainSchedule { get; init; } = "0 4 * * 1";
}
