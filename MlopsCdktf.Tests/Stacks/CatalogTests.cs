using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// The environment layer: names that can be derived are, and the derivation lands on the names the deployed environments
/// already use (a changed state or log bucket name would orphan state or logs); prod is staging's shape with its own
/// account, project and sizes, so a change to staging's shape reaches prod unless prod overrides it.
/// </summary>
public sealed class CatalogTests
{
    [Test]
    public void State_buckets_are_derived_from_project_account_region_and_gcp_project()
    {
        Assert.That(Catalog.All.Select(e => (e.Name, e.State.AwsBucket, e.State.GcsBucket)), Is.EqualTo(new[]
        {
            ("dev", "mlops-tfstate-111111111111-eu-west-1", "mlops-tfstate-acme-mlops-dev"),
            ("staging", "mlops-tfstate-222222222222-eu-west-1", "mlops-tfstate-acme-mlops-staging"),
            ("prod", "mlops-tfstate-333333333333-eu-west-1", "mlops-tfstate-acme-mlops-prod"),
        }), "the names the environments' remote state already lives in");

        var moved = Catalog.Staging with { Aws = Catalog.Staging.Aws with { AccountId = "444444444444", Region = "eu-central-1" } };
        Assert.That(moved.State.AwsBucket, Is.EqualTo("mlops-tfstate-444444444444-eu-central-1"), "a new account or region gets its own bucket");
        Assert.That(Catalog.Review(42).State, Is.EqualTo(Catalog.Dev.State), "a review environment shares dev's buckets (own keys)");
    }

    [Test]
    public void Only_an_environment_that_keeps_access_logs_gets_a_derived_access_log_bucket()
    {
        Assert.That(Catalog.Prod.AccessLogBucket, Is.EqualTo("mlops-prod-s3-access-logs-333333333333"));
        Assert.That(Catalog.Dev.AccessLogBucket, Is.Null);
        Assert.That(Catalog.Staging.AccessLogBucket, Is.Null);

        var json = AppSynth.Stack(MlopsStack.StackName(AwsPlatformStack.Cloud, Catalog.Prod));
        Assert.That(json.Resources("aws_s3_bucket").Values.Select(b => b["bucket"]?.GetValue<string>()), Does.Contain(Catalog.Prod.AccessLogBucket),
            "the platform stack creates the derived bucket the artifact bucket logs into");
    }

    [Test]
    public void Prod_is_staging_with_its_own_account_project_network_and_sizes()
    {
        var staging = Catalog.Staging;
        var prod = Catalog.Prod;

        Assert.That(prod.Release, Is.EqualTo(staging.Release), "staging and prod share the release until prod overrides it");
        Assert.That(prod.Aws.Region, Is.EqualTo(staging.Aws.Region));
        Assert.That(prod.Gcp with { ProjectId = staging.Gcp.ProjectId, NodesCidr = staging.Gcp.NodesCidr, WorkspaceAdminCidr = staging.Gcp.WorkspaceAdminCidr },
            Is.EqualTo(staging.Gcp), "region, zone, network and ranges' names come from staging");
        Assert.That(prod.Network.AvailabilityZones, Is.SameAs(staging.Network.AvailabilityZones));
        Assert.That(prod.Serving.InVpc, Is.True);
        Assert.That(prod.Aws.AccountId, Is.Not.EqualTo(staging.Aws.AccountId));
        Assert.That(prod.Gcp.ProjectId, Is.Not.EqualTo(staging.Gcp.ProjectId));
    }

    [Test]
    public void An_environment_shows_as_its_name_in_test_names_and_messages() =>
        Assert.That(Catalog.All.Select(e => e.ToString()), Is.EqualTo(new[] { "dev", "staging", "prod" }));
}
