using System.Globalization;
using MlopsCdktf.Bench;
using MlopsCdktf.Runtime;

// make bench: synthesizes, interleaved (every row once per round, BENCH_RUNS rounds, default 5) from Release builds:
// the full app; cdktf alone (no provider); an app declaring only the three providers; the full app without any
// speed-up; `make synth`; the app with 10 and 50 generated environments. Prints medians of wall time and peak memory of
// the process tree, the targets and whether each is met, and how the cost grows with the number of stacks.
// `scaled-app <n>` is the app with n generated environments (a row of this benchmark, in its own process).
if (args is ["scaled-app", var count])
{
    return ScaledApp.Run(int.Parse(count, CultureInfo.InvariantCulture));
}

var runs = int.TryParse(Environment.GetEnvironmentVariable("BENCH_RUNS"), out var n) && n > 0 ? n : 5;
var root = FindRoot();
var app = Path.Combine(root, "MlopsCdktf", "bin", "Release", "net10.0", "MlopsCdktf.dll");
var emptyApp = Path.Combine(root, "bench", "EmptyApp", "bin", "Release", "net10.0", "EmptyApp.dll");
var self = Path.Combine(AppContext.BaseDirectory, "MlopsCdktf.Bench.dll");
var none = new Dictionary<string, string?>();
var withoutSpeedups = new Dictionary<string, string?> { [SpeedupSettings.DisableVariable] = "all", ["DOTNET_TieredPGO"] = "1" };
var rows = new BenchRow[]
{
    new("full app", "dotnet", [app], none),
    new("cdktf alone", "dotnet", [emptyApp, "--bare"], none),
    new("providers only", "dotnet", [emptyApp], none),
    new("full app, no speed-ups", "dotnet", [app], withoutSpeedups),
    new("make synth", "make", ["--no-print-directory", "-s", "synth"], none),
    new("10 environments", "dotnet", [self, "scaled-app", "10"], none),
    new("50 environments", "dotnet", [self, "scaled-app", "50"], none),
};

foreach (var file in new[] { app, emptyApp })
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"bench: {file} is missing; build it in Release first (make bench does).");
        return 2;
    }
}

Console.WriteLine($"make bench: {runs} interleaved rounds on {Environment.ProcessorCount} cores; wall time and peak memory of the process tree, medians.");
for (var round = 1; round <= runs; round++)
{
    foreach (var row in rows)
    {
        var outdir = Directory.CreateTempSubdirectory("mlops-bench-");
        try
        {
            // make synth writes cdktf.out/ as always; the others write to a throwaway folder.
            var environment = new Dictionary<string, string?>(row.Environment) { ["CDKTF_OUTDIR"] = row.FileName == "make" ? null : outdir.FullName };
            var m = ProcessTreeSampler.Run(row.FileName, row.Arguments, environment, root);
            if (m.ExitCode != 0)
            {
                Console.Error.WriteLine($"bench: {row.Name} failed ({m.ExitCode}):{Environment.NewLine}{m.Output}");
                return 1;
            }

            row.Samples.Add(m);
            row.CountStacks(row.FileName == "make" ? Path.Combine(root, "cdktf.out") : outdir.FullName);
        }
        finally
        {
            outdir.Delete(recursive: true);
        }
    }

    Console.Error.Write($"\rround {round}/{runs} done");
}

Console.Error.WriteLine();
BenchReport.Print(rows, Console.Out);
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
