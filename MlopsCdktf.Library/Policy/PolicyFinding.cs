namespace MlopsCdktf.Policy;

/// <summary>A non-compliant element: which rule, how serious, where (address and construct path) and what is wrong.</summary>
public sealed record PolicyFinding
{
    /// <summary>The rule id, e.g. <c>MLOPS-S3-1</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule's level.</summary>
    public required PolicyLevel Level { get; init; }

    /// <summary>The stack the element belongs to.</summary>
    public required string StackName { get; init; }

    /// <summary>The Terraform address, e.g. <c>aws_s3_bucket.raw</c>.</summary>
    public required string ResourceAddress { get; init; }

    /// <summary>The construct path, e.g. <c>mlops-aws-prod/ModelArtifacts/Bucket</c>.</summary>
    public required string ConstructPath { get; init; }

    /// <summary>The rule's info, followed by the specific detail when there is one.</summary>
    public required string Message { get; init; }

    /// <summary>Why the rule matters.</summary>
    public required string Explanation { get; init; }
}
