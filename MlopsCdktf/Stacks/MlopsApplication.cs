using Constructs;
using HashiCorp.Cdktf;
using MlopsCdktf.Environments;

namespace MlopsCdktf.Stacks;

/// <summary>Composes every stack of every environment into an app. Shared by Program.cs, tests and benchmarks.</summary>
public static class MlopsApplication
{
    /// <summary>
    /// Declares all stacks of <paramref name="environments"/> (default: <see cref="Catalog.All"/>) in <paramref name="app"/>:
    /// platform, serving, GCP training and Kubernetes per environment, or only its state buckets when
    /// <see cref="DeliveryOptions.StateBootstrap"/> is set.
    /// </summary>
    /// <returns>The stacks, in declaration order.</returns>
    public static IReadOnlyList<TerraformStack> Compose(Construct app, IEnumerable<DeploymentEnvironment>? environments = null)
    {
        var all = (environments ?? Catalog.All).ToList();
        EnvironmentRules.Validate(all);
        var stacks = new List<TerraformStack>();
        foreach (var environment in all)
        {
            if (environment.Delivery.StateBootstrap)
            {
                stacks.Add(new AwsStateBootstrapStack(app, environment));
                stacks.Add(new GcpStateBootstrapStack(app, environment));
                continue;
            }

            var platform = new AwsPlatformStack(app, environment);
            stacks.Add(platform);
            stacks.Add(new AwsServingStack(app, environment, platform));
            var training = new GcpTrainingStack(app, environment);
            stacks.Add(training);
            // Kueue for the environment's GKE training runs: installed before the workloads stack declares their queue.
            var gkeAddons = environment.TrainingRuns?.Gke is null ? null : new GkeAddonsStack(app, environment, training);
            if (gkeAddons is not null)
            {
                stacks.Add(gkeAddons);
            }

            stacks.Add(new KubernetesStack(app, environment, training, gkeAddons));
            if (environment.EksTraining is not null)
            {
                // Cluster, then its add-ons (Helm), then the workloads that need them: dependency order in manifest.json.
                var eks = new EksClusterStack(app, environment);
                var addons = new EksAddonsStack(app, environment, eks);
                stacks.Add(eks);
                stacks.Add(addons);
                stacks.Add(new EksWorkloadsStack(app, environment, platform, eks, addons));
            }

            if (environment.Delivery.Run is not null)
            {
                // One training run (make train): its capacity, then its Job; both read the environment's cluster by name.
                var capacity = new TrainingRunStack(app, environment);
                stacks.Add(capacity);
                stacks.Add(new TrainingRunJobStack(app, environment, capacity));
            }
        }

        return stacks;
    }
}
