using System.Text.RegularExpressions;

namespace MlopsCdktf.Aws;

/// <summary>What this library needs to know about SageMaker ML instance types.</summary>
public static partial class SageMakerInstanceTypes
{
    /// <summary>Where to add a hosting instance type SageMaker introduces, quoted in validation messages.</summary>
    public const string HowToExtend = "if SageMaker added it recently, add it to MlopsCdktf.Library/Aws/SageMakerInstanceTypes.cs";

    private static readonly string[] General = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
    private static readonly string[] Graviton = General;
    private static readonly string[] Intel6 = [.. General, "24xlarge", "32xlarge"];
    private static readonly string[] Intel7 = [.. General, "24xlarge", "48xlarge"];
    private static readonly string[] Gpu = ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"];

    /// <summary>
    /// The real-time hosting instance types SageMaker offers, by family: data, in one place. An unknown family or size
    /// is reported with the family's sizes and <see cref="HowToExtend"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> HostingSizes { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["t2"] = ["medium", "large", "xlarge", "2xlarge"],
        ["t3"] = ["medium", "large", "xlarge", "2xlarge"],
        ["m4"] = ["xlarge", "2xlarge", "4xlarge", "10xlarge", "16xlarge"],
        ["m5"] = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
        ["m5d"] = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
        ["m6g"] = Graviton, ["m6gd"] = Graviton, ["c6g"] = Graviton, ["c6gd"] = Graviton, ["c6gn"] = Graviton,
        ["r6g"] = Graviton, ["r6gd"] = Graviton, ["c7g"] = Graviton, ["m7g"] = Graviton, ["r7g"] = Graviton,
        ["m6i"] = Intel6, ["m6id"] = Intel6, ["c6i"] = Intel6, ["c6id"] = Intel6, ["r6i"] = Intel6, ["r6id"] = Intel6,
        ["m7i"] = Intel7, ["c7i"] = Intel7, ["r7i"] = Intel7,
        ["c4"] = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge"],
        ["c5"] = ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge"],
        ["c5d"] = ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge"],
        ["r5"] = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
        ["r5d"] = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
        ["g4dn"] = ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
        ["g5"] = Gpu, ["g6"] = Gpu, ["g6e"] = Gpu,
        ["p2"] = ["xlarge", "8xlarge", "16xlarge"],
        ["p3"] = ["2xlarge", "8xlarge", "16xlarge"],
        ["p3dn"] = ["24xlarge"], ["p4d"] = ["24xlarge"], ["p4de"] = ["24xlarge"],
        ["p5"] = ["48xlarge"], ["p5e"] = ["48xlarge"], ["p5en"] = ["48xlarge"],
        ["inf1"] = ["xlarge", "2xlarge", "6xlarge", "24xlarge"],
        ["inf2"] = ["xlarge", "8xlarge", "24xlarge", "48xlarge"],
        ["trn1"] = ["2xlarge", "32xlarge"], ["trn1n"] = ["32xlarge"],
    };

    /// <summary>Whether <paramref name="instanceType"/> looks like <c>ml.&lt;family&gt;.&lt;size&gt;</c>.</summary>
    public static bool IsWellFormed(string instanceType) => InstanceTypePattern().IsMatch(instanceType);

    /// <summary>
    /// Null when <paramref name="instanceType"/> is a known hosting type; otherwise what is allowed, for the message.
    /// </summary>
    public static string? Problem(string instanceType)
    {
        if (!IsWellFormed(instanceType))
        {
            return "must be an ML instance type ml.<family>.<size> (e.g. \"ml.m5.large\")";
        }

        var parts = instanceType.Split('.');
        return !HostingSizes.TryGetValue(parts[1], out var sizes)
            ? $"is not a SageMaker hosting instance family (known: {string.Join(", ", HostingSizes.Keys)}; {HowToExtend})"
            : sizes.Contains(parts[2])
                ? null
                : $"is not a size of ml.{parts[1]} (sizes: {string.Join(", ", sizes)}; {HowToExtend})";
    }

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
