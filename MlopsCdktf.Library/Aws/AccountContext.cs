using Constructs;
using HashiCorp.Cdktf.Providers.Aws.DataAwsCallerIdentity;
using HashiCorp.Cdktf.Providers.Aws.DataAwsPartition;
using HashiCorp.Cdktf.Providers.Aws.DataAwsRegion;

namespace MlopsCdktf.Aws;

/// <summary>
/// The partition, region and account the stack's AWS provider works in (references to <c>aws_partition</c>,
/// <c>aws_region</c> and <c>aws_caller_identity</c> data sources declared once per construct), for ARNs and conditions.
/// </summary>
public sealed record AccountContext(string Partition, string Region, string AccountId)
{
    /// <summary>The context of <paramref name="scope"/>: its data sources, created on first use and reused.</summary>
    public static AccountContext In(Construct scope) => new(
        PartitionOf(scope),
        RegionOf(scope),
        AccountIdOf(scope));

    /// <summary>The region alone (one <c>aws_region</c> data source per construct, shared with <see cref="In"/>), for
    /// <c>kms:ViaService</c> conditions and service principals.</summary>
    public static string RegionOf(Construct scope) =>
        (scope.Node.TryFindChild("Region") as DataAwsRegion ?? new DataAwsRegion(scope, "Region")).Name;

    /// <summary>The deploying account's id alone (one <c>aws_caller_identity</c> data source per construct, shared with
    /// <see cref="In"/>).</summary>
    public static string AccountIdOf(Construct scope) =>
        (scope.Node.TryFindChild("CallerIdentity") as DataAwsCallerIdentity ?? new DataAwsCallerIdentity(scope, "CallerIdentity")).AccountId;

    /// <summary>The partition alone (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>; one <c>aws_partition</c> data source per
    /// construct, shared with <see cref="In"/>), for ARNs without region and account such as S3 bucket ARNs.</summary>
    public static string PartitionOf(Construct scope) => PartitionData(scope).Partition;

    /// <summary>The partition's DNS suffix (<c>amazonaws.com</c>, <c>amazonaws.com.cn</c>), for service endpoints such as
    /// an ECR registry's host name. Same data source as <see cref="PartitionOf"/>.</summary>
    public static string DnsSuffixOf(Construct scope) => PartitionData(scope).DnsSuffix;

    /// <summary>An ARN in this partition, region and account: <c>arn:&lt;partition&gt;:&lt;service&gt;:&lt;region&gt;:&lt;account&gt;:&lt;resource&gt;</c>.</summary>
    public string Arn(string service, string resource) => $"arn:{Partition}:{service}:{Region}:{AccountId}:{resource}";

    private static DataAwsPartition PartitionData(Construct scope) =>
        scope.Node.TryFindChild("Partition") as DataAwsPartition ?? new DataAwsPartition(scope, "Partition");
}
