using System.Reflection;
using Amazon.JSII.Runtime.Deputy;
using MlopsCdktf.Runtime;

namespace MlopsCdktf.Tests.Runtime;

/// <summary>
/// The type-index speed-up answers exactly what the jsii runtime's own type cache would: for every jsii type attribute in
/// the engine assemblies, the same .NET type under the same key, and nothing else.
/// </summary>
public sealed class JsiiTypeIndexTests
{
    [TestCase(typeof(HashiCorp.Cdktf.App))]
    [TestCase(typeof(Constructs.Construct))]
    [TestCase(typeof(HashiCorp.Cdktf.Providers.Kubernetes.Provider.KubernetesProvider))]
    public void Finds_every_type_the_runtime_scan_finds_and_only_those(Type typeInAssembly)
    {
        var assembly = typeInAssembly.Assembly;
        var expected = RuntimeScan(assembly);
        var index = new JsiiTypeIndex();

        Assert.That(expected, Has.Count.GreaterThan(10));
        Assert.That(expected.Where(e => !index.TryGetValue(e.Key, out var type) || type != e.Value).Select(e => e.Key), Is.Empty);
        Assert.That(index.Where(e => e.Value.Assembly == assembly).Select(e => e.Key), Is.EquivalentTo(expected.Keys));
    }

    [Test]
    public void Knows_proxies_under_their_suffixed_name_and_not_unknown_names()
    {
        var index = new JsiiTypeIndex();

        Assert.That(index["cdktf.ITerraformDependable" + JsiiTypeIndex.ProxySuffix].GetCustomAttribute<JsiiTypeProxyAttribute>(), Is.Not.Null);
        Assert.That(index.ContainsKey("cdktf.NoSuchType"), Is.False);
    }

    [Test]
    public void The_test_run_applies_every_in_process_speed_up()
    {
        Assert.That(TestRunSession.Current!.Applied, Is.EqualTo(Speedups.All));
    }

    // What Amazon.JSII.Runtime's TypeCache.CacheTypes does for one assembly.
    private static Dictionary<string, Type> RuntimeScan(Assembly assembly) =>
        assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<JsiiTypeAttributeBase>()))
            .Where(t => t.Attribute is not null)
            .ToDictionary(t => t.Attribute is JsiiTypeProxyAttribute ? t.Attribute!.FullyQualifiedName + JsiiTypeIndex.ProxySuffix : t.Attribute!.FullyQualifiedName, t => t.Type);
}
