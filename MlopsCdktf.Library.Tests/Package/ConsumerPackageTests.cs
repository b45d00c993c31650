using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MlopsCdktf.Tests.Support;
using MlopsCdktf.Tests.Terraform;

namespace MlopsCdktf.Tests.Package;

/// <summary>
/// The library as its users get it: <c>scripts/pack.sh</c> (what <c>make pack</c> runs) packs it into a folder; a
/// throw-away project in a temp folder references that package (local folder source, engine packages from this
/// machine's NuGet cache or feeds), its Program.cs is the README's example, word for word; it is built, run, and its
/// JSON asserted, and the real terraform validates its AWS stack folders (the network's and notebook's modules, carried
/// in the folder with their defaults, included).
/// </summary>
[Category("Package")]
[NonParallelizable]
public sealed partial class ConsumerPackageTests
{
    private const string ExampleMarker = "<!-- consumer-example -->";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private string _root = null!;
    private string _feed = null!;
    private string _app = null!;
    private ChildProcessResult _run = null!;

    [OneTimeSetUp]
    public void PackBuildAndRunTheExample()
    {
        _root = Directory.CreateTempSubdirectory("mlops-consumer-").FullName;
        _feed = Path.Combine(_root, "feed");
        _app = Directory.CreateDirectory(Path.Combine(_root, "fraud-models")).FullName;
        var tmp = Directory.CreateDirectory(Path.Combine(_root, "tmp")).FullName;

        ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?>(), Limit, Path.Combine(RepoPaths.Root, "scripts", "pack.sh"), _feed).AssertSucceeded();
        File.WriteAllText(Path.Combine(_app, "Program.cs"), ReadmeExample(Path.Combine(RepoPaths.Root, "docs", "use-the-constructs.md")));
        File.WriteAllText(Path.Combine(_app, "FraudModels.csproj"), ConsumerProject(PackedVersion()));
        File.WriteAllText(Path.Combine(_app, "nuget.config"), ConsumerSources());

