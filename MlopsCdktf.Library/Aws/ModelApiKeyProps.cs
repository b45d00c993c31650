using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="ModelApiKey"/>. Every optional member documents its default and why.</summary>
public sealed record ModelApiKeyProps
{
    /// <summary>
    /// The secret name: 1–512 characters of letters, digits and <c>/_+=.@-</c>, not ending in a hyphen followed by six
    /// characters (Secrets Manager appends such a suffix to ARNs; e.g. <c>mlops/prod/churn/api-key</c>).
    /// </summary>
    public required string SecretName { get; init; }

    /// <summary>A human description of what the key protects.</summary>
    /// <value>The default value is "API key of a model endpoint; the value is set out of band".</value>
    public string Description { get; init; } = ModelApiKeyDefaults.Description;

    /// <summary>ARN of an existing customer managed KMS key to encrypt the secret with.</summary>
    /// <value>The default value is null: a key dedicated to this secret is created with yearly rotation on, so reading
    /// the secret needs both the secret grant and <c>kms:Decrypt</c> on that key (never the AWS managed
    /// <c>aws/secretsmanager</c> key, which every principal in the account with secret access can use).</value>
    public string? KmsKeyArn { get; init; }

    /// <summary>Days a created key waits before deletion once scheduled (7–30). Ignored when <see cref="KmsKeyArn"/> is set.</summary>
    /// <value>The default value is 30, the longest window.</value>
    public int KeyDeletionWindowDays { get; init; } = ModelApiKeyDefaults.KeyDeletionWindowDays;

    /// <summary>
    /// Days a deleted secret stays recoverable: 0 (deleted at once, its name free again) or 7–30. Secrets Manager keeps a
    /// deleted secret's name for its whole recovery window, so a window blocks re-creating the secret under the same name
    /// ("already scheduled for deletion") until it ends. 0 is refused with <see cref="DeletionPolicy.PreventDestroy"/>.
    /// </summary>
    /// <value>The default value is derived from <see cref="DeletionPolicy"/>: 30 (the longest window: a deleted API key
    /// locks every client out) for <see cref="DeletionPolicy.PreventDestroy"/>; 7 (the shortest window: a shared
    /// environment keeps a week to restore its key, and is rarely re-created) for <see cref="DeletionPolicy.DestroyIfEmpty"/>;
    /// 0 for <see cref="DeletionPolicy.ForceDestroy"/>, so a disposable environment (dev, a pull request's review
    /// environment) can be destroyed and deployed again at once.</value>
    public int? RecoveryWindowDays { get; init; }

    /// <summary>The recovery window in effect: <see cref="RecoveryWindowDays"/>, else the default of <see cref="DeletionPolicy"/>.</summary>
    internal int EffectiveRecoveryWindowDays => RecoveryWindowDays ?? ModelApiKeyDefaults.RecoveryWindowDays(DeletionPolicy);

    /// <summary>With <see cref="DeletionPolicy.PreventDestroy"/> the secret and its created key carry <c>prevent_destroy</c>;
    /// the policy also sets the default <see cref="RecoveryWindowDays"/>.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Tags for the secret and the created key, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>The one home of <see cref="ModelApiKey"/>'s default values.</summary>
internal static class ModelApiKeyDefaults
{
    public const string Description = "API key of a model endpoint; the value is set out of band";
    public const int KeyDeletionWindowDays = 30;

    /// <summary>The recovery window a deletion policy implies (see <see cref="ModelApiKeyProps.RecoveryWindowDays"/>).</summary>
    public static int RecoveryWindowDays(DeletionPolicy policy) => policy switch
    {
        DeletionPolicy.ForceDestroy => 0,
        DeletionPolicy.DestroyIfEmpty => MinRecoveryWindowDays,
        _ => MaxRecoveryWindowDays,
    };

    /// <summary>The shortest recovery window Secrets Manager accepts, apart from 0 (immediate deletion).</summary>
    public const int MinRecoveryWindowDays = 7;

    /// <summary>The longest recovery window Secrets Manager accepts.</summary>
    public const int MaxRecoveryWindowDays = 30;
}
