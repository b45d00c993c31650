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

    /// <summary>What an IAM role ARN looks like, for validation messages.</summary>
    public const string IamRoleArnDescription =
        "must be an IAM role ARN, arn:<partition>:iam::<12-digit account id>:role/<name>, optionally with a path " +
        "(role/<path>/<name>); the name is 1 to 64 letters, digits and +=,.@_- (or a reference to such an ARN)";

    /// <summary>An IAM role ARN, path segments allowed (each 1 to 512 printable ASCII characters but '/'); group 1 is the
    /// account, group 2 the path (with its trailing '/', or empty), group 3 the role name.</summary>
    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(\d{12}):role/((?:[\x21-\x2E\x30-\x7E]+/)*)([A-Za-z0-9+=,.@_-]{1,64})$")]
    public static partial Regex IamRole();

    /// <summary>What an IAM principal ARN an EKS access entry accepts looks like, for validation messages.</summary>
    public const string IamPrincipalArnDescription =
        "must be an IAM role or user ARN, arn:<partition>:iam::<12-digit account id>:role/<name> or :user/<name> (not an " +
        "assumed-role session arn:...:sts::...), or a reference to one";

    /// <summary>An IAM role or user ARN, path allowed; group 1 is <c>role</c> or <c>user</c>, group 2 the name.</summary>
    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:(role|user)/(?:[\x21-\x2E\x30-\x7E]+/)*([A-Za-z0-9+=,.@_-]{1,64})$")]
    public static partial Regex IamPrincipal();

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
