using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.S3BucketOwnershipControls;
using HashiCorp.Cdktf.Providers.Aws.S3BucketPolicy;
using HashiCorp.Cdktf.Providers.Aws.S3BucketPublicAccessBlock;
using HashiCorp.Cdktf.Providers.Aws.S3BucketVersioning;
using MlopsCdktf.Aws.Iam;
using S3BucketResource = HashiCorp.Cdktf.Providers.Aws.S3Bucket.S3Bucket;

namespace MlopsCdktf.Aws;

/// <summary>
/// The one home of what every bucket of this library carries, whatever it stores: versioning, all four public access
/// block flags, ACLs off (<c>BucketOwnerEnforced</c>), and a bucket policy that denies requests without TLS or with
/// TLS older than 1.2 (plus any statements the bucket adds, e.g. a log delivery grant).
/// </summary>
internal static class S3BucketBaseline
{
    /// <summary>Declares the baseline companions of <paramref name="bucket"/> in <paramref name="scope"/>
    /// (ids <c>Versioning</c>, <c>PublicAccessBlock</c>, <c>Ownership</c>, <c>PolicyDocument</c>, <c>Policy</c>).</summary>
    /// <returns>The versioning resource, for rules that need versioning in place first.</returns>
    public static S3BucketVersioningA Apply(Construct scope, S3BucketResource bucket, IEnumerable<PolicyStatement>? extraPolicyStatements = null)
    {
        var versioning = new S3BucketVersioningA(scope, "Versioning", new S3BucketVersioningAConfig
        {
            Bucket = bucket.Id,
            VersioningConfiguration = new S3BucketVersioningVersioningConfiguration { Status = "Enabled" },
        });

        var publicAccessBlock = new S3BucketPublicAccessBlock(scope, "PublicAccessBlock", new S3BucketPublicAccessBlockConfig
        {
            Bucket = bucket.Id,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        });

        new S3BucketOwnershipControls(scope, "Ownership", new S3BucketOwnershipControlsConfig
        {
            Bucket = bucket.Id,
            Rule = new S3BucketOwnershipControlsRule { ObjectOwnership = "BucketOwnerEnforced" },
        });

        var policyDocument = PolicyDocuments.Create(scope, "PolicyDocument",
            [.. TransportSecurityStatements(bucket.Arn), .. extraPolicyStatements ?? []]);
        new S3BucketPolicy(scope, "Policy", new S3BucketPolicyConfig
        {
            Bucket = bucket.Id,
            Policy = policyDocument.Json,
            // S3 rejects concurrent policy and public-access-block updates on one bucket.
            DependsOn = new ITerraformDependable[] { publicAccessBlock },
        });
        return versioning;
    }

    private static PolicyStatement[] TransportSecurityStatements(string bucketArn)
    {
        PolicyStatement DenyAllWhen(string sid, PolicyCondition condition) => new()
        {
            Sid = sid,
            Effect = PolicyEffect.Deny,
            Principals = [PolicyPrincipal.Anyone],
            Actions = Actions.S3.All,
            Resources = [bucketArn, $"{bucketArn}/*"],
            Conditions = [condition],
        };

        return
        [
            DenyAllWhen("DenyInsecureTransport", new PolicyCondition("Bool", "aws:SecureTransport", ["false"])),
            DenyAllWhen("DenyOutdatedTls", new PolicyCondition("NumericLessThan", "s3:TlsVersion", ["1.2"])),
        ];
    }
}
