using System.Text.RegularExpressions;

namespace MlopsCdktf.Aws;

/// <summary>What this library needs to know about SageMaker ML instance types.</summary>
public static partial class SageMakerInstanceTypes
{
    /// <summary>Whether <paramref name="instanceType"/> looks like <c>ml.&lt;family&gt;.&lt;size&gt;</c>.</summary>
    public static bool IsWellFormed(string instanceType) => InstanceTypePattern().IsMatch(instanceType);

    /// <summary>Burstable (<c>ml.t*</c>) types: their CPU credits run out under sustained load, which autoscaling would chase.</summary>
    public static bool IsBurstable(string instanceType) => instanceType.StartsWith("ml.t", StringComparison.Ordinal);

    /// <summary>
    /// Families whose ML storage is local NVMe instance storage, encrypted in hardware: SageMaker rejects a volume KMS key
    /// and a volume size for them (the "d" families, GPU families g4dn/g5/g6/g6e, p3dn/p4d/p4de/p5/p5e, inf2 and trn1).
    /// </summary>
    public static bool HasLocalNvmeStorage(string instanceType) => LocalStorageFamilies().IsMatch(instanceType);

    [GeneratedRegex(@"^ml\.[a-z][a-z0-9-]*\.[a-z0-9]+$")]
    private static partial Regex InstanceTypePattern();

    [GeneratedRegex(@"^ml\.(?:[a-z]\d+[a-z]*d|g4dn|g5|g6|g6e|p3dn|p4d|p4de|p5|p5e|inf2|trn1|trn1n)\.")]
    private static partial Regex LocalStorageFamilies();
}
