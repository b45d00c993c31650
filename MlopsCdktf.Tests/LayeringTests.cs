using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests;

/// <summary>
/// The construct library (Core, Aws, Gcp, Kubernetes, Policy) ships without this repo's environments and stacks,
/// so it must never reference them.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] LibraryFolders = ["Core", "Aws", "Gcp", "Kubernetes", "Policy"];
    private static readonly string[] AppNamespaces = ["MlopsCdktf.Environments", "MlopsCdktf.Stacks"];

    [Test]
    public void Library_code_never_references_environment_or_stack_code()
    {
        var offenders = LibraryFolders
            .Select(folder => Path.Combine(RepoPaths.Library, folder))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            .SelectMany(file => AppNamespaces
                .Where(ns => File.ReadAllText(file).Contains(ns, StringComparison.Ordinal))
                .Select(ns => $"{Path.GetRelativePath(RepoPaths.Root, file)} references {ns}"))
            .ToList();

        Assert.That(Directory.Exists(Path.Combine(RepoPaths.Library, "Aws")), Is.True, "library layout moved; update this test");
        Assert.That(offenders, Is.Empty);
    }
}
