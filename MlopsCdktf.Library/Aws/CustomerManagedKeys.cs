using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.KmsAlias;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// The one home of the customer managed KMS keys constructs create for their data: rotation on, a deletion window,
/// the construct's tags and deletion policy, and a readable alias. The key policy is AWS's default (the account
/// administers the key; IAM policies such as the constructs' grants decide who uses it).
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
    /// <param name="serviceUse">
    /// Statements letting AWS services use the key on the account's behalf (e.g. CloudWatch publishing to an encrypted
    /// topic), which IAM policies cannot grant. When given, the key gets an explicit key policy: the account administers
    /// and uses the key through IAM (as in AWS's default policy, with the actions listed), plus these statements.
    /// </param>
    public static KmsKey Create(Construct scope, string description, string aliasName, int deletionWindowDays,
        IDictionary<string, string>? tags, DeletionPolicy deletionPolicy, Func<AccountContext, IEnumerable<PolicyStatement>>? serviceUse = null)
    {
        var key = new KmsKey(scope, "Key", new KmsKeyConfig
        {
            Description = description,
            EnableKeyRotation = true,
            DeletionWindowInDays = deletionWindowDays,
            Tags = tags,
            Lifecycle = deletionPolicy.ToLifecycle(),
            Policy = serviceUse is null ? null : KeyPolicy(scope, serviceUse),
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

    /// <summary>The key policy document (<c>KeyPolicy</c>): account administration and the given service use.</summary>
    private static string KeyPolicy(Construct scope, Func<AccountContext, IEnumerable<PolicyStatement>> serviceUse)
    {
        var account = AccountContext.In(scope);
        return PolicyDocuments.Create(scope, "KeyPolicy",
        [
            new PolicyStatement
            {
                Sid = "AccountAdministersAndUsesKeyThroughIam",
                Actions = Actions.Kms.AccountAdministration,
                // In a key policy, "*" is the key itself.
                Resources = ["*"],
                Principals = [new PolicyPrincipal("AWS", [$"arn:{account.Partition}:iam::{account.AccountId}:root"])],
            },
            .. serviceUse(account),
        ]).Json;
    }

    /// <summary>
    /// The key a construct encrypts with: <paramref name="givenKeyArn"/> when the caller passed one (no key is created),
    /// otherwise a key created by <see cref="Create"/> with the other arguments.
    /// </summary>
    public static (KmsKey? Created, string Arn) UseOrCreate(Construct scope, string? givenKeyArn, string description, string aliasName,
        int deletionWindowDays, IDictionary<string, string>? tags, DeletionPolicy deletionPolicy)
    {
        if (givenKeyArn is not null)
        {
            return (null, givenKeyArn);
        }

        var key = Create(scope, description, aliasName, deletionWindowDays, tags, deletionPolicy);
        return (key, key.Arn);
    }

    /// <summary>Requires a deletion window KMS accepts (7–30 days).</summary>
    public static InputValidator ValidateKeyDeletionWindow(this InputValidator validator, int days, string property = "KeyDeletionWindowDays") =>
        validator.InRange(days, property, MinDeletionWindowDays, MaxDeletionWindowDays, "days");

    [GeneratedRegex(@"[^A-Za-z0-9/_-]+")]
    private static partial Regex NonAliasCharacters();
}
