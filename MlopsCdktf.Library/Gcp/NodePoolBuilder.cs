using System.Globalization;
using Constructs;
using HashiCorp.Cdktf.Providers.Google.ContainerNodePool;
using MlopsCdktf.Core;
using MlopsCdktf.Core.Scheduling;
using ContainerNodePoolResource = HashiCorp.Cdktf.Providers.Google.ContainerNodePool.ContainerNodePool;

namespace MlopsCdktf.Gcp;

/// <summary>
/// The single home of what GPU and CPU node pools share: validation of the common props and the secure node
/// configuration (COS containerd, shielded VMs, GKE metadata server, least-privilege service account, explicit auto
/// repair/upgrade, surge upgrades). Pool types add only their own labels, taints and accelerators.
/// </summary>
internal static class NodePoolBuilder
{
    private static readonly string[] AcceleratorFamilies = ["a2-", "a3-", "g2-"];

    /// <param name="v">The pool's validator.</param>
    /// <param name="props">The pool's props.</param>
    /// <param name="gpuPool">Whether the pool attaches GPUs: its accelerator-optimized shapes (a2, a3, g2) are then checked by
    /// <see cref="GpuMachineRules"/>, whose message names the GPU counts, not twice.</param>
    public static void Validate(InputValidator v, NodePoolProps props, bool gpuPool = false)
    {
        var problemsBefore = v.Problems.Count;
        v.ValidateResourceName(props.Name, nameof(props.Name), 40);
        v.ValidateMachineType(props.MachineType, nameof(props.MachineType));
        if (v.Problems.Count == problemsBefore && !(gpuPool && props.MachineType is { } shape && AcceleratorFamilies.Any(f => shape.StartsWith(f, StringComparison.Ordinal))))
        {
            v.ValidateMachineShape(props.MachineType, nameof(props.MachineType));
        }
        v.NotBlank(props.Cluster.ClusterId, "Cluster.ClusterId");
        v.NotBlank(props.Cluster.NodeServiceAccountEmail, "Cluster.NodeServiceAccountEmail");
        ValidateAutoscaling(v, props);
        v.InRange(props.BootDiskSizeGb, nameof(props.BootDiskSizeGb), 10, 65536, "GB");
        ValidateNodeLocations(v, props);

        v.ValidateKubernetesLabels(props.NodeLabels, nameof(props.NodeLabels));
        foreach (var taint in props.Taints)
        {
            v.Require(KubernetesNames.IsLabelKey(taint.Key), "Taints key", taint.Key, "must be a Kubernetes taint key (the label key format)");
            v.Require(KubernetesNames.IsLabelValue(taint.Value), $"Taints[\"{taint.Key}\"].Value", taint.Value,
                "must be a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or empty)");
            v.Defined(taint.Effect, $"Taints[\"{taint.Key}\"].Effect");
        }

        v.ValidateGcpLabels(props.ResourceLabels, nameof(props.ResourceLabels));
    }

    /// <summary>
    /// Node locations must be documented zones (<see cref="CloudRegions.GcpZoneLetters"/>) of the cluster's region: GKE refuses
    /// a pool with a zone of another region, and a zone that does not exist fails at apply.
    /// </summary>
    private static void ValidateNodeLocations(InputValidator v, NodePoolProps props)
    {
        var location = props.Cluster.Location;
        var clusterRegion = location is null || InputValidator.IsUnresolved(location) ? null
            : CloudRegions.Gcp.Contains(location) ? location
            : CloudRegions.GcpRegionOfZone(location);
        foreach (var zone in props.NodeLocations ?? [])
        {
            if (zone is null || InputValidator.IsUnresolved(zone))
            {
                continue;
            }

            if (clusterRegion is not null)
            {
                v.ValidateGcpZoneOf(zone, clusterRegion, nameof(props.NodeLocations), $"the cluster's location, Cluster.Location {location}");
            }
            else
            {
                v.Require(CloudRegions.IsGcpZone(zone), nameof(props.NodeLocations), zone,
                    $"node locations must be zones of a Google Cloud region, such as europe-west4-a ({CloudRegions.HowToExtend})");
            }
        }
    }

