using System.Diagnostics;
using System.Globalization;

namespace MlopsCdktf.Bench;

/// <summary>
/// Runs a command and measures its wall time and the peak resident memory of its whole process tree (the dotnet
/// host plus the jsii Node.js child), sampled from /proc every 10 ms. Linux only.
/// </summary>
internal static class ProcessTreeSampler
{
    public sealed record Measurement(TimeSpan Wall, long PeakTreeRssBytes, int ExitCode, string StdErr);

    public static Measurement Run(string fileName, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(10))
        {
            peak = Math.Max(peak, TreeRss(process.Id));
        }

        stopwatch.Stop();
        return new Measurement(stopwatch.Elapsed, peak, process.ExitCode, stderr.Result);
    }

    private static long TreeRss(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryRead(Path.Combine(dir, "stat")) is { } stat)
            {
                // pid (comm) state ppid ...: comm may contain spaces, so parse after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (tree.Contains(parent) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }

        return tree.Sum(pid => Rss(pid));
    }

    private static long Rss(int pid)
    {
        var status = TryRead($"/proc/{pid}/status");
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
