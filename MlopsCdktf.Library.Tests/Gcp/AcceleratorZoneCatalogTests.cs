using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>
/// The accelerator catalogue: the committed file, its parser, and the script that regenerates it from gcloud's output
/// (run on a sample shaped like <c>gcloud compute accelerator-types list --format=json</c>).
/// </summary>
[Category("Process")]
public sealed class AcceleratorZoneCatalogTests
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "scripts", "update-accelerator-zones.sh");
    private static readonly string Sample = Path.Combine(RepoPaths.Root, "MlopsCdktf.Library.Tests", "Gcp", "TestData", "accelerator-types.gcloud.json");

    private static AcceleratorZoneCatalog Parse(string text) => AcceleratorZoneCatalog.Parse(new StringReader(text));

    private static ChildProcessResult RunScript(string input, params string[] arguments) =>
        ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?> { ["ACCELERATOR_ZONES_DATE"] = "2026-12-04" }, TimeSpan.FromMinutes(1),
            "bash", ["-c", $"\"$0\" \"$@\" < {Quote(input)}", Script, .. arguments]);

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [Test]
    public void The_committed_catalogue_names_its_source_and_date_and_covers_the_project_regions_and_gpu_types()
    {
        var catalog = AcceleratorZoneCatalog.Embedded;
        Assert.That(catalog.Source, Does.Contain("GPU regions and zones"));
        Assert.That(catalog.Date, Does.Match("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
        Assert.That(catalog.Regions, Is.SupersetOf(new[] { "europe-west4", "europe-west1", "us-central1", "us-east1", "us-east4", "us-west1" }));
        foreach (var gpu in Enum.GetValues<GpuType>().Where(g => g != GpuType.NvidiaP100))
        {
            Assert.That(catalog.RegionsOffering(gpu.ToProvider()), Is.Not.Empty, $"{gpu} is offered somewhere");
        }

        using var committed = File.OpenText(Path.Combine(RepoPaths.Library, "Gcp", "accelerator-zones.tsv"));
        Assert.That(AcceleratorZoneCatalog.Parse(committed).Count, Is.EqualTo(catalog.Count), "the embedded catalogue is the committed file");
    }

    [Test]
    public void The_committed_catalogue_places_t4_in_europe_west4_b_and_c_and_marks_a_uncertain()
    {
        var catalog = AcceleratorZoneCatalog.Embedded;
        Assert.That(catalog.ZonesOffering("europe-west4", "nvidia-tesla-t4", AcceleratorOffer.Listed), Is.EqualTo(new[] { "europe-west4-b", "europe-west4-c" }));
        Assert.That(catalog.Offer("europe-west4-a", "nvidia-tesla-t4"), Is.EqualTo(AcceleratorOffer.Uncertain));
        Assert.That(catalog.Offer("europe-west4-a", "nvidia-l4"), Is.EqualTo(AcceleratorOffer.Listed));
        Assert.That(catalog.Offer("us-east1-d", "nvidia-tesla-t4"), Is.EqualTo(AcceleratorOffer.Absent));
        Assert.That(catalog.Offer("asia-south1-a", "nvidia-tesla-t4"), Is.EqualTo(AcceleratorOffer.RegionNotCovered));
    }

    [Test]
    public void The_script_turns_gcloud_json_into_a_catalogue_the_parser_reads()
    {
        var output = Path.Combine(Path.GetTempPath(), $"accelerator-zones-{Guid.NewGuid():N}.tsv");
        try
        {
            RunScript(Sample, "-o", output).AssertSucceeded();
            var text = File.ReadAllText(output);
            var catalog = Parse(text);

            Assert.That(catalog.Source, Is.EqualTo("gcloud compute accelerator-types list --format=json"));
            Assert.That(catalog.Date, Is.EqualTo("2026-12-04"));
            Assert.That(catalog.Regions, Is.EquivalentTo(new[] { "europe-west4", "us-central1" }));
            Assert.That(catalog.ZonesOffering("europe-west4", "nvidia-tesla-t4"), Is.EqualTo(new[] { "europe-west4-b", "europe-west4-c" }));
            Assert.That(catalog.ZonesOffering("europe-west4", "nvidia-l4"), Is.EqualTo(new[] { "europe-west4-a", "europe-west4-b", "europe-west4-c" }));
            Assert.That(catalog.Offer("europe-west4-b", "nvidia-tesla-t4-vws"), Is.EqualTo(AcceleratorOffer.Listed), "every type gcloud lists is kept");
            Assert.That(catalog.Offer("us-central1-a", "nvidia-tesla-k80"), Is.EqualTo(AcceleratorOffer.Absent), "obsolete types are left out");
            Assert.That(catalog.Count, Is.EqualTo(10));
            Assert.That(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "rows sorted: stable diffs");
            RunScript(Sample, "-o", output).AssertSucceeded();
            Assert.That(File.ReadAllText(output), Is.EqualTo(text), "the same input writes the same file");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Test]
    public void The_script_reads_csv_too_and_rejects_empty_input()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"accelerator-types-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(csv, "zone,name\neurope-west4-b,nvidia-tesla-t4\nhttps://www.googleapis.com/compute/v1/projects/p/zones/us-east1-c,nvidia-l4\n");
            var catalog = Parse(RunScript(csv, "-o", "-").AssertSucceeded().Output);
            Assert.That(catalog.Offer("europe-west4-b", "nvidia-tesla-t4"), Is.EqualTo(AcceleratorOffer.Listed));
            Assert.That(catalog.Offer("us-east1-c", "nvidia-l4"), Is.EqualTo(AcceleratorOffer.Listed));

            File.WriteAllText(csv, "[]\n");
            var empty = RunScript(csv, "-o", "-");
            Assert.That(empty.ExitCode, Is.EqualTo(1));
            Assert.That(empty.Output, Does.Contain("no accelerator types found in the input"));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Test]
    public void The_script_passes_static_checks()
    {
        ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1), "bash", "-n", Script).AssertSucceeded();
        var shellcheck = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(d => Path.Combine(d, "shellcheck")).FirstOrDefault(File.Exists);
        if (shellcheck is null)
        {
            Assert.Pass("shellcheck is not installed: bash -n only");
        }

        ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1), shellcheck, Script).AssertSucceeded();
    }

    [TestCase("zone\taccelerator\tstatus\neurope-west4-b\tnvidia-tesla-t4\tmaybe\n", "line 5: status must be listed or uncertain, found \"maybe\"")]
    [TestCase("zone\taccelerator\tstatus\neurope-west4-b nvidia-tesla-t4 listed\n", "line 5: expected zone<TAB>accelerator<TAB>status")]
    [TestCase("zone\taccelerator\tstatus\nus-east1-b\tnvidia-tesla-t4\tlisted\n", "zone us-east1-b is outside the regions the catalogue declares (europe-west4)")]
    [TestCase("zone,accelerator,status\n", "line 4: expected the header")]
    public void Malformed_rows_are_rejected_naming_the_line(string body, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Parse($"# source: test\n# date: 2026-12-04\n# regions: europe-west4\n{body}"))!;
        Assert.That(error.Message, Does.StartWith(expected));
    }
}