    public static ContainerNodePoolResource Create(Construct scope, NodePoolProps props, IReadOnlyDictionary<string, string> defaultLabels,
        IEnumerable<NodeTaint> defaultTaints, ContainerNodePoolNodeConfigGuestAccelerator[]? accelerators)
    {
        var labels = new Dictionary<string, string>(defaultLabels);
        foreach (var (key, value) in props.NodeLabels)
        {
            labels[key] = value;
        }

        var taints = defaultTaints.Concat(props.Taints).Distinct().Select(t => new ContainerNodePoolNodeConfigTaint
        {
            Key = t.Key,
            Value = t.Value,
            Effect = t.Effect.ToProvider(),
        }).ToArray();

        var scaling = props.Autoscaling;
        // Dynamic Workload Scheduler pools: no reservation, no auto-repair (GKE's requirements); on-demand pools write
        // nothing new, so they synthesize as before.
        var provisioning = props is GpuNodePoolProps gpuProps ? gpuProps.Provisioning : GpuProvisioning.OnDemand;
        var dws = provisioning.IsDws();
        var maxRunDuration = dws && props is GpuNodePoolProps { MaxRunDuration: { } duration } ? DwsRules.ToDurationString(duration) : null;
        return new ContainerNodePoolResource(scope, "NodePool", new ContainerNodePoolConfig
        {
            Name = props.Name,
            Cluster = props.Cluster.ClusterId,
            Location = props.Cluster.Location,
            NodeLocations = props.NodeLocations?.ToArray(),
            InitialNodeCount = InitialNodeCount(scaling, ZoneCount(props)),
            Autoscaling = new ContainerNodePoolAutoscaling
            {
                MinNodeCount = scaling.MinNodeCount,
                MaxNodeCount = scaling.MaxNodeCount,
                TotalMinNodeCount = scaling.TotalMinNodeCount,
                TotalMaxNodeCount = scaling.TotalMaxNodeCount,
                LocationPolicy = scaling.LocationPolicy.ToProvider(),
            },
            Management = new ContainerNodePoolManagement { AutoRepair = !dws, AutoUpgrade = true },
            QueuedProvisioning = provisioning == GpuProvisioning.QueuedProvisioning ? new ContainerNodePoolQueuedProvisioning { Enabled = true } : null,
            UpgradeSettings = new ContainerNodePoolUpgradeSettings
            {
                Strategy = "SURGE",
                MaxSurge = NodePoolDefaults.MaxSurge,
                MaxUnavailable = NodePoolDefaults.MaxUnavailable,
            },
            NodeConfig = new ContainerNodePoolNodeConfig
            {
                MachineType = props.MachineType,
                ImageType = NodePoolDefaults.ImageType,
                DiskSizeGb = props.BootDiskSizeGb,
                DiskType = props.BootDiskType.ToProvider(),
                Spot = props.Spot,
                ServiceAccount = props.Cluster.NodeServiceAccountEmail,
                OauthScopes = [NodePoolDefaults.CloudPlatformScope],
                Labels = labels,
                ResourceLabels = TerraformMaps.OrNull(props.ResourceLabels),
                Taint = taints.Length == 0 ? null : taints,
                Metadata = new Dictionary<string, string> { ["disable-legacy-endpoints"] = "true" },
                ShieldedInstanceConfig = new ContainerNodePoolNodeConfigShieldedInstanceConfig
                {
                    EnableSecureBoot = true,
                    EnableIntegrityMonitoring = true,
                },
                WorkloadMetadataConfig = new ContainerNodePoolNodeConfigWorkloadMetadataConfig { Mode = "GKE_METADATA" },
                GuestAccelerator = accelerators,
                FlexStart = provisioning == GpuProvisioning.FlexStart ? true : null,
                MaxRunDuration = maxRunDuration,
                ReservationAffinity = dws ? new ContainerNodePoolNodeConfigReservationAffinity { ConsumeReservationType = DwsRules.ReservationAffinity } : null,
            },
        });
    }

