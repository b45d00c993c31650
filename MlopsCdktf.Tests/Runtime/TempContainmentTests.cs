using System.Diagnostics;
using MlopsCdktf.Runtime;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Runtime;

/// <summary>
/// The app leaves nothing in the temp folder, whether it succeeds, fails, is interrupted or is killed (then the next run
/// sweeps it). Each test gives the app a temp folder of its own (TMPDIR) and lists it before and after.
/// </summary>
[Category("AppProcess")]
[NonParallelizable]
public sealed class TempContainmentTests
{
    private DirectoryInfo _temp = null!;

    [SetUp]
    public void NewTempFolder() => _temp = Directory.CreateTempSubdirectory("mlops-tmpdir-");

    [TearDown]
    public void DeleteTempFolder() => _temp.Delete(recursive: true);

    [Test]
    public void A_successful_synth_leaves_the_temp_folder_as_it_found_it()
    {
        File.WriteAllText(Path.Combine(_temp.FullName, "someone-elses.txt"), "untouched");
        var before = Listing();

        var (exitCode, output) = AppProcess.Run(Environment(Path.Combine(_temp.FullName, "..", _temp.Name + "-out")));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(Listing(), Is.EqualTo(before));
    }

    [Test]
    public void A_failed_synth_leaves_nothing_either()
    {
        var notAFolder = Path.Combine(_temp.FullName, "..", _temp.Name + "-file");
        File.WriteAllText(notAFolder, "the output folder cannot be created here");
        try
        {
            var (exitCode, _) = AppProcess.Run(Environment(notAFolder));

            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(Listing(), Is.Empty);
        }
        finally
        {
            File.Delete(notAFolder);
        }
    }

    // Interrupted as soon as the kernel has its folder (cdktf loading), or while the provider packages load.
    [TestCase(15, "jsii-kernel-*", TestName = "An_interrupted_synth_SIGTERM_while_cdktf_loads_leaves_nothing")]
    [TestCase(2, "jsii-kernel-*", TestName = "An_interrupted_synth_SIGINT_while_cdktf_loads_leaves_nothing")]
    [TestCase(15, "jsii-kernel-*/node_modules/@cdktf", TestName = "An_interrupted_synth_SIGTERM_while_providers_load_leaves_nothing")]
    [TestCase(2, "jsii-kernel-*/node_modules/@cdktf", TestName = "An_interrupted_synth_SIGINT_while_providers_load_leaves_nothing")]
    public void An_interrupted_synth_leaves_nothing(int signal, string busyWith)
    {
        using var app = AppProcess.Start(Environment(Path.Combine(_temp.FullName, "..", _temp.Name + "-out")), defaultSigint: true);
        var node = WaitForRuntime(app, busyWith);

        Assert.That(Kill(app.Id, signal), Is.Zero);
        Assert.That(app.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "the app did not stop");
        WaitForExit(node);
        Assert.That(app.ExitCode, Is.EqualTo(128 + signal), "ended by the session's signal handler, as a shell reports a signal");
        Assert.That(Listing(), Is.Empty);
    }

    [Test]
    public void A_killed_synth_leaves_its_folder_and_the_next_run_sweeps_it()
    {
        var outdir = Path.Combine(_temp.FullName, "..", _temp.Name + "-out");
        using (var app = AppProcess.Start(Environment(outdir)))
        {
            var node = WaitForRuntime(app, "jsii-kernel-*/node_modules/@cdktf");
            app.Kill(); // SIGKILL: nothing runs
            app.WaitForExit();
            WaitForExit(node);
        }

        Assert.That(Listing(), Has.Some.StartsWith(RunTempFolder.Prefix), "SIGKILL leaves the folder behind");
        var (exitCode, output) = AppProcess.Run(Environment(outdir));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(Listing(), Is.Empty);
    }

    private Dictionary<string, string?> Environment(string outdir) => new() { ["TMPDIR"] = _temp.FullName, ["CDKTF_OUTDIR"] = outdir };

    private List<string> Listing() =>
        _temp.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_temp.FullName, f.FullName)).Order().ToList();

    // Waits until the app's run folder holds <busyWith> (a glob of folders); returns the kernel's Node.js process id.
    private int WaitForRuntime(Process app, string busyWith)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.That(app.HasExited, Is.False, "the app ended before it could be interrupted");
            var busy = _temp.GetDirectories(RunTempFolder.Prefix + "*").Any(d => Matches(d, busyWith.Split('/')));
            if (busy && ChildProcesses.Of(app.Id) is [var node, ..])
            {
                return node;
            }

            Thread.Sleep(20);
        }

        Assert.Fail("the jsii runtime did not start within 60 s");
        return 0;
    }

    private static bool Matches(DirectoryInfo dir, string[] globs)
    {
        try
        {
            return globs.Length == 0 || dir.GetDirectories(globs[0]).Any(d => Matches(d, globs[1..]));
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static void WaitForExit(int pid)
    {
        var deadline = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(20);
        }
    }

    private static int Kill(int pid, int signal)
    {
        using var kill = Process.Start("kill", ["-s", signal.ToString(System.Globalization.CultureInfo.InvariantCulture), pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
