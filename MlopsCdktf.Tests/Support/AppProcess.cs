using System.Diagnostics;

namespace MlopsCdktf.Tests.Support;

/// <summary>Runs the built app (MlopsCdktf.dll, this test build's configuration) as <c>cdktf synth</c> does, in its own process.</summary>
internal static class AppProcess
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Dll => Path.Combine(RepoPaths.Root, "MlopsCdktf", "bin", Configuration, "net10.0", "MlopsCdktf.dll");

    /// <summary>
    /// Starts the app from the repository root with <paramref name="environment"/> added (a null value removes a variable).
    /// A process inherits an ignored SIGINT (test runners and background jobs ignore it); with
    /// <paramref name="defaultSigint"/> the app starts with SIGINT's default disposition, as from a terminal.
    /// </summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, bool defaultSigint = false)
    {
        Assert.That(File.Exists(Dll), Is.True, $"{Dll} is missing: the test build builds it");
        TestTiers.RequireSlowCategory("the app");
        var start = new ProcessStartInfo(defaultSigint ? "env" : "dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (defaultSigint)
        {
            start.ArgumentList.Add("--default-signal=INT"); // GNU env: reset, then exec dotnet (same process id)
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Dll);
        ChildProcess.SetEnvironment(start, environment);

        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>Runs the app to completion (at most 3 minutes); returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string?> environment)
    {
        Assert.That(File.Exists(Dll), Is.True, $"{Dll} is missing: the test build builds it");
        var result = ChildProcess.Run(RepoPaths.Root, environment, TimeSpan.FromMinutes(3), "dotnet", Dll);
        return (result.ExitCode, result.Output);
    }
}
