using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsEksClusterAuth;
using MlopsCdktf.Aws;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The AWS GPU training cluster of one environment (<c>mlops-eks-{env}</c>), where it declares one
/// (<see cref="DeploymentEnvironment.EksTraining"/>): a network of its own (private subnets, the interface endpoints private
/// nodes need, a NAT gateway for the add-on images), an EKS cluster (private endpoint, secrets encrypted with its own key,
/// control-plane logs, access entries only), a system node group, a GPU node group that scales from zero, the managed
/// add-ons, the cluster autoscaler's Pod Identity role and the ECR repository of the training image. Applied before
/// <see cref="EksAddonsStack"/> and <see cref="EksWorkloadsStack"/>. Composition only; resource details live in constructs.
/// </summary>
public sealed class EksClusterStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "eks";

    /// <summary>The GPU node group's name.</summary>
    public const string GpuGroupName = "gpu-training";

    /// <summary>The system node group's name.</summary>
    public const string SystemGroupName = "system";

    /// <summary>Declares the EKS cluster stack of <paramref name="environment"/>.</summary>
    /// <exception cref="ArgumentException">When the environment declares no EKS training cluster.</exception>
    public EksClusterStack(Construct scope, DeploymentEnvironment environment)
        : base(scope, Cloud, environment, StateStore.S3)
    {
        var eks = environment.EksTraining ?? throw new ArgumentException($"Environment '{environment.Name}' declares no EksTraining cluster.", nameof(environment));
        UseAwsProvider();
        var prefix = $"{environment.Project}-{environment.Name}";
        ClusterName = environment.TrainingClusterName;

        Network = new PrivateNetwork(this, "Network", new PrivateNetworkProps
        {
            Name = $"{prefix}-eks",
            CidrBlock = eks.CidrBlock,
            AvailabilityZones = eks.AvailabilityZones,
            // What private nodes need to join and pull, and a NAT gateway for the add-on images (registry.k8s.io, nvcr.io).
            InterfaceEndpointServices = PrivateNetwork.EksEndpointServices,
            InternetEgress = InternetEgress.SingleNatGateway,
            PublicCidrBlock = eks.PublicCidrBlock,
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        Cluster = new EksCluster(this, "Cluster", new EksClusterProps
        {
            Name = ClusterName,
            KubernetesVersion = eks.KubernetesVersion,
            SubnetIds = [.. Network.PrivateSubnetIds],
            PublicAccess = eks.PublicAccessCidrs.Count > 0,
            PublicAccessCidrs = eks.PublicAccessCidrs,
            AdminPrincipalArns = eks.AdminRoleArns,
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        // The nodes carry the cluster security group: the interface endpoints must admit it over HTTPS.
        Network.AdmitToEndpoints("EksNodes", Cluster.ClusterSecurityGroupId, "EKS nodes of " + ClusterName);

        SystemNodes = new EksNodeGroup(this, "SystemNodes", new EksNodeGroupProps
        {
            Cluster = Cluster,
            Name = SystemGroupName,
            InstanceTypes = [eks.SystemInstanceType],
            MinSize = eks.SystemNodes,
            MaxSize = eks.SystemNodes,
        });

        GpuNodes = new EksGpuNodeGroup(this, "GpuNodes", new EksGpuNodeGroupProps
        {
            Cluster = Cluster,
            Name = GpuGroupName,
            InstanceType = eks.GpuInstanceType,
            Gpu = eks.Gpu,
            MaxSize = eks.MaxGpuNodes,
            Spot = eks.Spot,
        });

        Autoscaler = new ClusterAutoscalerIdentity(this, "ClusterAutoscalerIdentity", new ClusterAutoscalerIdentityProps
        {
            Cluster = Cluster,
            NodeGroups = [SystemNodes, GpuNodes],
        });

        TrainingImages = new ModelImageRepository(this, "TrainingImages", new ModelImageRepositoryProps
        {
            RepositoryName = environment.EksTrainingRepositoryName,
            DeletionPolicy = environment.DataDeletionPolicy,
        });

        Output("cluster_name", Cluster.Name, "Name of the EKS training cluster");
        Output("kubeconfig_command", $"aws eks update-kubeconfig --name {ClusterName} --region {environment.Aws.Region}",
            "How to reach the cluster with kubectl (as one of the admin roles)");
        Output("training_repository_url", TrainingImages.RepositoryUrl, "ECR repository of the EKS training image (push the release's version tag)");
    }

    /// <summary>
    /// How <paramref name="consumer"/> (a stack applied after this one) reaches the cluster's API: its endpoint and CA through
    /// cross-stack references, and a token of the caller's AWS identity (<c>aws_eks_cluster_auth</c>, declared in the
    /// consumer), which must be one of the cluster's admin access entries.
    /// </summary>
    internal (string Host, string CaCertificate, string Token) ConnectionFor(MlopsStack consumer)
    {
        var auth = new DataAwsEksClusterAuth(consumer, "ClusterAuth", new DataAwsEksClusterAuthConfig { Name = Cluster.Name });
        return (Cluster.Endpoint, Fn.Base64decode(Cluster.CertificateAuthorityData), auth.Token);
    }

    /// <summary>The cluster's name (plain).</summary>
    public string ClusterName { get; }

    /// <summary>The training cluster's own network.</summary>
    public PrivateNetwork Network { get; }

    /// <summary>The EKS cluster.</summary>
    public EksCluster Cluster { get; }

    /// <summary>The system node group (CoreDNS, add-ons).</summary>
    public EksNodeGroup SystemNodes { get; }

    /// <summary>The GPU node group (scales from zero).</summary>
    public EksGpuNodeGroup GpuNodes { get; }

    /// <summary>The cluster autoscaler's Pod Identity role, scoped to this cluster's node groups.</summary>
    public ClusterAutoscalerIdentity Autoscaler { get; }

    /// <summary>The ECR repository of the EKS training image.</summary>
    public ModelImageRepository TrainingImages { get; }
}
