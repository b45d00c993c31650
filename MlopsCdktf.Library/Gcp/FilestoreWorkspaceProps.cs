using MlopsCdktf.Core;

namespace MlopsCdktf.Gcp;

/// <summary>Filestore service tiers. Each has its own capacity range and step and a location kind (zone or region).</summary>
public enum FilestoreTier
{
    /// <summary>Basic HDD: 1–63.9 TiB, zonal. Cheapest; for datasets read sequentially.</summary>
    BasicHdd,

    /// <summary>Basic SSD: 2.5–63.9 TiB, zonal.</summary>
    BasicSsd,

    /// <summary>Zonal: 1–9.75 TiB in 256 GiB steps or 10–100 TiB in 2.5 TiB steps, zonal.</summary>
    Zonal,

    /// <summary>Regional: the Zonal sizes, replicated across zones of a region.</summary>
    Regional,

    /// <summary>Enterprise: 1–10 TiB in 256 GiB steps, regional.</summary>
    Enterprise,

    /// <summary>High Scale SSD: 10–100 TiB in 2.5 TiB steps, zonal.</summary>
    HighScaleSsd,
}

/// <summary>How clients reach the instance.</summary>
public enum FilestoreConnectMode
{
    /// <summary>VPC peering the instance creates itself (<c>DIRECT_PEERING</c>).</summary>
    DirectPeering,

    /// <summary>Private services access the network team set up (<c>PRIVATE_SERVICE_ACCESS</c>); needed for Shared VPC.</summary>
    PrivateServiceAccess,
}

/// <summary>What NFS clients matching an export rule may do.</summary>
public enum NfsAccessMode
{
    /// <summary>Read and write.</summary>
    ReadWrite,

    /// <summary>Read only.</summary>
    ReadOnly,
}

/// <summary>Whether root on an NFS client is root on the share.</summary>
public enum NfsSquashMode
{
    /// <summary>Client root is mapped to the anonymous uid/gid: a compromised pod cannot own the share.</summary>
    RootSquash,

    /// <summary>Client root is root on the share.</summary>
    NoRootSquash,
}

/// <summary>One NFS export rule: which client ranges get which access.</summary>
public sealed record NfsExportRule
{
    /// <summary>Client IP ranges (CIDRs or addresses) the rule applies to, e.g. the cluster's node and Pod ranges.</summary>
    public required IReadOnlyList<string> IpRanges { get; init; }

    /// <summary>Read-write or read-only.</summary>
    /// <value>The default value is <see cref="NfsAccessMode.ReadWrite"/>: a training workspace is written to.</value>
    public NfsAccessMode AccessMode { get; init; } = NfsAccessMode.ReadWrite;

    /// <summary>Root squash or not.</summary>
    /// <value>The default value is <see cref="NfsSquashMode.RootSquash"/>: containers running as root do not own the share.
    /// Run training pods as a non-root user (or with an fsGroup) that owns the workspace directories.</value>
    public NfsSquashMode SquashMode { get; init; } = NfsSquashMode.RootSquash;

    /// <summary>The uid squashed root maps to; only with <see cref="NfsSquashMode.RootSquash"/>.</summary>
    /// <value>The default value is 65534 (<c>nobody</c>).</value>
    public int AnonUid { get; init; } = FilestoreWorkspaceDefaults.AnonId;

    /// <summary>The gid squashed root maps to; only with <see cref="NfsSquashMode.RootSquash"/>.</summary>
    /// <value>The default value is 65534 (<c>nogroup</c>).</value>
    public int AnonGid { get; init; } = FilestoreWorkspaceDefaults.AnonId;

    /// <summary>Why a <see cref="NfsSquashMode.NoRootSquash"/> rule may cover more than a /24, e.g. a GKE node range
    /// (kubelet mounts NFS from the node, so a Job preparing the share's directories as root needs it) where squashing is
    /// enforced at the pod layer instead (every workload runs non-root under Pod Security <c>restricted</c>). At least
    /// 20 characters; recorded in the code, where a reviewer reads it.</summary>
    /// <value>The default value is null: a NoRootSquash rule may cover at most a /24 (admin hosts).</value>
    public string? WideNoRootSquashReason { get; init; }
}

