using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.KmsKey;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// A SageMaker notebook from the module <c>sagemaker-notebook</c> (embedded in this library and written next to the
/// stack, see <see cref="SageMakerNotebookProps.ModuleSource"/>): in a private subnet with
/// <c>direct_internet_access = "Disabled"</c> and <c>root_access = "Disabled"</c>, IMDSv2 only, its volume encrypted with a
/// KMS key (created here unless given), a lifecycle configuration stopping it after <see cref="SageMakerNotebookProps.IdleMinutes"/>
/// idle minutes, and a least-privilege role (read the artifact bucket, write under <c>notebooks/</c>, its key through S3
/// only, its own logs, stop itself, and create its network interface in its subnet and security groups, which SageMaker
/// does as this role) instead of <c>AmazonSageMakerFullAccess</c>; the notebook is created after the role's policy and
/// deleted before it (<c>depends_on</c>).
/// </summary>
/// <remarks>
/// Destroy protection: Terraform rejects variables in <c>lifecycle.prevent_destroy</c>, so the module declares the
/// notebook twice — with and without <c>prevent_destroy</c> — and its <c>prevent_destroy</c> input (true with
/// <see cref="DeletionPolicy.PreventDestroy"/>) chooses which one exists. Switching protection on an existing notebook
/// therefore replaces it unless its state is moved first
/// (<c>terraform state mv 'module.X.aws_sagemaker_notebook_instance.unprotected[0]' 'module.X.aws_sagemaker_notebook_instance.protected[0]'</c>).
/// </remarks>
public sealed partial class SageMakerNotebook : Construct
{
    /// <summary>Declares the notebook.</summary>
    /// <exception cref="ConstructInputException">When the input is invalid; every problem is listed.</exception>
    public SageMakerNotebook(Construct scope, string id, SageMakerNotebookProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(SageMakerNotebook)))
    {
        var v = new InputValidator(this).RequireMembers(props);
        v.ThrowIfInvalid();
        v.Matches(props.Name, nameof(props.Name), NamePattern(), "must be 1 to 52 letters, digits and single hyphens, starting and ending with a letter or digit");
        if (props.InstanceType.NotebookProblem() is { } instanceProblem)
        {
            v.Add(nameof(props.InstanceType), props.InstanceType.Name, instanceProblem);
        }

        v.InRange(props.VolumeSizeGb, nameof(props.VolumeSizeGb), 5, 16384, "GB");
        v.InRange(props.IdleMinutes, nameof(props.IdleMinutes), 10, 1440, "minutes");
        v.NotBlank(props.SubnetId, nameof(props.SubnetId));
        v.Matches(props.SubnetId, nameof(props.SubnetId), AwsArnPatterns.SubnetId(), "must be a subnet id (subnet-<hex>) or a reference to one");
        v.Require(props.SecurityGroupIds.Count is >= 1 and <= 5, nameof(props.SecurityGroupIds), props.SecurityGroupIds.Count, "must list 1 to 5 security group ids");
        foreach (var group in props.SecurityGroupIds)
        {
            v.Matches(group, nameof(props.SecurityGroupIds), AwsArnPatterns.SecurityGroupId(), "must be a security group id (sg-<hex>) or a reference to one");
        }
        v.Matches(props.KmsKeyArn, nameof(props.KmsKeyArn), AwsArnPatterns.KmsKey(), AwsArnPatterns.KmsKeyArnDescription);
        v.ValidateArnRegion(this, props.KmsKeyArn, nameof(props.KmsKeyArn), "the notebook");
        v.Matches(props.ModuleSource, nameof(props.ModuleSource), LocalModules.SourcePattern(), LocalModules.SourceDescription);
        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateAwsTags(props.Tags);
        v.ThrowIfInvalid();

        var tags = TerraformMaps.OrNull(props.Tags);
        (Key, KeyArn) = CustomerManagedKeys.UseOrCreate(this, props.KmsKeyArn, $"Encrypts the volume of notebook {props.Name}",
            $"notebook-{props.Name}", CustomerManagedKeys.MaxDeletionWindowDays, tags, props.DeletionPolicy,
            // SageMaker encrypts the notebook's ML storage volume and keeps a grant while it exists.
            KeyUse.ThroughWithGrants("sagemaker"));
        Protected = props.DeletionPolicy == DeletionPolicy.PreventDestroy;

        var variables = new Dictionary<string, object>
        {
            ["name"] = props.Name,
            ["instance_type"] = props.InstanceType.Name,
            ["volume_size_gb"] = props.VolumeSizeGb,
            ["subnet_id"] = props.SubnetId,
            ["security_group_ids"] = props.SecurityGroupIds.ToArray(),
            ["kms_key_arn"] = KeyArn,
            ["artifact_bucket_arn"] = props.ArtifactBucket.BucketArn,
            ["idle_minutes"] = props.IdleMinutes,
            ["prevent_destroy"] = Protected,
            ["tags"] = props.Tags.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
        };
        if (props.ArtifactBucket.KeyArn is { } artifactKeyArn)
        {
            // Without it (an SSE-S3 bucket) the module grants no key.
            variables["artifact_key_arn"] = artifactKeyArn;
        }

        Module = LocalModules.Declare(this, props.ModuleSource, "sagemaker-notebook", variables);
    }

    /// <summary>The <c>sagemaker-notebook</c> module block.</summary>
    public TerraformHclModule Module { get; }

    /// <summary>The created volume key, or null when <see cref="SageMakerNotebookProps.KmsKeyArn"/> was given.</summary>
    public KmsKey? Key { get; }

    /// <summary>ARN of the key encrypting the notebook's volume.</summary>
    public string KeyArn { get; }

    /// <summary>Whether Terraform refuses to destroy the notebook.</summary>
    public bool Protected { get; }

    /// <summary>The notebook's URL.</summary>
    public string Url => Module.GetString("url");

    /// <summary>The notebook's execution role.</summary>
    public string RoleArn => Module.GetString("role_arn");

    [GeneratedRegex("^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,51}$")]
    private static partial Regex NamePattern();
}
