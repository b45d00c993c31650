using MlopsCdktf.Core;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>The NFS PersistentVolume and its pinned claim, read back from the synthesized JSON.</summary>
public sealed class NfsWorkspaceVolumeTests
{
    private static NfsWorkspaceVolumeProps Props => new() { Name = "training-workspace", Namespace = "ml-models", Server = "10.0.0.2", Path = "/workspace", CapacityGb = 2560 };

    [Test]
    public void Volume_is_read_write_many_retained_nfs_without_storage_class()
    {
        var json = SynthHarness.Kubernetes(stack => new NfsWorkspaceVolume(stack, "Volume", Props));
        var spec = json.Single("kubernetes_persistent_volume_v1")["spec"]!.AsArray().Single()!;

        Assert.That(spec["access_modes"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "ReadWriteMany" }));
        Assert.That(spec["persistent_volume_reclaim_policy"]!.GetValue<string>(), Is.EqualTo("Retain"));
        Assert.That(spec["storage_class_name"]!.GetValue<string>(), Is.Empty);
        Assert.That(spec["capacity"]!["storage"]!.GetValue<string>(), Is.EqualTo("2560Gi"));
        Assert.That(spec["mount_options"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "hard", "nfsvers=3" }));
        var nfs = spec["persistent_volume_source"]!["nfs"]!;
        Assert.That(nfs["server"]!.GetValue<string>(), Is.EqualTo("10.0.0.2"));
        Assert.That(nfs["path"]!.GetValue<string>(), Is.EqualTo("/workspace"));
    }

    [Test]
    public void Claim_is_bound_to_exactly_that_volume()
    {
        var json = SynthHarness.Kubernetes(stack => new NfsWorkspaceVolume(stack, "Volume", Props with { Namespace = "training" }));
        var volume = json.Single("kubernetes_persistent_volume_v1");
        var claim = json.Single("kubernetes_persistent_volume_claim_v1");

        Assert.That(claim["metadata"]!["name"]!.GetValue<string>(), Is.EqualTo("training-workspace"));
        Assert.That(claim["metadata"]!["namespace"]!.GetValue<string>(), Is.EqualTo("training"));
        var spec = claim["spec"]!;
        Assert.That(spec["access_modes"]![0]!.GetValue<string>(), Is.EqualTo("ReadWriteMany"));
        Assert.That(spec["storage_class_name"]!.GetValue<string>(), Is.Empty);
        Assert.That(spec["volume_name"]!.GetValue<string>(), Is.EqualTo(json.Reference("kubernetes_persistent_volume_v1", volume, "metadata[0].name")));
        Assert.That(spec["resources"]!["requests"]!["storage"]!.GetValue<string>(), Is.EqualTo("2560Gi"));
    }

    [Test]
    public void Invalid_names_paths_and_sizes_are_rejected()
    {
        var stack = SynthHarness.BareStack();
        var error = Assert.Throws<ConstructInputException>(() => _ = new NfsWorkspaceVolume(stack, "Volume",
            Props with { Name = "Training_Workspace", Namespace = "default", Path = "workspace", CapacityGb = 0 }))!;
        Assert.That(error.ConstructPath, Is.EqualTo("test/Volume"));
        Assert.That(error.Problems, Is.EquivalentTo(new[]
        {
            "Name was \"Training_Workspace\": must be a DNS-1123 label: 1 to 63 lowercase letters, digits and '-', alphanumeric at both ends.",
            $"Namespace was \"default\": {KubernetesNames.SystemNamespaceAllowed}.",
            "Path was \"workspace\": must be an absolute path such as /workspace.",
            "CapacityGb was 0: must be at least 1 GiB.",
        }));
    }
}
