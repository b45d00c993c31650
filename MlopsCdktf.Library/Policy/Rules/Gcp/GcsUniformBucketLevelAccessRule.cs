using MlopsCdktf.Policy.Model;

namespace MlopsCdktf.Policy.Rules.Gcp;

/// <summary>MLOPS-GCS-2: buckets use uniform bucket-level access (IAM only, no object ACLs).</summary>
public sealed class GcsUniformBucketLevelAccessRule : ResourceRule
{
    /// <inheritdoc />
    public override string Id => "MLOPS-GCS-2";

    /// <inheritdoc />
    public override PolicyLevel Level => PolicyLevel.Error;

    /// <inheritdoc />
    public override string Info => "The GCS bucket does not set uniform_bucket_level_access = true.";

    /// <inheritdoc />
    public override string Explanation =>
        "Object ACLs grant access object by object, invisible in IAM policy reviews; uniform bucket-level access turns "
        + "them off so IAM alone decides who reads models and datasets.";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ResourceTypes { get; } = ["google_storage_bucket"];

    /// <inheritdoc />
    protected override RuleResult Check(TerraformElement resource, SynthesizedStack stack) =>
        CompliantIf(JsonValues.IsTrue(resource.Attributes["uniform_bucket_level_access"]), resource);
}
