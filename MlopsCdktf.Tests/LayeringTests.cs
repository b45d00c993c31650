using System.Reflection;
using System.Xml.Linq;
using MlopsCdktf.Aws;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests;

/// <summary>
/// The construct library (MlopsCdktf.Library: Core, Aws, Gcp, Kubernetes, Policy) ships without this repo's
/// environments and stacks. The compiler enforces it: the library project references no project, so library code that
/// names an app type does not compile. These tests keep that structure from being undone.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Library = typeof(ModelArtifactBucket).Assembly;
    private static readonly Assembly App = typeof(MlopsApplication).Assembly;

    [Test]
    public void The_library_project_references_no_other_project()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Library, "MlopsCdktf.Library.csproj"));

        Assert.That(project.Descendants("ProjectReference").Select(r => r.Attribute("Include")?.Value), Is.Empty);
    }

    [Test]
    public void The_library_assembly_depends_on_the_engine_only_and_the_app_on_the_library()
    {
        var libraryReferences = Library.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.That(Library.GetName().Name, Is.EqualTo("MlopsCdktf.Library"));
        Assert.That(libraryReferences, Does.Not.Contain(App.GetName().Name));
        Assert.That(libraryReferences.Where(n => n!.StartsWith("MlopsCdktf", StringComparison.Ordinal)), Is.Empty);
        Assert.That(App.GetReferencedAssemblies().Select(a => a.Name), Does.Contain("MlopsCdktf.Library"));
    }

    [Test]
    public void App_namespaces_live_in_the_app_and_library_namespaces_in_the_library()
    {
        string[] appNamespaces = ["MlopsCdktf.Environments", "MlopsCdktf.Stacks"];
        var libraryNamespaces = Library.GetExportedTypes().Select(t => t.Namespace).Distinct().ToList();
        var appTypeNamespaces = App.GetExportedTypes().Select(t => t.Namespace!).Distinct().ToList();

        Assert.That(libraryNamespaces.Intersect(appNamespaces), Is.Empty);
        Assert.That(appTypeNamespaces.Where(ns => ns != "MlopsCdktf" && !appNamespaces.Any(ns.StartsWith)), Is.Empty,
            "the app holds environments and stacks (plus AppErrors, the entry point's error path)");
    }
}
