using Constructs;
using HashiCorp.Cdktf.Providers.Kubernetes.PersistentVolumeClaimV1;
using HashiCorp.Cdktf.Providers.Kubernetes.PersistentVolumeV1;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>Input of <see cref="NfsWorkspaceVolume"/>.</summary>
public sealed record NfsWorkspaceVolumeProps
{
    /// <summary>Name of the PersistentVolume and the PersistentVolumeClaim: a DNS-1123 label (≤ 63, lowercase, digits, '-').</summary>
    public required string Name { get; init; }

    /// <summary>The NFS server address, e.g. <see cref="Gcp.FilestoreWorkspace.IpAddress"/>.</summary>
    public required string Server { get; init; }

    /// <summary>The exported path, e.g. <see cref="Gcp.FilestoreWorkspace.SharePath"/> (<c>/workspace</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The share size in GiB, e.g. <see cref="Gcp.FilestoreWorkspace.CapacityGb"/>; becomes <c>{n}Gi</c>.</summary>
    public required int CapacityGb { get; init; }

    /// <summary>The namespace of the claim, where training and serving pods mount it (an <see cref="MlNamespace"/>'s name); never <c>default</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>NFS mount options.</summary>
    /// <value>The default value is <c>hard</c>, <c>nfsvers=3</c>: Filestore speaks NFSv3, and hard mounts make a
    /// training job wait out a server failover instead of reading I/O errors into checkpoints.</value>
    public IReadOnlyList<string> MountOptions { get; init; } = NfsWorkspaceVolumeDefaults.MountOptions;

    /// <summary>The directory of the share this volume exposes (its root for pods), one that <see cref="PreparedBy"/>
    /// creates; the volume's NFS path is <c>{Path}/{Directory}</c>, so pods need no <c>subPath</c>.</summary>
    /// <value>The default value is null: the share root. Workload namespaces should mount prepared directories only:
    /// the share root belongs to root, so non-root pods can create nothing in it.</value>
    public string? Directory { get; init; }

    /// <summary>The preparation that creates <see cref="Directory"/>; required with it. The volume depends on its Job,
    /// and mounts made with <see cref="NfsWorkspaceVolume.Mount"/> carry it, so workloads wait for it too.</summary>
    /// <value>The default value is null: nothing to wait for (only valid without <see cref="Directory"/>).</value>
    public WorkspacePreparation? PreparedBy { get; init; }
}

/// <summary>
/// A statically provisioned NFS PersistentVolume plus a claim bound to exactly that volume, so training and serving
/// pods share one workspace: <c>ReadWriteMany</c>, reclaim policy <c>Retain</c> (deleting the claim never deletes the
/// data), <c>storage_class_name = ""</c> on both so no dynamic provisioner interferes, and the claim pinned with
/// <c>volume_name</c>. With <see cref="NfsWorkspaceVolumeProps.Directory"/> the volume is one directory a
/// <see cref="WorkspacePreparation"/> created (NFS path <c>{Path}/{Directory}</c>), and depends on its Job.
/// </summary>
/// <example>
/// <code>
/// // The models/ directory a WorkspacePreparation created, mounted by serving without a subPath.
/// var models = new NfsWorkspaceVolume(this, "ModelsVolume", new NfsWorkspaceVolumeProps
/// {
///     Name = "training-workspace-models",
///     Server = workspace.IpAddress,
///     Path = workspace.SharePath,
///     CapacityGb = workspace.CapacityGb,
///     Namespace = ns.Name,
///     Directory = "models",
///     PreparedBy = preparation,
/// });
/// // models.Mount("/models") gives the workload's ClaimMount (with PreparedBy, so it depends on the Job).
/// </code>
/// </example>
public sealed class NfsWorkspaceVolume : Construct
{
    private readonly string _namespace;

