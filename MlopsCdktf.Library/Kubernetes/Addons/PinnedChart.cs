namespace MlopsCdktf.Kubernetes.Addons;

/// <summary>
/// One Helm chart release pinned exactly: where the chart comes from, which chart version is installed and which image
/// (repository and tag) the release runs. Values, not ranges: an add-on changes only when a pin in
/// <see cref="PinnedCharts"/> changes, in review.
/// </summary>
/// <param name="Repository">The chart repository URL, e.g. <c>https://kubernetes.github.io/autoscaler</c>.</param>
/// <param name="Chart">The chart name in that repository, e.g. <c>cluster-autoscaler</c>.</param>
/// <param name="Version">The exact chart version, e.g. <c>9.51.0</c>.</param>
/// <param name="ImageRepository">The image the chart runs, e.g. <c>registry.k8s.io/autoscaling/cluster-autoscaler</c>.</param>
/// <param name="ImageTag">The image tag set explicitly in the values (never the chart's default), e.g. <c>v1.33.6</c>.</param>
public sealed record PinnedChart(string Repository, string Chart, string Version, string ImageRepository, string ImageTag)
{
    /// <summary>The image the release runs, <c>{ImageRepository}:{ImageTag}</c>.</summary>
    public string Image => $"{ImageRepository}:{ImageTag}";
}
