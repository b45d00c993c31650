using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Constructs;
using HashiCorp.Cdktf.Providers.Kubernetes.JobV1;
using MlopsCdktf.Core;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// Creates the workload directories of a shared NFS workspace before any workload mounts them: a
/// <c>kubernetes_job_v1</c> that Terraform waits for (<c>wait_for_completion</c>, with a timeout) mounts the share's
/// root and, for each of <see cref="WorkspacePreparationProps.Directories"/>, runs <c>mkdir -p</c>, sets mode
/// <c>2775</c> and hands it to the workloads' uid:gid — each step only when the directory is not already so, so a
/// second apply, or a destroy and re-create on a share that kept its data, changes nothing.
/// </summary>
/// <remarks>
/// <para>A new Filestore share's root belongs to root (mode 755), so only a client whose root is not squashed can
/// create anything in it, and kubelet mounts NFS from the node: the node range's export rule must be
/// <c>NO_ROOT_SQUASH</c>. Root squashing then moves to the pod layer: every workload runs non-root with a fixed
/// uid:gid under Pod Security <c>restricted</c>, and mounts one prepared directory through its own volume
/// (<see cref="NfsWorkspaceVolumeProps.Directory"/>), never the share root.</para>
/// <para>The Job runs in its own namespace (Pod Security <c>baseline</c>, default-deny network policy with no
/// allows: kubelet does the NFS traffic from the node) as uid 0 with every capability dropped except <c>CHOWN</c>: root
/// owns the share root, so <c>mkdir</c> and <c>chmod</c> (done while root still owns the directory) need no
/// <c>DAC_OVERRIDE</c> or <c>FOWNER</c>. Its pod is never restarted, tolerates nothing (it runs on a CPU node) and
/// mounts no service account token. The Job's name carries a hash of its image and script, so a new image or a
/// changed directory list replaces the Job (a Job's pod template is immutable) and runs it again; no TTL is set, because the provider re-creates a Job that the cluster deleted,
/// which would show up as a change in every plan.</para>
/// </remarks>
/// <example>
/// <code>
/// var preparation = new WorkspacePreparation(this, "WorkspacePreparation", new WorkspacePreparationProps
/// {
///     Name = "training-workspace",
///     Server = workspace.IpAddress,
///     Path = workspace.SharePath,
///     CapacityGb = workspace.CapacityGb,
///     Directories = ["models", "datasets", "checkpoints"],
///     Image = "europe-west4-docker.pkg.dev/acme-ml/models/churn-serving:1.0.0",
///     DataClassification = DataClassification.Confidential,
/// });
/// </code>
/// </example>
public sealed class WorkspacePreparation : Construct
{
    /// <summary>Validates <paramref name="props"/> and declares the namespace, admin volume and Job.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public WorkspacePreparation(Construct scope, string id, WorkspacePreparationProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(WorkspacePreparation)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);
        Directories = props.Directories.ToList();
        OwnerUserId = props.OwnerUserId;
        OwnerGroupId = props.OwnerGroupId;
        Server = props.Server;
        Path = props.Path;

        Namespace = new MlNamespace(this, "Namespace", new MlNamespaceProps
        {
            Name = props.Namespace,
            DataClassification = props.DataClassification,
            PodSecurityLevel = "baseline",
            Quota = WorkspacePreparationDefaults.Quota,
            ContainerDefaults = WorkspacePreparationDefaults.Resources,
        });

        NetworkPolicies = new NamespaceNetworkPolicies(this, "NetworkPolicies", new NamespaceNetworkPoliciesProps { Namespace = Namespace.Name });

        AdminVolume = new NfsWorkspaceVolume(this, "AdminVolume", new NfsWorkspaceVolumeProps
        {
            Name = $"{props.Name}-admin",
            Namespace = Namespace.Name,
            Server = props.Server,
            Path = props.Path,
            CapacityGb = props.CapacityGb,
        });

