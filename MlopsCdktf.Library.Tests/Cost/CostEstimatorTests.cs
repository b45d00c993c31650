using System.Text.Json.Nodes;
using MlopsCdktf.Cost;

namespace MlopsCdktf.Tests.Cost;

/// <summary>
/// The forecast's arithmetic on small stacks written as Terraform JSON, priced from a small catalogue: counts × price ×
/// 730 h, autoscaling bounds at rest and at peak, spot, GPUs, disks, shares, and nothing unknown counted as zero.
/// </summary>
public sealed class CostEstimatorTests
{
    private static readonly PriceCatalogue Prices = PriceCatalogue.Parse("""
        # date: 2026-01-01
        # source: test
        # gpus-included: g2
        kind	region	key	unit	on_demand	spot	source
        sagemaker-hosting	eu-west-1	ml.m5.xlarge	hour	0.256		seed
        sagemaker-serverless	eu-west-1	gb-second	gb-second	0.00002		seed
        sagemaker-notebook	eu-west-1	ml.t3.medium	hour	0.05		seed
        aws-kms-key	*	key	month	1.00		seed
        gke-cluster	*	management	hour	0.10		seed
        gce-machine	europe-west4	n1-standard-8	hour	0.40	0.08	seed
        gce-machine	europe-west4	g2-standard-24	hour	2.20		seed
        gce-machine	europe-west4	e2-standard-4	hour	0.15		seed
        gce-gpu	europe-west4	nvidia-tesla-t4	hour	0.35	0.14	seed
        gce-disk	europe-west4	pd-balanced	gb-month	0.10		seed
        filestore	europe-west4	BASIC_HDD	gb-month	0.20		seed
        """.Replace("        ", "", StringComparison.Ordinal));

    private static StackCost Estimate(string json) => new CostEstimator(Prices).Estimate("test", JsonNode.Parse(json)!.AsObject());

    private const string Aws = """ "provider": { "aws": [ { "region": "eu-west-1" } ] } """;
    private const string Gcp = """ "provider": { "google": [ { "region": "europe-west4" } ] } """;

    private static string Meta(string path) => $$""" "//": { "metadata": { "path": "test/{{path}}" } } """;

    [Test]
    public void Two_instances_of_a_variant_cost_two_times_the_hourly_price_times_730_hours_at_rest_and_at_peak()
    {
        var cost = Estimate($$"""
            { {{Aws}}, "resource": { "aws_sagemaker_endpoint_configuration": { "c": { {{Meta("Endpoint/Config")}},
            "production_variants": [ { "variant_name": "AllTraffic", "instance_type": "ml.m5.xlarge", "initial_instance_count": 2 } ] } } } }
            """);

        var line = cost.Lines.Single();
        Assert.Multiple(() =>
        {
            Assert.That(line.Status, Is.EqualTo(CostStatus.Priced));
            Assert.That(line.AtRest, Is.EqualTo(2 * 0.256m * 730), "373.76");
            Assert.That(line.Peak, Is.EqualTo(373.76m));
            Assert.That(line.ConstructPath, Is.EqualTo("test/Endpoint/Config"));
            Assert.That(line.Item, Is.EqualTo("variant AllTraffic: ml.m5.xlarge × 2"));
            Assert.That(line.Basis, Is.EqualTo("2 × 730 h × $0.256/hour (seed)"));
        });
    }

    [Test]
    public void An_autoscaled_variant_costs_its_minimum_at_rest_and_its_maximum_at_peak()
    {
        var cost = Estimate($$"""
            { {{Aws}}, "resource": {
            "aws_sagemaker_endpoint_configuration": { "c": { {{Meta("E/Config")}},
              "production_variants": [ { "variant_name": "AllTraffic", "instance_type": "ml.m5.xlarge", "initial_instance_count": 2 } ] } },
            "aws_sagemaker_endpoint": { "e": { "endpoint_config_name": "${aws_sagemaker_endpoint_configuration.c.name}" } },
            "aws_appautoscaling_target": { "t": { "resource_id": "endpoint/${aws_sagemaker_endpoint.e.name}/variant/AllTraffic", "min_capacity": 1, "max_capacity": 4 } } } }
            """);

        var line = cost.Lines.Single();
        Assert.That((line.AtRest, line.Peak), Is.EqualTo((186.88m, 747.52m)));
        Assert.That(line.Item, Is.EqualTo("variant AllTraffic: ml.m5.xlarge × 1–4"));
        Assert.That(cost.FreeResources, Is.EqualTo(2), "the endpoint and the scaling target carry no charge of their own");
    }

