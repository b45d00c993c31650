using MlopsCdktf.Core;

namespace MlopsCdktf.Aws;

/// <summary>The one home of CloudWatch Logs' retention values (<c>retention_in_days</c>), for every log group constructs create.</summary>
internal static class LogRetention
{
    /// <summary>The retention periods CloudWatch Logs accepts, in days (0, never expire, is not offered: logs get a retention).</summary>
    public static readonly IReadOnlyList<int> AllowedDays =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    /// <summary>Requires one of <see cref="AllowedDays"/>.</summary>
    public static InputValidator ValidateLogRetention(this InputValidator validator, int days, string property) =>
        validator.Require(AllowedDays.Contains(days), property, days,
            $"must be one of CloudWatch's retention values: {string.Join(", ", AllowedDays)}");
}
