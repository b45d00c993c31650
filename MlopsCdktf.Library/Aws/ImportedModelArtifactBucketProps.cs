namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="ImportedModelArtifactBucket"/> (<see cref="ModelArtifactBucket.FromBucketName"/>): a bucket created elsewhere.</summary>
public sealed record ImportedModelArtifactBucketProps
{
    /// <summary>
    /// The existing bucket's name (a literal, checked against the S3 naming rules of <see cref="ModelArtifactBucketProps.BucketName"/>,
    /// or a Terraform reference). The bucket must be in the stack's region: SageMaker reads model data from its own
    /// region only, and key grants are limited to S3 in that region.
    /// </summary>
    public required string BucketName { get; init; }

    /// <summary>
    /// ARN of the customer managed KMS key the bucket's default encryption uses (SSE-KMS). Grants then include the
    /// matching <c>kms:Decrypt</c> / <c>kms:GenerateDataKey</c>, through S3 only; the key's policy must allow the
    /// account's IAM policies to grant it.
    /// </summary>
    /// <value>
    /// The default value is null: the bucket uses S3 managed encryption (SSE-S3, or the AWS managed key <c>aws/s3</c>),
    /// which needs no key grant. Leaving it null for an SSE-KMS bucket makes every read fail with AccessDenied on KMS.
    /// A <see cref="SageMakerEndpoint"/> on such a bucket needs its own <see cref="SageMakerEndpointProps.KmsKeyArn"/>.
    /// </value>
    public string? KmsKeyArn { get; init; }
}
