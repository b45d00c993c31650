using System.Diagnostics;
using System.Text;

namespace MlopsCdktf.Tests.Support;

/// <summary>The outcome of a <see cref="ChildProcess"/> run: exit code and the interleaved stdout and stderr.</summary>
internal sealed record ChildProcessResult(string Command, int ExitCode, string Output)
{
    /// <summary>Fails the test with the command and its output unless it exited with 0.</summary>
    public ChildProcessResult AssertSucceeded()
    {
        Assert.That(ExitCode, Is.Zero, $"{Command} exited with {ExitCode}:\n{Output}");
        return this;
    }
}

/// <summary>Runs a command to completion with a time limit, outside this test host's MSBuild and jsii settings.</summary>
internal static class ChildProcess
{
    /// <summary>Variables of this test run that must not leak into a child: MSBuild's (a nested <c>dotnet build</c>
    /// would reuse the test build's), the speed-up switches and the app's output folder.</summary>
    private static readonly string[] Isolated = ["NODE_OPTIONS", "MLOPS_DISABLE_SPEEDUPS", "MLOPS_SPEEDUPS_REPORT", "CDKTF_OUTDIR", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly"];

    /// <summary>
    /// Runs <paramref name="command"/> in <paramref name="workingDirectory"/> with <paramref name="environment"/> added
    /// (a null value removes a variable) and fails the test when it takes longer than <paramref name="limit"/>.
    /// </summary>
    public static ChildProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan limit,
        string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        SetEnvironment(start, environment);
        var display = string.Join(' ', [command, .. arguments]);
        TestTiers.RequireSlowCategory(display);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{display} did not finish within {limit.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit();
        return new ChildProcessResult(display, process.ExitCode, output.ToString());
    }

    /// <summary>The child's environment: this run's isolated variables removed, then <paramref name="environment"/> applied.</summary>
    public static void SetEnvironment(ProcessStartInfo start, IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var name in Isolated)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
    }
}