    [Test]
    public void A_scaling_target_of_another_endpoint_does_not_bound_this_variant()
    {
        var cost = Estimate($$"""
            { {{Aws}}, "resource": {
            "aws_sagemaker_endpoint_configuration": { "c": { "production_variants": [ { "variant_name": "AllTraffic", "instance_type": "ml.m5.xlarge", "initial_instance_count": 1 } ] } },
            "aws_appautoscaling_target": { "t": { "resource_id": "endpoint/${aws_sagemaker_endpoint.other.name}/variant/AllTraffic", "min_capacity": 3, "max_capacity": 9 } } } }
            """);
        Assert.That((cost.Lines.Single().AtRest, cost.Lines.Single().Peak), Is.EqualTo((186.88m, 186.88m)));
    }

    [Test]
    public void A_serverless_variant_costs_its_provisioned_concurrency_at_rest_and_full_concurrency_all_month_at_peak()
    {
        var cost = Estimate($$"""
            { {{Aws}}, "resource": { "aws_sagemaker_endpoint_configuration": { "c": {
            "production_variants": [ { "variant_name": "AllTraffic", "serverless_config": { "memory_size_in_mb": 2048, "max_concurrency": 5 } } ] } } } }
            """);
        var line = cost.Lines.Single();
        Assert.That(line.AtRest, Is.EqualTo(0m));
        Assert.That(line.Peak, Is.EqualTo(Math.Round(2m * 5 * 730 * 3600 * 0.00002m, 2)), "2 GB × 5 × 2,628,000 s × $0.00002");
    }

    [Test]
    public void A_gpu_pool_costs_machines_gpus_and_disks_from_zero_at_rest_to_its_maximum_at_peak_on_spot_prices()
    {
        var cost = Estimate($$"""
            { {{Gcp}}, "resource": { "google_container_node_pool": { "p": { {{Meta("GpuPool/NodePool")}},
            "node_locations": ["europe-west4-b"], "autoscaling": { "total_min_node_count": 0, "total_max_node_count": 2 },
            "node_config": { "machine_type": "n1-standard-8", "spot": true, "disk_type": "pd-balanced", "disk_size_gb": 100,
              "guest_accelerator": [ { "type": "nvidia-tesla-t4", "count": 1 } ] } } } } }
            """);

        Assert.That(cost.Lines.Select(l => (l.Item, l.AtRest, l.Peak)), Is.EqualTo(new[]
        {
            ("0–2 × n1-standard-8 (spot)", (decimal?)0m, (decimal?)(2 * 730 * 0.08m)),
            ("0–2 × 1 nvidia-tesla-t4 (spot)", 0m, 2 * 730 * 0.14m),
            ("0–2 × 100 GB pd-balanced boot disk", 0m, 20m),
        }));
        Assert.That(cost.Gpus, Is.EqualTo(new[] { new GpuDemand("test", "test/GpuPool/NodePool", "nvidia-tesla-t4", "europe-west4", ["europe-west4-b"], 2, true) })
            .Using<GpuDemand>((a, b) => a.GpuType == b.GpuType && a.AtPeak == b.AtPeak && a.Spot == b.Spot && a.Zones.SequenceEqual(b.Zones) && a.ConstructPath == b.ConstructPath));
    }

    [Test]
    public void Per_zone_bounds_count_once_per_zone_and_accelerator_optimized_machines_include_their_gpus()
    {
        var cost = Estimate($$"""
            { {{Gcp}}, "resource": { "google_container_node_pool": { "p": {
            "node_locations": ["europe-west4-a", "europe-west4-b"], "autoscaling": { "min_node_count": 1, "max_node_count": 3 },
            "node_config": { "machine_type": "g2-standard-24", "disk_type": "pd-balanced", "disk_size_gb": 10,
              "guest_accelerator": [ { "type": "nvidia-l4", "count": 2 } ] } } } } }
            """);

        Assert.That(cost.Lines.Select(l => l.Item), Is.EqualTo(new[] { "2–6 × g2-standard-24 (on-demand)", "2–6 × 10 GB pd-balanced boot disk" }),
            "no separate L4 line: the G2 price includes its GPUs");
        Assert.That(cost.Lines[0].Peak, Is.EqualTo(6 * 730 * 2.20m));
        Assert.That(cost.Gpus.Single().AtPeak, Is.EqualTo(12), "2 zones × 3 nodes × 2 GPUs");
    }

