using MlopsCdktf.Runtime;

namespace MlopsCdktf.Tests.Runtime;

/// <summary>Run folders: owned while their process lives, swept once it is gone, never someone else's.</summary>
public sealed class RunTempFolderTests
{
    private DirectoryInfo _temp = null!;

    [SetUp]
    public void NewTempFolder() => _temp = Directory.CreateTempSubdirectory("mlops-runs-");

    [TearDown]
    public void DeleteTempFolder() => _temp.Delete(recursive: true);

    [Test]
    public void A_folder_is_deleted_with_its_content_on_dispose()
    {
        var folder = RunTempFolder.Create(_temp.FullName);
        File.WriteAllText(Path.Combine(folder.FullPath, "package.tgz"), "x");

        folder.Dispose();
        folder.Dispose();

        Assert.That(_temp.GetFileSystemInfos(), Is.Empty);
    }

    [Test]
    public void A_live_run_is_never_swept_an_abandoned_one_is_and_other_folders_are_left_alone()
    {
        using var live = RunTempFolder.Create(_temp.FullName);
        var abandoned = Directory.CreateDirectory(Path.Combine(_temp.FullName, $"{RunTempFolder.Prefix}{DeadPid()}-dead"));
        File.WriteAllText(Path.Combine(abandoned.FullName, ".owner"), ""); // its lock died with its process
        var beingCreated = Directory.CreateDirectory(Path.Combine(_temp.FullName, $"{RunTempFolder.Prefix}{Environment.ProcessId}-new"));
        var unrelated = Directory.CreateDirectory(Path.Combine(_temp.FullName, "someone-else"));

        var swept = RunTempFolder.SweepAbandoned(_temp.FullName);

        Assert.That(swept, Is.EqualTo(1));
        Assert.That(Directory.Exists(live.FullPath) && beingCreated.Exists && unrelated.Exists, Is.True);
        Assert.That(Directory.Exists(abandoned.FullName), Is.False);
    }

    /// <summary>
    /// What a concurrent run's sweep used to delete while this run was still working in its folder: a folder of a live
    /// process whose lock was free (released before the run's last user was done with the folder), a live process's folder
    /// without its owner file, idle for more than 10 minutes, and the shared module folder, which only shares the prefix.
    /// </summary>
    [Test]
    public void A_live_process_folder_is_kept_even_when_its_lock_is_free_or_its_owner_file_gone_and_it_is_idle()
    {
        var unlocked = Directory.CreateDirectory(Path.Combine(_temp.FullName, $"{RunTempFolder.Prefix}{Environment.ProcessId}-released"));
        File.WriteAllText(Path.Combine(unlocked.FullName, ".owner"), "");
        var idle = Directory.CreateDirectory(Path.Combine(_temp.FullName, $"{RunTempFolder.Prefix}{Environment.ProcessId}-idle"));
        var modules = Directory.CreateDirectory(Path.Combine(_temp.FullName, RunTempFolder.Prefix + "modules"));
        foreach (var dir in new[] { idle, modules })
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "plugin-cache"));
            dir.LastWriteTimeUtc = DateTime.UtcNow.AddHours(-1);
        }

        var swept = RunTempFolder.SweepAbandoned(_temp.FullName);

        Assert.That(swept, Is.Zero);
        Assert.That(File.Exists(Path.Combine(unlocked.FullName, ".owner")), Is.True, "the folder of a live process was swept: its lock was free");
        Assert.That(new[] { idle, modules }.Where(d => !Directory.Exists(Path.Combine(d.FullName, "plugin-cache"))).Select(d => d.Name),
            Is.Empty, "a folder of a live process (or not a run folder at all) was swept");
    }

    /// <summary>A pid reused by a process started after the folder does not keep a killed run's folder forever.</summary>
    [Test]
    public void A_killed_run_folder_is_swept_when_its_pid_now_belongs_to_a_younger_process()
    {
        using var younger = System.Diagnostics.Process.Start("sleep", "60");
        try
        {
            var reused = Directory.CreateDirectory(Path.Combine(_temp.FullName, $"{RunTempFolder.Prefix}{younger.Id}-killed"));
            var owner = Path.Combine(reused.FullName, ".owner");
            File.WriteAllText(owner, "");
            File.SetLastWriteTimeUtc(owner, DateTime.UtcNow.AddHours(-1)); // the killed run created it an hour ago

            Assert.That(RunTempFolder.SweepAbandoned(_temp.FullName), Is.EqualTo(1));
            Assert.That(Directory.Exists(reused.FullName), Is.False);
        }
        finally
        {
            younger.Kill();
            younger.WaitForExit();
        }
    }

    /// <summary>The pid of a process that has ended.</summary>
    private static int DeadPid()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
