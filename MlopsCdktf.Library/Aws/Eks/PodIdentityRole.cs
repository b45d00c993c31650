using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.EksPodIdentityAssociation;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws.Eks;

/// <summary>
/// An IAM role for the pods of one Kubernetes service account, through EKS Pod Identity: the role trusts
/// <c>pods.eks.amazonaws.com</c> (<c>sts:AssumeRole</c>, <c>sts:TagSession</c>) only for this account, this cluster, this
/// namespace and this service account (the session tags Pod Identity sets), carries the given statements as its inline
/// policy, and an <c>aws_eks_pod_identity_association</c> binds it to the service account. No OIDC provider, no annotation
/// on the service account: the Pod Identity agent add-on hands the credentials to the pods.
/// </summary>
/// <example>
/// <code>
/// new PodIdentityRole(this, "TrainerIdentity", new PodIdentityRoleProps
/// {
///     Cluster = cluster,
///     Namespace = "training",
///     ServiceAccount = "trainer",
///     Statements = [new PolicyStatement { Sid = "ReadModels", Actions = Actions.S3.ReadObjects, Resources = [$"{bucketArn}/models/*"] }],
/// });
/// </code>
/// </example>
public sealed partial class PodIdentityRole : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the role, its policy and the association.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public PodIdentityRole(Construct scope, string id, PodIdentityRoleProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(PodIdentityRole)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this);
        v.ValidateDns1123Label(props.Namespace, nameof(props.Namespace));
        v.ValidateDns1123Label(props.ServiceAccount, nameof(props.ServiceAccount));
        v.Require(props.Statements.Count > 0, nameof(props.Statements), "no statement", "must grant at least one statement (a role without permissions needs no Pod Identity)");
        foreach (var statement in props.Statements)
        {
            v.Require(statement is not null && statement.Principals.Count == 0, nameof(props.Statements), statement?.Sid,
                "must be identity-policy statements (no principals)");
        }

        v.Matches(props.RoleName, nameof(props.RoleName), RoleNamePattern(), RoleNameDescription);
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();

        var cluster = props.Cluster;
        var tags = props.Tags is { } own ? TerraformMaps.OrNull(own) : cluster.Tags;
        Namespace = props.Namespace;
        ServiceAccount = props.ServiceAccount;
        var account = AccountContext.In(this);
        var trust = PolicyDocuments.Create(this, "TrustPolicy",
        [
            new PolicyStatement
            {
                Sid = "PodIdentityAssumesRoleForServiceAccount",
                Actions = Actions.Sts.AssumeRoleAndTagSession,
                Resources = [],
                Principals = [PolicyPrincipal.Service(EksClusterDefaults.PodIdentityServicePrincipal)],
                // Pod Identity tags the session with the cluster, namespace and service account: only these may assume it.
                Conditions =
                [
                    new PolicyCondition("StringEquals", "aws:SourceAccount", [account.AccountId]),
                    new PolicyCondition("StringEquals", "aws:RequestTag/eks-cluster-name", [cluster.LiteralName]),
                    new PolicyCondition("StringEquals", "aws:RequestTag/kubernetes-namespace", [props.Namespace]),
                    new PolicyCondition("StringEquals", "aws:RequestTag/kubernetes-service-account", [props.ServiceAccount]),
                ],
            },
        ]);
        Role = new IamRole(this, "Role", new IamRoleConfig
        {
            Name = props.RoleName ?? EksCluster.RoleName($"{cluster.LiteralName}-{props.Namespace}-{props.ServiceAccount}", string.Empty),
            Description = $"Pod Identity role of service account {props.Namespace}/{props.ServiceAccount} on EKS cluster {cluster.LiteralName}",
            AssumeRolePolicy = trust.Json,
            Tags = tags,
        });
        // Namespace and service account are DNS labels (at most 63 characters each): the name fits IAM's 128.
        Policy = PolicyDocuments.AttachToRole(this, "Policy", Role, $"{props.Namespace}-{props.ServiceAccount}", props.Statements);
        Association = new EksPodIdentityAssociation(this, "Association", new EksPodIdentityAssociationConfig
        {
            ClusterName = cluster.Name,
            Namespace = props.Namespace,
            ServiceAccount = props.ServiceAccount,
            RoleArn = Role.Arn,
            Tags = tags,
            // Pods started once the association exists get credentials at once: give them their permissions first.
            DependsOn = [Policy],
        });
    }

    /// <summary>The role pods of the service account assume.</summary>
    public IamRole Role { get; }

    /// <summary>The role's ARN.</summary>
    public string RoleArn => Role.Arn;

    /// <summary>The role's inline policy (the given statements).</summary>
    public IamRolePolicy Policy { get; }

    /// <summary>The association of the role with the service account.</summary>
    public EksPodIdentityAssociation Association { get; }

    /// <summary>The service account's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The service account's name.</summary>
    public string ServiceAccount { get; }

    /// <summary>What IAM accepts as a role name, for messages.</summary>
    internal const string RoleNameDescription = "must be 1 to 64 letters, digits and +=,.@_-";

    /// <summary>An IAM role name.</summary>
    [GeneratedRegex("^[A-Za-z0-9+=,.@_-]{1,64}$")]
    internal static partial Regex RoleNamePattern();
}
