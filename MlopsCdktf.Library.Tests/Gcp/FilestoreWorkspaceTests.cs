using System.Text.Json.Nodes;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>Defaults and per-tier validation of <see cref="FilestoreWorkspace"/>.</summary>
public sealed class FilestoreWorkspaceTests
{
    private static JsonObject Synth(FilestoreWorkspaceProps? props = null) =>
        SynthHarness.Gcp(stack => new FilestoreWorkspace(stack, "Workspace", props ?? Workspace)).Single("google_filestore_instance");

    private static IReadOnlyList<string> RejectWorkspace(FilestoreWorkspaceProps props)
    {
        var error = Reject<FilestoreWorkspace>(stack => _ = new FilestoreWorkspace(stack, "Workspace", props));
        Assert.That(error.ConstructPath, Is.EqualTo("test/Workspace"));
        return error.Problems;
    }

    [Test]
    public void Share_is_exported_to_private_ranges_with_root_squash_and_protected_by_default()
    {
        var instance = Synth();
        Assert.That(instance["tier"]!.GetValue<string>(), Is.EqualTo("ZONAL"));
        Assert.That(instance["location"]!.GetValue<string>(), Is.EqualTo("europe-west4-a"));
        Assert.That(instance["file_shares"]!["name"]!.GetValue<string>(), Is.EqualTo("workspace"));
        Assert.That(instance["file_shares"]!["capacity_gb"]!.GetValue<int>(), Is.EqualTo(1024));
        var export = instance["file_shares"]!["nfs_export_options"]!.AsArray().Single()!;
        Assert.That(export["ip_ranges"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16" }));
        Assert.That(export["access_mode"]!.GetValue<string>(), Is.EqualTo("READ_WRITE"));
        Assert.That(export["squash_mode"]!.GetValue<string>(), Is.EqualTo("ROOT_SQUASH"));
        Assert.That(export["anon_uid"]!.GetValue<int>(), Is.EqualTo(65534));
        Assert.That(export["anon_gid"]!.GetValue<int>(), Is.EqualTo(65534));
        var network = instance["networks"]!.AsArray().Single()!;
        Assert.That(network["network"]!.GetValue<string>(), Is.EqualTo("ml-vpc"));
        Assert.That(network["connect_mode"]!.GetValue<string>(), Is.EqualTo("DIRECT_PEERING"));
        Assert.That(network["modes"]![0]!.GetValue<string>(), Is.EqualTo("MODE_IPV4"));
        Assert.That(instance["deletion_protection_enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(instance["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
        Assert.That(instance["kms_key_name"], Is.Null);
    }

    [Test]
    public void Connect_mode_kms_and_read_only_no_squash_exports_are_configurable()
    {
        const string key = "projects/acme-ml-test/locations/europe-west4/keyRings/ml/cryptoKeys/filestore";
        var instance = Synth(Workspace with
        {
            ConnectMode = FilestoreConnectMode.PrivateServiceAccess,
            KmsKeyName = key,
            DeletionPolicy = DeletionPolicy.ForceDestroy,
            ExportRules = [new NfsExportRule { IpRanges = ["10.4.0.0/28"], AccessMode = NfsAccessMode.ReadOnly, SquashMode = NfsSquashMode.NoRootSquash }],
        });
        Assert.That(instance["networks"]![0]!["connect_mode"]!.GetValue<string>(), Is.EqualTo("PRIVATE_SERVICE_ACCESS"));
        Assert.That(instance["kms_key_name"]!.GetValue<string>(), Is.EqualTo(key));
        Assert.That(instance["deletion_protection_enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(instance["lifecycle"], Is.Null);
        var export = instance["file_shares"]!["nfs_export_options"]![0]!;
        Assert.That(export["access_mode"]!.GetValue<string>(), Is.EqualTo("READ_ONLY"));
        Assert.That(export["squash_mode"]!.GetValue<string>(), Is.EqualTo("NO_ROOT_SQUASH"));
        Assert.That(export["anon_uid"], Is.Null);
    }

    [Test]
    public void Overlapping_ranges_and_a_wide_no_root_squash_rule_are_rejected()
    {
        Assert.That(RejectWorkspace(Workspace with
        {
            ExportRules =
            [
                new NfsExportRule { IpRanges = ["10.0.0.0/8"] },
                new NfsExportRule { IpRanges = ["10.20.0.0/16"], SquashMode = NfsSquashMode.NoRootSquash },
            ],
        }), Is.EqualTo(new[]
        {
            "ExportRules[1].IpRanges was \"10.20.0.0/16\": a NoRootSquash rule gives root on every matching client ownership of the whole share, so it may cover at most a /24 (admin hosts); give workloads a RootSquash rule, or say in WideNoRootSquashReason why the range may have it (e.g. nodes whose pods all run non-root).",
            "ExportRules[1].IpRanges was \"10.20.0.0/16\": overlaps 10.0.0.0/8 of ExportRules[0]; Filestore rejects overlapping ranges within and across export rules.",
        }));
    }

    [Test]
    public void A_wide_no_root_squash_rule_needs_a_reason_that_says_why()
    {
        var nodes = new NfsExportRule { IpRanges = ["10.10.0.0/20"], SquashMode = NfsSquashMode.NoRootSquash };
        Assert.That(RejectWorkspace(Workspace with { ExportRules = [nodes with { WideNoRootSquashReason = "nodes" }] }), Is.EqualTo(new[]
        {
            "ExportRules[0].WideNoRootSquashReason was \"nodes\": must explain in at least 20 characters why root on every client of the range may own the share.",
        }));
        var exports = Synth(Workspace with
        {
            ExportRules = [nodes with { WideNoRootSquashReason = "kubelet mounts from the node; workload pods cannot run as root" }],
        })["file_shares"]!["nfs_export_options"]!.AsArray();
        Assert.That(exports.Single()!["squash_mode"]!.GetValue<string>(), Is.EqualTo("NO_ROOT_SQUASH"));
    }

    [Test]
    public void An_admin_range_without_root_squash_beside_the_root_squashed_node_range_makes_the_share_writable_once()
    {
        var exports = Synth(Workspace with
        {
            ExportRules =
            [
                new NfsExportRule { IpRanges = ["10.10.0.0/20"] },
                new NfsExportRule { IpRanges = ["10.10.255.0/29"], SquashMode = NfsSquashMode.NoRootSquash },
            ],
        })["file_shares"]!["nfs_export_options"]!.AsArray();
        Assert.That(exports.Select(e => (e!["ip_ranges"]![0]!.GetValue<string>(), e["squash_mode"]!.GetValue<string>(), e["access_mode"]!.GetValue<string>())),
            Is.EqualTo(new[] { ("10.10.0.0/20", "ROOT_SQUASH", "READ_WRITE"), ("10.10.255.0/29", "NO_ROOT_SQUASH", "READ_WRITE") }));
    }

    [TestCase(FilestoreTier.BasicHdd, 1024, "europe-west4-a")]
    [TestCase(FilestoreTier.BasicHdd, 65433, "europe-west4-a")]
    [TestCase(FilestoreTier.BasicSsd, 2560, "europe-west4-a")]
    [TestCase(FilestoreTier.Zonal, 9984, "europe-west4-a")]
    [TestCase(FilestoreTier.Zonal, 12800, "europe-west4-a")]
    [TestCase(FilestoreTier.Regional, 1280, "europe-west4")]
    [TestCase(FilestoreTier.Enterprise, 10240, "europe-west4")]
    [TestCase(FilestoreTier.HighScaleSsd, 102400, "europe-west4-b")]
    public void Sizes_on_the_tier_range_and_step_are_accepted(FilestoreTier tier, int gb, string location) =>
        Assert.DoesNotThrow(() => _ = new FilestoreWorkspace(SynthHarness.BareStack(), "Workspace", Workspace with { Tier = tier, CapacityGb = gb, Location = location }));

    [Test]
    public void Basic_ssd_at_1_tib_is_rejected() =>
        Assert.That(RejectWorkspace(Workspace with { Tier = FilestoreTier.BasicSsd, CapacityGb = 1024 }).Single(), Is.EqualTo(
            "CapacityGb was 1024: tier BASIC_SSD allows 2560–65433 GiB (2.5–63.9 TiB)."));

    [Test]
    public void Zonal_at_1_1_tib_off_the_256_gib_step_is_rejected() =>
        Assert.That(RejectWorkspace(Workspace with { CapacityGb = 1126 }).Single(), Is.EqualTo(
            "CapacityGb was 1126: tier ZONAL allows 1024–9984 GiB (1–9.75 TiB) in 256 GiB steps or 10240–102400 GiB (10–100 TiB) in 2560 GiB steps."));

    [Test]
    public void Zonal_at_10_1_tib_off_the_2_5_tib_step_is_rejected() =>
        Assert.That(RejectWorkspace(Workspace with { CapacityGb = 10342 }).Single(), Does.StartWith(
            "CapacityGb was 10342: tier ZONAL allows 1024–9984 GiB (1–9.75 TiB) in 256 GiB steps or 10240–102400 GiB (10–100 TiB) in 2560 GiB steps"));

    [Test]
    public void Zonal_between_the_bands_is_rejected() =>
        Assert.That(RejectWorkspace(Workspace with { CapacityGb = 10000 }).Single(), Does.StartWith("CapacityGb was 10000: tier ZONAL allows"));

    [TestCase(FilestoreTier.Enterprise, 512, "CapacityGb was 512: tier ENTERPRISE allows 1024–10240 GiB (1–10 TiB) in 256 GiB steps.")]
    [TestCase(FilestoreTier.HighScaleSsd, 5120, "CapacityGb was 5120: tier HIGH_SCALE_SSD allows 10240–102400 GiB (10–100 TiB) in 2560 GiB steps.")]
    [TestCase(FilestoreTier.BasicHdd, 70000, "CapacityGb was 70000: tier BASIC_HDD allows 1024–65433 GiB (1–63.9 TiB).")]
    public void Other_tier_limits_are_enforced(FilestoreTier tier, int gb, string expected)
    {
        var location = FilestoreWorkspace.IsRegionalTier(tier) ? "europe-west4" : "europe-west4-a";
        Assert.That(RejectWorkspace(Workspace with { Tier = tier, CapacityGb = gb, Location = location }).Single(), Is.EqualTo(expected));
    }

    [Test]
    public void Regional_with_a_zone_location_is_rejected() =>
        Assert.That(RejectWorkspace(Workspace with { Tier = FilestoreTier.Regional }).Single(), Is.EqualTo(
            "Location was \"europe-west4-a\": tier REGIONAL is regional: the location must be a region (e.g. europe-west4), not a zone."));

    [Test]
    public void Zonal_tier_with_a_region_location_is_rejected() =>
        Assert.That(RejectWorkspace(Workspace with { Tier = FilestoreTier.BasicHdd, Location = "europe-west4" }).Single(), Is.EqualTo(
            "Location was \"europe-west4\": tier BASIC_HDD is zonal: the location must be a zone (e.g. europe-west4-a), not a region."));

    [Test]
    public void Kms_on_basic_tiers_bad_share_names_and_exports_are_rejected()
    {
        var problems = RejectWorkspace(Workspace with
        {
            Tier = FilestoreTier.BasicHdd,
            KmsKeyName = "projects/p/locations/l/keyRings/r/cryptoKeys/k",
            ShareName = "Work-Space",
            ExportRules = [new NfsExportRule { IpRanges = ["everyone"], SquashMode = NfsSquashMode.NoRootSquash, AnonUid = 1000 }],
        });
        Assert.That(problems, Has.Member(
            "KmsKeyName was \"projects/p/locations/l/keyRings/r/cryptoKeys/k\": tier BASIC_HDD does not support customer-managed encryption keys; use ZONAL, REGIONAL, ENTERPRISE or HIGH_SCALE_SSD."));
        Assert.That(problems, Has.Member("ShareName was \"Work-Space\": must be 1 to 16 lowercase letters, digits and underscores, starting with a letter."));
        Assert.That(problems, Has.Member("ExportRules[0].IpRanges was \"everyone\": must be an IPv4 address or CIDR block with no address bits beyond the prefix (e.g. 10.0.0.0/8)."));
        Assert.That(problems, Has.Member("ExportRules[0].AnonUid/AnonGid was \"1000/65534\": apply only with RootSquash."));
    }
}
