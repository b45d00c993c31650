using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// One synthesized stack in a working folder of its own, initialised offline from the local mirror. Commands on the same
/// workspace run one at a time; different workspaces run in parallel.
/// </summary>
internal sealed partial class TerraformWorkspace
{
    /// <summary>Fake static credentials, never sent anywhere: the <c>skip_*</c> flags keep the provider offline.</summary>
    private static readonly JsonObject OfflineProviderSettings = new()
    {
        ["access_key"] = "AKIAIOSFODNN7EXAMPLE",
        ["secret_key"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ["skip_credentials_validation"] = true,
        ["skip_requesting_account_id"] = true,
        ["skip_metadata_api_check"] = true,
        ["skip_region_validation"] = true,
        // allowed_account_ids needs the account id from STS, which skip_requesting_account_id turns off.
        ["allowed_account_ids"] = null,
    };

    private readonly TerraformSession _session;
    private readonly Lock _gate = new();

    private TerraformWorkspace(TerraformSession session, string name, string directory, TerraformJson json)
    {
        _session = session;
        Name = name;
        Directory = directory;
        Json = json;
    }

    public string Name { get; }

    public string Directory { get; }

    /// <summary>The synthesized configuration, as written to <c>cdk.tf.json</c>.</summary>
    public TerraformJson Json { get; }

    /// <summary>
    /// Writes <paramref name="json"/> as <c>cdk.tf.json</c>, with the assets of the library's modules it uses where
    /// synthesis puts them, and an <c>override.tf.json</c> that merges fake credentials and the provider's offline flags
    /// into each AWS provider block (region and <c>default_tags</c> stay the stack's), then runs <c>terraform init</c>
    /// from the mirror.
    /// </summary>
    public static TerraformWorkspace Prepare(TerraformSession session, string name, TerraformJson json)
    {
        var directory = session.NewWorkingDirectory(name);
        File.WriteAllText(Path.Combine(directory, "cdk.tf.json"), json.Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        LocalModuleSources.WriteAssets(json, directory);
        return Initialise(session, name, directory, json);
    }

    /// <summary>
    /// Copies the synthesized stack folder <paramref name="stackFolder"/> (<c>cdktf.out/stacks/&lt;stack&gt;</c>: its
    /// <c>cdk.tf.json</c> and whatever it carries, such as <c>assets/</c>) as it is into a folder of its own outside any
    /// project layout, adds the offline <c>override.tf.json</c> and runs <c>terraform init -backend=false</c>: the stack
    /// folder must be all Terraform needs to validate and plan it (the backend's state lives elsewhere by design).
    /// </summary>
    public static TerraformWorkspace PrepareCopyOf(TerraformSession session, string name, string stackFolder)
    {
        var directory = session.NewStandaloneDirectory(name);
        foreach (var file in System.IO.Directory.EnumerateFiles(stackFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(stackFolder, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Initialise(session, name, directory, TerraformJson.Parse(File.ReadAllText(Path.Combine(directory, "cdk.tf.json"))), backend: false);
    }

    private static TerraformWorkspace Initialise(TerraformSession session, string name, string directory, TerraformJson json, bool backend = true)
    {
        File.WriteAllText(Path.Combine(directory, "override.tf.json"), OfflineOverride(json).ToJsonString());
        var workspace = new TerraformWorkspace(session, name, directory, json);
        session.Init(directory, backend);
        return workspace;
    }

    /// <summary><c>terraform validate -json</c>.</summary>
    public ValidationResult Validate()
    {
        var result = Run("validate", "-json", "-no-color");
        var report = JsonNode.Parse(result.Stdout)?.AsObject()
                     ?? throw new InvalidOperationException($"terraform validate printed no JSON:\n{result.Output}");
        var diagnostics = report["diagnostics"]?.AsArray().Select(d => Diagnostic.From(d!.AsObject())).ToList() ?? [];
        return new ValidationResult(report["valid"]!.GetValue<bool>(), diagnostics);
    }

    /// <summary>Writes <paramref name="file"/> as <c>tests/plan.tftest.hcl</c> and runs <c>terraform test</c>.</summary>
    public TerraformResult Test(PlanTestFile file)
    {
        lock (_gate)
        {
            var tests = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "tests")).FullName;
            File.WriteAllText(Path.Combine(tests, "plan.tftest.hcl"), file.Render());
            return _session.Run(Directory, "test", "-no-color");
        }
    }

    /// <summary>
    /// Writes a minimal state holding <paramref name="addresses"/> (managed resources, <c>id</c> only) where the stack's
    /// local backend keeps it, then runs <c>terraform plan -destroy -refresh=false</c>: what Terraform itself does when
    /// someone destroys the stack.
    /// </summary>
    public DestroyPlan PlanDestroy(IReadOnlyCollection<string> addresses)
    {
        var statePath = Path.Combine(Directory, Json.Root["terraform"]?["backend"]?["local"]?["path"]?.GetValue<string>() ?? "terraform.tfstate");
        TerraformResult result;
        lock (_gate)
        {
            // The minimal state lives only for this plan: a later plan of the workspace starts from no state again.
            File.WriteAllText(statePath, MinimalState(addresses).ToJsonString());
            try
            {
                result = Run("plan", "-destroy", "-refresh=false", "-input=false", "-lock=false", "-json");
            }
            finally
            {
                File.Delete(statePath);
            }
        }

        var protectedAddresses = new List<string>();
        var deleted = new List<string>();
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var message = JsonNode.Parse(line)?.AsObject();
            if (message?["diagnostic"] is JsonObject diagnostic && diagnostic["summary"]?.GetValue<string>() == "Instance cannot be destroyed")
            {
                // "Resource <address> has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed."
                var detail = diagnostic["detail"]?.GetValue<string>() ?? string.Empty;
                protectedAddresses.Add(detail.StartsWith("Resource ", StringComparison.Ordinal) ? detail.Split(' ')[1] : detail);
            }

            if (message?["type"]?.GetValue<string>() == "planned_change" && message["change"]?["action"]?.GetValue<string>() == "delete")
            {
                deleted.Add(message["change"]!["resource"]!["addr"]!.GetValue<string>());
            }
        }

        return new DestroyPlan(result, protectedAddresses, deleted);
    }

    /// <summary>
    /// Writes, for each <c>terraform_remote_state</c> of the stack (local backend), a state holding the outputs
    /// <paramref name="remoteStates"/> gives it (by data source name; <see cref="AwsPlanContext.RemoteStates"/>) where
    /// its <c>path</c> points: the project folder of this workspace (<see cref="TerraformSession.NewWorkingDirectory"/>),
    /// as if the publishing stack had been applied there. A saved plan then reads them as the real plan would.
    /// </summary>
    public void WriteRemoteStates(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> remoteStates)
    {
        lock (_gate)
        {
            foreach (var (name, block) in Json.DataSources("terraform_remote_state"))
            {
                if (block["backend"]?.GetValue<string>() != "local" || block["config"]?["path"]?.GetValue<string>() is not { } path)
                {
                    throw new InvalidOperationException($"data.terraform_remote_state.{name}: only a local backend with a path can be planned offline");
                }

                var outputs = remoteStates.TryGetValue(name, out var given)
                    ? given
                    : throw new InvalidOperationException($"data.terraform_remote_state.{name}: no outputs given in the plan context");
                File.WriteAllText(Path.GetFullPath(Path.Combine(Directory, path)), RemoteStateValues.State(outputs).ToJsonString());
            }
        }
    }

    /// <summary>
    /// <c>terraform plan -out</c> with the provider's calls to STS, ECR, S3, EKS and KMS answered by <paramref name="aws"/>, then
    /// <c>terraform show -json</c> of the saved plan: what <c>make diff PLAN_DIR=…</c> and <c>make policy-plan</c> do. With
    /// <paramref name="destroyAddresses"/>, a destroy plan of a minimal state holding them (as <see cref="PlanDestroy"/>).
    /// A stack reading other stacks' outputs needs <see cref="WriteRemoteStates"/> first.
    /// </summary>
    public SavedPlan SavePlan(FakeAwsEndpoint aws, IReadOnlyCollection<string>? destroyAddresses = null, params string[] extraArguments)
    {
        lock (_gate)
        {
            var endpoints = Path.Combine(Directory, "zz_endpoints_override.tf.json");
            var providers = new JsonArray();
            foreach (var provider in Json.Root["provider"]?["aws"]?.AsArray() ?? [])
            {
                var settings = new JsonObject
                {
                    ["endpoints"] = new JsonArray(new JsonObject { ["sts"] = aws.Url, ["ecr"] = aws.Url, ["s3"] = aws.Url, ["eks"] = aws.Url, ["kms"] = aws.Url }),
                    ["s3_use_path_style"] = true,
                };
                if (provider?["alias"] is { } alias)
                {
                    settings["alias"] = alias.DeepClone();
                }

                providers.Add(settings);
            }

            File.WriteAllText(endpoints, new JsonObject { ["provider"] = new JsonObject { ["aws"] = providers } }.ToJsonString());
            var planFile = Path.Combine(Directory, destroyAddresses is null ? "policy.tfplan" : "destroy.tfplan");
            var statePath = Path.Combine(Directory, Json.Root["terraform"]?["backend"]?["local"]?["path"]?.GetValue<string>() ?? "terraform.tfstate");
            try
            {
                List<string> arguments = ["plan", "-input=false", "-lock=false", "-refresh=false", "-no-color", $"-out={planFile}"];
                if (destroyAddresses is not null)
                {
                    File.WriteAllText(statePath, MinimalState(destroyAddresses).ToJsonString());
                    arguments.Add("-destroy");
                }

                _session.Run(Directory, [.. arguments, .. extraArguments]).AssertSucceeded();
                var shown = JsonNode.Parse(_session.Run(Directory, "show", "-json", planFile).AssertSucceeded().Stdout)!.AsObject();
                return new SavedPlan(planFile, shown);
            }
            finally
            {
                File.Delete(endpoints);
                if (destroyAddresses is not null)
                {
                    File.Delete(statePath);
                }
            }
        }
    }

    /// <summary>
    /// The dependency edges of the configuration as Terraform computes them (<c>terraform graph</c>, resources only,
    /// transitively reduced): (dependent, dependency) resource addresses, e.g.
    /// (<c>module.x.aws_flow_log.this</c>, <c>module.x.aws_iam_role_policy.flow_logs</c>).
    /// </summary>
    public IReadOnlySet<(string From, string To)> DependencyEdges()
    {
        var result = Run("graph");
        result.AssertSucceeded();
        return GraphEdge().Matches(result.Stdout).Select(m => (m.Groups["from"].Value, m.Groups["to"].Value)).ToHashSet();
    }

    /// <summary>An edge line of <c>terraform graph</c>'s DOT output: <c>"a" -> "b"</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^\\s*\"(?<from>[^\"]+)\"\\s*->\\s*\"(?<to>[^\"]+)\"", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex GraphEdge();

    private TerraformResult Run(params string[] arguments)
    {
        lock (_gate)
        {
            return _session.Run(Directory, arguments);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?<module>module\.[^.]+)\.)?(?<type>[a-z0-9_]+)\.(?<name>[^.\[]+)(?:\[(?<index>[0-9]+)\])?$")]
    private static partial System.Text.RegularExpressions.Regex StateAddress();

    private static JsonObject OfflineOverride(TerraformJson json)
    {
        var providers = new JsonArray();
        foreach (var provider in json.Root["provider"]?["aws"]?.AsArray() ?? [])
        {
            var settings = OfflineProviderSettings.DeepClone().AsObject();
            if (provider?["alias"] is { } alias)
            {
                settings["alias"] = alias.DeepClone();
            }

            providers.Add(settings);
        }

        return new JsonObject { ["provider"] = new JsonObject { ["aws"] = providers } };
    }

    private static JsonObject MinimalState(IEnumerable<string> addresses)
    {
        var resources = new JsonArray();
        foreach (var address in addresses)
        {
            // [module.<name>.]<type>.<name>[<index>]
            var match = StateAddress().Match(address);
            if (!match.Success)
            {
                throw new ArgumentException($"not a managed resource address: {address}", nameof(addresses));
            }

            var instance = new JsonObject
            {
                ["schema_version"] = 0,
                ["attributes"] = new JsonObject { ["id"] = $"existing-{match.Groups["name"].Value}" },
            };
            if (match.Groups["index"].Success)
            {
                instance["index_key"] = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            var resource = new JsonObject();
            if (match.Groups["module"].Success)
            {
                resource["module"] = match.Groups["module"].Value;
            }

            resource["mode"] = "managed";
            resource["type"] = match.Groups["type"].Value;
            resource["name"] = match.Groups["name"].Value;
            resource["provider"] = "provider[\"registry.terraform.io/hashicorp/aws\"]";
            resource["instances"] = new JsonArray(instance);
            resources.Add(resource);
        }

        return new JsonObject
        {
            ["version"] = 4,
            ["terraform_version"] = "1.11.0",
            ["serial"] = 1,
            ["lineage"] = "00000000-0000-4000-8000-000000000000",
            ["outputs"] = new JsonObject(),
            ["resources"] = resources,
        };
    }
}

/// <summary>A saved plan: the plan file (in the workspace folder, for <c>terraform show</c> there) and what <c>terraform show -json</c> printed.</summary>
internal sealed record SavedPlan(string File, JsonObject Json);

/// <summary>A diagnostic of <c>terraform validate -json</c>.</summary>
internal sealed record Diagnostic(string Severity, string Summary, string Detail, string? Context)
{
    public static Diagnostic From(JsonObject d) => new(
        d["severity"]!.GetValue<string>(),
        d["summary"]?.GetValue<string>() ?? string.Empty,
        d["detail"]?.GetValue<string>() ?? string.Empty,
        d["snippet"]?["context"]?.GetValue<string>() ?? d["address"]?.GetValue<string>());

    public override string ToString() => $"{Severity}: {Summary} [{Context}] {Detail}";
}

/// <summary>The outcome of <c>terraform validate -json</c>.</summary>
internal sealed record ValidationResult(bool Valid, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>A destroy plan: resources Terraform refused to destroy (<c>prevent_destroy</c>) and those it would delete.</summary>
internal sealed record DestroyPlan(TerraformResult Result, IReadOnlyList<string> Protected, IReadOnlyList<string> Deleted);
