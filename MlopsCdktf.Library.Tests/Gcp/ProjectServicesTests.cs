using MlopsCdktf.Gcp;
using MlopsCdktf.Tests.Support;
using static MlopsCdktf.Tests.Gcp.GcpTestData;

namespace MlopsCdktf.Tests.Gcp;

/// <summary>API enablement: one google_project_service per API, never disabled on destroy, and resources ordered after their APIs.</summary>
public sealed class ProjectServicesTests
{
    private static readonly GoogleApi[] ClusterApis =
        [GoogleApi.Compute, GoogleApi.Container, GoogleApi.Iam, GoogleApi.IamCredentials, GoogleApi.CloudResourceManager, GoogleApi.Logging, GoogleApi.Monitoring];

    [Test]
    public void Each_api_is_enabled_once_and_stays_enabled_on_destroy()
    {
        var json = SynthHarness.Gcp(stack => _ = new ProjectServices(stack, "Services", Services with { Apis = [GoogleApi.Storage, GoogleApi.Filestore, GoogleApi.Container] }));
        var services = json.Resources("google_project_service").Values.ToList();

        Assert.That(services.Select(s => s["service"]!.GetValue<string>()), Is.EqualTo(new[] { "container.googleapis.com", "file.googleapis.com", "storage.googleapis.com" }));
        Assert.That(services.Select(s => s["project"]!.GetValue<string>()), Is.All.EqualTo("acme-ml-test"));
        Assert.That(services.Select(s => s["disable_on_destroy"]!.GetValue<bool>()), Is.All.False);
        Assert.That(services.Select(s => s["disable_dependent_services"]!.GetValue<bool>()), Is.All.False);
    }

    [Test]
    public void Every_resource_waits_for_the_apis_its_type_calls_and_keeps_its_own_dependencies()
    {
        var json = SynthHarness.Gcp(stack =>
        {
            var services = new ProjectServices(stack, "Services", Services with { Apis = [.. ClusterApis, GoogleApi.Filestore, GoogleApi.Storage] });
            _ = new MlCluster(stack, "Cluster", ClusterProps);
            _ = new FilestoreWorkspace(stack, "Workspace", Workspace);
            _ = new ModelRegistryBucket(stack, "Registry", Registry);
            services.RequiredBy(stack);
        });
        string Service(string name) => json.Address("google_project_service", $"Services/{name}");
        IEnumerable<string> DependsOn(string type, string path) => json.ByPath(type, path)["depends_on"]!.AsArray().Select(d => d!.GetValue<string>());

        Assert.That(DependsOn("google_container_cluster", "Cluster/Cluster"), Is.EqualTo(new[]
        {
            json.Address("google_project_iam_member", "NodeRole-container.defaultNodeServiceAccount"),
            json.Address("google_project_iam_member", "NodeRole-artifactregistry.reader"),
            Service("container"), Service("compute"), Service("logging"), Service("monitoring"), Service("iamcredentials"),
        }));
        Assert.That(DependsOn("google_service_account", "Cluster/NodeServiceAccount"), Is.EqualTo(new[] { Service("iam") }));
        Assert.That(DependsOn("google_project_iam_member", "NodeRole-container.defaultNodeServiceAccount"), Is.EqualTo(new[] { Service("cloudresourcemanager") }));
        Assert.That(DependsOn("google_filestore_instance", "Workspace/Instance"), Is.EqualTo(new[] { Service("file") }));
        Assert.That(DependsOn("google_storage_bucket", "Registry/Bucket"), Is.EqualTo(new[] { Service("storage") }));
        Assert.That(json.Resources("google_project_service").Values.Select(s => s["depends_on"]), Is.All.Null);
    }

    [Test]
    public void A_resource_whose_api_is_not_enabled_is_rejected_naming_it()
    {
        var error = Reject<ProjectServices>(stack =>
        {
            var services = new ProjectServices(stack, "Services", Services with { Apis = [GoogleApi.Storage] });
            _ = new FilestoreWorkspace(stack, "Workspace", Workspace);
            services.RequiredBy(stack);
        });
        Assert.That(error.Problems, Is.EqualTo(new[] { "Apis was \"Storage\": google_filestore_instance at test/Workspace/Instance needs Filestore (file.googleapis.com): add GoogleApi.Filestore." }));
    }

    [Test]
    public void Apis_must_be_listed_once_and_at_least_one()
    {
        Assert.That(Reject<ProjectServices>(stack => _ = new ProjectServices(stack, "S", Services with { Apis = [GoogleApi.Iam, GoogleApi.Iam] })).Problems,
            Is.EqualTo(new[] { "Apis was Iam: lists the API twice; list each API once." }));
        Assert.That(Reject<ProjectServices>(stack => _ = new ProjectServices(stack, "S", Services with { Apis = [] })).Problems,
            Is.EqualTo(new[] { "Apis was \"[]\": list at least one API." }));
    }
}
