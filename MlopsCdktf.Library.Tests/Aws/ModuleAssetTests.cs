using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Aws;

/// <summary>
/// The modules of <see cref="PrivateNetwork"/> and <see cref="SageMakerNotebook"/> travel with the stack: by default the
/// library's embedded module is carried into <c>stacks/&lt;stack&gt;/assets/module-&lt;name&gt;/&lt;content hash&gt;</c>, one
/// copy per module per stack, and named by that relative path; a given source is used as is.
/// </summary>
public sealed class ModuleAssetTests
{
    private const string GivenNetworkSource = "git::https://github.com/acme/terraform-modules.git//aws-network?ref=v1.4.0";
    private const string GivenNotebookSource = "app.terraform.io/acme/sagemaker-notebook/aws";

    /// <summary>A synthesized stack folder (<c>cdk.tf.json</c>, assets) and the app's manifest, deleted on dispose.</summary>
    private sealed class SynthesizedStack : IDisposable
    {
        private readonly string _outdir;

        public SynthesizedStack(Action<TerraformStack> declare)
        {
            var stack = new TerraformStack(SynthHarness.NewApp(), "test");
            new AwsProvider(stack, "aws", new AwsProviderConfig { Region = "eu-west-1" });
            declare(stack);
            _outdir = HashiCorp.Cdktf.Testing.FullSynth(stack);
            Folder = Path.Combine(_outdir, "stacks", "test");
            Text = File.ReadAllText(Path.Combine(Folder, "cdk.tf.json"));
            Manifest = File.ReadAllText(Path.Combine(_outdir, "manifest.json"));
        }

        public string Folder { get; }

        public string Text { get; }

        public string Manifest { get; }

        public TerraformJson Json => TerraformJson.Parse(Text);

        public IEnumerable<string> Sources(string pathSuffix) =>
            Json.Root["module"]!.AsObject().Select(m => m.Value!.AsObject())
                .Where(m => TerraformJson.ConstructPath(m)!.EndsWith(pathSuffix, StringComparison.Ordinal))
                .Select(m => m["source"]!.GetValue<string>());

        public void Dispose() => Directory.Delete(_outdir, recursive: true);
    }

    private static PrivateNetworkProps Network(string name) =>
        new() { Name = name, CidrBlock = "10.40.0.0/16", AvailabilityZones = ["eu-west-1a", "eu-west-1b"] };

    private static void NetworksAndNotebook(TerraformStack stack, string? networkSource = null, string? notebookSource = null)
    {
        var network = new PrivateNetwork(stack, "Network", Network("acme-net") with { ModuleSource = networkSource });
        new PrivateNetwork(stack, "OtherNetwork", Network("acme-other") with { ModuleSource = networkSource });
        new SageMakerNotebook(stack, "Notebook", new SageMakerNotebookProps
        {
            Name = "acme-research",
            SubnetId = network.FirstPrivateSubnetId,
            SecurityGroupIds = [network.WorkloadSecurityGroupId],
            ArtifactBucket = new ModelArtifactBucket(stack, "Artifacts", new ModelArtifactBucketProps { BucketName = "acme-module-asset-test" }),
            ModuleSource = notebookSource,
        });
    }

