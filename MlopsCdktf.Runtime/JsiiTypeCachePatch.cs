using System.Collections;
using System.Reflection;
using Amazon.JSII.Runtime.Services;

namespace MlopsCdktf.Runtime;

/// <summary>
/// The <see cref="Speedups.TypeIndex"/> speed-up: gives the jsii runtime's type cache (internal
/// <c>Amazon.JSII.Runtime.Services.TypeCache</c>, fields <c>_types</c> and <c>_assemblies</c>) a
/// <see cref="JsiiTypeIndex"/> as its map, and an assembly set that reports every assembly as already scanned, so the
/// cache's own scan (every type of every assembly) never runs. When the runtime does not have exactly that shape (another
/// version), nothing is changed and the runtime works as it ships.
/// </summary>
internal static class JsiiTypeCachePatch
{
    /// <summary>Starts the jsii runtime (it is started on first use anyway) and patches its type cache; says whether it could.</summary>
    public static bool TryApply()
    {
        var runtime = typeof(ServiceContainer).Assembly;
        var cacheInterface = runtime.GetType("Amazon.JSII.Runtime.Services.ITypeCache");
        var providerProperty = typeof(ServiceContainer).GetProperty("ServiceProvider", BindingFlags.Static | BindingFlags.NonPublic);
        if (cacheInterface is null || providerProperty?.GetValue(null) is not IServiceProvider provider
            || provider.GetService(cacheInterface) is not { } cache)
        {
            return false;
        }

        var types = cache.GetType().GetField("_types", BindingFlags.Instance | BindingFlags.NonPublic);
        var assemblies = cache.GetType().GetField("_assemblies", BindingFlags.Instance | BindingFlags.NonPublic);
        if (cache.GetType().FullName != "Amazon.JSII.Runtime.Services.TypeCache"
            || types?.FieldType != typeof(IDictionary<string, Type>) || assemblies?.FieldType != typeof(ISet<string>)
            || types.GetValue(cache) is not IDictionary<string, Type> { Count: 0 })
        {
            return false;
        }

        types.SetValue(cache, new JsiiTypeIndex());
        assemblies.SetValue(cache, new EveryAssemblyScanned());
        return true;
    }

    /// <summary>The runtime asks this set whether an assembly was scanned before scanning it: always yes.</summary>
    private sealed class EveryAssemblyScanned : ISet<string>
    {
        public int Count => 0;

        public bool IsReadOnly => false;

        public bool Contains(string item) => true;

        public bool Add(string item) => false;

        void ICollection<string>.Add(string item)
        {
        }

        public void Clear()
        {
        }

        public bool Remove(string item) => false;

        public void CopyTo(string[] array, int arrayIndex)
        {
        }

        public IEnumerator<string> GetEnumerator() => Enumerable.Empty<string>().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void ExceptWith(IEnumerable<string> other) => throw new NotSupportedException();

        public void IntersectWith(IEnumerable<string> other) => throw new NotSupportedException();

        public bool IsProperSubsetOf(IEnumerable<string> other) => throw new NotSupportedException();

        public bool IsProperSupersetOf(IEnumerable<string> other) => throw new NotSupportedException();

        public bool IsSubsetOf(IEnumerable<string> other) => throw new NotSupportedException();

        public bool IsSupersetOf(IEnumerable<string> other) => throw new NotSupportedException();

        public bool Overlaps(IEnumerable<string> other) => throw new NotSupportedException();

        public bool SetEquals(IEnumerable<string> other) => throw new NotSupportedException();

        public void SymmetricExceptWith(IEnumerable<string> other) => throw new NotSupportedException();

        public void UnionWith(IEnumerable<string> other) => throw new NotSupportedException();
    }
}
