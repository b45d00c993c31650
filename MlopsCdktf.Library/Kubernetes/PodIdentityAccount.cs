using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsIamPolicyDocument;
using HashiCorp.Cdktf.Providers.Aws.DataAwsPartition;
using HashiCorp.Cdktf.Providers.Aws.EksPodIdentityAssociation;
using HashiCorp.Cdktf.Providers.Aws.IamRole;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using HashiCorp.Cdktf.Providers.Kubernetes.ServiceAccountV1;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>Input of <see cref="PodIdentityAccount"/>.</summary>
public sealed record PodIdentityAccountProps
{
    /// <summary>The Kubernetes service account name (DNS-1123 label, never <c>default</c>); pods run as it.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace of the Kubernetes service account (an <see cref="MlNamespace"/>'s name).</summary>
    public required string Namespace { get; init; }

    /// <summary>The EKS cluster the pods run in: the association is made there, and the role trusts only sessions Pod
    /// Identity tags with this cluster, namespace and service account.</summary>
    public required string ClusterName { get; init; }

    /// <summary>S3 buckets the workload reads objects from (<c>s3:ListBucket</c> on the bucket, <c>s3:GetObject</c> on its
    /// objects; nothing account-wide).</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> ReadBuckets { get; init; } = [];

    /// <summary>S3 buckets the workload adds objects to (<c>s3:PutObject</c> only: create, never delete; on a versioned
    /// bucket every model version stays).</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> WriteBuckets { get; init; } = [];

    /// <summary>The KMS keys (ARNs) of those buckets when they use SSE-KMS: reading needs <c>kms:Decrypt</c>, writing
    /// <c>kms:GenerateDataKey</c>, both only through S3 (<c>kms:ViaService</c>).</summary>
    /// <value>The default value is none (SSE-S3 buckets need no key grant).</value>
    public IReadOnlyList<string> BucketKeyArns { get; init; } = [];

    /// <summary>The IAM role name (1–64 letters, digits and <c>+=,.@_-</c>).</summary>
    /// <value>The default value is null: <c>{ClusterName}-{Namespace}-{Name}</c>, unique per cluster and service account;
    /// it must fit 64 characters (checked at synth when all three are literal, by IAM otherwise).</value>
    public string? RoleName { get; init; }

    /// <summary>Tags of the role and the association.</summary>
    /// <value>The default value is none (the provider's default tags still apply).</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A Kubernetes service account with its own IAM role through EKS Pod Identity: the role trusts
/// <c>pods.eks.amazonaws.com</c> (<c>sts:AssumeRole</c>, <c>sts:TagSession</c>) only for sessions tagged with this
/// cluster, namespace and service account, an <c>aws_eks_pod_identity_association</c> gives it to
/// <c>&lt;namespace&gt;/&lt;name&gt;</c>, and its inline policy grants bucket-level S3 access only — no keys, no node
/// role, no IRSA annotation. The Pod Identity agent add-on must run on the cluster.
/// </summary>
public sealed partial class PodIdentityAccount : Construct, IWorkloadIdentity
{
    /// <summary>The service principal EKS Pod Identity assumes roles as.</summary>
    public const string ServicePrincipal = "pods.eks.amazonaws.com";

