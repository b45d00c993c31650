using MlopsCdktf.Core;
using MlopsCdktf.Environments;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Stacks;
using MlopsCdktf.Tests.Support;

namespace MlopsCdktf.Tests.Stacks;

/// <summary>
/// The environment's namespace quota against what its workloads need together (serving's minimum replicas and rollout
/// surge pod, the retrain, the batch inference), reported against <c>ClusterWorkloads.Quota.*</c> before any stack is
/// declared; and the other identifiers the Kubernetes stack derives, reported against the field the user set.
/// </summary>
public sealed class NamespaceQuotaRulesTests
{
    private const string Refused = "Kubernetes refuses every pod that does not fit (exceeded quota), so a workload never runs or a rollout never finishes";

    private static ConstructInputException Reject(params DeploymentEnvironment[] environments) =>
        Assert.Throws<ConstructInputException>(() => MlopsApplication.Compose(SynthHarness.NewApp(), environments))!;

    private static DeploymentEnvironment DevWith(Func<NamespaceQuota, NamespaceQuota> quota) => Catalog.Dev with
    {
        ClusterWorkloads = Catalog.Dev.ClusterWorkloads with { Quota = quota(Catalog.Dev.ClusterWorkloads.Quota) },
    };

    [Test]
    public void Every_catalog_environment_fits_its_namespace_quota()
    {
        foreach (var environment in Catalog.All.Append(Catalog.Review(1)))
        {
            Assert.DoesNotThrow(() => EnvironmentRules.Validate([environment]), environment.Name);
        }
    }

