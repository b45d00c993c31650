using System.Globalization;
using MlopsCdktf.Bench;

// make bench: synthesizes the full app and the empty app (the jsii floor: same packages loaded, nothing declared) a few
// times each, from their Release builds, and prints median wall time, peak process-tree memory and the full/floor
// ratios. Target: time ratio <= 1.3. A third row, the bare runtime (cdktf without providers), shows what the floor is made of.
const int Runs = 5;
const double Target = 1.3;
var root = FindRoot();
var emptyApp = Path.Combine(root, "bench", "EmptyApp", "bin", "Release", "net10.0", "EmptyApp.dll");
var apps = new (string Name, string Dll, string[] Args)[]
{
    ("full app (all stacks)", Path.Combine(root, "MlopsCdktf", "bin", "Release", "net10.0", "MlopsCdktf.dll"), []),
    ("empty app (jsii floor)", emptyApp, []),
    ("bare runtime (no provs)", emptyApp, ["--bare"]),
};

foreach (var (name, dll, _) in apps)
{
    if (!File.Exists(dll))
    {
        Console.Error.WriteLine($"bench: {dll} is missing; build it in Release first (make bench does).");
        return 2;
    }
}

// Interleaved (full, floor, bare, full, ...) so every app sees the same machine conditions over the run.
var samples = apps.ToDictionary(a => a.Name, _ => new List<ProcessTreeSampler.Measurement>());
for (var run = 0; run < Runs; run++)
{
    foreach (var (name, dll, extraArgs) in apps)
    {
        var outdir = Directory.CreateTempSubdirectory("mlops-bench-");
        try
        {
            var m = ProcessTreeSampler.Run("dotnet", [dll, .. extraArgs], new Dictionary<string, string> { ["CDKTF_OUTDIR"] = outdir.FullName });
            if (m.ExitCode != 0)
            {
                Console.Error.WriteLine($"bench: {name} failed ({m.ExitCode}):{Environment.NewLine}{m.StdErr}");
                return 1;
            }

            samples[name].Add(m);
        }
        finally
        {
            outdir.Delete(recursive: true);
        }
    }
}

var results = new Dictionary<string, (double Seconds, double PeakMiB)>();
foreach (var (name, _, _) in apps)
{
    var wall = samples[name].Select(s => s.Wall.TotalSeconds).Order().ElementAt(Runs / 2);
    var peak = samples[name].Select(s => s.PeakTreeRssBytes / 1024.0 / 1024.0).Order().ElementAt(Runs / 2);
    results[name] = (wall, peak);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} wall {wall,6:0.00} s   peak memory {peak,7:0} MiB   (median of {Runs})"));
}

var (full, floor) = (results[apps[0].Name], results[apps[1].Name]);
var timeRatio = full.Seconds / floor.Seconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio full/floor         wall {timeRatio,6:0.00}x  peak memory {full.PeakMiB / floor.PeakMiB,7:0.00}x   target wall <= {Target}x: {(timeRatio <= Target ? "met" : "NOT met")}"));
return 0;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "MlopsCdktf.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("MlopsCdktf.slnx not found above the bench binary");
}
