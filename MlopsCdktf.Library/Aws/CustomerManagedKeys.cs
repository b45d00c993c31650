using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.KmsAlias;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// The one home of the customer managed KMS keys constructs create for their data: rotation on, a deletion window,
/// the construct's tags and deletion policy, a readable alias, and an explicit key policy (<see cref="KeyUse"/>): the
/// account root administers the key (so IAM keeps it manageable) but uses it only through the services the key serves
/// (<c>kms:ViaService</c>, with the caller's IAM permission, e.g. the constructs' grants), and service principals such as
/// CloudWatch use it only under their conditions. No statement names an arbitrary principal.
/// </summary>
internal static partial class CustomerManagedKeys
{
    /// <summary>The shortest deletion window AWS KMS accepts.</summary>
    public const int MinDeletionWindowDays = 7;

    /// <summary>The longest deletion window AWS KMS accepts, and the default: a deleted key makes its data unreadable.</summary>
    public const int MaxDeletionWindowDays = 30;

    /// <summary>Creates the key (<c>Key</c>) and its alias (<c>KeyAlias</c>) in <paramref name="scope"/>.</summary>
    /// <param name="scope">The construct that owns the key.</param>
    /// <param name="description">What the key encrypts, shown in the KMS console.</param>
    /// <param name="aliasName">Alias without the <c>alias/</c> prefix; characters KMS rejects become '-'.</param>
    /// <param name="deletionWindowDays">Days between scheduling deletion and deletion (7–30).</param>
    /// <param name="tags">Tags of the key, or null.</param>
    /// <param name="deletionPolicy">Whether the key carries <c>prevent_destroy</c>.</param>
    /// <param name="use">Who uses the key besides its administrators: its key policy (<see cref="KeyPolicy"/>).</param>
    public static KmsKey Create(Construct scope, string description, string aliasName, int deletionWindowDays,
        IDictionary<string, string>? tags, DeletionPolicy deletionPolicy, KeyUse use)
    {
        var key = new KmsKey(scope, "Key", new KmsKeyConfig
        {
            Description = description,
            EnableKeyRotation = true,
            DeletionWindowInDays = deletionWindowDays,
            Tags = tags,
            Lifecycle = deletionPolicy.ToLifecycle(),
            Policy = KeyPolicy(scope, use),
        });
        new KmsAlias(scope, "KeyAlias", new KmsAliasConfig
        {
            Name = AliasName(scope, aliasName),
            TargetKeyId = key.KeyId,
        });
        return key;
    }

    /// <summary>
    /// <c>alias/&lt;name&gt;</c>: characters KMS rejects become '-'; a reference (no literal name yet) is replaced by the
    /// construct's path, so no token text ends up in the alias; over KMS's 256 characters the name is cut and made unique
    /// with a hash of the whole.
    /// </summary>
    internal static string AliasName(Construct scope, string aliasName)
    {
        var source = InputValidator.IsUnresolved(aliasName) ? scope.Node.Path : aliasName;
        var name = "alias/" + NonAliasCharacters().Replace(source, "-").Trim('-');
        if (name.Length <= MaxAliasLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..8];
        return $"{name[..(MaxAliasLength - 9)]}-{hash}";
    }

    /// <summary>The longest alias name KMS accepts, <c>alias/</c> included.</summary>
    public const int MaxAliasLength = 256;

    /// <summary>
    /// The key policy document (<c>KeyPolicy</c>): the account root administers the key (<see cref="Actions.Kms.KeyAdministration"/>,
    /// no use); the account's principals use it through <see cref="KeyUse.ViaServices"/> only, from this account, as far
    /// as their IAM policies allow; those services may create grants for AWS resources where <see cref="KeyUse.ServiceGrants"/>;
    /// then <see cref="KeyUse.ServicePrincipals"/>' statements.
    /// </summary>
    private static string KeyPolicy(Construct scope, KeyUse use)
    {
        var account = AccountContext.In(scope);
        var root = new PolicyPrincipal("AWS", [$"arn:{account.Partition}:iam::{account.AccountId}:root"]);
        var statements = new List<PolicyStatement>
        {
            // In a key policy, "*" is the key itself.
            new() { Sid = "AccountAdministersKey", Actions = Actions.Kms.KeyAdministration, Resources = ["*"], Principals = [root] },
        };
        if (use.ViaServices.Count > 0)
        {
            var through = new[]
            {
                new PolicyCondition("StringEquals", "kms:ViaService", use.ViaServices.Select(s => $"{s}.{account.Region}.amazonaws.com").ToArray()),
                new PolicyCondition("StringEquals", "kms:CallerAccount", [account.AccountId]),
            };
            statements.Add(new PolicyStatement
            {
                Sid = "AccountUsesKeyThroughServices", Actions = Actions.Kms.UseKey, Resources = ["*"], Principals = [root], Conditions = through,
            });
            if (use.ServiceGrants)
            {
                statements.Add(new PolicyStatement
                {
                    Sid = "ServicesCreateGrantsForTheirResources",
                    Actions = Actions.Kms.CreateGrant,
                    Resources = ["*"],
                    Principals = [root],
                    Conditions = [.. through, new PolicyCondition("Bool", "kms:GrantIsForAWSResource", ["true"])],
                });
            }
        }

        statements.AddRange(use.ServicePrincipals?.Invoke(account) ?? []);
        return PolicyDocuments.Create(scope, "KeyPolicy", statements).Json;
    }

