namespace MlopsCdktf.Runtime;

/// <summary>
/// A temp folder owned by one process: <c>&lt;system temp&gt;/mlops-cdktf-&lt;pid&gt;-&lt;random&gt;</c>, holding an
/// exclusive lock on its <c>.owner</c> file for as long as the process lives. A folder belongs to a process that died
/// without cleaning up (killed, crashed), and is swept by the next <see cref="Create"/>, only when both say so: nobody
/// holds its lock, and the process it names is gone (or its pid now belongs to a process started after the folder). A
/// live process's folder is never swept, whatever became of its lock or owner file, and however long it has been idle;
/// only names of the exact run-folder form are candidates (not, say, <c>mlops-cdktf-modules</c>).
/// </summary>
internal sealed class RunTempFolder : IDisposable
{
    /// <summary>The name prefix of every run folder in the system temp folder.</summary>
    public const string Prefix = "mlops-cdktf-";

    private const string OwnerFile = ".owner";
    private readonly FileStream _owner;
    private readonly Lock _gate = new();
    private bool _deleted;

    private RunTempFolder(string path, FileStream owner, string systemTemp)
    {
        FullPath = path;
        _owner = owner;
        SystemTemp = systemTemp;
    }

    /// <summary>The folder's absolute path.</summary>
    public string FullPath { get; }

    /// <summary>The system temp folder the run folder is in.</summary>
    public string SystemTemp { get; }

    /// <summary>Sweeps abandoned run folders in <paramref name="systemTemp"/>, then creates and locks a new one there.</summary>
    public static RunTempFolder Create(string systemTemp)
    {
        SweepAbandoned(systemTemp);
        var path = Path.Combine(systemTemp, $"{Prefix}{Environment.ProcessId}-{Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)}");
        Directory.CreateDirectory(path);
        // FileShare.None is an advisory whole-file lock (flock on Unix): released by the OS when the process dies.
        var owner = new FileStream(Path.Combine(path, OwnerFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new RunTempFolder(path, owner, systemTemp);
    }

    /// <summary>Deletes abandoned run folders (their owner lock is free) in <paramref name="systemTemp"/>; returns how many.</summary>
    public static int SweepAbandoned(string systemTemp)
    {
        var swept = 0;
        foreach (var dir in SafeEnumerate(systemTemp))
        {
            if (IsAbandoned(dir) && TryDelete(dir))
            {
                swept++;
                if (int.TryParse(Path.GetFileName(dir)[Prefix.Length..].Split('-')[0], out var pid) && !IsAlive(pid))
                {
                    DeleteRuntimeFilesOf(pid, systemTemp);
                }
            }
        }

        return swept;
    }

    /// <summary>
    /// Releases the lock and deletes the folder with everything in it; safe to call more than once and from several
    /// threads (a second caller returns when the folder is gone).
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_deleted)
            {
                return;
            }

            _deleted = true;
            _owner.Dispose();
            // A file being written at this moment (the runtime extracting a package) can make one attempt fail.
            for (var attempt = 0; attempt < 5 && !TryDelete(FullPath); attempt++)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>
    /// Deletes the .NET runtime's diagnostic pipe and socket of process <paramref name="pid"/>
    /// (<c>clr-debug-pipe-&lt;pid&gt;-*</c>, <c>dotnet-diagnostic-&lt;pid&gt;-*</c>) in <paramref name="systemTemp"/>:
    /// the runtime removes them at a normal exit only. For this process when it exits at once, and for a killed run's.
    /// </summary>
    public static void DeleteRuntimeFilesOf(int pid, string systemTemp)
    {
        foreach (var pattern in new[] { $"clr-debug-pipe-{pid}-*", $"dotnet-diagnostic-{pid}-*" })
        {
            foreach (var file in SafeFiles(systemTemp, pattern))
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not ours to insist on.
                }
            }
        }
    }

    /// <summary>After <see cref="Dispose"/>: deletes the folder again if something re-created it meanwhile.</summary>
    public void DeleteAgain()
    {
        if (Directory.Exists(FullPath))
        {
            TryDelete(FullPath);
        }
    }

    private static string[] SafeFiles(string dir, string pattern)
    {
        try
        {
            return Directory.GetFiles(dir, pattern);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static IEnumerable<string> SafeEnumerate(string systemTemp)
    {
        try
        {
            return Directory.GetDirectories(systemTemp, Prefix + "*");
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsAbandoned(string dir)
    {
        // mlops-cdktf-<pid>-<random>: anything else under the prefix (the shared module folder) is not a run folder.
        var parts = Path.GetFileName(dir)[Prefix.Length..].Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            || parts[1].Length == 0 || !parts[1].All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        var owner = Path.Combine(dir, OwnerFile);
        DateTime created;
        try
        {
            using var probe = new FileStream(owner, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            created = File.GetLastWriteTimeUtc(owner); // written once, when the folder was created
        }
        catch (FileNotFoundException)
        {
            // Being created right now (the owner file comes second), or re-created by a writer of a run that was ending:
            // its age says nothing of its process, which must be gone.
            return !IsAlive(pid);
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return false; // locked: its process is alive
        }
        catch (UnauthorizedAccessException)
        {
            return false; // another user's
        }

        // The lock is free. That alone is no proof of death (a run whose lock was released early still works in its
        // folder): the process named must be gone, or the pid reused by a process started after the folder was.
        return !IsAlive(pid) || StartedAfter(pid, created);
    }

    /// <summary>Whether process <paramref name="pid"/> exists.</summary>
    private static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Whether process <paramref name="pid"/> started clearly after <paramref name="utc"/> (so it did not create a folder
    /// then): its start time is known to about a second, hence the margin. Unknown start time: not after.</summary>
    private static bool StartedAfter(int pid, DateTime utc)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime() > utc.AddSeconds(5);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static bool TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
