using MlopsCdktf.Cost;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;
using MlopsCdktf.Policy;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// The cost and capacity gate over the app's real synthesis: every environment priced down to its variants, pools and
/// shares, within the budget it declares; a ceiling or a GPU quota exceeded fails with the environment field, the figure
/// and the limit; a suppression with a reason turns the finding into a reported, passing one.
/// </summary>
public sealed class CostGateTests
{
    private static CostGroup Forecast(DeploymentEnvironment environment)
    {
        var estimator = new CostEstimator();
        var stacks = AppSynth.All.Where(s => s.Key.EndsWith("-" + environment.Name, StringComparison.Ordinal))
            .Select(s => estimator.Estimate(s.Key, s.Value.Root)).ToList();
        return new CostGroup(environment.Name, stacks);
    }

    private static IEnumerable<DeploymentEnvironment> Environments => Catalog.All;

    [TestCaseSource(nameof(Environments))]
    public void Every_variant_pool_share_and_cluster_is_priced_and_the_environment_is_within_its_budget(DeploymentEnvironment environment)
    {
        var forecast = Forecast(environment);
        var mustBePriced = new[] { "aws_sagemaker_endpoint_configuration", "google_container_node_pool", "google_filestore_instance", "google_container_cluster" };

        Assert.Multiple(() =>
        {
            Assert.That(forecast.Lines.Where(l => l.Status == CostStatus.Unpriced).Select(l => $"{l.ConstructPath}: {l.Basis}"), Is.Empty);
            foreach (var type in mustBePriced)
            {
                Assert.That(forecast.Lines.Where(l => l.ResourceType == type).Select(l => l.Status), Is.Not.Empty.And.All.EqualTo(CostStatus.Priced), type);
            }

            Assert.That(forecast.AtRest, Is.GreaterThan(0m).And.LessThanOrEqualTo(environment.Budget.AtRestMonthlyUsd));
            Assert.That(forecast.Peak, Is.GreaterThan(forecast.AtRest).And.LessThanOrEqualTo(environment.Budget.PeakMonthlyUsd));
            Assert.That(CostGate.Check(environment, forecast).Findings, Is.Empty);
        });
    }

    [Test]
    public void The_prod_endpoint_costs_its_autoscaling_bounds_and_the_gpu_pool_nothing_at_rest()
    {
        var lines = Forecast(Catalog.Prod).Lines.ToList();
        var variant = lines.Single(l => l.ConstructPath == "mlops-serving-prod/ModelEndpoint/Config");
        var gpuNodes = lines.First(l => l.ConstructPath == "mlops-gcp-prod/GpuPool/NodePool");
        var price = PriceCatalogue.Embedded.Find("sagemaker-hosting", "eu-west-1", "ml.m5.xlarge")!.OnDemand;

        Assert.That(variant.Item, Is.EqualTo("variant AllTraffic: ml.m5.xlarge × 2–6"), "the environment's MinInstances–MaxInstances");
        Assert.That((variant.AtRest, variant.Peak), Is.EqualTo(((decimal?)(2 * 730 * price), (decimal?)(6 * 730 * price))));
        Assert.That((gpuNodes.Item, gpuNodes.AtRest), Is.EqualTo(("0–4 × g2-standard-24 (on-demand)", (decimal?)0m)), "the GPU pool scales from zero");
    }

    [Test]
    public void Gpus_at_peak_are_counted_per_type_region_and_kind()
    {
        Assert.That(Forecast(Catalog.Prod).GpusAtPeak, Is.EqualTo(new[] { ("nvidia-l4", "europe-west4", false, 8) }), "4 nodes × 2 L4");
        Assert.That(Forecast(Catalog.Dev).GpusAtPeak, Is.EqualTo(new[] { ("nvidia-tesla-t4", "europe-west4", true, 2) }), "2 spot nodes × 1 T4");
    }

    [Test]
    public void A_ceiling_exceeded_fails_naming_the_environment_field_the_figure_the_ceiling_and_where_the_money_goes()
    {
        var prod = Catalog.Prod with { Budget = Catalog.Prod.Budget with { PeakMonthlyUsd = 5000 } };
        var forecast = Forecast(Catalog.Prod);

        var finding = CostGate.Check(prod, forecast).Findings.Single();

        Assert.Multiple(() =>
        {
            Assert.That(finding.RuleId, Is.EqualTo("MLOPS-COST-1"));
            Assert.That(finding.Level, Is.EqualTo(PolicyLevel.Error));
            Assert.That(finding.ConstructPath, Is.EqualTo("[prod] Budget.PeakMonthlyUsd"));
            Assert.That(finding.Message, Does.StartWith($"The environment costs {CostReport.Usd(forecast.Peak)} $/month at peak, over its ceiling of 5,000.00 $/month (largest: mlops-gcp-prod/GpuPool/NodePool 0–4 × g2-standard-24 (on-demand) "));
        });
    }

    [Test]
    public void The_boundary_is_the_forecast_itself_a_ceiling_equal_to_it_passes_a_cent_below_fails()
    {
        var forecast = Forecast(Catalog.Dev);
        var at = Catalog.Dev with { Budget = Catalog.Dev.Budget with { AtRestMonthlyUsd = forecast.AtRest, PeakMonthlyUsd = forecast.Peak } };
        var below = Catalog.Dev with { Budget = Catalog.Dev.Budget with { AtRestMonthlyUsd = forecast.AtRest - 0.01m, PeakMonthlyUsd = forecast.Peak - 0.01m } };

        Assert.That(CostGate.Check(at, forecast).Findings, Is.Empty);
        Assert.That(CostGate.Check(below, forecast).Findings.Select(f => f.ConstructPath), Is.EqualTo(new[] { "[dev] Budget.AtRestMonthlyUsd", "[dev] Budget.PeakMonthlyUsd" }));
    }

