using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using MlopsCdktf.Policy;
using MlopsCdktf.Policy.Model;

namespace MlopsCdktf;

/// <summary>
/// <c>make policy-plan</c> (the app run as <c>policy-plan &lt;plans folder&gt; [&lt;report folder&gt;]</c>): the policy pack over
/// Terraform plans instead of the synthesized JSON. Each <c>&lt;stack&gt;.tfplan</c> of the folder (what
/// <c>make diff PLAN_DIR=…</c> saves) is converted with <c>terraform show -json</c> in its stack folder
/// (<c>cdktf.out/stacks/&lt;stack&gt;</c>, initialised by the diff); a <c>&lt;stack&gt;.plan.json</c> is read as it is. Construct
/// paths come from the stack folder's <c>cdk.tf.json</c>, suppressions from the app's construct tree (the selection of
/// <c>MLOPS_ENV</c>). Prints the findings, writes <c>policy-report.json</c> and <c>policy.sarif</c>, and fails on errors.
/// </summary>
internal static class PolicyPlan
{
    /// <summary>The first argument that selects this command.</summary>
    public const string Command = "policy-plan";

    /// <summary>Runs the command; returns the exit code (0 passed, 1 an unsuppressed error, 2 plans missing or unreadable).</summary>
    public static int Run(IReadOnlyList<string> arguments, IReadOnlyList<TerraformStack> stacks, TextWriter output, TextWriter errors)
    {
        try
        {
            return Check(arguments, stacks, output);
        }
        catch (PolicyPlanException e)
        {
            errors.WriteLine($"make {Command}: {e.Message}");
            return 2;
        }
    }

    private static int Check(IReadOnlyList<string> arguments, IReadOnlyList<TerraformStack> stacks, TextWriter output)
    {
        if (arguments.Count is < 1 or > 2)
        {
            throw new PolicyPlanException($"usage: {Command} <plans folder> [<report folder>] (got {arguments.Count} argument(s): {string.Join(" ", arguments)})");
        }

        var plansFolder = arguments[0];
        var reportFolder = arguments.Count > 1 ? arguments[1] : plansFolder;
        var stacksFolder = Path.Combine(GatedSynthesis.FinalOutdir, "stacks");
        var pack = PolicyPack.Default;
        var reports = Evaluate(stacks, ReadPlans(plansFolder, stacksFolder), stacksFolder, pack);
        var locator = new SourceLocator(stacks, stacksFolder);
        var errors = reports.Sum(r => r.Errors.Count);
        output.Write(PolicyReportText.Format(reports, "the plan must not be applied"));
        PolicyReportJson.Write(reports, Path.Combine(reportFolder, PolicyReportJson.FileName));
        PolicySarif.Write(reports, pack, Path.Combine(reportFolder, PolicySarif.FileName), locator.Locate);
        output.WriteLine($"policy-plan: {reports.Count} plan(s) of {string.Join(", ", reports.Select(r => r.StackName))}: " +
                         $"{errors} error(s), {reports.Sum(r => r.Warnings.Count)} warning(s), {reports.Sum(r => r.Suppressed.Count)} suppressed; " +
                         $"wrote {Path.Combine(reportFolder, PolicyReportJson.FileName)} and {Path.Combine(reportFolder, PolicySarif.FileName)}");
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Evaluates each (stack, <c>terraform show -json</c> output) with <paramref name="pack"/> and the stack's suppressions.</summary>
    public static IReadOnlyList<PolicyReport> Evaluate(IReadOnlyList<TerraformStack> stacks, IEnumerable<(string Stack, JsonObject Plan)> plans, string stacksFolder, PolicyPack pack)
    {
        var byName = stacks.ToDictionary(s => s.Node.Id, StringComparer.Ordinal);
        var reports = new List<PolicyReport>();
        foreach (var (name, plan) in plans)
        {
            if (!byName.TryGetValue(name, out var stack))
            {
                throw new PolicyPlanException(
                    $"Plan of stack '{name}': not a stack of this selection ({string.Join(", ", byName.Keys)}); set ENV to the environment the plans were made for.");
            }

            var model = SynthesizedStack.FromPlan(name, plan, SynthesizedJson(stack, stacksFolder));
            reports.Add(pack.Evaluate(model, PolicySuppressions.Of(stack)));
        }

        return reports;
    }

    /// <summary>
    /// The plans of <paramref name="folder"/> by stack: <c>&lt;stack&gt;.tfplan</c> through <c>terraform show -json</c> (run in
    /// <c>&lt;stacksFolder&gt;/&lt;stack&gt;</c>), else <c>&lt;stack&gt;.plan.json</c>.
    /// </summary>
    public static IReadOnlyList<(string Stack, JsonObject Plan)> ReadPlans(string folder, string stacksFolder)
    {
        if (!Directory.Exists(folder))
        {
            throw new PolicyPlanException($"Plans folder '{folder}' does not exist: run make diff ENV=<env> PLAN_DIR={folder} first, or set PLANS to a folder of <stack>.tfplan files.");
        }

        var plans = new SortedDictionary<string, Func<JsonObject>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.plan.json"))
        {
            plans[Path.GetFileName(file)[..^".plan.json".Length]] = () => Parse(File.ReadAllText(file), file);
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.tfplan"))
        {
            var stack = Path.GetFileNameWithoutExtension(file);
            plans[stack] = () => Show(Path.GetFullPath(file), Path.Combine(stacksFolder, stack));
        }

        if (plans.Count == 0)
        {
            throw new PolicyPlanException($"Plans folder '{folder}' holds no <stack>.tfplan (make diff PLAN_DIR=…) or <stack>.plan.json (terraform show -json) file.");
        }

        return plans.Select(p => (p.Key, p.Value())).ToList();
    }

    private static JsonObject Show(string planFile, string stackFolder)
    {
        if (!Directory.Exists(stackFolder))
        {
            throw new PolicyPlanException($"Plan {planFile}: its stack folder {stackFolder} is missing; terraform show needs the folder the plan was made in (make diff with the same OUT).");
        }

        var start = new ProcessStartInfo("terraform") { WorkingDirectory = stackFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "show", "-json", "-no-color", planFile })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start terraform");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new PolicyPlanException($"terraform show -json {planFile} (in {stackFolder}) exited {process.ExitCode}: {stderr.Result.Trim()}");
        }

        return Parse(stdout, planFile);
    }

