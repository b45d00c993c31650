using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using MlopsCdktf.Core;

namespace MlopsCdktf.Tests.Package;

/// <summary>
/// What the construct assembly (the NuGet package's dll) may contain: constructs, not the repository's process runtime.
/// Adding the constructs to an app must not bring process-wide behaviour (signal handlers, temp-folder and
/// NODE_OPTIONS rewriting, private reflection into the jsii runtime) that the user did not ask for; that lives in
/// MlopsCdktf.Runtime, which the app, the tests and the benchmarks reference and the package does not. Read from the
/// compiled metadata, so a change in any source file, resource or reference is seen.
/// </summary>
[Category("Package")]
public sealed class RuntimeSeparationTests
{
    private static readonly string LibraryDll = typeof(InputValidator).Assembly.Location;

    [Test]
    public void The_construct_assembly_does_not_reference_the_runtime_project()
    {
        using var pe = new PEReader(File.OpenRead(LibraryDll));
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();

        Assert.That(references, Does.Contain("HashiCorp.Cdktf"), "sanity: the references are read");
        Assert.That(references, Does.Not.Contain("MlopsCdktf.Runtime"));
        Assert.That(references, Does.Not.Contain("Amazon.JSII.Runtime"),
            "constructs use jsii only through Constructs and HashiCorp.Cdktf; the runtime's own types are the session's business");
    }

    [Test]
    public void The_construct_assembly_defines_no_runtime_types_or_resources()
    {
        using var pe = new PEReader(File.OpenRead(LibraryDll));
        var reader = pe.GetMetadataReader();
        var namespaces = reader.TypeDefinitions.Select(h => reader.GetString(reader.GetTypeDefinition(h).Namespace)).Distinct().ToList();
        var resources = reader.ManifestResources.Select(h => reader.GetString(reader.GetManifestResource(h).Name)).ToList();

        Assert.That(namespaces, Does.Contain("MlopsCdktf.Aws"), "sanity: the constructs are read");
        Assert.That(namespaces.Where(n => n.StartsWith("MlopsCdktf.Runtime", StringComparison.Ordinal)), Is.Empty);
        Assert.That(resources.Where(r => r.StartsWith("MlopsCdktf.Runtime", StringComparison.Ordinal)), Is.Empty, "the Node.js preload of the speed-ups");
    }

    [Test]
    public void The_construct_assembly_does_not_reach_into_jsii_internals_or_the_process()
    {
        using var pe = new PEReader(File.OpenRead(LibraryDll));
        var reader = pe.GetMetadataReader();
        var referencedTypes = reader.TypeReferences
            .Select(h => reader.GetTypeReference(h))
            .Select(t => $"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}")
            .ToList();
        var userStrings = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
        {
            userStrings.Add(reader.GetUserString(handle));
        }

        Assert.That(referencedTypes, Does.Contain("HashiCorp.Cdktf.TerraformStack"), "sanity: type references are read");
        Assert.That(referencedTypes.Where(t => t.StartsWith("Amazon.JSII.Runtime.Services", StringComparison.Ordinal)), Is.Empty,
            "the jsii kernel client (its services and caches) is internal to the runtime");
        Assert.That(referencedTypes, Has.None.EqualTo("System.Runtime.InteropServices.PosixSignalRegistration"), "no signal handlers");
        Assert.That(userStrings, Has.None.Contains("Amazon.JSII"), "no private reflection into the jsii runtime by name");
        Assert.That(userStrings, Has.None.EqualTo("NODE_OPTIONS").And.None.EqualTo("TMPDIR"), "no rewriting of the process environment");
    }
}