    /// <summary>
    /// <c>initial_node_count</c> is per zone: the pool starts with it in every zone. Total limits are spread over the zones
    /// (rounded up), so a pool with <c>Total(2, …)</c> in 2 zones starts with 1 node per zone, 2 in all.
    /// </summary>
    private static int InitialNodeCount(NodePoolAutoscaling scaling, int zoneCount)
    {
        if (scaling.MinNodeCount is { } perZone)
        {
            return perZone;
        }

        var total = scaling.TotalMinNodeCount ?? 0;
        return (total + zoneCount - 1) / zoneCount;
    }

    /// <summary>
    /// How many zones the pool's nodes run in: its <see cref="NodePoolProps.NodeLocations"/>, else the cluster's — one for a
    /// zonal cluster, <see cref="NodePoolDefaults.RegionalClusterZones"/> for a regional one (GKE's default node locations).
    /// </summary>
    internal static int ZoneCount(NodePoolProps props) =>
        props.NodeLocations is { Count: > 0 } zones ? zones.Count
        : !InputValidator.IsUnresolved(props.Cluster.Location) && GcpNames.IsRegion(props.Cluster.Location) ? NodePoolDefaults.RegionalClusterZones
        : 1;

    private static void ValidateAutoscaling(InputValidator v, NodePoolProps props)
    {
        var a = props.Autoscaling;
        const string p = "Autoscaling.";
        var perZone = a.MinNodeCount is not null || a.MaxNodeCount is not null;
        var total = a.TotalMinNodeCount is not null || a.TotalMaxNodeCount is not null;
        if (perZone && total)
        {
            static string Show(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "unset";
            v.Add(p.TrimEnd('.'),
                $"MinNodeCount={Show(a.MinNodeCount)}, MaxNodeCount={Show(a.MaxNodeCount)}, TotalMinNodeCount={Show(a.TotalMinNodeCount)}, TotalMaxNodeCount={Show(a.TotalMaxNodeCount)}",
                "per-zone limits (MinNodeCount/MaxNodeCount) and total limits (TotalMinNodeCount/TotalMaxNodeCount) are mutually exclusive; set one pair");
            return;
        }

        if (!perZone && !total)
        {
            v.Add(p + "MaxNodeCount", null, "set per-zone (MinNodeCount/MaxNodeCount) or total (TotalMinNodeCount/TotalMaxNodeCount) limits");
            return;
        }

        var (minName, maxName, min, max) = perZone
            ? ("MinNodeCount", "MaxNodeCount", a.MinNodeCount, a.MaxNodeCount)
            : ("TotalMinNodeCount", "TotalMaxNodeCount", a.TotalMinNodeCount, a.TotalMaxNodeCount);
        v.Require(min is >= 0, p + minName, min, "must be set and at least 0");
        v.Require(max is >= 1, p + maxName, max, "must be set and at least 1");
        if (min is { } lo && max is { } hi)
        {
            v.Require(lo <= hi, p + minName, lo, $"must not exceed {maxName} ({hi})");
        }

        if (a.TotalMinNodeCount is > 0 and var totalMin && ZoneCount(props) is var zones && totalMin < zones)
        {
            v.Add(p + "TotalMinNodeCount", totalMin,
                $"initial_node_count is per zone, so a pool in {zones} zones starts with at least {zones} nodes, more than the total minimum; "
                + $"pin NodeLocations to at most {totalMin} zone(s) or raise the minimum to {zones}");
        }

        v.Defined(a.LocationPolicy, p + nameof(a.LocationPolicy));
    }
}
