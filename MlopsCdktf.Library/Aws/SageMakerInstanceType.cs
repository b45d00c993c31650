using System.Text.RegularExpressions;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// A SageMaker ML instance type, <c>ml.&lt;family&gt;.&lt;size&gt;</c>: <see cref="Of"/> for any type, or a well-known
/// one such as <see cref="M5Large"/>. Writes itself as its name wherever a string is expected (<see cref="ToString"/>,
/// an implicit conversion), so the Terraform JSON holds <c>"ml.m5.large"</c>.
/// </summary>
/// <example>
/// <code>
/// new InstanceVariant { InstanceType = SageMakerInstanceType.Of("ml.g5.2xlarge") }
/// new InstanceVariant { InstanceType = SageMakerInstanceType.M5Large }
/// </code>
/// </example>
/// <remarks>
/// <see cref="Of"/> checks the format only. What a construct accepts beyond that is its own rule: a
/// <see cref="SageMakerEndpoint"/> requires a known real-time hosting type (<see cref="HostingSizes"/>) and rejects
/// burstable types with autoscaling; notebooks take any well-formed type.
/// </remarks>
public sealed partial record SageMakerInstanceType
{
    /// <summary>What a well-formed name looks like, for messages.</summary>
    public const string Allowed = "must be an ML instance type ml.<family>.<size> (e.g. \"ml.m5.large\")";

    /// <summary>Where to add a hosting instance type SageMaker introduces, quoted in validation messages.</summary>
    public const string HowToExtend = "if SageMaker added it recently, add it to MlopsCdktf.Library/Aws/SageMakerInstanceType.cs";

    private static readonly string[] General = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
    private static readonly string[] Graviton = General;
    private static readonly string[] Intel6 = [.. General, "24xlarge", "32xlarge"];
    private static readonly string[] Intel7 = [.. General, "24xlarge", "48xlarge"];
    private static readonly string[] Gpu = ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"];

    private SageMakerInstanceType(string name) => Name = name;

    /// <summary>The name SageMaker and Terraform use, e.g. <c>ml.m5.large</c>.</summary>
    public string Name { get; }

    /// <summary><c>ml.t3.medium</c>: burstable, 2 vCPU, 4 GiB; notebooks for exploration.</summary>
    public static SageMakerInstanceType T3Medium { get; } = new("ml.t3.medium");

    /// <summary><c>ml.m5.large</c>: general purpose, 2 vCPU, 8 GiB.</summary>
    public static SageMakerInstanceType M5Large { get; } = new("ml.m5.large");

    /// <summary><c>ml.m5.xlarge</c>: general purpose, 4 vCPU, 16 GiB.</summary>
    public static SageMakerInstanceType M5Xlarge { get; } = new("ml.m5.xlarge");

    /// <summary><c>ml.c5.xlarge</c>: compute optimised, 4 vCPU, 8 GiB.</summary>
    public static SageMakerInstanceType C5Xlarge { get; } = new("ml.c5.xlarge");

    /// <summary><c>ml.g4dn.xlarge</c>: one NVIDIA T4 GPU, local NVMe storage.</summary>
    public static SageMakerInstanceType G4dnXlarge { get; } = new("ml.g4dn.xlarge");

    /// <summary><c>ml.g5.xlarge</c>: one NVIDIA A10G GPU, local NVMe storage.</summary>
    public static SageMakerInstanceType G5Xlarge { get; } = new("ml.g5.xlarge");

    /// <summary>
    /// The real-time hosting instance types SageMaker offers, by family: data, in one place. A <see cref="SageMakerEndpoint"/>
    /// reports an unknown family or size with the family's sizes and <see cref="HowToExtend"/>.
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

    /// <summary>Whether this is a burstable <c>ml.t*</c> type: its CPU credits run out under sustained load, which autoscaling would chase.</summary>
    public bool IsBurstable => Name.StartsWith("ml.t", StringComparison.Ordinal);

    /// <summary>
    /// Whether this type's ML storage is local NVMe instance storage, encrypted in hardware: SageMaker rejects a volume KMS
    /// key and a volume size for it (the "d" families, GPU families g4dn/g5/g6/g6e, p3dn/p4d/p4de/p5/p5e, inf2 and trn1).
    /// </summary>
    public bool HasLocalNvmeStorage => HasLocalNvme(Name);

    /// <summary>Whether this is a reference (a Terraform variable or attribute) whose value is known only at apply time.</summary>
    public bool IsUnresolved => InputValidator.IsUnresolved(Name);

