using System.Diagnostics;
using System.Globalization;

namespace MlopsCdktf.Bench;

/// <summary>
/// Runs a command and measures its wall time and the peak resident memory of its whole process tree (the dotnet host,
/// the jsii Node.js child, and for <c>make synth</c> the CDKTF CLI), sampled every 20 ms by walking
/// <c>/proc/&lt;pid&gt;/task/*/children</c> from the root (cheap: it reads only the tree's own files). Linux only.
/// </summary>
internal static class ProcessTreeSampler
{
    public sealed record Measurement(TimeSpan Wall, long PeakTreeRssBytes, int ExitCode, string Output);

    public static Measurement Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, TreeRss(process.Id));
        }

        stopwatch.Stop();
        return new Measurement(stopwatch.Elapsed, peak, process.ExitCode, stdout.Result + stderr.Result);
    }

    private static long TreeRss(int root)
    {
        long total = 0;
        var pending = new Stack<int>([root]);
        var seen = new HashSet<int>();
        while (pending.TryPop(out var pid))
        {
            if (!seen.Add(pid))
            {
                continue;
            }

            total += Rss(pid);
            foreach (var task in SafeDirectories($"/proc/{pid}/task"))
            {
                foreach (var child in (TryRead(Path.Combine(task, "children")) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
                }
            }
        }

        return total;
    }

    private static long Rss(int pid)
    {
        var status = TryRead($"/proc/{pid}/status");
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string[] SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
