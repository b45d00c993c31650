using MlopsCdktf.Aws.Eks;
using MlopsCdktf.Core;
using MlopsCdktf.Kubernetes;
using MlopsCdktf.Kubernetes.Addons;

namespace MlopsCdktf.Environments;

public static partial class EnvironmentRules
{
    /// <summary>
    /// The EKS training cluster (<see cref="DeploymentEnvironment.EksTraining"/>) against the catalogues and the rest of the
    /// environment, reported against its fields before any construct would report it at its path: a Kubernetes version EKS
    /// supports, a GPU instance type that carries the GPU, a group that can scale from zero, a network apart from the
    /// platform's, someone who can reach the cluster, and a namespace budget the retrain fits in.
    /// </summary>
    private static void ValidateEksTraining(InputValidator v, DeploymentEnvironment e, string at)
    {
        if (e.EksTraining is not { } eks)
        {
            return;
        }

        var f = at + "EksTraining.";
        v.ValidateKubernetesVersion(eks.KubernetesVersion, f + nameof(eks.KubernetesVersion));
        if (EksVersions.Find(eks.KubernetesVersion) is not null)
        {
            // The add-ons stack's autoscaler must have a release of the cluster's minor.
            ClusterAutoscaler.ValidateKubernetesVersion(v, eks.KubernetesVersion, f + nameof(eks.KubernetesVersion));
        }

        if (Enum.IsDefined(eks.Gpu))
        {
            v.ValidateGpuInstanceType(eks.Gpu, eks.GpuInstanceType, f + nameof(eks.GpuInstanceType));
        }
        else
        {
            v.Defined(eks.Gpu, f + nameof(eks.Gpu));
        }

        v.Require(eks.MaxGpuNodes >= 1, f + nameof(eks.MaxGpuNodes), eks.MaxGpuNodes,
            "must be at least 1: the GPU group scales from 0 to this many nodes, and with 0 it can never scale up (every GPU pod stays Pending)");
        v.InRange(eks.SystemNodes, f + nameof(eks.SystemNodes), 1, 10, "nodes");
        v.NotBlank(eks.SystemInstanceType, f + nameof(eks.SystemInstanceType));

        v.ValidateIpv4Cidr(eks.CidrBlock, f + nameof(eks.CidrBlock));
        v.ValidateIpv4Cidr(eks.PublicCidrBlock, f + nameof(eks.PublicCidrBlock));
        v.ValidateDisjoint((at + "Network.CidrBlock", e.Network.CidrBlock), (f + nameof(eks.CidrBlock), eks.CidrBlock), (f + nameof(eks.PublicCidrBlock), eks.PublicCidrBlock));
        v.Require(eks.AvailabilityZones.Count == 2 && eks.AvailabilityZones.Distinct().Count() == 2, f + nameof(eks.AvailabilityZones),
            string.Join(", ", eks.AvailabilityZones), "must list exactly two different zones: EKS needs subnets in two zones");
        if (CloudRegions.Aws.Contains(e.Aws.Region))
        {
            foreach (var zone in eks.AvailabilityZones)
            {
                v.ValidateAwsZoneOf(zone, e.Aws.Region, f + nameof(eks.AvailabilityZones), "Aws.Region");
            }
        }

        v.Require(eks.AdminRoleArns.Count > 0, f + nameof(eks.AdminRoleArns), "[]",
            "must name at least one role, the one make deploy runs as: the cluster grants its creator nothing (access entries only), so the add-ons and workloads stacks could not reach it");
        foreach (var arn in eks.AdminRoleArns)
        {
            v.Require(arn is not null && IamRoleArn().IsMatch(arn), f + nameof(eks.AdminRoleArns), arn,
                "must be IAM role ARNs (arn:aws:iam::<12-digit account>:role/<name>)");
        }

        foreach (var cidr in eks.PublicAccessCidrs)
        {
            v.ValidateIpv4Cidr(cidr, f + nameof(eks.PublicAccessCidrs));
            v.Require(Cidr.ParseIpv4(cidr) is not { PrefixLength: 0 }, f + nameof(eks.PublicAccessCidrs), cidr,
                "must not open the Kubernetes API to the whole internet: list the deploy runners' egress ranges");
        }

        // The retrain asks for a whole GPU node's GPUs in the training namespace: the quota must allow it and what it requests.
        if (eks.Quota is null || eks.RetrainingResources is null || !Enum.IsDefined(eks.Gpu))
        {
            return;
        }

        var gpus = EksGpuInstanceRules.Of(eks.GpuInstanceType)?.Count ?? 1;
        ReportOverruns(v, eks.Quota, [new WorkloadDemand("EKS retrain (EksTraining.RetrainingResources)", 1, eks.RetrainingResources, gpus)], f + "Quota.",
            "the retrain needs", "Kubernetes refuses every pod that does not fit (exceeded quota), so the retrain never runs");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/(?:[\x21-\x2E\x30-\x7E]+/)*[A-Za-z0-9+=,.@_-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex IamRoleArn();
}