    private static JsonObject Parse(string text, string source) =>
        JsonNode.Parse(text) as JsonObject ?? throw new PolicyPlanException($"{source}: not the JSON object terraform show -json prints.");

    /// <summary>The JSON the plan was made from (the stack folder's <c>cdk.tf.json</c>), else the stack synthesized now.</summary>
    private static JsonObject SynthesizedJson(TerraformStack stack, string stacksFolder)
    {
        var file = Path.Combine(stacksFolder, stack.Node.Id, "cdk.tf.json");
        if (File.Exists(file))
        {
            return Parse(File.ReadAllText(file), file);
        }

        stack.PrepareStack();
        return JsonSerializer.SerializeToNode(stack.ToTerraform())!.AsObject();
    }

    /// <summary>
    /// Where a finding's construct is declared: the stack class's source file (found under the repository root by the
    /// class name) at the line naming the construct's id below the stack; else the stack's <c>cdk.tf.json</c> at the
    /// resource's key.
    /// </summary>
    internal sealed class SourceLocator(IReadOnlyList<TerraformStack> stacks, string stacksFolder)
    {
        private readonly Dictionary<string, TerraformStack> _stacks = stacks.ToDictionary(s => s.Node.Id, StringComparer.Ordinal);
        private readonly string? _root = FindRoot();
        private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);

        public PolicySourceLocation? Locate(PolicyFinding finding)
        {
            if (_root is null)
            {
                return null;
            }

            if (_stacks.TryGetValue(finding.StackName, out var stack) && SourceOf(stack.GetType().Name) is { } source)
            {
                var segments = finding.ConstructPath.Split('/');
                var line = segments.Length > 1 ? LineOf(source.Lines, $"\"{segments[1]}\"") : null;
                return new PolicySourceLocation(source.Uri, line ?? LineOf(source.Lines, $"class {stack.GetType().Name}"));
            }

            var json = Path.Combine(stacksFolder, finding.StackName, "cdk.tf.json");
            if (!File.Exists(json))
            {
                return null;
            }

            var name = finding.ResourceAddress.Split('.') is { Length: >= 2 } parts && !finding.ResourceAddress.StartsWith("module.", StringComparison.Ordinal)
                ? parts[^1]
                : null;
            return new PolicySourceLocation(Relative(json), name is null ? null : LineOf(File.ReadAllLines(json), $"\"{name}\": {{"));
        }

        private (string Uri, string[] Lines)? SourceOf(string typeName)
        {
            if (!_files.TryGetValue(typeName, out var found))
            {
                var file = Directory.EnumerateDirectories(_root!, "MlopsCdktf*")
                    .SelectMany(d => Directory.EnumerateFiles(d, typeName + ".cs", SearchOption.AllDirectories))
                    .FirstOrDefault(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                         && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
                found = file is null ? null : [Relative(file), .. File.ReadAllLines(file)];
                _files[typeName] = found;
            }

            return found is null ? null : (found[0], found[1..]);
        }

        private string Relative(string file) => Path.GetRelativePath(_root!, Path.GetFullPath(file)).Replace(Path.DirectorySeparatorChar, '/');

        private static int? LineOf(string[] lines, string text)
        {
            var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
            return index < 0 ? null : index + 1;
        }

        private static string? FindRoot()
        {
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MlopsCdktf.slnx")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }
    }
}

/// <summary>The plans cannot be read or do not match the selection: a message for the user, exit code 2.</summary>
internal sealed class PolicyPlanException(string message) : Exception(message);
