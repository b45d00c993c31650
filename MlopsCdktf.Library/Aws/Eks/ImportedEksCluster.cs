using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsEksCluster;
using HashiCorp.Cdktf.Providers.Aws.DataAwsKmsAlias;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws.Eks;

/// <summary>
/// An <see cref="EksCluster"/> another stack deployed, read by name (<see cref="EksCluster.FromClusterName"/>): its subnets
/// from <c>aws_eks_cluster</c>, its secrets key from the alias <see cref="EksCluster"/> gives it (<c>alias/eks-&lt;name&gt;</c>).
/// No output of the cluster's stack is read, so the reading stack is synthesized and planned on its own, and a missing
/// cluster fails the plan naming it.
/// </summary>
internal sealed class ImportedEksCluster : EksClusterBase
{
    private readonly DataAwsEksCluster _cluster;
    private readonly string _name;

    public ImportedEksCluster(Construct scope, string id, string clusterName)
        : base(scope, ConstructIds.Free(scope, id, nameof(EksCluster)))
    {
        new InputValidator(this).ValidateEksClusterName(clusterName, "ClusterName").Require(!InputValidator.IsUnresolved(clusterName), "ClusterName", clusterName,
            "must be a literal name: node group, role and launch template names derive from it").ThrowIfInvalid();
        _name = clusterName;
        _cluster = new DataAwsEksCluster(this, "Cluster", new DataAwsEksClusterConfig { Name = clusterName });
        var key = new DataAwsKmsAlias(this, "SecretsKey", new DataAwsKmsAliasConfig { Name = EksCluster.SecretsKeyAlias(this, clusterName) });
        SecretsKeyArn = key.TargetKeyArn;
        SubnetIds = Token.AsList(Fn.Tolist(_cluster.VpcConfig.Get(0).SubnetIds));
        Account = AccountContext.In(this);
    }

    public override string Name => _cluster.Name;

    public override IReadOnlyList<string> SubnetIds { get; }

    public override string SecretsKeyArn { get; }

    internal override string LiteralName => _name;

    internal override AccountContext Account { get; }

    internal override Dictionary<string, string>? Tags => null;

    internal override IReadOnlyList<ITerraformDependable> ComputePrerequisites => [];
}
