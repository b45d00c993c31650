using System.Globalization;
using MlopsCdktf.Core;

namespace MlopsCdktf.Aws.Eks;

/// <summary>A Kubernetes minor version Amazon EKS runs, with its support dates
/// (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).</summary>
/// <param name="Version">The minor version, e.g. <c>1.35</c> (the cluster's <c>version</c>).</param>
/// <param name="Released">When EKS released it.</param>
/// <param name="EndOfStandardSupport">The end of standard support (14 months after release); extended support, billed per
/// cluster hour, follows for 12 months.</param>
/// <param name="EndOfExtendedSupport">The end of extended support: EKS then upgrades the cluster itself.</param>
public sealed record EksVersion(string Version, DateOnly Released, DateOnly EndOfStandardSupport, DateOnly EndOfExtendedSupport);

/// <summary>
/// The catalogue of Kubernetes versions EKS clusters of this library may run, as data: a version missing here is refused at
/// synth (a cluster asking for a retired version fails after minutes of apply; one EKS has not released yet fails the same
/// way). Dates are recorded, not compared with the clock, so synthesis stays deterministic: retire a version by removing
/// its line once its extended support has ended. Add-on pins per version live in <see cref="EksAddonVersions"/>.
/// </summary>
public static class EksVersions
{
    /// <summary>The version new clusters get: the newest in standard support.</summary>
    public const string Default = "1.35";

    /// <summary>Every version EKS supports (standard or extended support), oldest first.</summary>
    public static IReadOnlyList<EksVersion> Supported { get; } =
    [
        new("1.32", new DateOnly(2025, 1, 23), new DateOnly(2026, 3, 23), new DateOnly(2027, 3, 23)),
        new("1.33", new DateOnly(2025, 5, 29), new DateOnly(2026, 7, 29), new DateOnly(2027, 7, 29)),
        new("1.34", new DateOnly(2025, 10, 2), new DateOnly(2026, 12, 2), new DateOnly(2027, 12, 2)),
        new("1.35", new DateOnly(2026, 1, 27), new DateOnly(2027, 3, 27), new DateOnly(2028, 3, 27)),
    ];

    /// <summary>The catalogue entry of <paramref name="version"/>, or null when EKS does not support it.</summary>
    public static EksVersion? Find(string? version) => Supported.FirstOrDefault(v => v.Version == version);

    /// <summary>Requires a version of <see cref="Supported"/>, listing them with their end of standard support.</summary>
    /// <param name="validator">The validator collecting problems.</param>
    /// <param name="version">The version, e.g. <c>1.35</c>.</param>
    /// <param name="property">The property or environment field holding it.</param>
    public static InputValidator ValidateKubernetesVersion(this InputValidator validator, string? version, string property) =>
        validator.Require(Find(version) is not null, property, version,
            "must be a Kubernetes version Amazon EKS supports: " + string.Join(", ", Supported.Select(v =>
                string.Create(CultureInfo.InvariantCulture, $"{v.Version} (standard support until {v.EndOfStandardSupport:yyyy-MM-dd})"))));
}