    /// <summary>Validates <paramref name="props"/> and declares the volume and claim.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public NfsWorkspaceVolume(Construct scope, string id, NfsWorkspaceVolumeProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(NfsWorkspaceVolume)))
    {
        new InputValidator(this).RequireMembers(props);
        var v = new InputValidator(this)
            .ValidateDns1123Label(props.Name, nameof(props.Name))
            .ValidateWorkloadNamespace(props.Namespace, nameof(props.Namespace))
            .Require(props.MountOptions.All(o => !string.IsNullOrWhiteSpace(o) && !o.Any(c => char.IsWhiteSpace(c) || c == ',')),
                nameof(props.MountOptions), string.Join(",", props.MountOptions), "each mount option must be non-empty, without spaces or commas (e.g. \"hard\", \"nfsvers=3\")");
        ValidateShare(v, props.Server, props.Path, props.CapacityGb);
        if (props.Directory is { } directory)
        {
            v.Require(props.PreparedBy?.Prepares(directory) == true, nameof(props.Directory), directory, props.PreparedBy is null
                ? "needs PreparedBy: a WorkspacePreparation that creates it, or kubelet would mount a directory that may not exist (the pods would never start)"
                : $"must be one of the directories PreparedBy creates ({string.Join(", ", props.PreparedBy.Directories)})");
            // Literal values are compared; references (e.g. a FilestoreWorkspace's attributes) are new tokens on every read.
            v.Require(props.PreparedBy is not { } p || new[] { props.Server, props.Path, p.Server, p.Path }.Any(InputValidator.IsUnresolved)
                    || (p.Server == props.Server && p.Path == props.Path), "Server/Path",
                $"{props.Server}:{props.Path}", "must be the share PreparedBy prepares");
        }

        v.ThrowIfInvalid();
        PreparedBy = props.PreparedBy;
        Directory = props.Directory;
        _namespace = props.Namespace;

        var capacity = $"{props.CapacityGb}Gi";
        Volume = new PersistentVolumeV1(this, "Volume", new PersistentVolumeV1Config
        {
            Metadata = new PersistentVolumeV1Metadata { Name = props.Name },
            Spec = new[]
            {
                new PersistentVolumeV1Spec
                {
                    Capacity = new Dictionary<string, string> { ["storage"] = capacity },
                    AccessModes = ["ReadWriteMany"],
                    PersistentVolumeReclaimPolicy = "Retain",
                    StorageClassName = string.Empty,
                    MountOptions = props.MountOptions.ToArray(),
                    PersistentVolumeSource = new PersistentVolumeV1SpecPersistentVolumeSource
                    {
                        Nfs = new PersistentVolumeV1SpecPersistentVolumeSourceNfs
                        {
                            Server = props.Server,
                            Path = props.Directory is { } dir && props.PreparedBy is { } prep ? prep.PathOf(dir) : props.Path,
                        },
                    },
                },
            },
            // The directory exists once the preparation has run.
            DependsOn = props.PreparedBy is { } preparation && props.Directory is not null ? new HashiCorp.Cdktf.ITerraformDependable[] { preparation.Job } : null,
        });

        Claim = new PersistentVolumeClaimV1(this, "Claim", new PersistentVolumeClaimV1Config
        {
            Metadata = new PersistentVolumeClaimV1Metadata { Name = props.Name, Namespace = props.Namespace },
            Spec = new PersistentVolumeClaimV1Spec
            {
                AccessModes = ["ReadWriteMany"],
                StorageClassName = string.Empty,
                VolumeName = Volume.Metadata.Name,
                Resources = new PersistentVolumeClaimV1SpecResources { Requests = new Dictionary<string, string> { ["storage"] = capacity } },
            },
        });
    }

    /// <summary>The <c>kubernetes_persistent_volume_v1</c>.</summary>
    public PersistentVolumeV1 Volume { get; }

    /// <summary>The <c>kubernetes_persistent_volume_claim_v1</c>; pods reference it by <see cref="ClaimName"/>.</summary>
    public PersistentVolumeClaimV1 Claim { get; }

    /// <summary>The claim name pods mount (<c>persistentVolumeClaim.claimName</c>).</summary>
    public string ClaimName => Claim.Metadata.Name;

    /// <summary>The prepared directory this volume exposes, or null for the share root.</summary>
    public string? Directory { get; }

    /// <summary>The preparation that creates <see cref="Directory"/>, or null.</summary>
    public WorkspacePreparation? PreparedBy { get; }

    /// <summary>A mount of this volume's claim at <paramref name="mountPath"/>, carrying <see cref="PreparedBy"/> so the
    /// workload waits for the preparation.</summary>
    /// <param name="mountPath">Where the volume appears in the container, e.g. <c>/models</c>.</param>
    /// <param name="readOnly">Whether the mount is read-only (serving always mounts read-only).</param>
    public ClaimMount Mount(string mountPath, bool readOnly = false) =>
        new() { ClaimName = ClaimName, Namespace = _namespace, MountPath = mountPath, ReadOnly = readOnly, PreparedBy = PreparedBy };

    /// <summary>Checks an NFS share's address, path and size (shared with <see cref="WorkspacePreparation"/>).</summary>
    internal static void ValidateShare(InputValidator v, string server, string path, int capacityGb) => v
        .NotBlank(server, "Server")
        .Require(string.IsNullOrWhiteSpace(server) || InputValidator.IsUnresolved(server) || System.Net.IPAddress.TryParse(server, out _)
                || (server.All(char.IsAscii) && Uri.CheckHostName(server) == UriHostNameType.Dns),
            "Server", server, "must be the NFS server's IP address or DNS name (e.g. a FilestoreWorkspace's IpAddress)")
        .Require(InputValidator.IsUnresolved(path) || path.StartsWith('/'), "Path", path, "must be an absolute path such as /workspace")
        .Require(capacityGb >= 1, "CapacityGb", capacityGb, "must be at least 1 GiB");

}

/// <summary>The one home of <see cref="NfsWorkspaceVolume"/>'s default values.</summary>
internal static class NfsWorkspaceVolumeDefaults
{
    public static readonly string[] MountOptions = ["hard", "nfsvers=3"];
}
