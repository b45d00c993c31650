using MlopsCdktf.Aws;

namespace MlopsCdktf.Tests.Layering;

/// <summary>
/// The library's namespaces form layers without cycles: Core ← Aws, Gcp, Kubernetes ← Policy ← Cost, Forecast. Core
/// refers to none of the others; Aws, Gcp and Kubernetes only to Core (never to each other or to Policy); Policy may refer
/// to all of them; Cost and Forecast (which read the synthesized JSON through Policy's model) to all but each other. Nothing refers to <c>MlopsCdktf.Runtime</c>. Read from the compiled assembly's metadata and IL
/// (<see cref="NamespaceReferences"/>), so internal helpers and method bodies count, not only public signatures.
/// </summary>
/// <remarks><c>MlopsCdktf.Runtime</c> is the repository's process runtime, a project of its own: no layer of the library.</remarks>
public sealed class NamespaceLayeringTests
{
    private static readonly string[] ServiceLayers = ["Aws", "Gcp", "Kubernetes"];

    private static readonly Lazy<IReadOnlyList<NamespaceReferences.Reference>> References =
        new(() => NamespaceReferences.Of(typeof(SageMakerEndpoint).Assembly.Location));

    [Test]
    public void Each_layer_refers_only_to_the_layers_below_it()
    {
        var violations = References.Value
            .Where(r => Layer(r.FromNamespace) is { } from && Layer(r.ToNamespace) is { } to && !Allowed(from, to))
            .Select(Describe)
            .Distinct()
            .ToList();

        Assert.That(violations, Is.Empty, "allowed: Core ← Aws, Gcp, Kubernetes ← Policy ← Cost, Forecast");
    }

    [Test]
    public void Nothing_refers_to_MlopsCdktf_Runtime()
    {
        var violations = References.Value
            .Where(r => r.ToNamespace == "MlopsCdktf.Runtime" || r.ToNamespace.StartsWith("MlopsCdktf.Runtime.", StringComparison.Ordinal))
            .Select(Describe)
            .Distinct()
            .ToList();

        Assert.That(violations, Is.Empty);
    }

    [Test]
    public void Every_namespace_of_the_library_belongs_to_a_known_layer()
    {
        var unknown = typeof(SageMakerEndpoint).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith("MlopsCdktf", StringComparison.Ordinal) && Layer(ns) is null)
            .Distinct()
            .ToList();

        Assert.That(unknown, Is.Empty, "a new namespace needs its place in the layering rules of this test");
    }

    [Test]
    public void The_reader_sees_references_in_method_bodies_and_signatures()
    {
        // GpuNodePool's constructor calls the internal GpuNodeSelector.For (IL only); NodePoolProps.Taints is a signature;
        // Policy's rules read Kubernetes and Aws types. If the reader missed any of them, the layering tests would pass vacuously.
        var seen = References.Value.Select(r => (r.FromType, r.ToType)).ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(References.Value.Any(r => r.FromType == "MlopsCdktf.Gcp.GpuNodePool" && r.ToType == "MlopsCdktf.Core.Scheduling.GpuNodeSelector"
                && r.Via.StartsWith("body of", StringComparison.Ordinal)), "IL: GpuNodePool → GpuNodeSelector.For");
            Assert.That(seen, Does.Contain(("MlopsCdktf.Gcp.NodePoolProps", "MlopsCdktf.Core.Scheduling.NodeTaint")), "signature: NodePoolProps.Taints");
            Assert.That(References.Value.Any(r => Layer(r.FromNamespace) == "Policy" && Layer(r.ToNamespace) is "Aws" or "Gcp" or "Kubernetes" or "Core"),
                "Policy refers to the layers below it");
            foreach (var layer in ServiceLayers)
            {
                Assert.That(References.Value.Any(r => Layer(r.FromNamespace) == layer && Layer(r.ToNamespace) == "Core"), $"{layer} refers to Core");
            }
        });
    }

    private static bool Allowed(string from, string to) => from == to || from switch
    {
        "Core" => false,
        "Aws" or "Gcp" or "Kubernetes" => to == "Core",
        "Policy" => to is not ("Cost" or "Forecast"),
        "Cost" or "Forecast" => to is not ("Cost" or "Forecast"),
        _ => false,
    };

    /// <summary>The layer of a namespace of this library (sub-namespaces belong to their parent), or null for any other namespace.</summary>
    private static string? Layer(string ns)
    {
        foreach (var layer in new[] { "Core", "Aws", "Gcp", "Kubernetes", "Policy", "Cost", "Forecast" })
        {
            var root = "MlopsCdktf." + layer;
            if (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal))
            {
                return layer;
            }
        }

        return null;
    }

    private static string Describe(NamespaceReferences.Reference r) => $"{r.FromType} → {r.ToType} ({r.Via})";
}
