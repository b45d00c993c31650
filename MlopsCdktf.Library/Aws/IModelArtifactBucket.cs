using Constructs;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Aws.Iam;

namespace MlopsCdktf.Aws;

/// <summary>
/// A model artifact bucket: one this app creates (<see cref="ModelArtifactBucket"/>) or one created elsewhere and imported
/// by name (<see cref="ModelArtifactBucket.FromBucketName"/>). What <see cref="SageMakerEndpoint"/> and
/// <see cref="SageMakerNotebook"/> need of a bucket: its name, ARN and key, URLs, and least-privilege grants.
/// </summary>
/// <remarks>
/// Grants to an <see cref="HashiCorp.Cdktf.Providers.Aws.IamRole.IamRole"/> are extension methods
/// (<see cref="IamRoleGrants"/>), so <c>bucket.GrantRead(iamRole)</c> works on this interface and on every bucket class.
/// </remarks>
public interface IModelArtifactBucket : IConstruct
{
    /// <summary>The bucket name (a reference to the bucket resource when created here, so dependents wait for it).</summary>
    string BucketName { get; }

    /// <summary>The bucket ARN.</summary>
    string BucketArn { get; }

    /// <summary>
    /// ARN of the customer managed KMS key encrypting the bucket's objects (SSE-KMS), or null when the bucket uses S3
    /// managed encryption (SSE-S3, or the AWS managed key <c>aws/s3</c>), which needs no key grant. Never null for a
    /// <see cref="ModelArtifactBucket"/>.
    /// </summary>
    string? KeyArn { get; }

    /// <summary>The <c>s3://</c> URL of <paramref name="key"/> in this bucket, e.g. for a SageMaker <c>model_data_url</c>.</summary>
    string S3Url(string key);

    /// <summary>The ARN pattern of the objects under <paramref name="keyPrefix"/> (all objects when null).</summary>
    string ObjectsArn(string? keyPrefix = null);

    /// <summary>The least-privilege statements for <paramref name="access"/> under <paramref name="keyPrefix"/>,
    /// for callers that assemble a role policy themselves. A key statement only when <see cref="KeyArn"/> is set.</summary>
    /// <exception cref="Core.ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    IReadOnlyList<PolicyStatement> StatementsFor(ArtifactAccess access, string? keyPrefix = null);

    /// <summary>
    /// Lets <paramref name="role"/> list and read objects (under <paramref name="keyPrefix"/> when given) and decrypt
    /// them with the bucket's key. Emits one inline role policy with no wildcard resources; granting twice returns it.
    /// </summary>
    /// <param name="role">The role to grant to: see <see cref="RoleReference"/>.</param>
    /// <param name="keyPrefix">Limit to keys under this prefix, e.g. <c>models/</c>; null grants the whole bucket.</param>
    /// <exception cref="Core.ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    IamRolePolicy GrantRead(IRoleReference role, string? keyPrefix = null);

    /// <summary>
    /// Lets <paramref name="role"/> write objects (under <paramref name="keyPrefix"/> when given), encrypting with the
    /// bucket's key, without listing or reading: for producers such as data capture.
    /// </summary>
    /// <inheritdoc cref="GrantRead" path="/param"/>
    /// <exception cref="Core.ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    IamRolePolicy GrantWrite(IRoleReference role, string? keyPrefix = null);

    /// <summary>
    /// Lets <paramref name="role"/> list, read, write and delete objects (under <paramref name="keyPrefix"/> when given)
    /// and use the bucket's key. Deletes add delete markers; object history cannot be erased.
    /// </summary>
    /// <inheritdoc cref="GrantRead" path="/param"/>
    /// <exception cref="Core.ConstructInputException">When <paramref name="keyPrefix"/> is malformed.</exception>
    IamRolePolicy GrantReadWrite(IRoleReference role, string? keyPrefix = null);
}