        Script = BuildScript(Directories, OwnerUserId, OwnerGroupId);
        var labels = PodSecurity.Labels(props.Name, WorkspacePreparationDefaults.Component);
        var volume = "share";
        Job = new JobV1(this, "Job", new JobV1Config
        {
            Metadata = new JobV1Metadata { Name = $"{props.Name}-prepare-{Hash(props.Image + "\n" + Script)}", Namespace = Namespace.Name, Labels = labels },
            WaitForCompletion = true,
            Timeouts = new JobV1Timeouts
            {
                Create = $"{props.TimeoutMinutes}m",
                Update = $"{props.TimeoutMinutes}m",
            },
            Spec = new JobV1Spec
            {
                BackoffLimit = WorkspacePreparationDefaults.BackoffLimit,
                ActiveDeadlineSeconds = (props.TimeoutMinutes * 60) - 30,
                Template = new JobV1SpecTemplate
                {
                    Metadata = new JobV1SpecTemplateMetadata { Labels = labels },
                    Spec = new JobV1SpecTemplateSpec
                    {
                        RestartPolicy = "Never",
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        SecurityContext = new JobV1SpecTemplateSpecSecurityContext
                        {
                            RunAsNonRoot = false,
                            RunAsUser = "0",
                            RunAsGroup = "0",
                            SeccompProfile = new JobV1SpecTemplateSpecSecurityContextSeccompProfile { Type = PodSecurity.SeccompProfile },
                        },
                        Container = new[]
                        {
                            new JobV1SpecTemplateSpecContainer
                            {
                                Name = "prepare",
                                Image = props.Image,
                                ImagePullPolicy = "IfNotPresent",
                                Command = ["/bin/sh", "-c", Script],
                                Resources = new JobV1SpecTemplateSpecContainerResources
                                {
                                    Requests = PodSecurity.Requests(WorkspacePreparationDefaults.Resources, null),
                                    Limits = PodSecurity.Limits(WorkspacePreparationDefaults.Resources, null),
                                },
                                SecurityContext = new JobV1SpecTemplateSpecContainerSecurityContext
                                {
                                    RunAsNonRoot = false,
                                    ReadOnlyRootFilesystem = true,
                                    AllowPrivilegeEscalation = false,
                                    Privileged = false,
                                    Capabilities = new JobV1SpecTemplateSpecContainerSecurityContextCapabilities
                                    {
                                        Drop = [PodSecurity.DropAllCapabilities],
                                        Add = WorkspacePreparationDefaults.Capabilities,
                                    },
                                    SeccompProfile = new JobV1SpecTemplateSpecContainerSecurityContextSeccompProfile { Type = PodSecurity.SeccompProfile },
                                },
                                VolumeMount = new[] { new JobV1SpecTemplateSpecContainerVolumeMount { Name = volume, MountPath = WorkspacePreparationDefaults.MountPath } },
                            },
                        },
                        Volume = new[]
                        {
                            new JobV1SpecTemplateSpecVolume
                            {
                                Name = volume,
                                PersistentVolumeClaim = new JobV1SpecTemplateSpecVolumePersistentVolumeClaim { ClaimName = AdminVolume.ClaimName },
                            },
                        },
                    },
                },
            },
        });
        // MLOPS-K8S-8 (containers run as non-root): a test checks the id against the default policy pack.
        SuppressionMetadata.Record(Job, "MLOPS-K8S-8",
            "Creating directories in a root-owned share root needs uid 0; the container keeps only CHOWN, cannot escalate, "
            + "runs once in its own baseline namespace with no network allows, and no workload pod can run as root.");
    }

    /// <summary>The directories the Job creates, relative to the share root.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>The uid owning the created directories.</summary>
    public int OwnerUserId { get; }

    /// <summary>The gid owning the created directories.</summary>
    public int OwnerGroupId { get; }

    /// <summary>The NFS server the share is on.</summary>
    public string Server { get; }

    /// <summary>The exported path of the share root.</summary>
    public string Path { get; }

    /// <summary>The Job's namespace (Pod Security <c>baseline</c>).</summary>
    public MlNamespace Namespace { get; }

    /// <summary>The admin namespace's default-deny network policy (no allows).</summary>
    public NamespaceNetworkPolicies NetworkPolicies { get; }

    /// <summary>The volume and claim of the share root, in the admin namespace only.</summary>
    public NfsWorkspaceVolume AdminVolume { get; }

    /// <summary>The <c>kubernetes_job_v1</c>; workloads mounting a prepared directory depend on it.</summary>
    public JobV1 Job { get; }

    /// <summary>The shell script the Job runs (idempotent: every step checks first).</summary>
    public string Script { get; }

    /// <summary>Whether <paramref name="directory"/> is one this preparation creates.</summary>
    public bool Prepares(string? directory) => directory is not null && Directories.Contains(directory, StringComparer.Ordinal);

    /// <summary>The exported path of a prepared directory, for a volume that mounts only it.</summary>
    internal string PathOf(string directory) => $"{Path.TrimEnd('/')}/{directory}";

    private static string BuildScript(IReadOnlyList<string> directories, int uid, int gid)
    {
        var mode = WorkspacePreparationDefaults.DirectoryMode;
        var owner = string.Create(CultureInfo.InvariantCulture, $"{uid}:{gid}");
        return string.Join("\n",
            "set -eu",
            $"cd {WorkspacePreparationDefaults.MountPath}",
            $"for d in {string.Join(' ', directories)}; do",
            "  mkdir -p -- \"$d\"",
            $"  [ \"$(stat -c %a \"$d\")\" = {mode} ] || chmod {mode} \"$d\"",
            $"  [ \"$(stat -c %u:%g \"$d\")\" = {owner} ] || chown {owner} \"$d\"",
            $"  echo \"$d: $(stat -c '%u:%g %a' \"$d\")\"",
            "done");
    }

    private static string Hash(string script) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..8];

    private void Validate(WorkspacePreparationProps props)
    {
        var v = new InputValidator(this);
        v.ValidateDns1123Label(props.Name, nameof(props.Name));
        v.Require(props.Name.Length <= WorkspacePreparationDefaults.MaxNameLength, nameof(props.Name), props.Name,
            $"must be at most {WorkspacePreparationDefaults.MaxNameLength} characters: the Job is named {{Name}}-prepare-{{8-character hash}}");
        v.ValidateDns1123Label(props.Namespace, nameof(props.Namespace));
        NfsWorkspaceVolume.ValidateShare(v, props.Server, props.Path, props.CapacityGb);
        v.ValidatePinnedImage(props.Image, nameof(props.Image));
        v.Defined(props.DataClassification, nameof(props.DataClassification));
        v.Require(props.Directories.Count > 0, nameof(props.Directories), props.Directories.Count, "must list at least one directory for the workloads");
        foreach (var directory in props.Directories)
        {
            v.Require(directory is not null && IsDirectoryName(directory), nameof(props.Directories), directory,
                "each directory must be one path segment of lowercase letters, digits, '-', '_' and '.', starting with a letter or digit (e.g. models)");
        }

        v.Require(props.Directories.Distinct(StringComparer.Ordinal).Count() == props.Directories.Count, nameof(props.Directories),
            string.Join(", ", props.Directories), "must not name a directory twice");
        v.InRange(props.OwnerUserId, nameof(props.OwnerUserId), 1, 2147483647, "(never root: the workloads run as this uid)");
        v.InRange(props.OwnerGroupId, nameof(props.OwnerGroupId), 1, 2147483647, "(never root's group)");
        v.InRange(props.TimeoutMinutes, nameof(props.TimeoutMinutes), 2, 60, "minutes");
        v.ThrowIfInvalid();
    }

    /// <summary>One path segment, safe to use unquoted in the script and as a volume path.</summary>
    internal static bool IsDirectoryName(string name) =>
        name.Length is > 0 and <= 63 && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');
}
