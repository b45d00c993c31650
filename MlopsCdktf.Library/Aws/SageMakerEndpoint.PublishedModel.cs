using System.Text.Json;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.DataAwsEcrImage;
using HashiCorp.Cdktf.Providers.Aws.DataAwsS3Objects;

namespace MlopsCdktf.Aws;

/// <summary>Publish before serve: the plan reads the exact image and archive the model will run.</summary>
public sealed partial class SageMakerEndpoint
{
    /// <summary>The image the model runs, read at plan time (<c>data.aws_ecr_image</c>); null when
    /// <see cref="SageMakerEndpointProps.RequirePublishedModel"/> is false.</summary>
    public DataAwsEcrImage? PublishedImage { get; private set; }

    /// <summary>The listing that proves the model archive exists (<c>data.aws_s3_objects</c> with a postcondition); null
    /// when <see cref="SageMakerEndpointProps.RequirePublishedModel"/> is false.</summary>
    public DataAwsS3Objects? PublishedArchive { get; private set; }

    /// <summary>
    /// Declares the reads of the published image and archive. When the artifact bucket and repository already exist (a
    /// platform stack applied first), Terraform reads them during <c>plan</c>, so an unpublished model version fails the
    /// plan: ECR answers "ImageNotFoundException" naming repository and tag, and a missing archive fails the postcondition
    /// with the URL and the upload command. Returned for the model's <c>depends_on</c>.
    /// </summary>
    private ITerraformDependable[] ReadPublishedModel()
    {
        if (!_props.RequirePublishedModel)
        {
            return [];
        }

        var reference = _props.ImageTagOrDigest;
        var byDigest = reference.StartsWith("sha256:", StringComparison.Ordinal);
        PublishedImage = new DataAwsEcrImage(this, "PublishedImage", new DataAwsEcrImageConfig
        {
            RepositoryName = _props.ImageRepository.RepositoryName,
            RegistryId = _props.ImageRepository.RegistryId,
            ImageTag = byDigest ? null : reference,
            ImageDigest = byDigest ? reference : null,
        });

        var key = _props.ModelDataKey;
        var url = _props.ArtifactBucket.S3Url(key);
        PublishedArchive = new DataAwsS3Objects(this, "PublishedArchive", new DataAwsS3ObjectsConfig
        {
            Bucket = _props.ArtifactBucket.BucketName,
            Prefix = key,
            Lifecycle = new TerraformResourceLifecycle
            {
                Postcondition =
                [
                    new Postcondition
                    {
                        Condition = $"${{contains(self.keys, {JsonSerializer.Serialize(key)})}}",
                        ErrorMessage = $"The model archive {url} is not published: upload it first (aws s3 cp model.tar.gz {url}), " +
                                       "then plan again. SageMaker downloads it when the endpoint starts and on every scale-out.",
                    },
                ],
            },
        });
        return [PublishedImage, PublishedArchive];
    }
}
