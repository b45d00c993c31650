namespace MlopsCdktf.Aws;

/// <summary>The kinds of access a <see cref="ModelArtifactBucket"/> grant hands out.</summary>
public enum ArtifactAccess
{
    /// <summary>List keys and read objects (and their versions); decrypt with the bucket key.</summary>
    Read,

    /// <summary>Write objects (including multipart uploads) without listing, reading or deleting; encrypt with the bucket key.</summary>
    Write,

    /// <summary><see cref="Read"/> and <see cref="Write"/>, plus deleting objects (delete markers only; history stays).</summary>
    ReadWrite,
}
