using HashiCorp.Cdktf;
using MlopsCdktf.Aws.Eks;

namespace MlopsCdktf.Tests.Aws.Eks;

/// <summary>Valid EKS props for tests: a cluster on two literal subnets, a system group and an L4 GPU group.</summary>
internal static class EksTestData
{
    public const string SubnetA = "subnet-0123456789abcdef0";
    public const string SubnetB = "subnet-0fedcba9876543210";
    public const string AdminArn = "arn:aws:iam::123456789012:role/platform/platform-admin";
    public const string GivenKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public static EksClusterProps ClusterProps { get; } = new()
    {
        Name = "mlops-test",
        SubnetIds = [SubnetA, SubnetB],
        AdminPrincipalArns = [AdminArn],
        DeletionPolicy = MlopsCdktf.Core.DeletionPolicy.ForceDestroy,
    };

    /// <summary>The stack's cluster <c>Cluster</c>, created with <see cref="ClusterProps"/> on first use.</summary>
    public static EksCluster Cluster(TerraformStack stack) =>
        stack.Node.TryFindChild("Cluster") as EksCluster ?? new EksCluster(stack, "Cluster", ClusterProps);

    public static EksNodeGroupProps System(TerraformStack stack) => new() { Cluster = Cluster(stack), Name = "system" };

    public static EksGpuNodeGroupProps Gpu(TerraformStack stack) => new()
    {
        Cluster = Cluster(stack), Name = "gpu-l4", Gpu = NvidiaGpu.L4, InstanceType = "g6.12xlarge", MaxSize = 3,
    };

    /// <summary>A cluster, its system group <c>System</c> and GPU group <c>Gpu</c>.</summary>
    public static (EksCluster Cluster, EksNodeGroup System, EksGpuNodeGroup Gpu) Declare(TerraformStack stack)
    {
        var cluster = Cluster(stack);
        return (cluster, new EksNodeGroup(stack, "System", System(stack)), new EksGpuNodeGroup(stack, "Gpu", Gpu(stack)));
    }
}
