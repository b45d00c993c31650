namespace MlopsCdktf.Kubernetes;

/// <summary>Input of <see cref="WorkspacePreparation"/>. Every optional member documents its default and why.</summary>
public sealed record WorkspacePreparationProps
{
    /// <summary>Base name of the objects: the admin volume and claim are <c>{Name}-admin</c>, the Job
    /// <c>{Name}-prepare-{hash}</c> (DNS-1123 label, at most 40 characters).</summary>
    public required string Name { get; init; }

    /// <summary>The NFS server address, e.g. <see cref="Gcp.FilestoreWorkspace.IpAddress"/>.</summary>
    public required string Server { get; init; }

    /// <summary>The exported path, e.g. <see cref="Gcp.FilestoreWorkspace.SharePath"/> (<c>/workspace</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The share size in GiB, e.g. <see cref="Gcp.FilestoreWorkspace.CapacityGb"/>.</summary>
    public required int CapacityGb { get; init; }

    /// <summary>The directories to create at the share's root, one path segment each (lowercase letters, digits, '-', '_',
    /// '.'), e.g. <c>models</c>, <c>datasets</c>, <c>checkpoints</c>. Workloads mount these and nothing else.</summary>
    public required IReadOnlyList<string> Directories { get; init; }

    /// <summary>The image the Job runs: pinned by tag or digest, with <c>/bin/sh</c>, <c>mkdir</c>, <c>chmod</c>,
    /// <c>chown</c> and <c>stat</c> (any Debian, Alpine or busybox based image, e.g. the serving image). It must be
    /// pullable by the nodes: a private cluster reaches Artifact Registry, not Docker Hub.</summary>
    public required string Image { get; init; }

    /// <summary>The classification of the data on the share; becomes the admin namespace's <c>data_classification</c>
    /// label (the Job can reach every file of the share).</summary>
    public required DataClassification DataClassification { get; init; }

    /// <summary>The uid that owns the created directories: the uid the workloads run as.</summary>
    /// <value>The default value is 1000, the uid every workload of this library runs as; workloads refuse a
    /// preparation whose owner differs from theirs.</value>
    public int OwnerUserId { get; init; } = WorkspacePreparationDefaults.Owner;

    /// <summary>The gid that owns the created directories (setgid, so files created below keep it).</summary>
    /// <value>The default value is 1000, the gid every workload of this library runs as.</value>
    public int OwnerGroupId { get; init; } = WorkspacePreparationDefaults.Owner;

    /// <summary>The namespace the Job runs in: its own, enforcing Pod Security <c>baseline</c> (the Job runs as root
    /// with only <c>CHOWN</c>), so the workloads' namespace keeps <c>restricted</c>.</summary>
    /// <value>The default value is <c>ml-workspace-admin</c>.</value>
    public string Namespace { get; init; } = WorkspacePreparationDefaults.Namespace;

    /// <summary>How long Terraform waits for the Job to complete (the image pull included) before the apply fails.</summary>
    /// <value>The default value is 10 minutes; the Job's own deadline is 30 seconds shorter, so a stuck run fails
    /// as a failed Job (with its events) rather than as a Terraform timeout.</value>
    public int TimeoutMinutes { get; init; } = WorkspacePreparationDefaults.TimeoutMinutes;
}

/// <summary>The one home of <see cref="WorkspacePreparation"/>'s default values.</summary>
internal static class WorkspacePreparationDefaults
{
    public const int Owner = PodSecurity.UserId;
    public const string Namespace = "ml-workspace-admin";
    public const int TimeoutMinutes = 10;
    public const int MaxNameLength = 40;
    public const string DirectoryMode = "2775";
    public const string MountPath = "/share";
    public const string Component = "workspace-preparation";
    public const int BackoffLimit = 2;

    /// <summary>What the Job needs beyond root's ownership of the share root: changing a directory's owner.</summary>
    public static readonly string[] Capabilities = ["CHOWN"];

    /// <summary>Enough for a shell, a few system calls and a small quota's bookkeeping.</summary>
    public static readonly ContainerResources Resources = new() { CpuRequest = "50m", MemoryRequest = "32Mi", CpuLimit = "200m", MemoryLimit = "64Mi" };

    public static readonly NamespaceQuota Quota = new() { RequestsCpu = "200m", RequestsMemory = "128Mi", LimitsCpu = "400m", LimitsMemory = "256Mi", Pods = 2 };
}
