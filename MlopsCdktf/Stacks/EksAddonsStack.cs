using Constructs;
using HashiCorp.Cdktf.Providers.Helm.Provider;
using MlopsCdktf.Environments;
using MlopsCdktf.Kubernetes.Addons;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The cluster add-ons of an environment's EKS training cluster (<c>mlops-eks-addons-{env}</c>), through Helm: the NVIDIA
/// device plugin (on GPU nodes only, tolerating their taint), the cluster autoscaler (its role through Pod Identity, from
/// <see cref="EksClusterStack"/>) and metrics-server, charts pinned, each release waiting with a timeout. Applied after the
/// cluster stack (cross-stack references) and before <see cref="EksWorkloadsStack"/>: a training pod asking for
/// <c>nvidia.com/gpu</c> scales the GPU group from zero only when the autoscaler runs, and is scheduled only when the device
/// plugin advertises the GPUs. Composition only; resource details live in constructs.
/// </summary>
public sealed class EksAddonsStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "eks-addons";

    /// <summary>Declares the add-ons stack of <paramref name="environment"/> on the cluster of <paramref name="cluster"/>.</summary>
    public EksAddonsStack(Construct scope, DeploymentEnvironment environment, EksClusterStack cluster)
        : base(scope, Cloud, environment, StateStore.S3)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        AddDependency(cluster);
        UseAwsProvider();
        var eks = environment.EksTraining!;
        var (host, ca, token) = cluster.ConnectionFor(this);
        new HelmProvider(this, "helm", new HelmProviderConfig
        {
            Kubernetes = new HelmProviderKubernetes { Host = host, ClusterCaCertificate = ca, Token = token },
        });
        QualifyProviderSource("helm");

        Addons = new EksClusterAddons(this, "Addons", new EksClusterAddonsProps
        {
            ClusterName = cluster.Cluster.Name,
            Region = environment.Aws.Region,
            KubernetesVersion = eks.KubernetesVersion,
            GpuPools = [cluster.GpuNodes.Selector],
            // Kueue for the environment's EKS training runs; their queue is declared by the workloads stack, after this one.
            Kueue = environment.TrainingRuns?.Eks is not null,
        });
    }

    /// <summary>The add-on releases.</summary>
    public EksClusterAddons Addons { get; }
}
