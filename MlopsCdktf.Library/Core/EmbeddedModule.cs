using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MlopsCdktf.Core;

/// <summary>
/// One Terraform module embedded in the library assembly under the logical names
/// <c>MlopsCdktf.Modules/&lt;name&gt;/&lt;path&gt;</c> (MlopsCdktf.Library.csproj embeds the repository's
/// <c>modules/&lt;name&gt;/</c>). Text files are read with LF line endings, so the files and <see cref="Hash"/> are the same
/// whichever line endings the checkout that built the library had.
/// </summary>
internal sealed class EmbeddedModule
{
    /// <summary>The logical-name prefix of the embedded module files.</summary>
    public const string ResourcePrefix = "MlopsCdktf.Modules/";

    /// <summary>The folder under the temp folder where modules are written for their assets.</summary>
    public const string WorkFolderName = "mlops-cdktf-modules";

    private static readonly Lazy<IReadOnlyDictionary<string, EmbeddedModule>> All = new(Load);

    private EmbeddedModule(string name, IReadOnlyList<KeyValuePair<string, byte[]>> files)
    {
        Name = name;
        Files = files;
        Hash = ContentHash(files);
    }

    /// <summary>The module's folder name, e.g. <c>aws-network</c>.</summary>
    public string Name { get; }

    /// <summary>Its files: path relative to the module folder (forward slashes), content; ordered by path (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Files { get; }

    /// <summary>
    /// The content hash: 32 uppercase hex digits of the SHA-256 of every file's relative path, length and content in
    /// path order. It names the asset folder (<c>assets/module-&lt;name&gt;/&lt;hash&gt;</c>), so it changes exactly when
    /// the module does, and is the same on every machine.
    /// </summary>
    public string Hash { get; }

    /// <summary>The embedded modules' names, ordered.</summary>
    public static IReadOnlyList<string> Names => [.. All.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The embedded module <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">When the assembly embeds no module of that name.</exception>
    public static EmbeddedModule Named(string name) =>
        All.Value.TryGetValue(name, out var module)
            ? module
            : throw new ArgumentException($"the library embeds no module '{name}'; it has {string.Join(", ", Names)}", nameof(name));

    /// <summary>
    /// Writes the module to <c>&lt;temp&gt;/mlops-cdktf-modules/&lt;name&gt;-&lt;hash&gt;</c> (the process's temp folder: under
    /// a jsii runtime session, the run's own) unless an identical copy is already there, and returns that folder. A copy
    /// that differs (partial, edited) is replaced. On Unix the shared folder must be the user's own (mode 0700, as created
    /// here): a folder another user made or can write to is never trusted, and this process then writes a private copy.
    /// </summary>
    public string WriteToWorkFolder()
    {
        try
        {
            var root = Path.Combine(Path.GetTempPath(), WorkFolderName);
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(root);
            }
            else if (Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).UnixFileMode
                     != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
            {
                return PrivateCopy();
            }

            return WriteInto(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's folder (unreadable to us), a full disk, ...: a copy of this process's own.
            return PrivateCopy();
        }
    }

    private string WriteInto(string root)
    {
        var target = Path.Combine(root, $"{Name}-{Hash}");
        if (IsWrittenAt(target))
        {
            return target;
        }

        // Written beside the target and moved into place in one step, so no process ever reads a half-written module.
        var staging = Path.Combine(root, $".{Name}-{Hash}-{Guid.NewGuid():N}");
        WriteTo(staging);
        try
        {
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (IsWrittenAt(target))
            {
                // Another process wrote the same module first.
                Directory.Delete(staging, recursive: true);
                return target;
            }

            return staging;
        }
    }

    private string PrivateCopy()
    {
        var folder = Directory.CreateTempSubdirectory($"{WorkFolderName}-{Name}-").FullName;
        WriteTo(folder);
        return folder;
    }

    /// <summary>Writes the module's files into <paramref name="folder"/> (created if needed).</summary>
    public void WriteTo(string folder)
    {
        foreach (var (path, content) in Files)
        {
            var file = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
        }
    }

    /// <summary>Whether <paramref name="folder"/> holds exactly this module's files, byte for byte.</summary>
    public bool IsWrittenAt(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return false;
        }

        var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        return present.SequenceEqual(Files.Select(f => f.Key))
               && Files.All(f => File.ReadAllBytes(Path.Combine(folder, f.Key)).AsSpan().SequenceEqual(f.Value));
    }

    private static Dictionary<string, EmbeddedModule> Load()
    {
        var assembly = typeof(EmbeddedModule).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(r => (Resource: r, Parts: r[ResourcePrefix.Length..].Split('/', 2)))
            .GroupBy(r => r.Parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new EmbeddedModule(g.Key,
                [.. g.OrderBy(r => r.Parts[1], StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Parts[1], Read(assembly, r.Resource)))]),
                StringComparer.Ordinal);
    }

    private static byte[] Read(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        // Text (no NUL byte): LF line endings, as Terraform and the notebook's on-start script expect.
        return Array.IndexOf(bytes, (byte)0) >= 0 ? bytes : [.. bytes.Where((b, i) => b != '\r' || i + 1 == bytes.Length || bytes[i + 1] != '\n')];
    }

    private static string ContentHash(IReadOnlyList<KeyValuePair<string, byte[]>> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var (path, content) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            BinaryPrimitives.WriteInt64LittleEndian(length, content.LongLength);
            hash.AppendData(length);
            hash.AppendData(content);
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..32];
    }
}
