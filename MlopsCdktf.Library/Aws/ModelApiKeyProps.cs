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

    /// <summary>Days a deleted secret stays recoverable (7–30). Secrets Manager's own "0 = delete immediately" is not offered.</summary>
    /// <value>The default value is 30, the longest window: a deleted API key locks every client out.</value>
    public int RecoveryWindowDays { get; init; } = ModelApiKeyDefaults.RecoveryWindowDays;

    /// <summary>With <see cref="DeletionPolicy.PreventDestroy"/> the secret and its created key carry <c>prevent_destroy</c>.</summary>
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
    public const int RecoveryWindowDays = 30;
}
