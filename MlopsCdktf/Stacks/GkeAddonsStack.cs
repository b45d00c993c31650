using Constructs;
using HashiCorp.Cdktf.Providers.Helm.Provider;
using MlopsCdktf.Environments;
using MlopsCdktf.Kubernetes.Addons;

namespace MlopsCdktf.Stacks;

/// <summary>
/// What the GKE cluster of an environment needs that GKE does not manage (<c>mlops-gke-addons-{env}</c>), through Helm:
/// Kueue, when the environment runs training runs on GKE — GKE manages the GPU driver, device plugin, metrics-server and
/// autoscaler itself. Applied after <see cref="GcpTrainingStack"/> and before <see cref="KubernetesStack"/>, whose Kueue
/// queues are custom resources of the CRDs this release installs (<c>kubernetes_manifest</c> reads them at plan time).
/// Composition only.
/// </summary>
public sealed class GkeAddonsStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "gke-addons";

    /// <summary>Declares the add-ons stack of <paramref name="environment"/> on the cluster of <paramref name="training"/>.</summary>
    public GkeAddonsStack(Construct scope, DeploymentEnvironment environment, GcpTrainingStack training)
        : base(scope, Cloud, environment, StateStore.Gcs)
    {
        ArgumentNullException.ThrowIfNull(training);
        AddDependency(training);
        var gcp = environment.Gcp;
        UseGoogleProvider();
        var (host, ca, token) = training.ConnectionFor(this);
        new HelmProvider(this, "helm", new HelmProviderConfig
        {
            // The cluster's IAM-authorised DNS endpoint, with the caller's Google access token (as the Kubernetes stack).
            Kubernetes = new HelmProviderKubernetes
            {
                Host = host,
                ClusterCaCertificate = ca,
                Token = token,
            },
        });
        QualifyProviderSource("helm");

        // On the preprocessing (CPU) pool: every GPU pool is tainted, so the controller runs while they are at zero.
        Kueue = new KueueController(this, "Kueue", new KueueControllerProps());
    }

    /// <summary>The Kueue release.</summary>
    public KueueController Kueue { get; }
}
