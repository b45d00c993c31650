namespace MlopsCdktf.Tests.Support;

/// <summary>Locates the repository from the test binaries (bin/...), independent of the machine's paths.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Snapshots => Path.Combine(Root, "MlopsCdktf.Tests", "Snapshots");

    public static string Library => Path.Combine(Root, "MlopsCdktf.Library");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlopsCdktf.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MlopsCdktf.slnx above {AppContext.BaseDirectory}");
    }
}
