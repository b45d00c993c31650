using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Aws;

/// <summary>MLOPS-S3-3: every bucket has versioning enabled.</summary>
public sealed class S3BucketVersioningRule : S3BucketRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-S3-3";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The S3 bucket has no aws_s3_bucket_versioning with status Enabled.";

    /// <inheritdoc />
    public override string Explanation =>
        "Without versioning an overwrite or delete of a model artifact is permanent: no rollback to the model that was "
        + "serving, and no recovery from a faulty pipeline run.";

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(
            Companions(stack, resource, "aws_s3_bucket_versioning")
                .Any(v => JsonValues.Text(v["versioning_configuration.status"]) == "Enabled"),
            resource);
}
