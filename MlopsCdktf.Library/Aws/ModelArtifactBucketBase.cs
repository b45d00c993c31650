using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.IamRolePolicy;
using MlopsCdktf.Aws.Iam;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// What every model artifact bucket does the same way, created here (<see cref="ModelArtifactBucket"/>) or imported
/// (<see cref="ImportedModelArtifactBucket"/>): URLs, the least-privilege statements and the grants. The one home of
/// that logic; only this library derives from it.
/// </summary>
public abstract partial class ModelArtifactBucketBase : Construct, IModelArtifactBucket
{
    /// <summary>Declares the construct.</summary>
    private protected ModelArtifactBucketBase(Construct scope, string id)
        : base(scope, id)
    {
    }

    /// <inheritdoc/>
    public abstract string BucketName { get; }

    /// <inheritdoc/>
    public abstract string BucketArn { get; }

    /// <inheritdoc/>
    public abstract string? KeyArn { get; }

    /// <summary>The bucket name as the user gave it (names grant policies; a reference falls back to the construct id).</summary>
    private protected abstract string GivenBucketName { get; }

    /// <inheritdoc/>
    public string S3Url(string key) => $"s3://{BucketName}/{key.TrimStart('/')}";

    /// <inheritdoc/>
    public string ObjectsArn(string? keyPrefix = null) => $"{BucketArn}/{keyPrefix ?? string.Empty}*";

    /// <inheritdoc/>
    public IamRolePolicy GrantRead(IRoleReference role, string? keyPrefix = null) => Grant(role, ArtifactAccess.Read, keyPrefix);

    /// <inheritdoc/>
    public IamRolePolicy GrantWrite(IRoleReference role, string? keyPrefix = null) => Grant(role, ArtifactAccess.Write, keyPrefix);

    /// <inheritdoc/>
    public IamRolePolicy GrantReadWrite(IRoleReference role, string? keyPrefix = null) => Grant(role, ArtifactAccess.ReadWrite, keyPrefix);

    /// <inheritdoc/>
    public IReadOnlyList<PolicyStatement> StatementsFor(ArtifactAccess access, string? keyPrefix = null)
    {
        ValidateKeyPrefix(keyPrefix, "keyPrefix");
        var statements = new List<PolicyStatement>();
        var reads = access is ArtifactAccess.Read or ArtifactAccess.ReadWrite;
        var writes = access is ArtifactAccess.Write or ArtifactAccess.ReadWrite;
        if (reads)
        {
            statements.Add(new PolicyStatement
            {
                Sid = "ListArtifacts",
                Actions = Actions.S3.List,
                Resources = [BucketArn],
                Conditions = keyPrefix is null ? [] : [new PolicyCondition("StringLike", "s3:prefix", [keyPrefix, $"{keyPrefix}*"])],
            });
        }

        var objectActions = (reads ? Actions.S3.ReadObjects : [])
            .Concat(writes ? Actions.S3.PutObjects : [])
            .Concat(access == ArtifactAccess.ReadWrite ? Actions.S3.DeleteObjects : [])
            .ToArray();
        statements.Add(new PolicyStatement { Sid = $"{access}Artifacts", Actions = objectActions, Resources = [ObjectsArn(keyPrefix)] });
        if (KeyArn is { } keyArn)
        {
            statements.Add(new PolicyStatement
            {
                Sid = "UseArtifactKey",
                Actions = writes ? Actions.Kms.EncryptDecrypt : Actions.Kms.Decrypt,
                Resources = [keyArn],
                // The key is usable for this bucket's objects only through S3, never directly.
                Conditions = [new PolicyCondition("StringEquals", "kms:ViaService", [$"s3.{AccountContext.RegionOf(this)}.amazonaws.com"])],
            });
        }

        return statements;
    }

    private IamRolePolicy Grant(IRoleReference role, ArtifactAccess access, string? keyPrefix)
    {
        var statements = StatementsFor(access, keyPrefix);
        var scopeSuffix = keyPrefix is null ? string.Empty : "-" + PrefixSlug().Replace(keyPrefix, "-").Trim('-');
        var namePrefix = PolicyDocuments.PolicyNamePrefix(this, GivenBucketName);
        return PolicyDocuments.GrantOnce(this, $"Grant{access}", role, $"{namePrefix}-{access.ToString().ToLowerInvariant()}{scopeSuffix}",
            () => statements, scopeSuffix);
    }

    private void ValidateKeyPrefix(string? keyPrefix, string property)
    {
        if (keyPrefix is null)
        {
            return;
        }

        new InputValidator(this)
            .Require(keyPrefix.Length > 0 && !keyPrefix.StartsWith('/') && !keyPrefix.Contains('*', StringComparison.Ordinal),
                property, keyPrefix, "must be a non-empty key prefix without a leading '/' or wildcards (e.g. \"models/\"); pass null for the whole bucket")
            .ThrowIfInvalid();
    }

    [GeneratedRegex(@"[^A-Za-z0-9+=,.@_-]+")]
    private static partial Regex PrefixSlug();
}
