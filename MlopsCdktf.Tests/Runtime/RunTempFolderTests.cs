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
        var abandoned = Directory.CreateDirectory(Path.Combine(_temp.FullName, RunTempFolder.Prefix + "1-dead"));
        File.WriteAllText(Path.Combine(abandoned.FullName, ".owner"), ""); // its lock died with its process
        var beingCreated = Directory.CreateDirectory(Path.Combine(_temp.FullName, $"{RunTempFolder.Prefix}{Environment.ProcessId}-new"));
        var unrelated = Directory.CreateDirectory(Path.Combine(_temp.FullName, "someone-else"));

        var swept = RunTempFolder.SweepAbandoned(_temp.FullName);

        Assert.That(swept, Is.EqualTo(1));
        Assert.That(Directory.Exists(live.FullPath) && beingCreated.Exists && unrelated.Exists, Is.True);
        Assert.That(Directory.Exists(abandoned.FullName), Is.False);
    }
}
