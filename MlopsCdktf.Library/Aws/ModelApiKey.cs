using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using HashiCorp.Cdktf.Providers.Aws.SecretsmanagerSecret;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// A Secrets Manager secret holding a model endpoint's API key, encrypted with a customer managed KMS key (created with
/// rotation, or passed in), with destroy guarded and the recovery window chosen by <see cref="DeletionPolicy"/> (none where
/// the environment is disposable, so it can be re-created under the same name at once).
/// <para>
/// Only the secret <em>container</em> is declared: no <c>aws_secretsmanager_secret_version</c> and no output carries the
/// value, so it never enters the Terraform configuration, plan or state. Set it out of band
/// (<c>aws secretsmanager put-secret-value</c>, or a rotation function). Read access is handed out per role with
/// <see cref="GrantRead"/>.
/// </para>
/// </summary>
/// <example>
/// <code>
/// var apiKey = new ModelApiKey(this, "ApiKey", new ModelApiKeyProps { SecretName = "mlops/prod/churn/api-key" });
/// apiKey.GrantRead(executionRole);
/// </code>
/// </example>
public sealed partial class ModelApiKey : Construct
{
    private readonly ModelApiKeyProps _props;
    /// <summary>Validates <paramref name="props"/> and declares the secret and its key.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public ModelApiKey(Construct scope, string id, ModelApiKeyProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ModelApiKey)))
    {
        new InputValidator(this).RequireMembers(props);
        _props = props;
        Validate(props);

        var tags = TerraformMaps.OrNull(props.Tags);
        (Key, KeyArn) = CustomerManagedKeys.UseOrCreate(this, props.KmsKeyArn, $"Encrypts secret {props.SecretName}",
            $"secret-{props.SecretName}", props.KeyDeletionWindowDays, tags, props.DeletionPolicy, KeyUse.Through("secretsmanager"));

        Secret = new SecretsmanagerSecret(this, "Secret", new SecretsmanagerSecretConfig
        {
            Name = props.SecretName,
            Description = props.Description,
            KmsKeyId = KeyArn,
            RecoveryWindowInDays = props.EffectiveRecoveryWindowDays,
            Tags = tags,
            Lifecycle = props.DeletionPolicy.ToLifecycle(),
        });
    }

    /// <summary>The underlying <c>aws_secretsmanager_secret</c> resource.</summary>
    public SecretsmanagerSecret Secret { get; }

    /// <summary>The secret ARN (safe to pass around: it names the secret, it is not the value).</summary>
    public string SecretArn => Secret.Arn;

    /// <summary>The created KMS key, or null when <see cref="ModelApiKeyProps.KmsKeyArn"/> was passed in.</summary>
    public KmsKey? Key { get; }

    /// <summary>ARN of the KMS key encrypting the secret.</summary>
    public string KeyArn { get; }

    /// <summary>
    /// The least-privilege statements for reading the secret: <c>secretsmanager:GetSecretValue</c> and
    /// <c>DescribeSecret</c> on this secret's ARN, and <c>kms:Decrypt</c> on its key only when called through
    /// Secrets Manager in this region (<c>kms:ViaService</c>).
    /// </summary>
    public IReadOnlyList<PolicyStatement> ReadStatements()
    {
        return
        [
            new PolicyStatement { Sid = "ReadApiKeySecret", Actions = Actions.SecretsManager.ReadSecret, Resources = [SecretArn] },
            new PolicyStatement
            {
                Sid = "DecryptApiKeySecret",
                Actions = Actions.Kms.Decrypt,
                Resources = [KeyArn],
                Conditions = [new PolicyCondition("StringEquals", "kms:ViaService", [$"secretsmanager.{AccountContext.RegionOf(this)}.amazonaws.com"])],
            },
        ];
    }

    /// <summary>Lets <paramref name="role"/> read the secret (see <see cref="ReadStatements"/>) as one inline role policy.
    /// Granting twice to the same role returns the existing policy.</summary>
    /// <param name="role">The role to grant to: see <see cref="RoleReference"/> (an <see cref="HashiCorp.Cdktf.Providers.Aws.IamRole.IamRole"/>
    /// is accepted too, through <see cref="IamRoleGrants"/>).</param>
    public IamRolePolicy GrantRead(IRoleReference role)
    {
        var namePrefix = PolicyDocuments.PolicyNamePrefix(this, _props.SecretName);
        return PolicyDocuments.GrantOnce(this, "GrantRead", role, $"{namePrefix}-read", ReadStatements);
    }

    private void Validate(ModelApiKeyProps props)
    {
        var v = new InputValidator(this);
        v.NotBlank(props.SecretName, nameof(props.SecretName));
        if (!string.IsNullOrWhiteSpace(props.SecretName))
        {
            v.Matches(props.SecretName, nameof(props.SecretName), SecretNamePattern(), "must be 1 to 512 characters of letters, digits and /_+=.@-");
            v.Matches(props.SecretName, nameof(props.SecretName), NoArnSuffixLookalike(),
                "must not end with a hyphen followed by six characters: Secrets Manager ARNs end that way, so partial-ARN lookups become ambiguous");
        }

        v.NotBlank(props.Description, nameof(props.Description));
        v.Matches(props.KmsKeyArn, nameof(props.KmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateArnRegion(this, props.KmsKeyArn, nameof(props.KmsKeyArn), "the secret");
        if (props.KmsKeyArn is null)
        {
            v.ValidateKeyDeletionWindow(props.KeyDeletionWindowDays);
        }

        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        if (props.RecoveryWindowDays is { } days)
        {
            v.Require(days == 0 || days is >= ModelApiKeyDefaults.MinRecoveryWindowDays and <= ModelApiKeyDefaults.MaxRecoveryWindowDays,
                nameof(props.RecoveryWindowDays), days, "must be 0 (delete at once) or between 7 and 30 days");
            v.Require(days != 0 || props.DeletionPolicy != DeletionPolicy.PreventDestroy, nameof(props.RecoveryWindowDays), days,
                "must be between 7 and 30 days with DeletionPolicy PreventDestroy: a protected API key keeps a recovery window");
        }

        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();
    }

    [GeneratedRegex(@"^[A-Za-z0-9/_+=.@-]{1,512}$")]
    private static partial Regex SecretNamePattern();

    [GeneratedRegex(@"^(?!.*-[A-Za-z0-9]{6}$).*$")]
    private static partial Regex NoArnSuffixLookalike();
}
