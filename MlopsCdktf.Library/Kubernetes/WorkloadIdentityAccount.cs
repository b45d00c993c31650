using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Google.ServiceAccountIamMember;
using HashiCorp.Cdktf.Providers.Google.StorageBucketIamMember;
using HashiCorp.Cdktf.Providers.Kubernetes.ServiceAccountV1;
using MlopsCdktf.Core;
using GoogleServiceAccount = HashiCorp.Cdktf.Providers.Google.ServiceAccount.ServiceAccount;
using GoogleServiceAccountConfig = HashiCorp.Cdktf.Providers.Google.ServiceAccount.ServiceAccountConfig;

namespace MlopsCdktf.Kubernetes;

/// <summary>Input of <see cref="WorkloadIdentityAccount"/>.</summary>
public sealed record WorkloadIdentityAccountProps
{
    /// <summary>The Kubernetes service account name (DNS-1123 label); pods run as it.</summary>
    public required string Name { get; init; }

    /// <summary>The namespace of the Kubernetes service account.</summary>
    public required string Namespace { get; init; }

    /// <summary>The project of the cluster (its Workload Identity pool <c>&lt;project&gt;.svc.id.goog</c>) and of the Google service account.</summary>
    public required string ProjectId { get; init; }

    /// <summary>Buckets the workload reads objects from (<c>roles/storage.objectViewer</c> on each bucket, nothing project-wide).</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> ReadBuckets { get; init; } = [];

    /// <summary>Buckets the workload adds objects to (<c>roles/storage.objectCreator</c>: create, never overwrite or delete;
    /// on a versioned registry every model version stays).</summary>
    /// <value>The default value is none.</value>
    public IReadOnlyList<string> WriteBuckets { get; init; } = [];

    /// <summary>The Google service account id (6–30 lowercase letters, digits, hyphens).</summary>
    /// <value>The default value is null: <c>{Name}</c> cut to 30 characters, padded with <c>-wi</c> when shorter than 6.</value>
    public string? GoogleServiceAccountId { get; init; }
}

