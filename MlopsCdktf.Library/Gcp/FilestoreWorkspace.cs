using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Google.FilestoreInstance;
using MlopsCdktf.Core;
using FilestoreInstanceResource = HashiCorp.Cdktf.Providers.Google.FilestoreInstance.FilestoreInstance;

namespace MlopsCdktf.Gcp;

/// <summary>
/// A Filestore NFS share used as the shared training workspace (datasets, checkpoints) of training and serving pods.
/// Capacity is validated per tier (range and step), the location kind against the tier (zone or region); exports are
/// limited to private ranges with root squash by default; deletion is protected by <see cref="DeletionPolicy"/>.
/// Mount it in Kubernetes with <see cref="Kubernetes.NfsWorkspaceVolume"/> (<see cref="IpAddress"/>, <see cref="SharePath"/>).
/// </summary>
/// <example>
/// <code>
/// var workspace = new FilestoreWorkspace(this, "Workspace", new FilestoreWorkspaceProps
/// {
///     Name = "ml-workspace",
///     Tier = FilestoreTier.Zonal,
///     CapacityGb = 2560,
///     Location = "europe-west4-a",
///     Network = "ml-vpc",
/// });
/// </code>
/// </example>
public sealed partial class FilestoreWorkspace : Construct
{
    private const int GiBPerTiB = 1024;

    /// <summary>Capacity bands (min, max, step in GiB) per tier; a size is valid when it lies on any band's step.</summary>
    private static readonly IReadOnlyDictionary<FilestoreTier, (int Min, int Max, int Step)[]> CapacityBands = new Dictionary<FilestoreTier, (int, int, int)[]>
    {
        [FilestoreTier.BasicHdd] = [(1024, 65433, 1)],
        [FilestoreTier.BasicSsd] = [(2560, 65433, 1)],
        [FilestoreTier.Zonal] = [(1024, 9984, 256), (10240, 102400, 2560)],
        [FilestoreTier.Regional] = [(1024, 9984, 256), (10240, 102400, 2560)],
        [FilestoreTier.Enterprise] = [(1024, 10240, 256)],
        [FilestoreTier.HighScaleSsd] = [(10240, 102400, 2560)],
    };

    /// <summary>Validates <paramref name="props"/> and declares the instance.</summary>
    /// <exception cref="ConstructInputException">When any input is invalid; the message lists every problem.</exception>
    public FilestoreWorkspace(Construct scope, string id, FilestoreWorkspaceProps props)
        : base(scope, ConstructIds.Free(scope, id, nameof(FilestoreWorkspace)))
    {
        new InputValidator(this).RequireMembers(props);
        Validate(props);

        Instance = new FilestoreInstanceResource(this, "Instance", new FilestoreInstanceConfig
        {
            Name = props.Name,
            Project = props.ProjectId,
            Tier = ToProvider(props.Tier),
            Location = props.Location,
            Protocol = "NFS_V3",
            FileShares = new FilestoreInstanceFileShares
            {
                Name = props.ShareName,
                CapacityGb = props.CapacityGb,
                NfsExportOptions = props.ExportRules.Select(rule => new FilestoreInstanceFileSharesNfsExportOptions
                {
                    IpRanges = rule.IpRanges.ToArray(),
                    AccessMode = rule.AccessMode == NfsAccessMode.ReadWrite ? "READ_WRITE" : "READ_ONLY",
                    SquashMode = rule.SquashMode == NfsSquashMode.RootSquash ? "ROOT_SQUASH" : "NO_ROOT_SQUASH",
                    AnonUid = rule.SquashMode == NfsSquashMode.RootSquash ? rule.AnonUid : null,
                    AnonGid = rule.SquashMode == NfsSquashMode.RootSquash ? rule.AnonGid : null,
                }).ToArray(),
            },
            Networks = new[]
            {
                new FilestoreInstanceNetworks
                {
                    Network = props.Network,
                    Modes = ["MODE_IPV4"],
                    ConnectMode = props.ConnectMode == FilestoreConnectMode.DirectPeering ? "DIRECT_PEERING" : "PRIVATE_SERVICE_ACCESS",
                },
            },
            KmsKeyName = props.KmsKeyName,
            DeletionProtectionEnabled = props.DeletionPolicy.ProtectsFromDeletion(),
            DeletionProtectionReason = props.DeletionPolicy.ProtectsFromDeletion() ? "Training workspace: datasets and checkpoints" : null,
            Labels = TerraformMaps.OrNull(props.Labels),
            Lifecycle = props.DeletionPolicy.ToLifecycle(),
        });

        ShareName = props.ShareName;
        CapacityGb = props.CapacityGb;
    }