    /// <summary>The instance type named <paramref name="name"/>, <c>ml.&lt;family&gt;.&lt;size&gt;</c> in lowercase (or a reference).</summary>
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not of that form; the message names the value and
    /// what is allowed, like a construct's validation (<c>InstanceType was "m5.large": must be …</c>).</exception>
    public static SageMakerInstanceType Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!InputValidator.IsUnresolved(name) && !InstanceTypePattern().IsMatch(name))
        {
            throw new ArgumentException($"InstanceType was \"{name}\": {Allowed}.", nameof(name));
        }

        return new SageMakerInstanceType(name);
    }

    /// <summary>The name, e.g. <c>ml.m5.large</c>.</summary>
    public override string ToString() => Name;

    /// <summary>The name, e.g. <c>ml.m5.large</c>: an instance type goes wherever the provider expects a string.</summary>
    public static implicit operator string(SageMakerInstanceType instanceType)
    {
        ArgumentNullException.ThrowIfNull(instanceType);
        return instanceType.Name;
    }

    /// <summary>Null when this is a known real-time hosting type (or a reference); otherwise what is allowed, for the message.</summary>
    /// <summary>
    /// The notebook instance types per family (<c>CreateNotebookInstance</c>'s <c>InstanceType</c> enum in the SageMaker API
    /// model; narrower than hosting: no <c>ml.m5.large</c>, <c>ml.c5.large</c> or Graviton families). SageMaker refuses any other
    /// type when the notebook is created.
    /// </summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> NotebookSizes { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["t2"] = ["medium", "large", "xlarge", "2xlarge"],
        ["t3"] = ["medium", "large", "xlarge", "2xlarge"],
        ["m4"] = ["xlarge", "2xlarge", "4xlarge", "10xlarge", "16xlarge"],
        ["m5"] = ["xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
        ["m5d"] = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
        ["c4"] = ["xlarge", "2xlarge", "4xlarge", "8xlarge"],
        ["c5"] = ["xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge"],
        ["c5d"] = ["xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge"],
        ["r5"] = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"],
        ["m6i"] = Intel6, ["m6id"] = Intel6, ["c6i"] = Intel6, ["c6id"] = Intel6, ["r6i"] = Intel6, ["r6id"] = Intel6,
        ["m7i"] = Intel7, ["c7i"] = Intel7, ["r7i"] = Intel7,
        ["g4dn"] = ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
        ["g5"] = Gpu, ["g6"] = Gpu, ["g6e"] = Gpu,
        ["p2"] = ["xlarge", "8xlarge", "16xlarge"],
        ["p3"] = ["2xlarge", "8xlarge", "16xlarge"],
        ["p3dn"] = ["24xlarge"], ["p4d"] = ["24xlarge"], ["p4de"] = ["24xlarge"], ["p5"] = ["48xlarge"],
        ["inf1"] = ["xlarge", "2xlarge", "6xlarge", "24xlarge"],
        ["inf2"] = ["xlarge", "8xlarge", "24xlarge", "48xlarge"],
        ["trn1"] = ["2xlarge", "32xlarge"], ["trn1n"] = ["32xlarge"],
    };

    /// <summary>Why this type cannot run a notebook instance, or null when it can (or is a reference).</summary>
    internal string? NotebookProblem()
    {
        if (IsUnresolved)
        {
            return null;
        }

        var parts = Name.Split('.');
        return !NotebookSizes.TryGetValue(parts[1], out var sizes)
            ? $"is not a SageMaker notebook instance family (notebook families: {string.Join(", ", NotebookSizes.Keys)}; {HowToExtend})"
            : sizes.Contains(parts[2])
                ? null
                : $"is not a notebook instance size of ml.{parts[1]} (sizes: {string.Join(", ", sizes)}; {HowToExtend})";
    }

    internal string? HostingProblem()
    {
        if (IsUnresolved)
        {
            return null;
        }

        var parts = Name.Split('.');
        return !HostingSizes.TryGetValue(parts[1], out var sizes)
            ? $"is not a SageMaker hosting instance family (known: {string.Join(", ", HostingSizes.Keys)}; {HowToExtend})"
            : sizes.Contains(parts[2])
                ? null
                : $"is not a size of ml.{parts[1]} (sizes: {string.Join(", ", sizes)}; {HowToExtend})";
    }

    /// <summary>Whether the instance type named <paramref name="name"/> has local NVMe storage (for names read from Terraform JSON).</summary>
    internal static bool HasLocalNvme(string name) => LocalStorageFamilies().IsMatch(name);

    [GeneratedRegex(@"^ml\.[a-z][a-z0-9-]*\.[a-z0-9]+$")]
    private static partial Regex InstanceTypePattern();

    [GeneratedRegex(@"^ml\.(?:[a-z]\d+[a-z]*d|g4dn|g5|g6|g6e|p3dn|p4d|p4de|p5|p5e|inf2|trn1|trn1n)\.")]
    private static partial Regex LocalStorageFamilies();
}
