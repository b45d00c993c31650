using System.Diagnostics;
using System.Globalization;

namespace MlopsCdktf.Runtime;

/// <summary>The direct child processes of this process (Linux: read from <c>/proc</c>; elsewhere none).</summary>
internal static class ChildProcesses
{
    /// <summary>Kills every direct child (the jsii kernel's Node.js) so none writes to a folder being deleted.</summary>
    public static void KillAll()
    {
        foreach (var pid in Of(Environment.ProcessId))
        {
            try
            {
                using var child = Process.GetProcessById(pid);
                child.Kill();
                child.WaitForExit(2_000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    /// <summary>The ids of the direct children of <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> Of(int parent)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so parse after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited while we looked.
            }
        }

        return children;
    }
}
