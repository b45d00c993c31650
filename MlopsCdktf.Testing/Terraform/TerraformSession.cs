using System.Diagnostics;
using System.Text;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// One folder per test run for everything Terraform writes: the CLI configuration (filesystem mirror for hashicorp/aws
/// only, so nothing is downloaded), a HOME of its own (the user's home and <c>~/.terraformrc</c> are never read or
/// touched) and a working folder per stack. Deleted when the run ends.
/// </summary>
/// <remarks>
/// No <c>plugin_cache_dir</c>: the mirror is unpacked, so <c>terraform init</c> links each workspace's provider straight
/// to it (under a second, no copy). A shared cache only added a folder every init may rewrite: without a lock file,
/// Terraform 1.4+ re-installs the provider into the cache on each init, removing the entry other workspaces link through,
/// and a concurrent <c>terraform test</c> then failed with "fork/exec …/terraform-provider-aws_v5.100.0_x5: no such file
/// or directory".
/// </remarks>
internal sealed class TerraformSession
{
    private static readonly Lazy<TerraformSession> Instance = new(() => new TerraformSession(TerraformInstallation.Require()));
    private static bool _created;
    private readonly Lock _schemaGate = new();
    private ProviderSchema? _schema;

    private TerraformSession(TerraformInstallation installation)
    {
        Installation = installation;
        Root = Directory.CreateTempSubdirectory("mlops-terraform-").FullName;
        Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        CliConfig = Path.Combine(Root, "terraform.tfrc");
        File.WriteAllText(CliConfig, $$"""
            provider_installation {
              filesystem_mirror {
                path    = {{Hcl.String(installation.MirrorDirectory)}}
                include = ["registry.terraform.io/hashicorp/aws"]
              }
            }
            """);
        _created = true;
    }

    /// <summary>The session of this test run (created on first use; skips or fails the test without terraform).</summary>
    public static TerraformSession Current => Instance.Value;

    public TerraformInstallation Installation { get; }

    public string Root { get; }

    private string Home { get; }

    private string CliConfig { get; }

    /// <summary>
    /// What every terraform of this run is started with (after <c>AWS_*</c> and <c>TF_*</c> of the shell are removed): this
    /// session's CLI configuration (the mirror) and HOME, no update check, no prompt. Also for a
    /// process that runs terraform itself (<c>make policy-plan</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["TF_CLI_CONFIG_FILE"] = CliConfig,
        ["HOME"] = Home,
        ["CHECKPOINT_DISABLE"] = "1",
        ["TF_IN_AUTOMATION"] = "1",
        ["TF_INPUT"] = "0",
    };

    /// <summary>A new, empty working folder for the stack <paramref name="name"/> (names are unique within a run).</summary>
    public string NewWorkingDirectory(string name)
    {
        // Laid out like cdktf.out, so state paths relative to the stack folder (../../../) stay inside the session, and
        // in a project folder of its own per workspace: two workspaces of one stack (the plan checks and the policy plans)
        // would otherwise share ../../../terraform.<stack>.tfstate, and one's destroy-plan state would be the other's.
        var path = Path.Combine(Root, "projects", name, "cdktf.out", "stacks", name);
        if (Directory.Exists(path))
        {
            throw new InvalidOperationException($"stack '{name}' was prepared twice in one run");
        }

        return Directory.CreateDirectory(path).FullName;
    }

    /// <summary>
    /// A new, empty folder for a copy of the synthesized stack folder <paramref name="name"/>, outside any project layout
    /// (nothing above it but the session folder): what only the stack folder brings can be found there.
    /// </summary>
    public string NewStandaloneDirectory(string name)
    {
        var path = Path.Combine(Root, "standalone", name);
        if (Directory.Exists(path))
        {
            throw new InvalidOperationException($"stack folder '{name}' was copied twice in one run");
        }

        return Directory.CreateDirectory(path).FullName;
    }

    /// <summary>
    /// <c>terraform init</c> in <paramref name="workingDirectory"/>: the provider is linked from the mirror, so inits of
    /// different workspaces share nothing and run in parallel. Without <paramref name="backend"/>, <c>-backend=false</c>:
    /// modules and providers only.
    /// </summary>
    public TerraformResult Init(string workingDirectory, bool backend = true) =>
        Run(workingDirectory, backend ? ["init", "-input=false", "-no-color"] : ["init", "-input=false", "-backend=false", "-no-color"]).AssertSucceeded();

    /// <summary>The hashicorp/aws schema, read once per run from any workspace initialised with the provider.</summary>
    public ProviderSchema AwsSchema(string initialisedDirectory)
    {
        lock (_schemaGate)
        {
            return _schema ??= ProviderSchema.Parse(Run(initialisedDirectory, "providers", "schema", "-json").AssertSucceeded().Stdout);
        }
    }

    /// <summary>Runs terraform with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public TerraformResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Installation.Binary)
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

        // Credentials or profiles of the developer's shell must not leak into an offline plan.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("TF_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Installation.Binary}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"terraform {string.Join(' ', arguments)} did not finish within 5 minutes in {workingDirectory}");
        }

        process.WaitForExit();
        return new TerraformResult(string.Join(' ', arguments), process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Deletes the session folder (called once when the run ends).</summary>
    public static void Cleanup()
    {
        if (_created && Directory.Exists(Instance.Value.Root))
        {
            Directory.Delete(Instance.Value.Root, recursive: true);
        }
    }
}

/// <summary>What one terraform command did.</summary>
internal sealed record TerraformResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    /// <summary>Fails the test with the command's whole output unless it exited 0.</summary>
    public TerraformResult AssertSucceeded()
    {
        if (ExitCode != 0)
        {
            Assert.Fail($"terraform {Command} exited {ExitCode}:\n{Output}");
        }

        return this;
    }
}

/// <summary>Removes the Terraform session folder when the test run ends.</summary>
[SetUpFixture]
public sealed class TerraformSessionCleanup
{
    [OneTimeTearDown]
    public void DeleteSessionFolder() => TerraformSession.Cleanup();
}
