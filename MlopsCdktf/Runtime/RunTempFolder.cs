namespace MlopsCdktf.Runtime;

/// <summary>
/// A temp folder owned by one process: <c>&lt;system temp&gt;/mlops-cdktf-&lt;pid&gt;-&lt;random&gt;</c>, holding an
/// exclusive lock on its <c>.owner</c> file for as long as the process lives. Folders whose lock nobody holds belong to
/// a process that died without cleaning up (killed, crashed) and are swept by the next <see cref="Create"/>.
/// </summary>
internal sealed class RunTempFolder : IDisposable
{
    /// <summary>The name prefix of every run folder in the system temp folder.</summary>
    public const string Prefix = "mlops-cdktf-";

    private const string OwnerFile = ".owner";
    private readonly FileStream _owner;
    private int _deleted;

    private RunTempFolder(string path, FileStream owner)
    {
        FullPath = path;
        _owner = owner;
    }

    /// <summary>The folder's absolute path.</summary>
    public string FullPath { get; }

    /// <summary>Sweeps abandoned run folders in <paramref name="systemTemp"/>, then creates and locks a new one there.</summary>
    public static RunTempFolder Create(string systemTemp)
    {
        SweepAbandoned(systemTemp);
        var path = Path.Combine(systemTemp, $"{Prefix}{Environment.ProcessId}-{Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)}");
        Directory.CreateDirectory(path);
        // FileShare.None is an advisory whole-file lock (flock on Unix): released by the OS when the process dies.
        var owner = new FileStream(Path.Combine(path, OwnerFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new RunTempFolder(path, owner);
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
            }
        }

        return swept;
    }

    /// <summary>Releases the lock and deletes the folder with everything in it; safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _deleted, 1) == 0)
        {
            _owner.Dispose();
            TryDelete(FullPath);
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
        var owner = Path.Combine(dir, OwnerFile);
        try
        {
            using var probe = new FileStream(owner, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (FileNotFoundException)
        {
            // Being created right now (the owner file comes second), or already half deleted: only sweep it when old.
            return Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddMinutes(-10);
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