    /// <summary>Validates <paramref name="props"/> and declares the account, role, policy and association.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public PodIdentityAccount(Construct scope, string id, PodIdentityAccountProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(PodIdentityAccount)))
    {
        new InputValidator(this).RequireMembers(props);
        var roleName = props.RoleName ?? $"{props.ClusterName}-{props.Namespace}-{props.Name}";
        var v = new InputValidator(this)
            .ValidateDns1123Label(props.Name, nameof(props.Name))
            .ValidateWorkloadNamespace(props.Namespace, nameof(props.Namespace))
            .ValidateEksClusterName(props.ClusterName, nameof(props.ClusterName))
            .Require(props.Name != "default", nameof(props.Name), props.Name,
                "must not be default: every namespace already has a default service account (the create fails), and associating it would give its role to every pod of the namespace");
        if (props.RoleName is null)
        {
            // Checked when every part is literal; with a reference (the cluster's name from its stack) IAM checks it at apply.
            v.Require(InputValidator.IsUnresolved(roleName) || roleName.Length <= 64, nameof(props.RoleName), null,
                $"derives \"{roleName}\" ({roleName.Length} characters, {{ClusterName}}-{{Namespace}}-{{Name}}), longer than IAM's 64: set RoleName");
        }
        else
        {
            v.Matches(props.RoleName, nameof(props.RoleName), RoleNamePattern(), "must be an IAM role name: 1 to 64 letters, digits and +=,.@_-");
        }

        foreach (var (buckets, property) in new[] { (props.ReadBuckets, nameof(props.ReadBuckets)), (props.WriteBuckets, nameof(props.WriteBuckets)) })
        {
            foreach (var bucket in buckets)
            {
                v.NotBlank(bucket, property).Matches(bucket, property, S3BucketName(),
                    "must be an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit");
            }
        }

        foreach (var key in props.BucketKeyArns)
        {
            v.NotBlank(key, nameof(props.BucketKeyArns)).Matches(key, nameof(props.BucketKeyArns), KmsKeyArn(),
                "must be a KMS key ARN such as arn:aws:kms:eu-west-1:123456789012:key/<id>");
        }

        v.Require(props.BucketKeyArns.Count == 0 || props.ReadBuckets.Count + props.WriteBuckets.Count > 0, nameof(props.BucketKeyArns),
            string.Join(", ", props.BucketKeyArns), "grant keys of buckets the account reads or writes: give ReadBuckets or WriteBuckets");
        v.ThrowIfInvalid();

        Namespace = props.Namespace;
        ClusterName = props.ClusterName;
        ReadBuckets = props.ReadBuckets;
        WriteBuckets = props.WriteBuckets;
        var tags = props.Tags.Count == 0 ? null : new Dictionary<string, string>(props.Tags);

        KubernetesAccount = new ServiceAccountV1(this, "ServiceAccount", new ServiceAccountV1Config
        {
            Metadata = new ServiceAccountV1Metadata { Name = props.Name, Namespace = props.Namespace },
            // The API token is not mounted; Pod Identity projects its own token (audience pods.eks.amazonaws.com) into the pods.
            AutomountServiceAccountToken = false,
        });

        var trust = new DataAwsIamPolicyDocument(this, "TrustPolicy", new DataAwsIamPolicyDocumentConfig
        {
            Statement = new[]
            {
                new DataAwsIamPolicyDocumentStatement
                {
                    Sid = "EksPodIdentityForOneServiceAccount",
                    Effect = "Allow",
                    Actions = ["sts:AssumeRole", "sts:TagSession"],
                    Principals = new[] { new DataAwsIamPolicyDocumentStatementPrincipals { Type = "Service", Identifiers = [ServicePrincipal] } },
                    // Pod Identity tags each session with the cluster, namespace and service account: only this account's pods
                    // get the role, even if another association in the account names it.
                    Condition = new[]
                    {
                        TagEquals("aws:RequestTag/eks-cluster-name", props.ClusterName),
                        TagEquals("aws:RequestTag/kubernetes-namespace", props.Namespace),
                        TagEquals("aws:RequestTag/kubernetes-service-account", props.Name),
                    },
                },
            },
        });

        Role = new IamRole(this, "Role", new IamRoleConfig
        {
            Name = roleName,
            Description = $"EKS Pod Identity of {props.Namespace}/{props.Name} on cluster {props.ClusterName}; bucket-level S3 access only",
            AssumeRolePolicy = trust.Json,
            Tags = tags,
        });

        var dependables = new List<ITerraformDependable> { KubernetesAccount };
        var statements = S3Statements(props).ToArray();
        if (statements.Length > 0)
        {
            var document = new DataAwsIamPolicyDocument(this, "S3AccessPolicy", new DataAwsIamPolicyDocumentConfig { Statement = statements });
            Policy = new IamRolePolicy(this, "S3Access", new IamRolePolicyConfig { Name = "s3-access", Role = Role.Name, Policy = document.Json });
            dependables.Add(Policy);
        }

        Association = new EksPodIdentityAssociation(this, "Association", new EksPodIdentityAssociationConfig
        {
            ClusterName = props.ClusterName,
            Namespace = props.Namespace,
            ServiceAccount = KubernetesAccount.Metadata.Name,
            RoleArn = Role.Arn,
            Tags = tags,
        });
        dependables.Add(Association);
        Dependables = dependables;
    }

