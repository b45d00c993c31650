using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;

namespace MlopsCdktf.Runtime;

/// <summary>
/// The jsii runtime's map from jsii fully qualified name (a proxy's with <c>$Proxy</c> appended) to .NET type, built
/// lazily from assembly metadata. The runtime's own map loads every type of every loaded assembly and instantiates its
/// jsii attribute (about 2 s for the three provider assemblies and their 100,000 types); this one reads the attribute
/// blobs with <see cref="System.Reflection.Metadata"/> (tens of milliseconds) and loads only the types looked up.
/// Like the runtime's, it covers the assemblies loaded in the process at the time of a lookup, and a name defined twice
/// is an error.
/// </summary>
internal sealed class JsiiTypeIndex : IDictionary<string, Type>
{
    /// <summary>The suffix the runtime appends to a proxy type's name.</summary>
    public const string ProxySuffix = "$Proxy";

    private const string AttributeNamespace = "Amazon.JSII.Runtime.Deputy";
    private const string RuntimeAssemblyName = "Amazon.JSII.Runtime";
    private static readonly HashSet<string> TypeAttributes =
        ["JsiiClassAttribute", "JsiiInterfaceAttribute", "JsiiEnumAttribute", "JsiiTypeProxyAttribute"];

    private readonly Dictionary<string, Type> _resolved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Assembly Assembly, string TypeName)> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _indexedAssemblies = new(StringComparer.Ordinal);

    /// <summary>How many assemblies were indexed from metadata (the rest, in-memory ones, by reflection).</summary>
    public int MetadataIndexed { get; private set; }

    /// <inheritdoc/>
    public Type this[string key]
    {
        get => TryGetValue(key, out var type) ? type : throw new KeyNotFoundException(key);
        set => _resolved[key] = value;
    }

    /// <inheritdoc/>
    public ICollection<string> Keys => Everything().Keys;

    /// <inheritdoc/>
    public ICollection<Type> Values => Everything().Values;

    /// <inheritdoc/>
    public int Count => Everything().Count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Type value)
    {
        if (TryFind(key, out value))
        {
            return true;
        }

        // Like the runtime: assemblies can be loaded at any time; look at the new ones before saying no.
        return IndexLoadedAssemblies() && TryFind(key, out value);
    }

    /// <inheritdoc/>
    public void Add(string key, Type value)
    {
        if (ContainsKey(key))
        {
            throw new ArgumentException($"jsii type {key} is already known", nameof(key));
        }

        _resolved.Add(key, value);
    }

    /// <inheritdoc/>
    public void Add(KeyValuePair<string, Type> item) => Add(item.Key, item.Value);

    /// <inheritdoc/>
    public bool Remove(string key) => _resolved.Remove(key) | _declared.Remove(key);

    /// <inheritdoc/>
    public bool Remove(KeyValuePair<string, Type> item) => Remove(item.Key);

    /// <inheritdoc/>
    public void Clear()
    {
        _resolved.Clear();
        _declared.Clear();
        _indexedAssemblies.Clear();
    }

    /// <inheritdoc/>
    public bool Contains(KeyValuePair<string, Type> item) => TryGetValue(item.Key, out var type) && type == item.Value;

    /// <inheritdoc/>
    public void CopyTo(KeyValuePair<string, Type>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, Type>>)Everything()).CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Type>> GetEnumerator() => Everything().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Indexes the assemblies loaded since the last call; says whether there were any.</summary>
    public bool IndexLoadedAssemblies()
    {
        var any = false;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (_indexedAssemblies.Add(assembly.FullName ?? assembly.GetName().Name ?? ""))
            {
                any = true;
                Index(assembly);
            }
        }

        return any;
    }

    private bool TryFind(string key, [MaybeNullWhen(false)] out Type value)
    {
        if (_resolved.TryGetValue(key, out value))
        {
            return true;
        }

        if (_declared.Remove(key, out var declared))
        {
            value = declared.Assembly.GetType(declared.TypeName, throwOnError: true)!;
            _resolved[key] = value;
            return true;
        }

        return false;
    }

    private Dictionary<string, Type> Everything()
    {
        IndexLoadedAssemblies();
        foreach (var key in _declared.Keys.ToList())
        {
            TryFind(key, out _);
        }

        return _resolved;
    }

    private void Index(Assembly assembly)
    {
        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) || !File.Exists(assembly.Location))
        {
            IndexByReflection(assembly);
            return;
        }

        try
        {
            IndexFromMetadata(assembly);
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            IndexByReflection(assembly); // what the runtime itself does
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a loop over 100,000 types, run once: skip tier-0 code
    private void IndexFromMetadata(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return;
        }

        var reader = pe.GetMetadataReader();
        if (!ReferencesRuntime(reader))
        {
            return;
        }

        MetadataIndexed++;
        var constructors = AttributeConstructors(reader);
        if (constructors.Count == 0)
        {
            return;
        }

        foreach (var handle in reader.TypeDefinitions)
        {
            var definition = reader.GetTypeDefinition(handle);
            foreach (var attributeHandle in definition.GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(attributeHandle);
                if (constructors.TryGetValue(attribute.Constructor, out var isProxy))
                {
                    // Every jsii type attribute's constructor starts (Type nativeType, string fullyQualifiedName, ...).
                    var blob = reader.GetBlobReader(attribute.Value);
                    blob.ReadUInt16(); // prolog
                    blob.ReadSerializedString();
                    var fqn = blob.ReadSerializedString() ?? throw new BadImageFormatException($"jsii attribute without a name in {assembly.FullName}");
                    Declare(isProxy ? fqn + ProxySuffix : fqn, assembly, TypeName(reader, definition));
                }
            }
        }
    }

    // The constructors of the jsii type attributes as this assembly refers to them (value: is it the proxy attribute).
    private static Dictionary<EntityHandle, bool> AttributeConstructors(MetadataReader reader)
    {
        var constructors = new Dictionary<EntityHandle, bool>();
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference && AttributeName(reader, member.Parent) is { } name)
            {
                constructors[handle] = name == "JsiiTypeProxyAttribute";
            }
        }

        // Only the runtime itself defines them (the provider assemblies have hundreds of thousands of methods to skip).
        var isRuntime = reader.IsAssembly && reader.GetString(reader.GetAssemblyDefinition().Name) == RuntimeAssemblyName;
        if (isRuntime)
        {
            foreach (var handle in reader.MethodDefinitions)
            {
                if (AttributeName(reader, reader.GetMethodDefinition(handle).GetDeclaringType()) is { } name)
                {
                    constructors[handle] = name == "JsiiTypeProxyAttribute";
                }
            }
        }

        return constructors;
    }

    private void IndexByReflection(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        foreach (var type in types)
        {
            if (type?.GetCustomAttributes(inherit: false).FirstOrDefault(IsTypeAttribute) is { } attribute)
            {
                var fqn = (string)attribute.GetType().GetProperty("FullyQualifiedName")!.GetValue(attribute)!;
                var key = attribute.GetType().Name == "JsiiTypeProxyAttribute" ? fqn + ProxySuffix : fqn;
                if (_resolved.ContainsKey(key) || _declared.ContainsKey(key))
                {
                    throw Duplicate(key);
                }

                _resolved[key] = type;
            }
        }
    }

    private static bool IsTypeAttribute(object attribute) =>
        attribute.GetType().Namespace == AttributeNamespace && TypeAttributes.Contains(attribute.GetType().Name);

    private void Declare(string key, Assembly assembly, string typeName)
    {
        if (_resolved.ContainsKey(key) || !_declared.TryAdd(key, (assembly, typeName)))
        {
            throw Duplicate(key);
        }
    }

    // The runtime's own message for the same situation.
    private static InvalidOperationException Duplicate(string key) =>
        new($"Found multiple types with fully qualified name '{key}'. Fully qualified names must be unique.");

    private static bool ReferencesRuntime(MetadataReader reader) =>
        (reader.IsAssembly && reader.GetString(reader.GetAssemblyDefinition().Name) == RuntimeAssemblyName)
        || reader.AssemblyReferences.Any(r => reader.GetString(reader.GetAssemblyReference(r).Name) == RuntimeAssemblyName);

    private static string? AttributeName(MetadataReader reader, EntityHandle type)
    {
        var (ns, name) = type.Kind switch
        {
            HandleKind.TypeReference => (reader.GetTypeReference((TypeReferenceHandle)type).Namespace, reader.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => (reader.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => (default(StringHandle), default(StringHandle)),
        };
        if (name.IsNil || !reader.StringComparer.Equals(ns, AttributeNamespace))
        {
            return null;
        }

        var text = reader.GetString(name);
        return TypeAttributes.Contains(text) ? text : null;
    }

    // The name Assembly.GetType understands: Namespace.Outer+Inner.
    private static string TypeName(MetadataReader reader, TypeDefinition definition)
    {
        var name = reader.GetString(definition.Name);
        var declaring = definition.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return $"{TypeName(reader, reader.GetTypeDefinition(declaring))}+{name}";
        }

        var ns = reader.GetString(definition.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }
}
