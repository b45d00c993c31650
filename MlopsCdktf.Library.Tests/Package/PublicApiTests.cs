using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Package;

/// <summary>
/// The library's public surface is documented and tracked: the library is compiled with one extra public class (added
/// through MSBuild's <c>CustomAfterMicrosoftCommonTargets</c> hook, outside the source tree, into its own output
/// folders) and the build must fail for the missing doc comment (CS1591) and the undeclared public API (RS0016).
/// </summary>
[Category("Package")]
[NonParallelizable]
public sealed class PublicApiTests
{
    [Test]
    public void A_public_member_without_docs_or_api_entry_fails_the_library_build()
    {
        var root = Directory.CreateTempSubdirectory("mlops-public-api-").FullName;
        try
        {
            var source = Path.Combine(root, "Undocumented.cs");
            File.WriteAllText(source, "namespace MlopsCdktf.Aws;\n\npublic sealed class UndocumentedHelper\n{\n    public int Count { get; init; }\n}\n");
            var targets = Path.Combine(root, "extra.targets");
            File.WriteAllText(targets, $"<Project><ItemGroup><Compile Include=\"{source}\" /></ItemGroup></Project>");

            var build = ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5),
                "dotnet", "build", "MlopsCdktf.Library/MlopsCdktf.Library.csproj", "--nologo", "--no-restore", "-v", "q",
                $"-p:CustomAfterMicrosoftCommonTargets={targets}",
                $"-p:OutDir={Path.Combine(root, "bin")}/", $"-p:IntermediateOutputPath={Path.Combine(root, "obj")}/");

            Assert.That(build.ExitCode, Is.Not.Zero, build.Output);
            Assert.That(build.Output, Does.Contain("error CS1591: Missing XML comment for publicly visible type or member 'UndocumentedHelper'"), "a missing doc comment is an error");
            Assert.That(build.Output, Does.Contain("error RS0016").And.Contain("UndocumentedHelper"), "an undeclared public member is an error");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void The_declared_public_api_lists_the_constructs_consumers_use()
    {
        var declared = File.ReadAllLines(Path.Combine(RepoPaths.Library, "PublicAPI.Unshipped.txt"))
            .Concat(File.ReadAllLines(Path.Combine(RepoPaths.Library, "PublicAPI.Shipped.txt")))
            .ToHashSet();

        Assert.That(declared, Does.Contain("#nullable enable"));
        Assert.That(declared, Does.Contain("MlopsCdktf.Aws.ModelArtifactBucket.ModelArtifactBucket(Constructs.Construct! scope, string! id, MlopsCdktf.Aws.ModelArtifactBucketProps! props) -> void"));
        Assert.That(declared, Does.Contain("MlopsCdktf.Gcp.GpuNodePool.GpuNodePool(Constructs.Construct! scope, string! id, MlopsCdktf.Gcp.GpuNodePoolProps! props) -> void"));
        Assert.That(declared, Does.Contain("MlopsCdktf.Policy.GatedSynthesis.Synth(HashiCorp.Cdktf.App! app, System.Collections.Generic.IReadOnlyList<HashiCorp.Cdktf.TerraformStack!>! stacks, System.IO.TextWriter! output, MlopsCdktf.Policy.PolicyPack? pack = null, MlopsCdktf.Policy.StackSetCheck? stackSetCheck = null) -> bool"));
        Assert.That(declared.Where(line => line.Contains("MlopsCdktf.Runtime", StringComparison.Ordinal)), Is.Empty,
            "the jsii runtime session is the repository's process runtime (MlopsCdktf.Runtime), not construct API");
    }
}
