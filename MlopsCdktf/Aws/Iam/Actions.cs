namespace MlopsCdktf.Aws.Iam;

/// <summary>
/// The IAM action lists that grant methods emit, named by intent. One home, so a reviewer reads every
/// permission this library can hand out in one file.
/// </summary>
public static class Actions
{
    /// <summary>Amazon S3 actions.</summary>
    public static class S3
    {
        /// <summary>List keys in a bucket (bucket-level; scoped by an <c>s3:prefix</c> condition when a prefix is granted).</summary>
        public static IReadOnlyList<string> List { get; } = ["s3:ListBucket"];

        /// <summary>Read objects and their versions.</summary>
        public static IReadOnlyList<string> ReadObjects { get; } = ["s3:GetObject", "s3:GetObjectVersion"];

        /// <summary>Write objects, including multipart uploads. Never overwrites history: the bucket is versioned.</summary>
        public static IReadOnlyList<string> PutObjects { get; } =
            ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"];

        /// <summary>Delete objects (adds a delete marker; noncurrent versions stay until lifecycle expiry).
        /// Deliberately not <c>s3:DeleteObjectVersion</c>, which would erase history.</summary>
        public static IReadOnlyList<string> DeleteObjects { get; } = ["s3:DeleteObject"];

        /// <summary>Every S3 action: only for deny statements in bucket policies.</summary>
        public static IReadOnlyList<string> All { get; } = ["s3:*"];
    }

    /// <summary>AWS KMS actions on a customer managed key.</summary>
    public static class Kms
    {
        /// <summary>Decrypt data encrypted under the key (reading SSE-KMS objects).</summary>
        public static IReadOnlyList<string> Decrypt { get; } = ["kms:Decrypt"];

        /// <summary>Encrypt and decrypt (writing SSE-KMS objects needs both, for multipart uploads too).</summary>
        public static IReadOnlyList<string> EncryptDecrypt { get; } = ["kms:Decrypt", "kms:GenerateDataKey"];
    }
}