        ChildProcess.Run(_app, new Dictionary<string, string?>(), Limit, "dotnet", "build", "--nologo", "-v", "q").AssertSucceeded();
        _run = ChildProcess.Run(_app, new Dictionary<string, string?> { ["TMPDIR"] = tmp }, Limit,
            "dotnet", Path.Combine(_app, "bin", "Debug", "net10.0", "FraudModels.dll"));
    }

    [OneTimeTearDown]
    public void DeleteTheProject()
    {
        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public void Make_pack_leaves_the_package_and_its_symbols_package()
    {
        var version = PackedVersion();
        Assert.That(File.Exists(Path.Combine(_feed, $"MlopsCdktf.Library.{version}.nupkg")), Is.True);
        Assert.That(File.Exists(Path.Combine(_feed, $"MlopsCdktf.Library.{version}.snupkg")), Is.True);
    }

    [Test]
    public void The_package_carries_its_metadata_docs_readme_and_engine_ranges()
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"MlopsCdktf.Library.{PackedVersion()}.nupkg"));
        Assert.That(package.Entries.Select(e => e.FullName), Is.SupersetOf(new[]
        {
            "lib/net10.0/MlopsCdktf.Library.dll", "lib/net10.0/MlopsCdktf.Library.xml", "README.md", "MlopsCdktf.Library.nuspec",
        }));

        using var nuspecStream = package.GetEntry("MlopsCdktf.Library.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream).Root!;
        var metadata = nuspec.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.That(Field("id"), Is.EqualTo("MlopsCdktf.Library"));
        Assert.That(Field("license"), Is.EqualTo("Apache-2.0"));
        Assert.That(Field("tags").Split(' '), Is.SupersetOf(new[] { "cdktf", "terraform", "mlops", "sagemaker", "gke" }));
        Assert.That(Field("readme"), Is.EqualTo("README.md"));
        Assert.That(Field("description"), Is.Not.Empty);
        Assert.That(Field("authors"), Is.Not.Empty);
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.That(repository.Attribute("url")!.Value, Does.StartWith("https://"));
        Assert.That(repository.Attribute("commit")!.Value, Does.Match("^[0-9a-f]{40}$"));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
        Assert.That(dependencies, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Constructs"] = "[10.4.2, 11.0.0)",
            ["HashiCorp.Cdktf"] = "[0.21.0, 0.22.0)",
            ["HashiCorp.Cdktf.Providers.Aws"] = "[20.1.0, 21.0.0)",
            ["HashiCorp.Cdktf.Providers.Google"] = "[16.12.1, 17.0.0)",
            ["HashiCorp.Cdktf.Providers.Kubernetes"] = "[12.1.1, 13.0.0)",
            ["HashiCorp.Cdktf.Providers.Helm"] = "[12.1.2, 13.0.0)",
        }), "the engine, from the version tested here up to the next breaking line; no analyzer or build-only dependency");
    }

    /// <summary>The Terraform modules ship in the package: embedded in the assembly (what synthesis writes next to the stack)
    /// and, for readers, under <c>modules/</c>; both are the repository's <c>modules/&lt;name&gt;/</c> files.</summary>
    [Test]
    public void The_package_carries_the_terraform_modules()
    {
        var modules = Path.Combine(RepoPaths.Root, "modules");
        var expected = Directory.EnumerateDirectories(modules)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(modules, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.That(expected, Is.SupersetOf(new[] { "aws-network/main.tf", "sagemaker-notebook/main.tf", "sagemaker-notebook/on-start.sh.tftpl" }));

        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"MlopsCdktf.Library.{PackedVersion()}.nupkg"));
        Assert.That(package.Entries.Select(e => e.FullName).Where(e => e.StartsWith("modules/", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            Is.EqualTo(expected.Select(f => "modules/" + f)));

        using var dll = new MemoryStream();
        using (var entry = package.GetEntry("lib/net10.0/MlopsCdktf.Library.dll")!.Open())
        {
            entry.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(dll);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name))
            .Where(r => r.StartsWith("MlopsCdktf.Modules/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.That(resources, Is.EqualTo(expected.Select(f => "MlopsCdktf.Modules/" + f)));
    }

    [Test]
    public void The_symbols_package_maps_sources_to_the_commit_on_the_repository_host()
    {
        using var symbols = ZipFile.OpenRead(Path.Combine(_feed, $"MlopsCdktf.Library.{PackedVersion()}.snupkg"));
        using var pdb = new MemoryStream();
        symbols.GetEntry("lib/net10.0/MlopsCdktf.Library.pdb")!.Open().CopyTo(pdb);

        var sourceLink = SourceLinkJson().Match(System.Text.Encoding.UTF8.GetString(pdb.ToArray()));
        Assert.That(sourceLink.Success, Is.True, "the PDB carries a Source Link map");
        Assert.That(sourceLink.Value, Does.Match(@"""/_/\*"":""https://raw\.githubusercontent\.com/[^/]+/[^/]+/[0-9a-f]{40}/\*"""),
            "deterministic source paths (/_/) mapped to the commit");
    }

    [Test]
    public void Packing_the_same_commit_again_gives_byte_identical_files()
    {
        var again = Path.Combine(_root, "feed-again");
        ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?>(), Limit, Path.Combine(RepoPaths.Root, "scripts", "pack.sh"), again).AssertSucceeded();

        foreach (var file in Directory.EnumerateFiles(_feed))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(again, Path.GetFileName(file))), Is.EqualTo(File.ReadAllBytes(file)), Path.GetFileName(file));
        }
    }

    [Test]
    public void The_readme_names_the_packed_version_and_the_package_readme_shows_the_same_example()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "use-the-constructs.md"));

        Assert.That(readme, Does.Contain($"<PackageReference Include=\"MlopsCdktf.Library\" Version=\"{PackedVersion()}\" />"));
        Assert.That(readme, Does.Contain($"dotnet add package MlopsCdktf.Library --version {PackedVersion()}"));
        Assert.That(ReadmeExample(Path.Combine(RepoPaths.Library, "README.md")), Is.EqualTo(ReadmeExample(Path.Combine(RepoPaths.Root, "docs", "use-the-constructs.md"))));
    }

    [Test]
    public void The_example_runs_without_the_runtime_session_and_passes_the_policy_gate()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.Output);
        Assert.That(_run.Output, Does.Not.Contain("Policy check failed"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_app, "cdktf.out", "manifest.json")))!["stacks"]!.AsObject();
        Assert.That(manifest.Select(s => s.Key), Is.EquivalentTo(new[] { "fraud-platform", "fraud-serving", "fraud-training" }), "app.Synth() wrote every stack");
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_app, "cdktf.out", "policy-report.json")))!.ToJsonString();
        Assert.That(report, Does.Contain("fraud-serving").And.Not.Contain("\"Error\""));
    }

    [Test]
    public void The_serving_stack_depends_on_the_platform_and_its_endpoint_serves_the_published_model()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_app, "cdktf.out", "manifest.json")))!;
        Assert.That(manifest["stacks"]!.AsObject().Select(s => s.Key), Is.EquivalentTo(new[] { "fraud-platform", "fraud-serving", "fraud-training" }));
        Assert.That(manifest["stacks"]!["fraud-serving"]!["dependencies"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[] { "fraud-platform" }));

        var serving = Stack("fraud-serving");
        var model = serving.Single("aws_sagemaker_model");
        var variant = serving.Single("aws_sagemaker_endpoint_configuration")["production_variants"]!.AsArray().Single()!;
        Assert.That(variant["model_name"]!.GetValue<string>(), Is.EqualTo(serving.Reference("aws_sagemaker_model", model, "name")),
            "the variant must serve the model the stack creates");
        Assert.That(variant["instance_type"]!.GetValue<string>(), Is.EqualTo("ml.m5.large"));
        Assert.That(serving.Single("aws_sagemaker_endpoint")["endpoint_config_name"]!.GetValue<string>(),
            Is.EqualTo(serving.Reference("aws_sagemaker_endpoint_configuration", serving.Single("aws_sagemaker_endpoint_configuration"), "name")));

        var container = model["primary_container"]!;
        var platformOutputs = "data.terraform_remote_state.cross-stack-reference-input-fraud-platform.outputs.";
        Assert.That(container["image"]!.GetValue<string>(), Does.StartWith("${" + platformOutputs).And.EndWith(":1.4.0"),
            "the image comes from the platform's repository, pinned to the tag");
        Assert.That(container["model_data_url"]!.GetValue<string>(), Does.StartWith("s3://${" + platformOutputs).And.EndWith("}/models/fraud/1.4.0/model.tar.gz"));
        Assert.That(serving.DataSources("aws_s3_objects").Values.Single()["prefix"]!.GetValue<string>(), Is.EqualTo("models/fraud/1.4.0/model.tar.gz"),
            "the plan checks that the archive is published");
    }

    [Test]
    public void The_platform_stack_holds_an_encrypted_private_bucket_and_an_immutable_repository()
    {
        var platform = Stack("fraud-platform");

        Assert.That(platform.Single("aws_s3_bucket")["bucket"]!.GetValue<string>(), Is.EqualTo("acme-fraud-model-artifacts"));
        var sse = platform.Single("aws_s3_bucket_server_side_encryption_configuration")["rule"]!.AsArray().Single()!["apply_server_side_encryption_by_default"]!;
        Assert.That(sse["sse_algorithm"]!.GetValue<string>(), Is.EqualTo("aws:kms"));
        Assert.That(sse["kms_master_key_id"]!.GetValue<string>(), Is.EqualTo(platform.Reference("aws_kms_key", platform.ByPath("aws_kms_key", "Artifacts/Key"), "arn")));
        var block = platform.Single("aws_s3_bucket_public_access_block");
        Assert.That(new[] { "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets" }.Select(k => block[k]!.GetValue<bool>()), Is.All.True);
        var repository = platform.Single("aws_ecr_repository");
        Assert.That(repository["name"]!.GetValue<string>(), Is.EqualTo("fraud/scorer"));
        Assert.That(repository["image_tag_mutability"]!.GetValue<string>(), Is.EqualTo("IMMUTABLE"));
    }

    [Test]
    public void The_training_stack_holds_a_spot_l4_pool_on_the_given_cluster_scaling_to_zero()
    {
        var pool = Stack("fraud-training").Single("google_container_node_pool");

        Assert.That(pool["cluster"]!.GetValue<string>(), Is.EqualTo("projects/acme-fraud-ml/locations/europe-west4/clusters/training"));
        Assert.That(pool["name"]!.GetValue<string>(), Is.EqualTo("gpu-l4"));
        var node = pool["node_config"]!;
        Assert.That(node["machine_type"]!.GetValue<string>(), Is.EqualTo("g2-standard-8"));
        Assert.That(node["spot"]!.GetValue<bool>(), Is.True);
        var accelerator = node["guest_accelerator"]!.AsArray().Single()!;
        Assert.That(accelerator["type"]!.GetValue<string>(), Is.EqualTo("nvidia-l4"));
        Assert.That(accelerator["count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(node["service_account"]!.GetValue<string>(), Is.EqualTo("gke-nodes@acme-fraud-ml.iam.gserviceaccount.com"));
        Assert.That(pool["autoscaling"]!["total_min_node_count"]!.GetValue<int>(), Is.Zero);
        Assert.That(pool["autoscaling"]!["total_max_node_count"]!.GetValue<int>(), Is.EqualTo(4));
    }

    [Test]
    public void The_network_and_notebook_keep_their_default_modules_carried_in_the_stack_folder()
    {
        var platform = Stack("fraud-platform");
        var sources = platform.Root["module"]!.AsObject().ToDictionary(m => TerraformJson.ConstructPath(m.Value!.AsObject())!, m => m.Value!["source"]!.GetValue<string>());
        Assert.That(sources, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["fraud-platform/Network/Module"] = LocalModuleSources.Source("aws-network"),
            ["fraud-platform/Research/Module"] = LocalModuleSources.Source("sagemaker-notebook"),
        }), "./assets/module-<name>/<hash>, relative to the stack folder");

        var folder = Path.Combine(_app, "cdktf.out", "stacks", "fraud-platform");
        foreach (var source in sources.Values)
        {
            Assert.That(File.Exists(Path.Combine(folder, source, "main.tf")), Is.True, source);
        }

        Assert.That(Directory.Exists(Path.Combine(_app, "cdktf.out", "stacks", "fraud-serving", "assets")), Is.False, "a stack without modules carries none");
    }

    /// <summary>Each AWS stack folder of the consumer's output, copied alone (its modules included) to a fresh folder,
    /// initialises and validates with the real terraform and hashicorp/aws.</summary>
    [TestCase("fraud-platform")]
    [TestCase("fraud-serving")]
    [Category("Terraform")]
    public void Terraform_validates_the_consumers_aws_stack(string name)
    {
        var workspace = TerraformWorkspace.PrepareCopyOf(TerraformSession.Current, "consumer-" + name, Path.Combine(_app, "cdktf.out", "stacks", name));

        var validation = workspace.Validate();

        Assert.That(validation.Diagnostics, Is.Empty, string.Join("\n", validation.Diagnostics));
        Assert.That(validation.Valid, Is.True);
    }

    /// <summary>The C# block after the <c>consumer-example</c> marker of a README.</summary>
    private static string ReadmeExample(string readme)
    {
        var match = ExampleBlock().Match(File.ReadAllText(readme));
        Assert.That(match.Success, Is.True, $"{readme} has no ```csharp block after {ExampleMarker}");
        return match.Groups["code"].Value;
    }

    private string PackedVersion()
    {
        var package = Directory.EnumerateFiles(_feed, "MlopsCdktf.Library.*.nupkg").Single();
        return Path.GetFileNameWithoutExtension(package)["MlopsCdktf.Library.".Length..];
    }

    private TerraformJson Stack(string name) =>
        TerraformJson.Parse(File.ReadAllText(Path.Combine(_app, "cdktf.out", "stacks", name, "cdk.tf.json")));

    /// <summary>
    /// A plain console project referencing the packed version. Its own package folder keeps this test's package out of
    /// the machine's NuGet cache (a later run of the same version must not reuse it); the cache is a fallback folder,
    /// so the engine packages are not copied.
    /// </summary>
    private static string ConsumerProject(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <RestorePackagesPath>../packages</RestorePackagesPath>
            <RestoreAdditionalProjectFallbackFolders>{GlobalPackagesFolder()}</RestoreAdditionalProjectFallbackFolders>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="MlopsCdktf.Library" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>The packed folder first, then the repository's own sources (nuget.org, the engine feed when built).</summary>
    private string ConsumerSources()
    {
        var engineFeed = Path.Combine(RepoPaths.Root, ".engine", "feed");
        return $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{_feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                {(Directory.Exists(engineFeed) ? $"<add key=\"mlops-engine\" value=\"{engineFeed}\" />" : string.Empty)}
              </packageSources>
            </configuration>
            """;
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [GeneratedRegex(@"\{""documents"":\{[^}]*\}\}")]
    private static partial Regex SourceLinkJson();

    [GeneratedRegex(@"<!-- consumer-example -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