    [Test]
    public void A_cpu_request_quota_below_servings_replicas_and_the_jobs_is_reported_naming_the_fields()
    {
        // dev: serving 250m × (2 + 1 surge), retrain 2, batch inference 500m = 3250m.
        Assert.DoesNotThrow(() => EnvironmentRules.Validate([DevWith(q => q with { RequestsCpu = "3250m" })]), "exactly the need: the largest refused value is one millicore less");
        var error = Reject(DevWith(q => q with { RequestsCpu = "3249m" }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "[dev] ClusterWorkloads.Quota.RequestsCpu was \"3249m\": is below what the workloads need: requests.cpu 3250m ("
            + "serving (ClusterWorkloads.ServingResources): 3 pods (ClusterWorkloads.ServingAutoscaling.MinReplicas 2 + 1 rollout surge pod) × 250m; "
            + "weekly retrain (ClusterWorkloads.RetrainingResources): 1 pod × 2; batch inference (ClusterWorkloads.BatchInferenceResources): 1 pod × 500m); " + Refused + ".",
        }));
    }

    [Test]
    public void A_limits_cpu_quota_below_the_retrains_limit_and_a_pods_quota_used_up_are_reported()
    {
        var error = Reject(DevWith(q => q with { RequestsCpu = "3", LimitsCpu = "3", Pods = 4 }));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "[dev] ClusterWorkloads.Quota.RequestsCpu was \"3\": is below what the workloads need: requests.cpu 3250m ("
            + "serving (ClusterWorkloads.ServingResources): 3 pods (ClusterWorkloads.ServingAutoscaling.MinReplicas 2 + 1 rollout surge pod) × 250m; "
            + "weekly retrain (ClusterWorkloads.RetrainingResources): 1 pod × 2; batch inference (ClusterWorkloads.BatchInferenceResources): 1 pod × 500m); " + Refused + ".",
            "[dev] ClusterWorkloads.Quota.LimitsCpu was \"3\": is below what the workloads need: limits.cpu 8 ("
            + "serving (ClusterWorkloads.ServingResources): 3 pods (ClusterWorkloads.ServingAutoscaling.MinReplicas 2 + 1 rollout surge pod) × 1; "
            + "weekly retrain (ClusterWorkloads.RetrainingResources): 1 pod × 4; batch inference (ClusterWorkloads.BatchInferenceResources): 1 pod × 1); " + Refused + ".",
            "[dev] ClusterWorkloads.Quota.Pods was 4: is below what the workloads need: pods 5 ("
            + "serving (ClusterWorkloads.ServingResources): 3 pods (ClusterWorkloads.ServingAutoscaling.MinReplicas 2 + 1 rollout surge pod); "
            + "weekly retrain (ClusterWorkloads.RetrainingResources): 1 pod; batch inference (ClusterWorkloads.BatchInferenceResources): 1 pod); " + Refused + ".",
        }));
    }

    /// <summary>Property-style: minimum replicas against the pods and CPU quotas, around the boundary.</summary>
    [Test]
    public void Generated_replica_counts_are_refused_exactly_when_the_quota_is_exceeded()
    {
        var wrong = new List<string>();
        for (var replicas = 2; replicas <= 12; replicas++)
        {
            foreach (var pods in new[] { 4, 5, 8, 13, 14 })
            {
                var needPods = replicas + 1 + 2;
                var needMilli = ((replicas + 1) * 250) + 2000 + 500;
                var quotaMilli = 5000;
                var environment = Catalog.Dev with
                {
                    ClusterWorkloads = Catalog.Dev.ClusterWorkloads with
                    {
                        Quota = Catalog.Dev.ClusterWorkloads.Quota with { Pods = pods, RequestsCpu = $"{quotaMilli}m" },
                        ServingAutoscaling = new PodAutoscaling { MinReplicas = replicas, MaxReplicas = 20 },
                    },
                };
                var problems = Problems(environment);
                var podsRefused = problems.Any(p => p.StartsWith("[dev] ClusterWorkloads.Quota.Pods", StringComparison.Ordinal));
                var cpuRefused = problems.Any(p => p.StartsWith("[dev] ClusterWorkloads.Quota.RequestsCpu", StringComparison.Ordinal));
                if (podsRefused != needPods > pods || cpuRefused != needMilli > quotaMilli)
                {
                    wrong.Add($"{replicas} replicas, pods quota {pods}: pods refused {podsRefused} (need {needPods}), cpu refused {cpuRefused} (need {needMilli}m)");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void A_two_character_release_name_is_reported_on_the_release_not_on_the_derived_service_account()
    {
        var error = Reject(Catalog.Dev with { Release = Catalog.Dev.Release with { Name = "ab" } });
        Assert.That(error.Message, Does.StartWith("Invalid DeploymentEnvironment at path [Catalog]:"));
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "[dev] Release.Name was \"ab\": must be 3 to 20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen: it names the endpoint, the image repository and images, the secret and the Kubernetes workloads (and, with -wi, the serving's Google service account, whose id needs 6 characters).",
        }));
        Assert.DoesNotThrow(() => EnvironmentRules.Validate([Catalog.Dev with { Release = Catalog.Dev.Release with { Name = "abc" } }]), "abc: the shortest valid name");
    }

    [Test]
    public void A_project_id_with_google_is_reported_on_the_project_not_on_the_derived_bucket()
    {
        var error = Reject(Catalog.Dev with { Gcp = Catalog.Dev.Gcp with { ProjectId = "acme-google-ml" } });
        Assert.That(error.Problems, Is.EqualTo(new[] { $"[dev] Gcp.ProjectId was \"acme-google-ml\": {GcpProjectIds.RestrictedWordsMessage}." }));
    }

    [Test]
    public void A_sha256_commit_is_a_valid_infra_version()
    {
        var sha256 = new string('e', 64);
        Assert.DoesNotThrow(() => EnvironmentRules.Validate([Catalog.Dev with { Delivery = new DeliveryOptions { InfraVersion = sha256 } }]));
        Assert.That(Reject(Catalog.Dev with { Delivery = new DeliveryOptions { InfraVersion = sha256 + "e" } }).Problems, Is.EqualTo(new[]
        {
            $"[dev] Delivery.InfraVersion was \"{sha256}e\": must be a git commit (7 to 64 lowercase hex digits: SHA-1 or SHA-256, full or abbreviated) or \"unversioned\": it is a tag and label value on every resource.",
        }));
    }

    private static IReadOnlyList<string> Problems(DeploymentEnvironment environment)
    {
        try
        {
            EnvironmentRules.Validate([environment]);
            return [];
        }
        catch (ConstructInputException e)
        {
            return e.Problems;
        }
    }
}
