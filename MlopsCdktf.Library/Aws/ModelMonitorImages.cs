using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>
/// Where SageMaker's prebuilt Model Monitor analyzer image (<c>sagemaker-model-monitor-analyzer</c>) lives in each region:
/// rules as data, in one place. The registry is an AWS-owned account per region; a monitoring job may only run the image of
/// its own region.
/// </summary>
/// <remarks>
/// Accounts from the SageMaker developer guide ("Amazon SageMaker Model Monitor prebuilt container", which gives
/// <c>159807026194.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer</c> as its example and points to the
/// per-region "Docker registry paths" pages) and the SageMaker Python SDK's <c>image_uri_config/model-monitor.json</c>, which
/// <c>DefaultModelMonitor</c> uses. Only regions found in those sources are listed: a region missing here is a synth error
/// naming the region and this list — add its account from the AWS page for that region.
/// </remarks>
public static class ModelMonitorImages
{
    /// <summary>The repository name of the analyzer in every region's registry.</summary>
    public const string Repository = "sagemaker-model-monitor-analyzer";

    /// <summary>Where to extend <see cref="Registries"/>, quoted in validation messages.</summary>
    public const string HowToExtend =
        "if SageMaker offers Model Monitor there, add the region's registry account (AWS \"Docker registry paths\" page of the region) to MlopsCdktf.Library/Aws/ModelMonitorImages.cs";

    /// <summary>The registry account of the analyzer image, by region.</summary>
    public static IReadOnlyDictionary<string, string> Registries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["us-east-1"] = "156813124566",
        ["us-east-2"] = "777275614652",
        ["us-west-1"] = "890145073186",
        ["us-west-2"] = "159807026194",
        ["ca-central-1"] = "536280801234",
        ["sa-east-1"] = "539772159869",
        ["eu-west-1"] = "468650794304",
        ["eu-west-2"] = "749857270468",
        ["eu-west-3"] = "680080141114",
        ["eu-central-1"] = "048819808253",
        ["eu-north-1"] = "895015795356",
        ["me-south-1"] = "607024016150",
        ["ap-east-1"] = "001633400207",
        ["ap-south-1"] = "126357580389",
        ["ap-northeast-1"] = "574779866223",
        ["ap-northeast-2"] = "709848358524",
        ["ap-southeast-1"] = "245545462676",
        ["ap-southeast-2"] = "563025443158",
        ["cn-north-1"] = "453000072557",
        ["cn-northwest-1"] = "453252182341",
    };

    /// <summary>The analyzer image of <paramref name="region"/>, e.g.
    /// <c>468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer</c>; null for a region not listed.</summary>
    public static string? ImageUri(string region) =>
        Registries.TryGetValue(region, out var account)
            ? $"{account}.dkr.ecr.{region}.{(CloudRegions.AwsPartitionOf(region) == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com")}/{Repository}"
            : null;

    /// <summary>What a region must be, for messages: the supported list and how to extend it.</summary>
    internal static string SupportedRegions => $"must be a region with a known Model Monitor analyzer image ({string.Join(", ", Registries.Keys.Order(StringComparer.Ordinal))}; {HowToExtend})";
}
