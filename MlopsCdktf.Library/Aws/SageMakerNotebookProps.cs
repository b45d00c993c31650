using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>Input of <see cref="SageMakerNotebook"/>. Every optional member documents its default and why.</summary>
public sealed record SageMakerNotebookProps
{
    /// <summary>The notebook instance's name: 1–52 letters, digits and single hyphens (its role adds <c>-notebook</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The private subnet of the notebook's network interface, e.g. <see cref="PrivateNetwork.FirstPrivateSubnetId"/>.</summary>
    public required string SubnetId { get; init; }

    /// <summary>Security groups of the notebook, e.g. <see cref="PrivateNetwork.WorkloadSecurityGroupId"/>.</summary>
    public required IReadOnlyList<string> SecurityGroupIds { get; init; }

    /// <summary>The model artifact bucket the notebook reads (and writes under <c>notebooks/</c>), with its KMS key (through
    /// S3 only) when it has one: a <see cref="ModelArtifactBucket"/> or one created elsewhere (<see cref="ModelArtifactBucket.FromBucketName"/>).</summary>
    public required IModelArtifactBucket ArtifactBucket { get; init; }

    /// <summary>The notebook's ML instance type, e.g. <see cref="SageMakerInstanceType.M5Xlarge"/> or
    /// <c>SageMakerInstanceType.Of("ml.g5.xlarge")</c>.</summary>
    /// <value>The default value is <see cref="SageMakerInstanceType.T3Medium"/>: exploration, not training (training runs on the GKE GPU pools).</value>
    public SageMakerInstanceType InstanceType { get; init; } = SageMakerInstanceType.T3Medium;

    /// <summary>The storage volume in GB (5–16384).</summary>
    /// <value>The default value is 20.</value>
    public int VolumeSizeGb { get; init; } = 20;

    /// <summary>Idle minutes (no busy kernel, no kernel or terminal activity) after which the notebook stops itself (10–1440).</summary>
    /// <value>The default value is 60: an idle notebook costs money and holds data.</value>
    public int IdleMinutes { get; init; } = 60;

    /// <summary>ARN of an existing KMS key for the storage volume.</summary>
    /// <value>The default value is null: a key dedicated to the notebook is created (rotation on, <see cref="DeletionPolicy"/> applied).</value>
    public string? KmsKeyArn { get; init; }

    /// <summary>With <see cref="DeletionPolicy.PreventDestroy"/> Terraform refuses to destroy the notebook and its created key.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>Tags of the notebook, its role, key and lifecycle configuration, merged over the provider's <c>default_tags</c>.</summary>
    /// <value>The default value is no extra tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Another source of the <c>sagemaker-notebook</c> module (a registry or Git address, or a folder relative to
    /// the stack's working folder), used as given; the module must have the same inputs and outputs.</summary>
    /// <value>The default value is null: the module embedded in this library, written next to the stack at synth
    /// (<c>cdktf.out/stacks/&lt;stack&gt;/assets/module-sagemaker-notebook/&lt;content hash&gt;</c>, one copy per stack, however
    /// many notebooks use it), so the stack folder plans on its own and needs no copy of this repository.</value>
    public string? ModuleSource { get; init; }
}