/// <summary>
/// A Kubernetes service account bound to its own Google service account through GKE Workload Identity: the Google
/// account trusts exactly <c>&lt;project&gt;.svc.id.goog[&lt;namespace&gt;/&lt;name&gt;]</c>
/// (<c>roles/iam.workloadIdentityUser</c>), and gets bucket-level roles only — no keys, no node identity, no project roles.
/// </summary>
public sealed partial class WorkloadIdentityAccount : Construct, IWorkloadIdentity
{
    /// <summary>Validates <paramref name="props"/> and declares both accounts and their bindings.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public WorkloadIdentityAccount(Construct scope, string id, WorkloadIdentityAccountProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(WorkloadIdentityAccount)))
    {
        new InputValidator(this).RequireMembers(props);
        var accountId = props.GoogleServiceAccountId ?? DefaultAccountId(props.Name);
        var validator = new InputValidator(this)
            .ValidateProjectId(props.ProjectId)
            .ValidateDns1123Label(props.Name, nameof(props.Name))
            .ValidateWorkloadNamespace(props.Namespace, nameof(props.Namespace))
            .Require(props.Name != "default", nameof(props.Name), props.Name,
                "must not be default: every namespace already has a default service account (the create fails), and binding it would give its Google identity to every pod of the namespace")
            .Require(props.GoogleServiceAccountId is null || AccountId().IsMatch(accountId), nameof(props.GoogleServiceAccountId), accountId, AccountIdAllowed)
            .Require(props.ReadBuckets.Concat(props.WriteBuckets).All(b => !string.IsNullOrWhiteSpace(b)), "ReadBuckets/WriteBuckets", "an empty name", "bucket names must not be empty");
        if (props.GoogleServiceAccountId is null && DerivedAccountIdProblem(props.Name) is { } derivedProblem)
        {
            validator.Add(nameof(props.Name), props.Name, derivedProblem + ", or set GoogleServiceAccountId");
        }

        foreach (var (buckets, property) in new[] { (props.ReadBuckets, nameof(props.ReadBuckets)), (props.WriteBuckets, nameof(props.WriteBuckets)) })
        {
            foreach (var bucket in buckets.Where(b => !string.IsNullOrWhiteSpace(b)))
            {
                validator.ValidateGcsBucketName(bucket, property);
            }
        }

        validator.ThrowIfInvalid();

        GoogleAccount = new GoogleServiceAccount(this, "GoogleServiceAccount", new GoogleServiceAccountConfig
        {
            Project = props.ProjectId,
            AccountId = accountId,
            DisplayName = $"Workload {props.Name}",
            Description = "Identity of one Kubernetes service account through Workload Identity; bucket-level roles only.",
        });

        KubernetesAccount = new ServiceAccountV1(this, "ServiceAccount", new ServiceAccountV1Config
        {
            Metadata = new ServiceAccountV1Metadata
            {
                Name = props.Name,
                Namespace = props.Namespace,
                Annotations = new Dictionary<string, string> { ["iam.gke.io/gcp-service-account"] = GoogleAccount.Email },
            },
            AutomountServiceAccountToken = false,
        });

        Namespace = props.Namespace;
        ReadBuckets = props.ReadBuckets;
        WriteBuckets = props.WriteBuckets;
        var binding = new ServiceAccountIamMember(this, "WorkloadIdentityUser", new ServiceAccountIamMemberConfig
        {
            ServiceAccountId = GoogleAccount.Name,
            Role = "roles/iam.workloadIdentityUser",
            Member = $"serviceAccount:{props.ProjectId}.svc.id.goog[{props.Namespace}/{KubernetesAccount.Metadata.Name}]",
        });

        var dependables = new List<ITerraformDependable> { KubernetesAccount, binding };
        var grants = props.ReadBuckets.Select(b => (Bucket: b, Role: "roles/storage.objectViewer", Kind: "Read"))
            .Concat(props.WriteBuckets.Select(b => (Bucket: b, Role: "roles/storage.objectCreator", Kind: "Write")));
        var index = 0;
        foreach (var (bucket, role, kind) in grants)
        {
            dependables.Add(new StorageBucketIamMember(this, $"{kind}Bucket{index++}", new StorageBucketIamMemberConfig
            {
                Bucket = bucket,
                Role = role,
                Member = GoogleAccount.Member,
            }));
        }

        Dependables = dependables;
    }

    /// <summary>The <c>google_service_account</c>.</summary>
    public GoogleServiceAccount GoogleAccount { get; }

    /// <summary>The <c>kubernetes_service_account_v1</c>.</summary>
    public ServiceAccountV1 KubernetesAccount { get; }

    /// <summary>The Kubernetes service account name pods use (a reference).</summary>
    public string Name => KubernetesAccount.Metadata.Name;

    /// <inheritdoc />
    public string Namespace { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ReadBuckets { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> WriteBuckets { get; }

    /// <summary>The Kubernetes service account, the Workload Identity binding and the bucket bindings.</summary>
    public IReadOnlyList<ITerraformDependable> Dependables { get; }

    /// <summary>
    /// What is wrong with the Google service account id derived from <paramref name="name"/> (<c>{name}</c> cut to 30
    /// characters, <c>-wi</c> appended when shorter than 6), as a sentence fragment, or null when IAM accepts it. Skipped for
    /// references and for names that are not DNS-1123 labels (reported as such).
    /// </summary>
    internal static string? DerivedAccountIdProblem(string? name)
    {
        if (name is null || InputValidator.IsUnresolved(name) || !KubernetesNames.IsDns1123Label(name))
        {
            return null;
        }

        var derived = DefaultAccountId(name);
        return AccountId().IsMatch(derived)
            ? null
            : $"derives the Google service account id \"{derived}\" ({{Name}}, cut to 30 characters, -wi appended below 6), which IAM refuses: an account id {AccountIdAllowed}; "
              + "use a name of at least 3 characters starting with a letter";
    }

    private const string AccountIdAllowed = "must be 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen";

    private static string DefaultAccountId(string name)
    {
        var id = name.Length > 30 ? name[..30].TrimEnd('-') : name;
        return id.Length < 6 ? id + "-wi" : id;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]{4,28}[a-z0-9]\z")]
    private static partial Regex AccountId();
}