    [Test]
    public void By_default_each_module_is_carried_into_the_stack_folder_once_and_sourced_from_there()
    {
        using var synthesized = new SynthesizedStack(stack => NetworksAndNotebook(stack));
        var network = EmbeddedModule.Named("aws-network");
        var notebook = EmbeddedModule.Named("sagemaker-notebook");

        Assert.That(synthesized.Sources("Network/Module"), Is.EqualTo(new[] { $"./assets/module-aws-network/{network.Hash}", $"./assets/module-aws-network/{network.Hash}" }),
            "both networks share the stack's one copy");
        Assert.That(synthesized.Sources("Notebook/Module"), Is.EqualTo(new[] { $"./assets/module-sagemaker-notebook/{notebook.Hash}" }));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(synthesized.Folder, "assets"), "*", SearchOption.AllDirectories)
                .Where(Directory.Exists).Select(d => Path.GetRelativePath(synthesized.Folder, d).Replace('\\', '/')),
            Is.EquivalentTo(new[]
            {
                "assets/module-aws-network", $"assets/module-aws-network/{network.Hash}",
                "assets/module-sagemaker-notebook", $"assets/module-sagemaker-notebook/{notebook.Hash}",
            }));
        Assert.That(network.IsWrittenAt(Path.Combine(synthesized.Folder, "assets", "module-aws-network", network.Hash)), Is.True);
        Assert.That(notebook.IsWrittenAt(Path.Combine(synthesized.Folder, "assets", "module-sagemaker-notebook", notebook.Hash)), Is.True);
        Assert.That(network.Files.Select(f => f.Key), Is.SupersetOf(new[] { "main.tf", "outputs.tf", "variables.tf", "versions.tf" }));
        Assert.That(notebook.Files.Select(f => f.Key), Does.Contain("on-start.sh.tftpl"));
    }

    [Test]
    public void The_json_and_manifest_name_no_machine_path()
    {
        using var synthesized = new SynthesizedStack(stack => NetworksAndNotebook(stack));

        foreach (var text in new[] { synthesized.Text, synthesized.Manifest })
        {
            Assert.That(text, Does.Not.Contain(EmbeddedModule.WorkFolderName).And.Not.Contain(Path.GetTempPath().TrimEnd('/')).And.Not.Contain(RepoPaths.Root));
        }
    }

    [Test]
    public void A_given_source_wins_unchanged_and_nothing_is_carried()
    {
        using var synthesized = new SynthesizedStack(stack => NetworksAndNotebook(stack, GivenNetworkSource, GivenNotebookSource));

        Assert.That(synthesized.Sources("Network/Module"), Is.All.EqualTo(GivenNetworkSource));
        Assert.That(synthesized.Sources("Notebook/Module"), Is.EqualTo(new[] { GivenNotebookSource }));
        Assert.That(Directory.Exists(Path.Combine(synthesized.Folder, "assets")), Is.False);
    }

    [Test]
    public void A_given_relative_source_is_not_copied_into_an_asset_by_cdktf_either()
    {
        using var synthesized = new SynthesizedStack(stack => NetworksAndNotebook(stack, "../../../modules/aws-network", "./vendor/sagemaker-notebook"));

        Assert.That(synthesized.Sources("Network/Module"), Is.All.EqualTo("../../../modules/aws-network"));
        Assert.That(synthesized.Sources("Notebook/Module"), Is.EqualTo(new[] { "./vendor/sagemaker-notebook" }));
        Assert.That(Directory.Exists(Path.Combine(synthesized.Folder, "assets")), Is.False);
    }

    /// <summary>The hash depends on the module's files only (relative paths and LF contents), so every machine and checkout
    /// names the asset alike: recomputed here from the repository's <c>modules/</c> folder.</summary>
    [TestCase("aws-network")]
    [TestCase("sagemaker-notebook")]
    public void The_asset_hash_is_the_content_hash_of_the_module_files(string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "modules", name);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                     .Where(f => !f.Split('/').Any(part => part.StartsWith('.')))
                     .Order(StringComparer.Ordinal))
        {
            var content = Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(folder, file)).ReplaceLineEndings("\n"));
            sha.AppendData(Encoding.UTF8.GetBytes(file));
            sha.AppendData(BitConverter.GetBytes((long)content.Length));
            sha.AppendData(content);
        }

        Assert.That(EmbeddedModule.Named(name).Hash, Is.EqualTo(Convert.ToHexString(sha.GetHashAndReset())[..32]));
    }

    [Test]
    public void The_work_folder_is_content_addressed_and_an_altered_copy_is_replaced()
    {
        var module = EmbeddedModule.Named("aws-network");
        var folder = module.WriteToWorkFolder();
        Assert.That(folder, Is.EqualTo(Path.Combine(Path.GetTempPath(), EmbeddedModule.WorkFolderName, $"aws-network-{module.Hash}")));
        Assert.That(module.IsWrittenAt(folder), Is.True);

        File.AppendAllText(Path.Combine(folder, "main.tf"), "\n# edited\n");
        File.WriteAllText(Path.Combine(folder, "extra.tf"), "# not part of the module\n");
        Assert.That(module.IsWrittenAt(folder), Is.False);

        Assert.That(module.WriteToWorkFolder(), Is.EqualTo(folder));
        Assert.That(module.IsWrittenAt(folder), Is.True);
        Assert.That(Directory.EnumerateDirectories(Path.GetDirectoryName(folder)!, ".aws-network-*"), Is.Empty, "no staging folder is left behind");
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_shared_work_folder_others_can_write_to_is_not_trusted()
    {
        var module = EmbeddedModule.Named("sagemaker-notebook");
        var root = Path.GetDirectoryName(module.WriteToWorkFolder())!;
        var own = File.GetUnixFileMode(root);
        Assert.That(own, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        try
        {
            File.SetUnixFileMode(root, own | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

            var copy = module.WriteToWorkFolder();

            Assert.That(Path.GetDirectoryName(copy), Is.Not.EqualTo(root), "a private copy instead");
            Assert.That(module.IsWrittenAt(copy), Is.True);
        }
        finally
        {
            File.SetUnixFileMode(root, own);
        }
    }

    [Test]
    public void A_bad_module_source_is_rejected_naming_the_property()
    {
        var error = Assert.Throws<ConstructInputException>(() => _ = new PrivateNetwork(SynthHarness.BareStack(), "Network",
            Network("acme-net") with { ModuleSource = "modules\\aws network" }))!;

        Assert.That(error.Message, Does.StartWith("Invalid PrivateNetwork at path [test/Network]:"));
        Assert.That(error.Problems, Is.EqualTo(new[] { $"ModuleSource was \"modules\\aws network\": {LocalModules.SourceDescription}." }));
    }

    [Test]
    public void A_construct_holding_the_reserved_asset_id_is_reported()
    {
        var stack = SynthHarness.BareStack();
        new HashiCorp.Cdktf.TerraformOutput(stack, "module-aws-network", new TerraformOutputConfig { Value = "taken" });

        var error = Assert.Throws<InvalidOperationException>(() => _ = new PrivateNetwork(stack, "Network", Network("acme-net")))!;

        Assert.That(error.Message, Does.Contain("'module-aws-network'").And.Contain("reserved for the asset of module 'aws-network'"));
    }

    [Test]
    public void The_json_stays_the_same_when_synthesized_again()
    {
        using var first = new SynthesizedStack(stack => NetworksAndNotebook(stack));
        using var second = new SynthesizedStack(stack => NetworksAndNotebook(stack));

        Assert.That(second.Text, Is.EqualTo(first.Text));
        Assert.That(JsonNode.Parse(second.Manifest)!.ToJsonString(), Is.EqualTo(JsonNode.Parse(first.Manifest)!.ToJsonString()));
    }
}
