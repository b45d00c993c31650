using System.Globalization;
using System.Text.RegularExpressions;
using Constructs;
using MlopsCdktf.Core.Scheduling;
using MlopsCdktf.Environments;
using MlopsCdktf.Kubernetes.Kueue;

namespace MlopsCdktf.Stacks;

/// <summary>
/// The Kueue queue an environment's training runs wait in, declared by its workloads stack (after the add-ons stack that
/// installs Kueue) and named by every run's Job: one flavor for all run capacity (nodes labelled
/// <see cref="CapacityLabel"/>, tainted for GPUs), a quota of <see cref="TrainingRunSettings.MaxConcurrentRuns"/> runs, and on
/// GKE with queued provisioning the ProvisioningRequest admission check. A run beyond the quota waits suspended, with no pod,
/// instead of being refused by the namespace quota over and over.
/// </summary>
public static partial class TrainingRunQueues
{
    /// <summary>The LocalQueue of the runs in the training namespace.</summary>
    public const string LocalQueue = "training-runs";

    /// <summary>The label on every run's nodes that the queue's flavor selects.</summary>
    public const string CapacityLabel = "mlops.io/capacity";

    /// <summary>The value of <see cref="CapacityLabel"/> on run nodes.</summary>
    public const string CapacityValue = "training-run";

    /// <summary>Declares the queues in <paramref name="scope"/> for runs of <paramref name="gpusPerRun"/> GPUs in <paramref name="namespace"/>.</summary>
    /// <param name="scope">The workloads stack.</param>
    /// <param name="namespace">The training namespace (a reference, so the queue waits for it).</param>
    /// <param name="gpuPool">The environment's GPU pool: its taint is the one run nodes carry too.</param>
    /// <param name="runs">The environment's run settings.</param>
    /// <param name="gpusPerRun">The GPUs one run asks for (a whole node's).</param>
    /// <param name="queuedProvisioning">Whether runs get their nodes through GKE queued provisioning (the admission check).</param>
    public static KueueQueues Declare(Construct scope, string @namespace, GpuNodeSelector gpuPool, TrainingRunSettings runs, int gpusPerRun, bool queuedProvisioning)
    {
        ArgumentNullException.ThrowIfNull(gpuPool);
        ArgumentNullException.ThrowIfNull(runs);
        var count = runs.MaxConcurrentRuns;
        return new KueueQueues(scope, "TrainingRunQueues", new KueueQueuesProps
        {
            Namespace = @namespace,
            LocalQueueName = LocalQueue,
            QueuedProvisioning = queuedProvisioning,
            Flavors =
            [
                new KueueFlavor
                {
                    Name = CapacityValue,
                    Pool = gpuPool with { NodeLabelKey = CapacityLabel, NodeLabelValue = CapacityValue },
                    Gpus = gpusPerRun * count,
                    Cpu = Times(runs.Resources.CpuRequest, count),
                    Memory = Times(runs.Resources.MemoryRequest, count),
                },
            ],
        });
    }

    /// <summary>The labels every run node carries besides its own role: what the queue's flavor selects.</summary>
    public static IReadOnlyDictionary<string, string> NodeLabels { get; } = new Dictionary<string, string> { [CapacityLabel] = CapacityValue };

    /// <summary><paramref name="quantity"/> (e.g. <c>8Gi</c>, <c>2</c>, <c>500m</c>) times <paramref name="count"/>, same unit.</summary>
    internal static string Times(string quantity, int count)
    {
        if (count == 1)
        {
            return quantity;
        }

        var match = Quantity().Match(quantity);
        if (!match.Success)
        {
            throw new ArgumentException($"not a Kubernetes quantity: {quantity}", nameof(quantity));
        }

        var value = decimal.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture) * count;
        return value.ToString("0.###", CultureInfo.InvariantCulture) + match.Groups["unit"].Value;
    }

    [GeneratedRegex(@"^(?<number>[0-9]+(?:\.[0-9]+)?)(?<unit>[A-Za-z]*)$")]
    private static partial Regex Quantity();
}