    /// <summary>The underlying <c>google_filestore_instance</c> resource.</summary>
    public FilestoreInstanceResource Instance { get; }

    /// <summary>The instance's NFS server address (<c>networks[0].ip_addresses[0]</c>), known after apply.</summary>
    public string IpAddress => Token.AsString(Fn.Element(Instance.Networks.Get(0).IpAddresses, 0));

    /// <summary>The file share name.</summary>
    public string ShareName { get; }

    /// <summary>The path clients mount: <c>/{ShareName}</c>.</summary>
    public string SharePath => "/" + ShareName;

    /// <summary>The share size in GiB.</summary>
    public int CapacityGb { get; }

    /// <summary>The provider's name of <paramref name="tier"/> (<c>BASIC_HDD</c>, …). The one mapping of tiers to strings.</summary>
    public static string ToProvider(FilestoreTier tier) => tier switch
    {
        FilestoreTier.BasicHdd => "BASIC_HDD",
        FilestoreTier.BasicSsd => "BASIC_SSD",
        FilestoreTier.Zonal => "ZONAL",
        FilestoreTier.Regional => "REGIONAL",
        FilestoreTier.Enterprise => "ENTERPRISE",
        FilestoreTier.HighScaleSsd => "HIGH_SCALE_SSD",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>Whether <paramref name="tier"/> is regional (its location is a region) rather than zonal.</summary>
    public static bool IsRegionalTier(FilestoreTier tier) => tier is FilestoreTier.Regional or FilestoreTier.Enterprise;

    private static bool IsBasicTier(FilestoreTier tier) => tier is FilestoreTier.BasicHdd or FilestoreTier.BasicSsd;

    private void Validate(FilestoreWorkspaceProps props)
    {
        var v = new InputValidator(this);
        v.ValidateResourceName(props.Name, nameof(props.Name), 63);
        v.ValidateNetworkReference(props.Network, nameof(props.Network));
        if (props.ProjectId is not null)
        {
            v.ValidateProjectId(props.ProjectId);
        }

        if (!Enum.IsDefined(props.Tier))
        {
            v.Add(nameof(props.Tier), props.Tier, $"must be one of {string.Join(", ", Enum.GetNames<FilestoreTier>())}");
        }
        else
        {
            var tier = ToProvider(props.Tier);
            var bands = CapacityBands[props.Tier];
            v.Require(bands.Any(b => props.CapacityGb >= b.Min && props.CapacityGb <= b.Max && (props.CapacityGb - b.Min) % b.Step == 0),
                nameof(props.CapacityGb), props.CapacityGb, $"tier {tier} allows {string.Join(" or ", bands.Select(Describe))}");

            if (!InputValidator.IsUnresolved(props.Location))
            {
                v.ValidateGcpLocation(props.Location, nameof(props.Location));
                if (IsRegionalTier(props.Tier))
                {
                    v.Require(GcpNames.IsRegion(props.Location), nameof(props.Location), props.Location,
                        $"tier {tier} is regional: the location must be a region (e.g. europe-west4), not a zone");
                }
                else
                {
                    v.Require(GcpNames.IsZone(props.Location), nameof(props.Location), props.Location,
                        $"tier {tier} is zonal: the location must be a zone (e.g. europe-west4-a), not a region");
                }
            }

            v.Require(props.KmsKeyName is null || !IsBasicTier(props.Tier), nameof(props.KmsKeyName), props.KmsKeyName,
                $"tier {tier} does not support customer-managed encryption keys; use ZONAL, REGIONAL, ENTERPRISE or HIGH_SCALE_SSD");
        }

        v.ValidateKmsKeyName(props.KmsKeyName, nameof(props.KmsKeyName));
        v.ValidateKmsKeyLocation(props.KmsKeyName, nameof(props.KmsKeyName), props.Location, nameof(props.Location));
        v.Matches(props.ShareName, nameof(props.ShareName), ShareNamePattern(),
            "must be 1 to 16 lowercase letters, digits and underscores, starting with a letter");
        v.Require(props.ExportRules.Count is >= 1 and <= 10, nameof(props.ExportRules), props.ExportRules.Count, "must hold 1 to 10 export rules");
        var rangeCount = props.ExportRules.Where(r => r is not null).Sum(r => r.IpRanges?.Count ?? 0);
        v.Require(rangeCount <= 64, nameof(props.ExportRules), $"{rangeCount} IP ranges", "may list at most 64 IP ranges across all export rules (Filestore's limit)");
        for (var i = 0; i < props.ExportRules.Count; i++)
        {
            var rule = props.ExportRules[i];
            var p = $"ExportRules[{i}].";
            v.Require(rule.IpRanges.Count > 0, p + nameof(rule.IpRanges), rule.IpRanges.Count, "must list at least one client IP range");
            foreach (var range in rule.IpRanges)
            {
                // Filestore exports are IPv4 only, and a CIDR must name its network address.
                v.Require(Cidr.ParseIpv4(range) is not null || (IPAddress.TryParse(range, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork),
                    p + nameof(rule.IpRanges), range, "must be an IPv4 address or CIDR block with no address bits beyond the prefix (e.g. 10.0.0.0/8)");
            }

            if (rule.SquashMode == NfsSquashMode.NoRootSquash)
            {
                v.Require(rule.WideNoRootSquashReason is null || rule.WideNoRootSquashReason.Trim().Length >= 20, p + nameof(rule.WideNoRootSquashReason),
                    rule.WideNoRootSquashReason, "must explain in at least 20 characters why root on every client of the range may own the share");
                foreach (var range in rule.IpRanges.Where(r => rule.WideNoRootSquashReason is null && ParseRange(r) is { PrefixLength: < FilestoreWorkspaceDefaults.NarrowestAdminPrefix }))
                {
                    v.Add(p + nameof(rule.IpRanges), range,
                        $"a NoRootSquash rule gives root on every matching client ownership of the whole share, so it may cover at most a /{FilestoreWorkspaceDefaults.NarrowestAdminPrefix} "
                        + "(admin hosts); give workloads a RootSquash rule, or say in WideNoRootSquashReason why the range may have it (e.g. nodes whose pods all run non-root)");
                }

                v.Require(rule.AnonUid == FilestoreWorkspaceDefaults.AnonId && rule.AnonGid == FilestoreWorkspaceDefaults.AnonId,
                    p + "AnonUid/AnonGid", $"{rule.AnonUid}/{rule.AnonGid}", "apply only with RootSquash");
            }
            else
            {
                v.InRange(rule.AnonUid, p + nameof(rule.AnonUid), 0, int.MaxValue).InRange(rule.AnonGid, p + nameof(rule.AnonGid), 0, int.MaxValue);
            }
        }

        var ranges = props.ExportRules.SelectMany((rule, i) => rule.IpRanges.Select(r => (Rule: i, Text: r, Network: ParseRange(r))))
            .Where(r => r.Network is not null).ToList();
        for (var a = 0; a < ranges.Count; a++)
        {
            for (var b = a + 1; b < ranges.Count; b++)
            {
                if (Overlap(ranges[a].Network!.Value, ranges[b].Network!.Value))
                {
                    v.Add($"ExportRules[{ranges[b].Rule}].IpRanges", ranges[b].Text,
                        $"overlaps {ranges[a].Text} of ExportRules[{ranges[a].Rule}]; Filestore rejects overlapping ranges within and across export rules");
                }
            }
        }

        v.Defined(props.DeletionPolicy, nameof(props.DeletionPolicy));
        v.ValidateGcpLabels(props.Labels);
        v.ThrowIfInvalid();
    }

    private static IPNetwork? ParseRange(string range) =>
        IPNetwork.TryParse(range, out var network) ? network
        : IPAddress.TryParse(range, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
        : null;

    private static bool Overlap(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    private static string Describe((int Min, int Max, int Step) band)
    {
        static string TiB(int gib) => (gib / (double)GiBPerTiB).ToString("0.##", CultureInfo.InvariantCulture);
        var range = $"{band.Min}–{band.Max} GiB ({TiB(band.Min)}–{TiB(band.Max)} TiB)";
        return band.Step == 1 ? range : $"{range} in {band.Step} GiB steps";
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,15}$")]
    private static partial Regex ShareNamePattern();
}