    [Test]
    public void Gpus_over_the_declared_quota_or_with_none_declared_fail_naming_type_kind_region_and_quota()
    {
        var forecast = Forecast(Catalog.Prod);
        var small = Catalog.Prod with { Budget = Catalog.Prod.Budget with { GpuQuotas = [new GpuQuota { Gpu = GpuType.NvidiaL4, Gpus = 7 }] } };
        var spotOnly = Catalog.Prod with { Budget = Catalog.Prod.Budget with { GpuQuotas = [new GpuQuota { Gpu = GpuType.NvidiaL4, Gpus = 8, Spot = true }] } };

        Assert.That(CostGate.Check(small, forecast).Findings.Select(f => (f.RuleId, f.ConstructPath, f.Message)), Is.EqualTo(new[]
        {
            ("MLOPS-CAP-1", "[prod] Budget.GpuQuotas", "The GPU pools reach 8 on-demand nvidia-l4 in europe-west4 at peak, over the declared quota of 7."),
        }));
        Assert.That(CostGate.Check(spotOnly, forecast).Findings.Single().Message, Is.EqualTo(
            "The GPU pools reach 8 on-demand nvidia-l4 in europe-west4 at peak, over the declared quota of 0 (none declared for this type; a new project's quota for most GPU types is 0)."),
            "a spot quota does not cover on-demand GPUs");
    }

    [Test]
    public void A_suppressed_budget_finding_is_reported_with_its_reason_and_does_not_fail()
    {
        const string Reason = "Launch month: the peak is approved by finance until 2027-01";
        var prod = Catalog.Prod with
        {
            Budget = Catalog.Prod.Budget with { PeakMonthlyUsd = 5000, Suppressions = [new BudgetSuppression("MLOPS-COST-1", Reason)] },
        };

        var report = CostGate.Check(prod, Forecast(Catalog.Prod));

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.Suppressed.Select(s => (s.Finding.RuleId, s.Suppression.Reason)), Is.EqualTo(new[] { ("MLOPS-COST-1", Reason) }));
        Assert.That(report.StackName, Is.EqualTo("environment prod"));
    }

    [Test]
    public void Budget_fields_are_validated_with_the_environment_field_named()
    {
        var dev = Catalog.Dev with
        {
            Budget = new CostBudget
            {
                AtRestMonthlyUsd = 0,
                PeakMonthlyUsd = -1,
                GpuQuotas = [new GpuQuota { Gpu = GpuType.NvidiaT4, Gpus = 2, Spot = true }, new GpuQuota { Gpu = GpuType.NvidiaT4, Gpus = -1, Spot = true }],
                Suppressions = [new BudgetSuppression("MLOPS-S3-1", "because"), new BudgetSuppression("MLOPS-CAP-1", "short")],
            },
        };

        var error = Assert.Throws<Core.ConstructInputException>(() => EnvironmentRules.Validate([dev]))!;

        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "[dev] Budget.AtRestMonthlyUsd was 0: must be a positive USD amount per month.",
            "[dev] Budget.PeakMonthlyUsd was -1: must be at least Budget.AtRestMonthlyUsd (0): the peak includes everything at rest.",
            "[dev] Budget.GpuQuotas was \"NvidiaT4 (spot)\": is declared more than once: a project has one quota per GPU type and kind (on-demand, spot).",
            "[dev] Budget.GpuQuotas[NvidiaT4].Gpus was -1: must be 0 or more GPUs.",
            "[dev] Budget.Suppressions.RuleId was \"MLOPS-S3-1\": must be MLOPS-COST-1 or MLOPS-CAP-1.",
            "[dev] Budget.Suppressions[MLOPS-S3-1].Reason was \"because\": must explain in at least 10 characters why the finding is acceptable.",
            "[dev] Budget.Suppressions[MLOPS-CAP-1].Reason was \"short\": must explain in at least 10 characters why the finding is acceptable.",
        }));
    }

    [Test]
    public void The_summary_tables_each_environment_and_the_change_from_a_base_report()
    {
        var groups = Catalog.All.Select(Forecast).ToList();
        var report = new CostReport(groups, PriceCatalogue.Embedded, CostAssumptions.Default);
        var json = report.ToJson();
        var baseline = CostReport.ReadTotals(json).Where(t => t.Key != "staging")
            .ToDictionary(t => t.Key, t => t.Key == "prod" ? (t.Value.AtRest - 100m, t.Value.Peak) : t.Value, StringComparer.Ordinal);

        var markdown = report.ToMarkdown(baseline);
        var table = report.ToTable(baseline);

        Assert.Multiple(() =>
        {
            Assert.That(CostReport.ReadTotals(json)["prod"], Is.EqualTo((groups[2].AtRest, groups[2].Peak)), "the JSON round-trips its totals");
            Assert.That(markdown, Does.Contain($"| prod | {CostReport.Usd(groups[2].AtRest)} | {CostReport.Usd(groups[2].Peak)} | +100.00 | ±0.00 |"));
            Assert.That(markdown, Does.Contain("| staging |").And.Contain(" new | new |"), "an environment the base did not have");
            Assert.That(markdown, Does.Contain("| `mlops-serving-prod/ModelEndpoint/Config` | variant AllTraffic: ml.m5.xlarge × 2–6 |"));
            Assert.That(markdown, Does.Contain("| GPUs at peak | 8 × nvidia-l4 in europe-west4 | | |"));
            Assert.That(table.Split('\n')[0], Does.Contain("at rest $/mo").And.Contain("Δ peak"));
            Assert.That(markdown, Does.Match(@"\n\d+ of \d+ priced lines use hand-entered seed prices"), "approximate figures say so");
        });
    }
}
