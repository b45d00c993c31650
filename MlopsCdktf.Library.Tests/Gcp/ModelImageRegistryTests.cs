using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>The GKE images' Artifact Registry repository: immutable tags, scanning, cleanup, CMEK, readers, destroy guard.</summary>
public sealed class ModelImageRegistryTests
{
    [Test]
    public void A_docker_repository_with_immutable_tags_and_scanning_protected_from_destroy()
    {
        var repository = SynthHarness.Gcp(stack => _ = new ModelImageRegistry(stack, "Images", ImageRegistry)).Single("google_artifact_registry_repository");

        Assert.That(repository["project"]!.GetValue<string>(), Is.EqualTo("acme-ml-test"));
        Assert.That(repository["location"]!.GetValue<string>(), Is.EqualTo("europe-west4"));
        Assert.That(repository["repository_id"]!.GetValue<string>(), Is.EqualTo("models"));
        Assert.That(repository["format"]!.GetValue<string>(), Is.EqualTo("DOCKER"));
        Assert.That(repository["mode"]!.GetValue<string>(), Is.EqualTo("STANDARD_REPOSITORY"));
        Assert.That(repository["docker_config"]!["immutable_tags"]!.GetValue<bool>(), Is.True);
        Assert.That(repository["vulnerability_scanning_config"]!["enablement_config"]!.GetValue<string>(), Is.EqualTo("INHERITED"));
        Assert.That(repository["cleanup_policies"], Is.Null, "nothing deleted unless asked");
        Assert.That(repository["kms_key_name"], Is.Null);
        Assert.That(repository["lifecycle"]!["prevent_destroy"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void Cleanup_deletes_only_old_untagged_images_and_keeps_recent_versions_and_cmek_and_scanning_are_configurable()
    {
        const string key = "projects/acme-ml-test/locations/europe-west4/keyRings/ml/cryptoKeys/images";
        var repository = SynthHarness.Gcp(stack => _ = new ModelImageRegistry(stack, "Images", ImageRegistry with
        {
            Cleanup = new ImageCleanup { DeleteUntaggedAfterDays = 14, KeepMostRecentVersions = 5, DryRun = true },
            KmsKeyName = key,
            VulnerabilityScanning = false,
            DeletionPolicy = DeletionPolicy.ForceDestroy,
        })).Single("google_artifact_registry_repository");

        var policies = repository["cleanup_policies"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => p["id"]!.GetValue<string>());
        Assert.That(policies["delete-untagged"]["action"]!.GetValue<string>(), Is.EqualTo("DELETE"));
        Assert.That(policies["delete-untagged"]["condition"]!["tag_state"]!.GetValue<string>(), Is.EqualTo("UNTAGGED"));
        Assert.That(policies["delete-untagged"]["condition"]!["older_than"]!.GetValue<string>(), Is.EqualTo("1209600s"));
        Assert.That(policies["keep-recent-versions"]["action"]!.GetValue<string>(), Is.EqualTo("KEEP"));
        Assert.That(policies["keep-recent-versions"]["most_recent_versions"]!["keep_count"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(repository["cleanup_policy_dry_run"]!.GetValue<bool>(), Is.True);
        Assert.That(repository["kms_key_name"]!.GetValue<string>(), Is.EqualTo(key));
        Assert.That(repository["vulnerability_scanning_config"]!["enablement_config"]!.GetValue<string>(), Is.EqualTo("DISABLED"));
        Assert.That(repository["lifecycle"], Is.Null);
    }

    [Test]
    public void Readers_get_the_reader_role_on_this_repository_only()
    {
        var json = SynthHarness.Gcp(stack =>
        {
            var cluster = new MlCluster(stack, "Cluster", ClusterProps);
            new ModelImageRegistry(stack, "Images", ImageRegistry).GrantRead("Nodes", cluster.NodeServiceAccount.Member);
        });
        var repository = json.Single("google_artifact_registry_repository");
        var grant = json.Single("google_artifact_registry_repository_iam_member");

        Assert.That(grant["role"]!.GetValue<string>(), Is.EqualTo("roles/artifactregistry.reader"));
        Assert.That(grant["repository"]!.GetValue<string>(), Is.EqualTo(json.Reference("google_artifact_registry_repository", repository, "name")));
        Assert.That(grant["location"]!.GetValue<string>(), Is.EqualTo(json.Reference("google_artifact_registry_repository", repository, "location")));
        Assert.That(grant["member"]!.GetValue<string>(), Is.EqualTo(json.Reference("google_service_account", json.Single("google_service_account"), "member")));
    }

    [Test]
    public void Image_paths_are_derived_from_location_project_and_id()
    {
        ModelImageRegistry? registry = null;
        SynthHarness.Gcp(stack => registry = new ModelImageRegistry(stack, "Images", ImageRegistry));

        Assert.That(registry!.RepositoryUrl, Is.EqualTo("europe-west4-docker.pkg.dev/acme-ml-test/models"));
        Assert.That(registry.ImageReference("churn-serving", "1.0.0"), Is.EqualTo(ServingImage));
        Assert.That(registry.Holds(ServingImage), Is.True);
        Assert.That(registry.Holds("europe-west4-docker.pkg.dev/acme-ml-test/other/churn-serving:1.0.0"), Is.False);
        Assert.That(registry.Holds("europe-west4-docker.pkg.dev/acme-ml-test/models/churn-serving:latest"), Is.False, "latest is never a pinned image");
    }

    [Test]
    public void Bad_input_is_rejected_naming_each_property()
    {
        var error = Reject<ModelImageRegistry>(stack => _ = new ModelImageRegistry(stack, "Images", ImageRegistry with
        {
            Location = "europe-west99",
            RepositoryId = "Models_",
            Cleanup = new ImageCleanup { DeleteUntaggedAfterDays = 0, KeepMostRecentVersions = 0 },
        }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Location was \"europe-west99\": must be a Google Cloud region such as europe-west4 or a multi-region (asia, europe, us) (if it is a new region, add it to MlopsCdktf.Library/Core/CloudRegions.cs).",
            "RepositoryId was \"Models_\": must be 1 to 63 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.",
            "Cleanup.DeleteUntaggedAfterDays was 0: must be between 1 and 3650 days.",
            "Cleanup.KeepMostRecentVersions was 0: must be between 1 and 1000 versions.",
        }));
    }
}