/// <summary>Input of <see cref="FilestoreWorkspace"/>. Every optional member documents its default and why.</summary>
public sealed record FilestoreWorkspaceProps
{
    /// <summary>The instance name: 1–63 lowercase letters, digits and hyphens, starting with a letter. Changing it replaces the instance.</summary>
    public required string Name { get; init; }

    /// <summary>The service tier; it fixes the capacity range and whether <see cref="Location"/> is a zone or a region.</summary>
    public required FilestoreTier Tier { get; init; }

    /// <summary>The share size in GiB (1 TiB = 1024 GiB), within the tier's range and on its step.</summary>
    public required int CapacityGb { get; init; }

    /// <summary>A zone for Basic HDD/SSD, Zonal and High Scale SSD; a region for Regional and Enterprise.</summary>
    public required string Location { get; init; }

    /// <summary>The VPC network (name or id) clients connect from, e.g. the GKE cluster's network.</summary>
    public required string Network { get; init; }

    /// <summary>The project owning the instance.</summary>
    /// <value>The default value is null: the provider's project.</value>
    public string? ProjectId { get; init; }

    /// <summary>How clients reach the instance.</summary>
    /// <value>The default value is <see cref="FilestoreConnectMode.DirectPeering"/>: needs no prior network setup.</value>
    public FilestoreConnectMode ConnectMode { get; init; } = FilestoreConnectMode.DirectPeering;

    /// <summary>The file share name: 1–16 lowercase letters, digits and underscores, starting with a letter. Clients mount <c>/{ShareName}</c>.</summary>
    /// <value>The default value is <c>workspace</c>.</value>
    public string ShareName { get; init; } = FilestoreWorkspaceDefaults.ShareName;

    /// <summary>NFS export rules, each for some client ranges. Ranges must not overlap, within or across rules (Filestore
    /// refuses them); a <see cref="NfsSquashMode.NoRootSquash"/> rule may cover at most a /24 (admin hosts) unless it
    /// gives a <see cref="NfsExportRule.WideNoRootSquashReason"/>.</summary>
    /// <value>The default value is one read-write, root-squashed rule for the RFC 1918 ranges, so clients outside
    /// private address space never get access and root on a client is not root on the share.</value>
    /// <remarks>A new share's root directory belongs to root (mode 755), so with root squash everywhere no client can
    /// create anything in it. Either give the GKE node range a NoRootSquash rule (with a
    /// <see cref="NfsExportRule.WideNoRootSquashReason"/>) and let a <see cref="Kubernetes.WorkspacePreparation"/> Job
    /// create the workload directories, or give a narrow admin range one and create them from an admin host.</remarks>
    public IReadOnlyList<NfsExportRule> ExportRules { get; init; } = [new NfsExportRule { IpRanges = FilestoreWorkspaceDefaults.PrivateRanges }];

    /// <summary>A Cloud KMS key (CMEK) encrypting the share; not available on the Basic tiers.</summary>
    /// <value>The default value is null: Google-managed encryption.</value>
    public string? KmsKeyName { get; init; }

    /// <summary>Whether the instance may be deleted: <c>deletion_protection_enabled</c> with <see cref="DeletionPolicy.PreventDestroy"/>,
    /// plus <c>lifecycle.prevent_destroy</c>.</summary>
    /// <value>The default value is <see cref="DeletionPolicy.PreventDestroy"/>: the workspace holds datasets and checkpoints.</value>
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.PreventDestroy;

    /// <summary>GCP labels on the instance, merged over the provider's <c>default_labels</c>.</summary>
    /// <value>The default value is no extra labels.</value>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>The one home of <see cref="FilestoreWorkspace"/>'s default values and Filestore's tier limits.</summary>
internal static class FilestoreWorkspaceDefaults
{
    public const string ShareName = "workspace";
    public const int AnonId = 65534;

    /// <summary>The widest range (prefix length) a NoRootSquash (admin) export rule may cover: 256 addresses.</summary>
    public const int NarrowestAdminPrefix = 24;
    public static readonly string[] PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
}