    [Test]
    public void Spot_capacity_without_a_spot_price_is_unpriced_not_priced_on_demand()
    {
        var cost = Estimate($$"""
            { {{Gcp}}, "resource": { "google_container_node_pool": { "p": {
            "node_locations": ["europe-west4-b"], "node_count": 1, "node_config": { "machine_type": "e2-standard-4", "spot": true, "disk_type": "pd-balanced", "disk_size_gb": 10 } } } } }
            """);
        var machine = cost.Lines[0];
        Assert.That(machine.Status, Is.EqualTo(CostStatus.Unpriced));
        Assert.That(machine.Basis, Does.Contain("no spot gce-machine price for e2-standard-4 in europe-west4"));
        Assert.That(machine.AtRest, Is.Null);
    }

    [Test]
    public void A_share_a_cluster_keys_and_an_idle_stopping_notebook_module_are_priced()
    {
        var cost = Estimate($$"""
            { "provider": { "aws": [ { "region": "eu-west-1" } ], "google": [ { "region": "europe-west4" } ] },
            "resource": {
              "google_filestore_instance": { "f": { "tier": "BASIC_HDD", "file_shares": { "capacity_gb": 1024 } } },
              "google_container_cluster": { "c": { } },
              "aws_kms_key": { "k": { }, "k2": { } } },
            "module": { "Notebook": { {{Meta("Notebook/Module")}}, "source": "./assets/module-sagemaker-notebook/ABC", "instance_type": "ml.t3.medium", "idle_minutes": 60 } } }
            """);

        Assert.That(cost.Lines.Select(l => (l.Item, l.AtRest, l.Peak)), Is.EquivalentTo(new[]
        {
            ("Filestore BASIC_HDD 1024 GiB", (decimal?)204.8m, (decimal?)204.8m),
            ("GKE cluster management", 73m, 73m),
            ("customer-managed key", 1m, 1m),
            ("customer-managed key", 1m, 1m),
            ("notebook ml.t3.medium, stops after 60 idle min", 0m, 36.5m),
        }));
        Assert.That(cost.AtRest, Is.EqualTo(279.8m));
        Assert.That(cost.Peak, Is.EqualTo(316.3m));
    }

    [Test]
    public void What_the_catalogue_cannot_price_is_listed_as_unpriced_or_usage_priced_never_as_zero()
    {
        var cost = Estimate($$"""
            { {{Aws}}, "resource": {
            "aws_sagemaker_endpoint_configuration": { "c": { "production_variants": [ { "variant_name": "AllTraffic", "instance_type": "ml.p5.48xlarge", "initial_instance_count": 1 } ] } },
            "aws_fsx_lustre_file_system": { "fsx": { {{Meta("Scratch")}} } },
            "aws_cloudwatch_log_group": { "l": { } },
            "aws_iam_role": { "r": { } } },
            "module": { "Other": { "source": "terraform-aws-modules/vpc/aws" } } }
            """);

        Assert.That(cost.Lines.Select(l => (l.ResourceType, l.Status, l.Basis)), Is.EquivalentTo(new[]
        {
            ("aws_sagemaker_endpoint_configuration", CostStatus.Unpriced, "no sagemaker-hosting price for ml.p5.48xlarge in eu-west-1 in MlopsCdktf.Library/Cost/prices.tsv"),
            ("aws_fsx_lustre_file_system", CostStatus.Unpriced, "no price for resource type aws_fsx_lustre_file_system in MlopsCdktf.Library/Cost/prices.tsv"),
            ("aws_cloudwatch_log_group", CostStatus.UsagePriced, "billed per GB ingested and stored"),
            ("module", CostStatus.Unpriced, "a module the forecast does not know: its resources are not priced"),
        }));
        Assert.That((cost.AtRest, cost.Peak, cost.FreeResources), Is.EqualTo((0m, 0m, 1)));
    }

    [Test]
    public void Lines_are_ordered_by_construct_path_whatever_the_order_of_the_json()
    {
        var forward = Estimate($$"""
            { "provider": { "aws": [ { "region": "eu-west-1" } ] },
              "resource": { "aws_kms_key": { "b": { {{Meta("B/Key")}} }, "a": { {{Meta("A/Key")}} } } } }
            """);
        var reversed = Estimate($$"""
            { "provider": { "aws": [ { "region": "eu-west-1" } ] },
              "resource": { "aws_kms_key": { "a": { {{Meta("A/Key")}} }, "b": { {{Meta("B/Key")}} } } } }
            """);

        Assert.That(forward.Lines.Select(l => l.ConstructPath), Is.EqualTo(new[] { "test/A/Key", "test/B/Key" }));
        Assert.That(reversed.Lines, Is.EqualTo(forward.Lines));
    }
}
