using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="ModelImageRepository"/>. Every optional member documents its default and why.</summary>
public sealed record ModelImageRepositoryProps
{
    /// <summary>
    /// The repository name: 2–256 characters, lowercase letters and digits in path components separated by <c>/</c>,
    /// each component's words joined by single <c>.</c>, <c>_</c> or <c>-</c> (e.g. <c>ml/churn-model</c>).
    /// Changing it replaces the repository.
    /// </summary>
    public required string RepositoryName { get; init; }

    /// <summary>ARN of an existing customer managed KMS key to encrypt images with. The caller owns its key policy and rotation.</summary>
    /// <value>
    /// The default value is null: a key dedicated to this repository is created with yearly rotation on, so image access
    /// can be audited and revoked per repository.
    /// </value>
    public string? KmsKeyArn { get; init; }

    /// <summary>Days a created key waits before deletion once scheduled (7–30). Ignored when <see cref="KmsKeyArn"/> is set.</summary>
    /// <value>The default value is 30, the longest window: a deleted key makes every image unpullable.</value>
    public int KeyDeletionWindowDays { get; init; } = ModelImageRepositoryDefaults.KeyDeletionWindowDays;

    /// <summary>Days after push at which untagged images (superseded build layers, failed pushes) expire (1–3650).</summary>
    /// <value>The default value is 14: long enough to investigate a broken push, short enough to bound storage cost.
    /// Tagged images never expire: with immutable tags they are the deployable releases.</value>
    public int UntaggedImageExpiryDays { get; init; } = ModelImageRepositoryDefaults.UntaggedImageExpiryDays;

    /// <summary>What destroy may do: <c>force_delete</c> (delete with images) only with <see cref="DeletionPolicy.ForceDestroy"/>,
    /// <c>prevent_destroy</c> on the repository and its created key with <see cref="DeletionPolicy.PreventDestroy"/>.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>: images back running endpoints.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Tags for the repository and the created key, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>The one home of <see cref="ModelImageRepository"/>'s default values and fixed settings.</summary>
internal static class ModelImageRepositoryDefaults
{
    public const int KeyDeletionWindowDays = 30;
    public const int UntaggedImageExpiryDays = 14;
    public const int MaxUntaggedImageExpiryDays = 3650;

    /// <summary>Tags can never be moved to another image: a deployed tag always means the same bytes.</summary>
    public const string TagMutability = "IMMUTABLE";

    /// <summary>ECR encryption type for customer managed keys.</summary>
    public const string EncryptionType = "KMS";
}
