using System.Xml.Linq;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Delivery;

/// <summary>
/// A fresh clone restores in an IDE without <c>make</c> once the engine packages are in the NuGet cache: every local
/// package source nuget.config lists exists in the clone; and where the packages are missing, the build says to run
/// <c>make engine</c>.
/// </summary>
[Category("Delivery")]
public sealed class FreshCloneRestoreTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Test]
    public void Every_local_package_source_of_nuget_config_is_committed()
    {
        var sources = XDocument.Load(Path.Combine(RepoPaths.Root, "nuget.config")).Descendants("add")
            .Select(a => a.Attribute("value")!.Value)
            .Where(v => !v.StartsWith("https://", StringComparison.Ordinal))
            .ToList();

        Assert.That(sources, Is.Not.Empty, "the engine feed is a local source");
        foreach (var source in sources)
        {
            var tracked = ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?>(), Limit, "git", "ls-files", "--", source).AssertSucceeded();
            Assert.That(tracked.Output.Trim(), Is.Not.Empty, $"{source} (a package source in nuget.config) has no committed file: a fresh clone fails restore with NU1301");
        }
    }

    [Test]
    public void Without_the_engine_packages_the_build_says_to_run_make_engine()
    {
        var emptyCache = Directory.CreateTempSubdirectory("mlops-empty-nuget-").FullName;
        try
        {
            var result = ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = emptyCache }, Limit,
                "dotnet", "msbuild", "MlopsCdktf.Library/MlopsCdktf.Library.csproj", "-t:MlopsCheckEnginePackages", "-nologo", $"-p:MlopsEngineFeed={emptyCache}");

            Assert.That(result.Output, Does.Contain("warning MLOPS001").And.Contain("run 'make engine' once"), result.Output);
        }
        finally
        {
            Directory.Delete(emptyCache, recursive: true);
        }
    }

    [Test]
    public void With_the_engine_packages_in_the_cache_the_check_is_quiet()
    {
        var result = ChildProcess.Run(RepoPaths.Root, new Dictionary<string, string?>(), Limit,
            "dotnet", "msbuild", "MlopsCdktf.Library/MlopsCdktf.Library.csproj", "-t:MlopsCheckEnginePackages", "-nologo").AssertSucceeded();

        Assert.That(result.Output, Does.Not.Contain("MLOPS001"));
    }
}
