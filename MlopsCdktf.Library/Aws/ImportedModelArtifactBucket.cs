using Constructs;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// A model artifact bucket created elsewhere, known by name (see <see cref="ModelArtifactBucket.FromBucketName"/>):
/// declares nothing for the bucket, only what grants and references need (the partition, for its ARN). Grants,
/// statements and URLs are those of <see cref="ModelArtifactBucketBase"/>, the same as for a bucket created here.
/// </summary>
public sealed class ImportedModelArtifactBucket : ModelArtifactBucketBase
{
    private readonly ImportedModelArtifactBucketProps _props;

    /// <summary>Validates <paramref name="props"/> (prefer <see cref="ModelArtifactBucket.FromBucketName"/>, which calls this).</summary>
    /// <exception cref="ConstructInputException">When the name or key ARN is invalid; the message lists every problem.</exception>
    public ImportedModelArtifactBucket(Construct scope, string id, ImportedModelArtifactBucketProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(ImportedModelArtifactBucket)))
    {
        var v = new InputValidator(this).RequireMembers(props);
        v.ValidateS3BucketName(props.BucketName);
        v.Matches(props.KmsKeyArn, nameof(props.KmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateArnRegion(this, props.KmsKeyArn, nameof(props.KmsKeyArn), "the bucket");
        v.ThrowIfInvalid();
        _props = props;
        BucketArn = $"arn:{AccountContext.PartitionOf(this)}:s3:::{props.BucketName}";
    }

    /// <summary>The bucket name, as given.</summary>
    public override string BucketName => _props.BucketName;

    /// <summary>The bucket ARN, <c>arn:&lt;partition&gt;:s3:::&lt;name&gt;</c> (the partition of the stack's provider).</summary>
    public override string BucketArn { get; }

    /// <summary>The key given as <see cref="ImportedModelArtifactBucketProps.KmsKeyArn"/>, or null for an SSE-S3 bucket.</summary>
    public override string? KeyArn => _props.KmsKeyArn;

    private protected override string GivenBucketName => _props.BucketName;
}
