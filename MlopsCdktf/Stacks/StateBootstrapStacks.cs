using Constructs;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The S3 bucket holding the remote state of an environment's AWS stacks (<c>mlops-tfstate-aws-{env}</c>), named by
/// <see cref="StateStorage.AwsBucket"/>: the library's secure bucket (versioned, SSE-KMS with a rotating key, public access
/// blocked, ACLs off, TLS 1.2+ only), noncurrent state versions kept 90 days, always <c>prevent_destroy</c>. Its own state
/// stays local (the root of trust): applied once per account by an administrator (<c>make bootstrap-state ENV=…</c>).
/// </summary>
public sealed class AwsStateBootstrapStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "tfstate-aws";

    /// <summary>Declares the AWS state bucket of <paramref name="environment"/>.</summary>
    public AwsStateBootstrapStack(Construct scope, DeploymentEnvironment environment)
        : base(scope, Cloud, StateBootstrap.Local(environment), StateStore.S3)
    {
        UseAwsProvider();
        // Versioned, KMS-encrypted, private: the artifact bucket's guarantees are exactly what state needs.
        StateBucket = new ModelArtifactBucket(this, "StateBucket", new ModelArtifactBucketProps
        {
            BucketName = environment.State.AwsBucket,
            DeletionPolicy = DeletionPolicy.PreventDestroy,
            Lifecycle = new ModelArtifactLifecycle { NoncurrentVersionExpirationDays = StateBootstrap.NoncurrentStateDays },
        });
        Output("state_bucket", StateBucket.BucketName, "S3 bucket of the environment's AWS stacks' state (MLOPS_STATE=remote)");
        Output("state_key_arn", StateBucket.KeyArn, "KMS key encrypting the state; Terraform runners need kms:Decrypt and kms:GenerateDataKey on it");
    }

    /// <summary>The state bucket.</summary>
    public ModelArtifactBucket StateBucket { get; }
}

/// <summary>
/// The GCS bucket holding the remote state of an environment's GCP and Kubernetes stacks (<c>mlops-tfstate-gcp-{env}</c>),
/// named by <see cref="StateStorage.GcsBucket"/>: versioned, uniform bucket-level access, public access prevention enforced,
/// noncurrent versions kept 90 days (at most 50), always <c>prevent_destroy</c>. Its own state stays local.
/// </summary>
public sealed class GcpStateBootstrapStack : MlopsStack
{
    /// <summary>The cloud segment of the stack name.</summary>
    public const string Cloud = "tfstate-gcp";

    /// <summary>Declares the GCS state bucket of <paramref name="environment"/>.</summary>
    public GcpStateBootstrapStack(Construct scope, DeploymentEnvironment environment)
        : base(scope, Cloud, StateBootstrap.Local(environment), StateStore.Gcs)
    {
        UseGoogleProvider();
        // Versioned, uniform access, public access prevented: the registry bucket's guarantees are what state needs.
        StateBucket = new ModelRegistryBucket(this, "StateBucket", new ModelRegistryBucketProps
        {
            BucketName = environment.State.GcsBucket,
            Location = environment.Gcp.Region,
            DeletionPolicy = DeletionPolicy.PreventDestroy,
            NoncurrentVersions = new NoncurrentVersionRetention { KeepNewerVersions = 50, DeleteAfterDays = StateBootstrap.NoncurrentStateDays },
        });
        Output("state_bucket", StateBucket.BucketName, "GCS bucket of the environment's GCP and Kubernetes stacks' state (MLOPS_STATE=remote)");
    }

    /// <summary>The state bucket.</summary>
    public ModelRegistryBucket StateBucket { get; }
}

/// <summary>What the bootstrap stacks share.</summary>
internal static class StateBootstrap
{
    /// <summary>Days a replaced state version is kept (to recover from a bad apply).</summary>
    public const int NoncurrentStateDays = 90;

    /// <summary>The environment with local state: the state buckets cannot hold their own state.</summary>
    public static DeploymentEnvironment Local(DeploymentEnvironment environment) =>
        environment with { Delivery = environment.Delivery with { State = StateMode.Local } };
}
