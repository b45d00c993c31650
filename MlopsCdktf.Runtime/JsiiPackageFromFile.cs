using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Amazon.JSII.Runtime.Deputy;
using Amazon.JSII.Runtime.Services;

namespace MlopsCdktf.Runtime;

/// <summary>
/// The <see cref="Speedups.TarballFromFile"/> memory saving. Each engine assembly embeds its npm package as a tarball
/// (AWS 34 MB, Google 32 MB, Kubernetes 11 MB), which the jsii runtime copies to the temp folder through the assembly's
/// memory-mapped image: every page of it stays resident in the process (about 80 MB). This hook, on
/// <see cref="AppDomain.AssemblyLoad"/> (before any of the assembly's types can be used), does what the runtime's
/// <c>JsiiTypeAttributeBase.Load</c> does (dependencies first, extract, <c>IClient.LoadPackage</c>, mark it processed)
/// but copies the tarball with plain file reads. When the runtime does not have the expected shape, or anything fails,
/// the hook stands aside and the runtime loads the package itself.
/// </summary>
internal sealed class JsiiPackageFromFile : IDisposable
{
    private readonly ConcurrentBag<string> _processed;
    private readonly object _client;
    private readonly MethodInfo _loadPackage;
    private readonly string _folder;
    private readonly HashSet<string> _busy = [];

    private JsiiPackageFromFile(ConcurrentBag<string> processed, object client, MethodInfo loadPackage, string folder)
    {
        _processed = processed;
        _client = client;
        _loadPackage = loadPackage;
        _folder = folder;
        AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
    }

    /// <summary>Hooks package loading (extracting into <paramref name="folder"/>), or returns null when the runtime has another shape.</summary>
    public static JsiiPackageFromFile? TryInstall(string folder)
    {
        var runtime = typeof(ServiceContainer).Assembly;
        var processed = typeof(JsiiTypeAttributeBase).GetField("ProcessedAssemblies", BindingFlags.Static | BindingFlags.NonPublic)?.GetValue(null);
        var clientInterface = runtime.GetType("Amazon.JSII.Runtime.Services.IClient");
        var loadPackage = clientInterface?.GetMethod("LoadPackage", [typeof(string), typeof(string), typeof(string)]);
        var provider = typeof(ServiceContainer).GetProperty("ServiceProvider", BindingFlags.Static | BindingFlags.NonPublic)?.GetValue(null) as IServiceProvider;
        if (processed is not ConcurrentBag<string> bag || clientInterface is null || loadPackage is null
            || provider?.GetService(clientInterface) is not { } client)
        {
            return null;
        }

        var hook = new JsiiPackageFromFile(bag, client, loadPackage, folder);
        // Assemblies loaded before the hook (HashiCorp.Cdktf, Constructs: small) are left to the runtime.
        return hook;
    }

    /// <summary>How many packages this hook loaded.</summary>
    public int Loaded { get; private set; }

    /// <summary>Unhooks.</summary>
    public void Dispose() => AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;

    private void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs e)
    {
        try
        {
            Load(e.LoadedAssembly);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Stand aside: the runtime extracts and loads the package itself when it first needs it.
        }
    }

    private void Load(Assembly assembly)
    {
        var key = assembly.GetName().FullName;
        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) || _processed.Contains(key) || !_busy.Add(key)
            || assembly.GetCustomAttribute<JsiiAssemblyAttribute>() is not { } package)
        {
            return;
        }

        try
        {
            // The kernel needs a package's dependencies first, as the runtime does it.
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                Load(Assembly.Load(reference));
            }

            if (_processed.Contains(key))
            {
                return;
            }

            var tarball = Extract(assembly.Location);
            try
            {
                _loadPackage.Invoke(_client, [package.Name, package.Version, tarball]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw new InvalidOperationException($"jsii could not load {package.Name}: {ex.InnerException.Message}", ex.InnerException);
            }

            _processed.Add(key);
            Loaded++;
        }
        finally
        {
            _busy.Remove(key);
        }
    }

    // Copies the assembly's embedded .tgz resource to the folder with file reads (never through a memory mapping).
    private string Extract(string assemblyFile)
    {
        using var stream = new FileStream(assemblyFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        long offset;
        int length;
        string name;
        using (var pe = new PEReader(stream, PEStreamOptions.LeaveOpen))
        {
            var reader = pe.GetMetadataReader();
            var resource = reader.ManifestResources.Select(reader.GetManifestResource)
                .FirstOrDefault(r => r.Implementation.IsNil && reader.GetString(r.Name).EndsWith(".tgz", StringComparison.OrdinalIgnoreCase));
            if (resource.Name.IsNil || !pe.PEHeaders.TryGetDirectoryOffset(pe.PEHeaders.CorHeader!.ResourcesDirectory, out var directory))
            {
                throw new InvalidOperationException($"no embedded tarball in {assemblyFile}");
            }

            name = reader.GetString(resource.Name);
            offset = directory + resource.Offset;
        }

        // A resource is stored as a 4-byte little-endian length followed by its bytes.
        stream.Position = offset;
        Span<byte> prefix = stackalloc byte[4];
        stream.ReadExactly(prefix);
        length = BitConverter.ToInt32(prefix);
        var dir = Directory.CreateDirectory(Path.Combine(_folder, "packages")).FullName;
        var target = Path.Combine(dir, name);
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new byte[1 << 16];
        for (var left = length; left > 0;)
        {
            var read = stream.Read(buffer, 0, Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new InvalidOperationException($"{assemblyFile} ends inside resource {name}");
            }

            output.Write(buffer, 0, read);
            left -= read;
        }

        return target;
    }
}