    /// <summary>The <c>kubernetes_service_account_v1</c>.</summary>
    public ServiceAccountV1 KubernetesAccount { get; }

    /// <summary>The <c>aws_iam_role</c> pods get.</summary>
    public IamRole Role { get; }

    /// <summary>The inline S3 policy of <see cref="Role"/>, or null without buckets.</summary>
    public IamRolePolicy? Policy { get; }

    /// <summary>The <c>aws_eks_pod_identity_association</c>.</summary>
    public EksPodIdentityAssociation Association { get; }

    /// <summary>The Kubernetes service account name pods use (a reference).</summary>
    public string Name => KubernetesAccount.Metadata.Name;

    /// <inheritdoc />
    public string Namespace { get; }

    /// <summary>The EKS cluster of the association, as given.</summary>
    public string ClusterName { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ReadBuckets { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> WriteBuckets { get; }

    /// <summary>The Kubernetes service account, the S3 policy and the association: a pod created before the association
    /// exists gets no credentials (Pod Identity injects them at pod creation).</summary>
    public IReadOnlyList<ITerraformDependable> Dependables { get; }

    private IEnumerable<DataAwsIamPolicyDocumentStatement> S3Statements(PodIdentityAccountProps props)
    {
        var partition = new DataAwsPartition(this, "Partition").Partition;
        string Bucket(string name) => $"arn:{partition}:s3:::{name}";
        if (props.ReadBuckets.Count > 0)
        {
            yield return Allow("ListReadBuckets", ["s3:ListBucket"], props.ReadBuckets.Select(Bucket));
            yield return Allow("GetObjects", ["s3:GetObject"], props.ReadBuckets.Select(b => Bucket(b) + "/*"));
        }

        if (props.WriteBuckets.Count > 0)
        {
            yield return Allow("PutObjects", ["s3:PutObject"], props.WriteBuckets.Select(b => Bucket(b) + "/*"));
        }

        if (props.BucketKeyArns.Count > 0)
        {
            var actions = new List<string>();
            if (props.ReadBuckets.Count > 0 || props.WriteBuckets.Count > 0)
            {
                // A multipart upload reads the data key back too, so writers need Decrypt as well.
                actions.Add("kms:Decrypt");
            }

            if (props.WriteBuckets.Count > 0)
            {
                actions.Add("kms:GenerateDataKey");
            }

            var statement = Allow("BucketKeysThroughS3", actions, props.BucketKeyArns);
            statement.Condition = new[]
            {
                new DataAwsIamPolicyDocumentStatementCondition { Test = "StringLike", Variable = "kms:ViaService", Values = ["s3.*.amazonaws.com"] },
            };
            yield return statement;
        }
    }

    private static DataAwsIamPolicyDocumentStatement Allow(string sid, IEnumerable<string> actions, IEnumerable<string> resources) => new()
    {
        Sid = sid,
        Effect = "Allow",
        Actions = actions.ToArray(),
        Resources = resources.Distinct(StringComparer.Ordinal).ToArray(),
    };

    private static DataAwsIamPolicyDocumentStatementCondition TagEquals(string variable, string value) =>
        new() { Test = "StringEquals", Variable = variable, Values = [value] };

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]{1,64}\z")]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\z")]
    private static partial Regex S3BucketName();

    [GeneratedRegex(@"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+\z")]
    private static partial Regex KmsKeyArn();
}
