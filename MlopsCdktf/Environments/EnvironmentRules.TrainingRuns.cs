using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Core;
using MlopsCdktf.Gcp;
using MlopsCdktf.Kubernetes;

namespace MlopsCdktf.Environments;

public static partial class EnvironmentRules
{
    /// <summary>Dynamic Workload Scheduler's limit on a node's life (flex-start and queued provisioning): 7 days.</summary>
    public static readonly TimeSpan MaxTrainingRunDuration = TimeSpan.FromDays(7);

    /// <summary>
    /// Training runs (<see cref="DeploymentEnvironment.TrainingRuns"/>), reported against the environment's fields: what a
    /// plan would accept and the run would then fail on. The GPU × machine × zone of a GKE run pool, the GPU of an EKS
    /// instance type, a cluster to run on, a maximum duration DWS allows, and a namespace quota that admits the run's pod
    /// (its requests and a whole node's GPUs) — else the Job is created and its pod refused, forever, while the GPU node bills.
    /// </summary>
    private static void ValidateTrainingRuns(InputValidator v, DeploymentEnvironment e, string at)
    {
        if (e.TrainingRuns is not { } runs)
        {
            return;
        }

        var f = at + "TrainingRuns.";
        v.Require(runs.Gke is not null || runs.Eks is not null, f + "Gke", "null", "must declare runs on GKE, EKS or both (Gke and Eks are null)");
        v.Require(runs.MaxRunDuration > TimeSpan.Zero && runs.MaxRunDuration <= MaxTrainingRunDuration, f + nameof(runs.MaxRunDuration), runs.MaxRunDuration,
            "must be more than 0 and at most 7 days: Dynamic Workload Scheduler deletes nodes after 7 days, and the run's Job stops at this deadline");
        v.InRange(runs.MaxConcurrentRuns, f + nameof(runs.MaxConcurrentRuns), 1, 10, "runs");
        v.Require(runs.MaxRunDuration.Ticks % TimeSpan.TicksPerSecond == 0, f + nameof(runs.MaxRunDuration), runs.MaxRunDuration, "must be whole seconds");
        if (runs.Resources is null)
        {
            return;
        }

        if (runs.Gke is { } gke)
        {
            var g = f + "Gke.";
            if (Enum.IsDefined(gke.Gpu))
            {
                v.ValidateGpuMachine(gke.Gpu, gke.GpusPerNode, gke.MachineType, g + nameof(gke.MachineType), g + nameof(gke.GpusPerNode));
                if (gke.Gpu != e.Training.Gpu && CloudRegions.GcpZonesOf(e.Gcp.Region).Contains(e.Gcp.Zone))
                {
                    // The run pool is pinned to Gcp.Zone, like the training pool: its GPU must be offered there too (the
                    // training pool's GPU is checked against the zone already).
                    v.ValidateGpuZone(gke.Gpu, e.Gcp.Zone, at + "Gcp.Zone", requireListed: true);
                }
            }
            else
            {
                v.Defined(gke.Gpu, g + nameof(gke.Gpu));
            }

            v.Require(gke.Provisioning is GpuProvisioning.FlexStart or GpuProvisioning.QueuedProvisioning, g + nameof(gke.Provisioning), gke.Provisioning,
                "must be FlexStart or QueuedProvisioning: a run's pool exists for the run and must not wait for an on-demand GPU GKE may not have");
            // A GPU quota below the retrain's is reported against the retrain already (ValidateCrossFields).
            RunFitsQuota(v, e.ClusterWorkloads.Quota, at + "ClusterWorkloads.Quota.", runs, gke.GpusPerNode, "GKE",
                gpusReported: e.ClusterWorkloads.Quota.Gpus < e.Training.GpuCount);
        }

        if (runs.Eks is { } eks)
        {
            var k = f + "Eks.";
            v.Require(e.EksTraining is not null, k + "InstanceType", eks.InstanceType,
                "needs an EKS cluster to run on: declare EksTraining, or remove TrainingRuns.Eks");
            if (Enum.IsDefined(eks.Gpu))
            {
                v.ValidateGpuInstanceType(eks.Gpu, eks.InstanceType, k + nameof(eks.InstanceType));
            }
            else
            {
                v.Defined(eks.Gpu, k + nameof(eks.Gpu));
            }

            if (e.EksTraining?.Quota is { } quota && EksGpuInstanceRules.Of(eks.InstanceType) is { } shape)
            {
                var retrainGpus = e.EksTraining.GpuInstanceType is { } type ? EksGpuInstanceRules.Of(type)?.Count ?? 0 : 0;
                RunFitsQuota(v, quota, at + "EksTraining.Quota.", runs, shape.Count, "EKS", gpusReported: quota.Gpus < retrainGpus);
            }
        }
    }

    private static void RunFitsQuota(InputValidator v, NamespaceQuota quota, string quotaField, TrainingRunSettings runs, int gpus, string cloud, bool gpusReported)
    {
        // Kueue admits up to MaxConcurrentRuns runs at once: the namespace must then admit every one of their pods.
        var demand = new WorkloadDemand($"{cloud} training runs (TrainingRuns.Resources)", runs.MaxConcurrentRuns, runs.Resources, gpus,
            $"TrainingRuns.MaxConcurrentRuns {runs.MaxConcurrentRuns}");
        ReportOverruns(v, quota, [demand], quotaField, "the training runs Kueue admits at once need",
            "Kubernetes refuses an admitted run's pod (exceeded quota): its Job never starts while its GPU node bills", reportGpus: !gpusReported);
    }
}
