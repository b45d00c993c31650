using Constructs;
using HashiCorp.Cdktf;

namespace MlopsCdktf.Aws.Eks;

/// <summary>
/// What a node group needs of its cluster, declared here (<see cref="EksCluster"/>) or deployed by another stack
/// (<see cref="EksCluster.FromClusterName"/>): its name, its subnets and the key its node volumes are encrypted with.
/// </summary>
public abstract class EksClusterBase : Construct
{
    /// <summary>Creates the construct.</summary>
    private protected EksClusterBase(Construct scope, string id)
        : base(scope, id)
    {
    }

    /// <summary>The cluster name (a reference, so users wait for the cluster).</summary>
    public abstract string Name { get; }

    /// <summary>The subnets of the cluster, where node groups go by default.</summary>
    public abstract IReadOnlyList<string> SubnetIds { get; }

    /// <summary>ARN of the key encrypting Kubernetes secrets; node groups encrypt their root volumes with it unless given another key.</summary>
    public abstract string SecretsKeyArn { get; }

    /// <summary>The cluster name as a literal, for names derived from it.</summary>
    internal abstract string LiteralName { get; }

    /// <summary>The account, region and partition of the stack's provider.</summary>
    internal abstract AccountContext Account { get; }

    /// <summary>The tags node groups inherit, or null.</summary>
    internal abstract Dictionary<string, string>? Tags { get; }

    /// <summary>What node groups wait for before their nodes join.</summary>
    internal abstract IReadOnlyList<ITerraformDependable> ComputePrerequisites { get; }
}
