using System.Text.RegularExpressions;

namespace MlopsCdktf.Aws;

/// <summary>The ARN shapes AWS constructs accept as input, in one place (references to resources are tokens and skip these).</summary>
internal static partial class AwsArnPatterns
{
    /// <summary>What a KMS key ARN looks like, for validation messages.</summary>
    public const string KmsKeyArnDescription =
        "must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>) or a reference to one";

    /// <summary>A customer managed KMS key ARN.</summary>
    [GeneratedRegex(@"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$")]
    public static partial Regex KmsKey();

    /// <summary>An SNS topic ARN.</summary>
    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$")]
    public static partial Regex SnsTopic();

    /// <summary>A VPC subnet id.</summary>
    [GeneratedRegex("^subnet-[0-9a-f]{8,17}$")]
    public static partial Regex SubnetId();

    /// <summary>A VPC security group id.</summary>
    [GeneratedRegex("^sg-[0-9a-f]{8,17}$")]
    public static partial Regex SecurityGroupId();
}
