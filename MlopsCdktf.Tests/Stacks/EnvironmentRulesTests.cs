using MlopsCdktf.Aws;
using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>Environment definitions are checked field by field, all at once, before any stack is declared.</summary>
public sealed class EnvironmentRulesTests
{
    private static ConstructInputException Reject(params DeploymentEnvironment[] environments) =>
        Assert.Throws<ConstructInputException>(() => MlopsApplication.Compose(SynthHarness.NewApp(), environments))!;

    [Test]
    public void The_catalog_is_valid() => Assert.DoesNotThrow(() => EnvironmentRules.Validate(Catalog.All));

    [Test]
    public void Every_bad_field_of_every_environment_is_reported_at_once_naming_environment_and_field()
    {
        var dev = Catalog.Dev with
        {
            Aws = new AwsTarget { AccountId = "11111111111", Region = "eu-middle-1" },
            Gcp = Catalog.Dev.Gcp with { Region = "europe-west4", Zone = "us-central1-a" },
            CostCenter = "ML Platform (dev)",
        };
        var prod = Catalog.Prod with { Aws = Catalog.Prod.Aws with { AccountId = "33333333333a" }, Gcp = Catalog.Prod.Gcp with { Region = "europe-west99", Zone = "europe-west99-a" } };

        var error = Reject(dev, prod);

        Assert.That(error.Message, Does.StartWith("Invalid DeploymentEnvironment at path [Catalog]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "[dev] Aws.AccountId was \"11111111111\": must be exactly 12 digits.",
            "[dev] Aws.Region was \"eu-middle-1\": must be an AWS region such as eu-west-1 (if it is a new region, add it to MlopsCdktf.Library/Core/CloudRegions.cs).",
            "[dev] Gcp.Zone was \"us-central1-a\": must be a zone of region europe-west4 (Gcp.Region): europe-west4-a, europe-west4-b, europe-west4-c.",
            "[dev] CostCenter was \"ML Platform (dev)\": must be 1 to 63 lowercase letters, digits, hyphens and underscores: it is an AWS tag value and a GCP label value on every resource.",
            "[prod] Aws.AccountId was \"33333333333a\": must be exactly 12 digits.",
            "[prod] Gcp.Region was \"europe-west99\": must be a Google Cloud region such as europe-west4 (if it is a new region, add it to MlopsCdktf.Library/Core/CloudRegions.cs).",
        }));
    }

    [Test]
    public void Two_environments_with_one_name_are_rejected_before_any_stack_collides()
    {
        var error = Reject(Catalog.Dev, Catalog.Staging with { Name = "dev" });
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "Name was \"dev\": is used by 2 environments: stack and resource names would collide; names must be unique.",
        }));
    }

    [Test]
    public void A_null_environment_or_field_is_named()
    {
        Assert.That(Reject(Catalog.Dev, null!).Problems, Is.EqualTo(new[] { "environments[1] was null: must not be null (remove the entry instead)." }));
        Assert.That(Reject(Catalog.Dev with { Serving = null! }).Problems, Is.EqualTo(new[] { "environments[0].Serving was null: is required." }));
    }

    private const string RollbackNeedsAlarms =
        "[prod] Serving.Deployment.AutoRollback was True: needs alarms: the endpoint has alarms only where they notify someone (Serving.AlarmEmails or Serving.AlarmTopicArn); " +
        "set one, name AdditionalRollbackAlarmNames, or turn AutoRollback off.";

    [TestCase("NOW")]
    [TestCase("cron(0 24 ? * * *)")]
    public void The_data_quality_schedule_must_be_one_sagemaker_runs_again_and_again(string expression)
    {
        var dev = Catalog.Dev with { Serving = Catalog.Dev.Serving with { DataQualitySchedule = MonitorSchedule.Of(expression) } };
        Assert.That(Reject(dev).Problems, Is.EqualTo(new[]
        {
            $"[dev] Serving.DataQualitySchedule was \"{expression}\": must be a recurring schedule SageMaker Model Monitor accepts (MonitorSchedule.Hourly, DailyAt(hour) or Every(hours, startHour), UTC).",
        }));
    }

    [Test]
    public void A_production_endpoint_must_shift_traffic_in_steps_with_auto_rollback()
    {
        const string allowed = "must be a Canary or Linear deployment with AutoRollback: the data deletion policy is PreventDestroy (production), so a model update " +
            "must reach a part of the traffic first and roll back on the endpoint's alarms.";
        var unguarded = Catalog.Prod with { Serving = Catalog.Prod.Serving with { Deployment = null } };
        Assert.That(Reject(unguarded).Problems, Is.EqualTo(new[] { "[prod] Serving.Deployment was null: " + allowed }));
        var allAtOnce = Catalog.Prod with { Serving = Catalog.Prod.Serving with { Deployment = new EndpointDeployment { TrafficShift = TrafficShift.AllAtOnce } } };
        Assert.That(Reject(allAtOnce).Problems, Is.EqualTo(new[] { "[prod] Serving.Deployment was \"AllAtOnce, AutoRollback True\": " + allowed }));
        Assert.DoesNotThrow(() => EnvironmentRules.Validate([Catalog.Staging with { Serving = Catalog.Staging.Serving with { Deployment = null } }]),
            "staging and dev choose freely");
    }

    [Test]
    public void A_prevent_destroy_environment_whose_alarms_notify_nobody_is_rejected_naming_the_field()
    {
        var silentProd = Catalog.Prod with { Serving = Catalog.Prod.Serving with { AlarmEmails = [] } };
        Assert.That(Reject(silentProd).Problems, Is.EqualTo(new[]
        {
            "[prod] Serving.AlarmEmails was \"[]\": must name at least one address (or set Serving.AlarmTopicArn): the data deletion policy is PreventDestroy, so the environment's alarms must reach someone.",
            RollbackNeedsAlarms,
        }));
        Assert.DoesNotThrow(() => EnvironmentRules.Validate([silentProd with { Serving = silentProd.Serving with { AlarmTopicArn = "arn:aws:sns:eu-west-1:333333333333:pager" } }]),
            "the environment's own topic is someone to notify");
    }

    [Test]
    public void A_prevent_destroy_environment_without_a_gcp_alert_email_is_rejected_naming_the_field()
    {
        var silentProd = Catalog.Prod with { GcpMonitoring = Catalog.Prod.GcpMonitoring with { AlertEmails = [] } };
        Assert.That(Reject(silentProd).Problems, Is.EqualTo(new[]
        {
            "[prod] GcpMonitoring.AlertEmails was \"[]\": must name at least one address: the data deletion policy is PreventDestroy, so the GCP alert policies "
            + "(serving errors and latency, GPU pool at maximum, failed retrain, Filestore near capacity) need a notification channel that reaches someone.",
        }));
        Assert.DoesNotThrow(() => EnvironmentRules.Validate([Catalog.Dev with { GcpMonitoring = new GcpMonitoringSettings() }]), "dev may go without alerts");
    }

    [Test]
    public void Gpu_metrics_without_managed_prometheus_are_rejected_naming_the_field()
    {
        var dev = Catalog.Dev with { GcpMonitoring = new GcpMonitoringSettings { Cluster = new MlopsCdktf.Gcp.ClusterMonitoring { ManagedPrometheus = false } } };
        Assert.That(Reject(dev).Problems, Is.EqualTo(new[]
        {
            "[dev] GcpMonitoring.Cluster.ManagedPrometheus was \"false\": DCGM GPU metrics (GpuMetrics) are collected by Managed Service for Prometheus, and the serving PodMonitoring needs its CRD: turn it on.",
        }));
    }

    [Test]
    public void A_release_that_is_not_a_pinned_tag_or_a_usable_name_is_rejected_naming_the_field()
    {
        var dev = Catalog.Dev with { Release = Catalog.Dev.Release with { Version = "latest" } };
        var staging = Catalog.Staging with { Release = new ModelRelease { Name = "Churn_Model", Version = "-1.0" } };
        Assert.That(Reject(dev, staging).Problems, Is.EqualTo(new[]
        {
            "[dev] Release.Version was \"latest\": must be a pinned image tag, 1 to 63 letters, digits, '_', '.' and '-', not starting with '.' or '-', and never \"latest\": it tags every image of the release and names its archive's folder.",
            "[staging] Release.Name was \"Churn_Model\": must be 3 to 20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen: it names the endpoint, the image repository and images, the secret and the Kubernetes workloads (and, with -wi, the serving's Google service account, whose id needs 6 characters).",
            "[staging] Release.Version was \"-1.0\": must be a pinned image tag, 1 to 63 letters, digits, '_', '.' and '-', not starting with '.' or '-', and never \"latest\": it tags every image of the release and names its archive's folder.",
        }));
    }

    [Test]
    public void Every_cross_field_problem_of_an_environment_is_reported_at_once_before_any_construct_sees_it()
    {
        var prod = Catalog.Prod with
        {
            Training = Catalog.Prod.Training with { GpuMachineType = "a2-highgpu-2g" },
            ClusterWorkloads = Catalog.Prod.ClusterWorkloads with { Quota = Catalog.Prod.ClusterWorkloads.Quota with { Gpus = 1 } },
            Serving = Catalog.Prod.Serving with { AlarmEmails = [] },
        };
        var error = Reject(prod);
        Assert.That(error.Message, Does.StartWith("Invalid DeploymentEnvironment at path [Catalog]:"), "the environment, not [mlops-gcp-prod/GpuPool]");
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "[prod] Training.GpuMachineType was \"a2-highgpu-2g\": nvidia-l4 GPUs come only with machine types g2-standard-{4,8,12,16,32} (1 GPU), -24 (2), -48 (4) or -96 (8).",
            "[prod] ClusterWorkloads.Quota.Gpus was 1: the weekly retrain asks for 2 GPUs (Training.GpuCount): the namespace quota must allow at least that many, or Kubernetes refuses every retrain pod.",
            "[prod] Serving.AlarmEmails was \"[]\": must name at least one address (or set Serving.AlarmTopicArn): the data deletion policy is PreventDestroy, so the environment's alarms must reach someone.",
            RollbackNeedsAlarms,
        }));
    }

    [Test]
    public void Zones_that_do_not_exist_or_belong_to_another_region_are_reported_on_the_environment_field()
    {
        var dev = Catalog.Dev with
        {
            Gcp = Catalog.Dev.Gcp with { Zone = "europe-west4-z" },
            Network = Catalog.Dev.Network with { AvailabilityZones = ["eu-west-1a", "us-east-1b"] },
            Serving = Catalog.Dev.Serving with { AlarmTopicArn = "arn:aws-cn:sns:cn-north-1:111111111111:pager" },
        };
        Assert.That(Reject(dev).Problems, Is.EqualTo(new[]
        {
            "[dev] Gcp.Zone was \"europe-west4-z\": must be a zone of region europe-west4 (Gcp.Region): europe-west4-a, europe-west4-b, europe-west4-c.",
            "[dev] Network.AvailabilityZones was \"us-east-1b\": must be an availability zone of eu-west-1 (Aws.Region): eu-west-1a, eu-west-1b, eu-west-1c.",
            "[dev] Serving.AlarmTopicArn was \"arn:aws-cn:sns:cn-north-1:111111111111:pager\": is a sns ARN of partition aws-cn (cn-north-1), but Aws.Region runs in eu-west-1 (partition aws): partitions never share resources.",
        }));
    }

    [Test]
    public void A_machine_shape_that_does_not_exist_or_exceeds_the_gpu_limits_is_reported_on_the_environment_field()
    {
        var dev = Catalog.Dev with { Training = Catalog.Dev.Training with { GpuMachineType = "n1-standard-64", PreprocessingMachineType = "e2-standard-3" } };
        Assert.That(Reject(dev).Problems, Is.EqualTo(new[]
        {
            "[dev] Training.GpuMachineType was \"n1-standard-64\": has 64 vCPUs and 240 GB, but N1 with 1 nvidia-tesla-t4 GPU (Training.GpuCount) allows at most 48 vCPUs and 312 GB: "
            + "use a smaller N1 shape or more GPUs (1 GPU: up to 48 vCPUs, 312 GB; 2 GPUs: up to 48 vCPUs, 624 GB; 4 GPUs: up to 96 vCPUs, 624 GB).",
            "[dev] Training.PreprocessingMachineType was \"e2-standard-3\": is not a e2-standard machine type: the sizes are e2-standard-{2,4,8,16,32} vCPUs.",
        }));
        Assert.DoesNotThrow(() => EnvironmentRules.Validate([Catalog.Dev with { Training = Catalog.Dev.Training with { GpuMachineType = "n1-highmem-32" } }]),
            "32 vCPUs and 208 GB is within one T4's 48 vCPUs and 312 GB");
    }

    [Test]
    public void Cidrs_with_host_bits_and_an_admin_range_inside_the_node_range_are_reported_on_the_environment_fields()
    {
        var dev = Catalog.Dev with
        {
            Network = Catalog.Dev.Network with { CidrBlock = "10.110.1.0/16" },
            Gcp = Catalog.Dev.Gcp with { NodesCidr = "10.10.0.0/20", WorkspaceAdminCidr = "10.10.15.248/29" },
        };
        Assert.That(Reject(dev).Problems, Is.EqualTo(new[]
        {
            "[dev] Network.CidrBlock was \"10.110.1.0/16\": must be an IPv4 CIDR block such as 10.8.0.0/14, with no address bits beyond the prefix (did you mean 10.110.0.0/16?).",
            "[dev] Gcp.WorkspaceAdminCidr was \"10.10.15.248/29\": overlaps [dev] Gcp.NodesCidr (10.10.0.0/20): the ranges must not share addresses; pick a range outside 10.10.0.0/20.",
        }));
        Assert.DoesNotThrow(() => EnvironmentRules.Validate([Catalog.Dev with { Gcp = Catalog.Dev.Gcp with { NodesCidr = "10.10.0.0/20", WorkspaceAdminCidr = "10.10.16.0/29" } }]),
            "the first range after the node range is outside it");
    }

    [Test]
    public void A_project_id_holding_google_and_min_above_max_are_reported_on_the_fields_the_user_set()
    {
        var dev = Catalog.Dev with { Gcp = Catalog.Dev.Gcp with { ProjectId = "acme-google-ml" } };
        Assert.That(Reject(dev).Problems, Is.EqualTo(new[] { $"[dev] Gcp.ProjectId was \"acme-google-ml\": {GcpProjectIds.RestrictedWordsMessage}." }),
            "not the state bucket derived from it");

        var staging = Catalog.Staging with
        {
            Serving = Catalog.Staging.Serving with { Variant = Catalog.Staging.Serving.Variant with { Autoscaling = Catalog.Staging.Serving.Variant.Autoscaling! with { MinInstances = 3, MaxInstances = 2 } } },
        };
        Assert.That(Reject(staging).Problems, Is.EqualTo(new[]
        {
            "[staging] Serving.Variant.Autoscaling.MaxInstances was 2: must be at least Serving.Variant.Autoscaling.MinInstances (3): the minimum is greater than the maximum.",
        }));
    }
}
