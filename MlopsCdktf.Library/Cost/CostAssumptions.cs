namespace MlopsCdktf.Cost;

/// <summary>
/// What the synthesized JSON cannot say and the forecast must assume, stated in every report: how much a bucket or an
/// image registry stores.
/// </summary>
public sealed record CostAssumptions
{
    /// <summary>The defaults.</summary>
    public static CostAssumptions Default { get; } = new();

    /// <summary>GB stored in each S3 or Cloud Storage bucket.</summary>
    /// <value>The default value is 100.</value>
    public int StoredGbPerBucket { get; init; } = 100;

    /// <summary>GB stored in each ECR or Artifact Registry repository.</summary>
    /// <value>The default value is 20.</value>
    public int StoredGbPerImageRepository { get; init; } = 20;
}