    /// <summary>
    /// The key a construct encrypts with: <paramref name="givenKeyArn"/> when the caller passed one (no key is created),
    /// otherwise a key created by <see cref="Create"/> with the other arguments.
    /// </summary>
    public static (KmsKey? Created, string Arn) UseOrCreate(Construct scope, string? givenKeyArn, string description, string aliasName,
        int deletionWindowDays, IDictionary<string, string>? tags, DeletionPolicy deletionPolicy, KeyUse use)
    {
        if (givenKeyArn is not null)
        {
            return (null, givenKeyArn);
        }

        var key = Create(scope, description, aliasName, deletionWindowDays, tags, deletionPolicy, use);
        return (key, key.Arn);
    }

    /// <summary>Requires a deletion window KMS accepts (7–30 days).</summary>
    public static InputValidator ValidateKeyDeletionWindow(this InputValidator validator, int days, string property = "KeyDeletionWindowDays") =>
        validator.InRange(days, property, MinDeletionWindowDays, MaxDeletionWindowDays, "days");

    /// <summary>A CloudWatch Logs key: the regional Logs service may use it for the log group <paramref name="logGroupName"/>
    /// only (encryption context), which IAM cannot grant.</summary>
    public static KeyUse ForLogGroup(string logGroupName) => new()
    {
        ServicePrincipals = account =>
        [
            new PolicyStatement
            {
                Sid = "CloudWatchLogsEncryptsThisLogGroup",
                Actions = Actions.Kms.EncryptLogs,
                Resources = ["*"],
                Principals = [PolicyPrincipal.Service($"logs.{account.Region}.amazonaws.com")],
                Conditions = [new PolicyCondition("ArnEquals", "kms:EncryptionContext:aws:logs:arn", [account.Arn("logs", $"log-group:{logGroupName}")])],
            },
        ],
    };

    [GeneratedRegex(@"[^A-Za-z0-9/_-]+")]
    private static partial Regex NonAliasCharacters();
}

/// <summary>
/// Who uses a created key besides its administrators, rendered into its key policy by <see cref="CustomerManagedKeys"/>.
/// </summary>
internal sealed record KeyUse
{
    /// <summary>
    /// The services (the first label of their regional endpoint: <c>s3</c>, <c>sagemaker</c>, <c>ecr</c>,
    /// <c>secretsmanager</c>, <c>sns</c>) through which the account's IAM principals may use the key
    /// (<c>kms:ViaService</c>, <c>kms:CallerAccount</c>); their IAM policies still decide who.
    /// </summary>
    public IReadOnlyList<string> ViaServices { get; init; } = [];

    /// <summary>Whether <see cref="ViaServices"/> may create grants for AWS resources (<c>kms:GrantIsForAWSResource</c>):
    /// services that keep using the key after the call, such as ECR for images and SageMaker for ML storage volumes.</summary>
    public bool ServiceGrants { get; init; }

    /// <summary>Statements for AWS service principals that use the key themselves (CloudWatch alarms publishing to an
    /// encrypted topic, CloudWatch Logs encrypting a log group), each under its own conditions.</summary>
    public Func<AccountContext, IEnumerable<PolicyStatement>>? ServicePrincipals { get; init; }

    /// <summary>Use through the given services only.</summary>
    public static KeyUse Through(params string[] services) => new() { ViaServices = services };

    /// <summary>Use through the given services, which may also create grants for their resources.</summary>
    public static KeyUse ThroughWithGrants(params string[] services) => new() { ViaServices = services, ServiceGrants = true };
}
