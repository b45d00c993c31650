using Constructs;
using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Core.Scheduling;
using MlopsCdktf.Environments;
using MlopsCdktf.Gcp;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The GPU capacity of ONE training run (<c>mlops-train-{env}-{run}</c>), created by <c>make train</c> and destroyed when the
/// run ends: on GKE a Dynamic Workload Scheduler pool (flex-start or queued provisioning, deleted by GKE itself after the
/// run's maximum duration), on EKS a managed GPU node group of the run's size. It reads the environment's cluster by name
/// (never another stack's outputs), so it is synthesized, planned and destroyed on its own; its nodes carry the run's label
/// and only the run's Job selects them. Composition only.
/// </summary>
public sealed class TrainingRunStack : MlopsStack
{
    /// <summary>The label every node of a run carries: <c>mlops.io/training-run=&lt;run&gt;</c>.</summary>
    public const string RunLabel = "mlops.io/training-run";

    /// <summary>Declares the capacity of <paramref name="environment"/>'s run <see cref="DeliveryOptions.Run"/>.</summary>
    /// <exception cref="ArgumentException">When the environment selects no run or declares none on its cloud.</exception>
    public TrainingRunStack(Construct scope, DeploymentEnvironment environment)
        : base(scope, environment, StoreOf(environment), StackName(environment))
    {
        var run = environment.Delivery.Run!;
        var runs = environment.TrainingRuns!;
        Run = run;
        // The run's own label, and the capacity label the environment's Kueue queue selects (TrainingRunQueues).
        var labels = new Dictionary<string, string>(TrainingRunQueues.NodeLabels) { [RunLabel] = run.Name };
        if (run.Cloud == TrainingCloud.Eks)
        {
            var settings = runs.Eks!;
            UseAwsProvider();
            var cluster = EksCluster.FromClusterName(this, "Cluster", environment.TrainingClusterName);
            var group = new EksGpuNodeGroup(this, "RunNodes", new EksGpuNodeGroupProps
            {
                Cluster = cluster,
                Name = PoolName(run),
                Gpu = settings.Gpu,
                InstanceType = settings.InstanceType,
                Spot = settings.Spot,
                // The run's nodes exist for the run: created with the stack, one node, gone with it. Not the autoscaler's
                // (its identity may resize only the environment's groups): no discovery tag invites it to drain the node.
                ScaleFromZero = false,
                AutoscalerManaged = false,
                MinSize = 1,
                MaxSize = 1,
                Role = PoolName(run),
                NodeLabels = labels,
                Tags = new Dictionary<string, string> { ["TrainingRun"] = run.Name },
            });
            Selector = group.Selector;
            PoolResourceName = group.Name;
            Output("node_group", group.Name, "The run's EKS node group (destroyed with this stack)");
        }
        else
        {
            var settings = runs.Gke!;
            var gcp = environment.Gcp;
            UseGoogleProvider(withZone: true);
            var pool = new GpuNodePool(this, "RunPool", new GpuNodePoolProps
            {
                Cluster = new NodePoolCluster
                {
                    ClusterId = $"projects/{gcp.ProjectId}/locations/{gcp.Region}/clusters/{environment.TrainingClusterName}",
                    Location = gcp.Region,
                    NodeServiceAccountEmail = MlCluster.DefaultNodeServiceAccountEmail(environment.TrainingClusterName, gcp.ProjectId),
                    GpuMetrics = environment.GcpMonitoring.Cluster.GpuMetrics,
                },
                Name = PoolName(run),
                Role = PoolName(run),
                MachineType = settings.MachineType,
                Gpu = settings.Gpu,
                GpuCount = settings.GpusPerNode,
                // DWS pools start empty: GKE adds the node when the run's pod asks for it, and removes it after the run.
                Autoscaling = NodePoolAutoscaling.Total(0, 1),
                Provisioning = settings.Provisioning,
                MaxRunDuration = runs.MaxRunDuration,
                NodeLocations = [gcp.Zone],
                NodeLabels = labels,
                ResourceLabels = new Dictionary<string, string> { ["training-run"] = run.Name },
            });
            Selector = pool.Selector;
            PoolResourceName = pool.Name;
            Output("node_pool", pool.Name, "The run's GKE node pool (destroyed with this stack; GKE deletes its nodes after the maximum run duration)");
        }
    }

    /// <summary>The stack name of <paramref name="environment"/>'s selected run: <c>{project}-train-{env}-{run}</c>.</summary>
    public static string StackName(DeploymentEnvironment environment) =>
        $"{environment.Project}-train-{environment.Name}-{environment.Delivery.Run?.Name ?? throw new ArgumentException($"Environment '{environment.Name}' selects no training run.", nameof(environment))}";

    /// <summary>The node pool / node group name of a run: <c>run-{run}</c>.</summary>
    public static string PoolName(TrainingRunSelection run) => $"run-{run.Name}";

    /// <inheritdoc />
    public override bool Ephemeral => true;

    /// <summary>The run.</summary>
    public TrainingRunSelection Run { get; }

    /// <summary>What the run's pod needs to land on the run's nodes (taint, role label, GPUs per node).</summary>
    public GpuNodeSelector Selector { get; }

    /// <summary>The pool or node group (a reference, so the Job stack's plan order follows it).</summary>
    public string PoolResourceName { get; }

    /// <summary>Where a run's state lives: the bucket of its cloud (both stacks of a run).</summary>
    internal static StateStore StoreOf(DeploymentEnvironment environment) =>
        environment.Delivery.Run?.Cloud == TrainingCloud.Eks ? StateStore.S3 : StateStore.Gcs;
}
