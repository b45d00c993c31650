namespace MlopsCdktf.Tests.Terraform;

/// <summary>
/// What the Terraform harness shares between workspaces that run in parallel. A CI run once failed one plan test with
/// "fork/exec .terraform/providers/…/terraform-provider-aws_v5.100.0_x5: no such file or directory": its provider was
/// linked through a plugin cache that another workspace's <c>terraform init</c> was re-installing at that moment.
/// </summary>
[Category("Terraform")]
internal sealed class TerraformSessionTests
{
    private const string RequiresAws = """
        {"terraform":{"required_providers":{"aws":{"source":"hashicorp/aws","version":"5.100.0"}}}}
        """;

    [Test]
    public void A_workspace_provider_links_straight_to_the_mirror_and_another_init_leaves_it_untouched()
    {
        var session = TerraformSession.Current;
        var first = NewConfiguration(session, "provider-link-first");
        session.Init(first, backend: false);
        var link = ProviderLink(first);
        var before = File.GetLastWriteTimeUtc(link.FullName);

        // A second workspace initialised without a lock file, as every fresh stack folder and `make policy-plan` are.
        session.Init(NewConfiguration(session, "provider-link-second"), backend: false);

        var mirror = Path.GetFullPath(Path.Combine(session.Installation.MirrorDirectory, "registry.terraform.io", "hashicorp", "aws"));
        Assert.That(link.LinkTarget, Is.Not.Null, "the provider folder should be a link, not a 700 MB copy");
        Assert.That(Path.GetFullPath(link.LinkTarget!, Path.GetDirectoryName(link.FullName)!), Does.StartWith(mirror),
            "the provider must resolve into the read-only mirror, not through a folder another init rewrites");
        Assert.That(link.ResolveLinkTarget(returnFinalTarget: true)!.Exists, Is.True);
        Assert.That(Directory.EnumerateFiles(link.FullName, "terraform-provider-aws*"), Is.Not.Empty);
        Assert.That(File.GetLastWriteTimeUtc(link.FullName), Is.EqualTo(before));
    }

    private static string NewConfiguration(TerraformSession session, string name)
    {
        var directory = session.NewStandaloneDirectory(name);
        File.WriteAllText(Path.Combine(directory, "main.tf.json"), RequiresAws);
        return directory;
    }

    private static DirectoryInfo ProviderLink(string workspace) =>
        new(Path.Combine(workspace, ".terraform", "providers", "registry.terraform.io", "hashicorp", "aws",
            TerraformInstallation.AwsProviderVersion, TerraformInstallation.Platform));
}
