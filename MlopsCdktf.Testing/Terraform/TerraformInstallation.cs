using System.Runtime.InteropServices;

namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// The terraform binary and the local provider mirror the Terraform tests run against, found once per test run.
/// Terraform: <c>$TERRAFORM_BINARY</c> or <c>terraform</c> on PATH. Mirror: <c>$TF_PLUGIN_MIRROR</c>, else the first
/// well-known plugin directory holding <c>registry.terraform.io/hashicorp/aws/&lt;version&gt;/&lt;os_arch&gt;</c>.
/// </summary>
internal sealed record TerraformInstallation(string Binary, string MirrorDirectory)
{
    /// <summary>The hashicorp/aws version the bindings generate for (the synthesized <c>required_providers</c> pins it).</summary>
    public const string AwsProviderVersion = "5.100.0";

    private static readonly Lazy<(TerraformInstallation? Found, string Reason)> Discovered = new(Discover);

    /// <summary>This machine's provider platform folder name, e.g. <c>linux_amd64</c>.</summary>
    public static string Platform =>
        $"{(OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux")}_" +
        (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64");

    /// <summary>
    /// The installation, or the test stops: reported as skipped with the reason on a developer machine, failed in CI
    /// (<c>CI=true</c>), where a missing terraform or provider must never pass silently.
    /// </summary>
    public static TerraformInstallation Require()
    {
        var (found, reason) = Discovered.Value;
        if (found is not null)
        {
            return found;
        }

        var message = $"Terraform tests need terraform and a local mirror of hashicorp/aws {AwsProviderVersion}: {reason}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + " (CI=true: a missing engine is a failure, not a skip)");
        }

        Assert.Ignore(message);
        throw new InvalidOperationException("unreachable");
    }

    private static (TerraformInstallation?, string) Discover()
    {
        var binary = FindBinary();
        if (binary is null)
        {
            return (null, "no 'terraform' on PATH (set TERRAFORM_BINARY to use another path)");
        }

        var platform = Platform;
        var candidates = MirrorCandidates().ToList();
        foreach (var mirror in candidates)
        {
            var provider = Path.Combine(mirror, "registry.terraform.io", "hashicorp", "aws", AwsProviderVersion, platform);
            if (Directory.Exists(provider) && Directory.EnumerateFiles(provider, "terraform-provider-aws*").Any())
            {
                return (new TerraformInstallation(binary, mirror), string.Empty);
            }
        }

        return (null, $"no {platform} provider binary under registry.terraform.io/hashicorp/aws/{AwsProviderVersion} in " +
                      $"{string.Join(", ", candidates)} (set TF_PLUGIN_MIRROR to the mirror directory)");
    }

    private static string? FindBinary()
    {
        if (Environment.GetEnvironmentVariable("TERRAFORM_BINARY") is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        var name = OperatingSystem.IsWindows() ? "terraform.exe" : "terraform";
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>TF_PLUGIN_MIRROR when set (and only then), else Terraform's implied local mirror directories.</summary>
    private static IEnumerable<string> MirrorCandidates()
    {
        if (Environment.GetEnvironmentVariable("TF_PLUGIN_MIRROR") is { Length: > 0 } explicitMirror)
        {
            yield return explicitMirror;
            yield break;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        yield return "/opt/tf-plugins";
        yield return Path.Combine(home, ".terraform.d", "plugins");
        yield return Path.Combine(home, ".local", "share", "terraform", "plugins");
        yield return "/usr/local/share/terraform/plugins";
        yield return "/usr/share/terraform/plugins";
    }
}
