using System.Globalization;
using System.Text.RegularExpressions;

namespace MlopsCdktf.Aws;

/// <summary>
/// When a SageMaker Model Monitor schedule runs: one of the recurring cron forms SageMaker accepts (<c>ScheduleConfig</c>),
/// hourly (<c>cron(0 * ? * * *)</c>), daily at an hour (<c>cron(0 H ? * * *)</c>) or every N hours from a start hour
/// (<c>cron(0 H/N ? * * *)</c>), all in UTC. SageMaker may start a run up to 20 minutes late. The one-time keyword
/// <c>NOW</c> is not a recurring schedule and is not accepted: the monitor reads captured data every period.
/// </summary>
public sealed partial record MonitorSchedule
{
    private MonitorSchedule(string expression) => Expression = expression;

    /// <summary>The expression given to SageMaker, e.g. <c>cron(0 * ? * * *)</c>.</summary>
    public string Expression { get; }

    /// <summary>Every hour, on the hour: <c>cron(0 * ? * * *)</c>.</summary>
    public static MonitorSchedule Hourly { get; } = new("cron(0 * ? * * *)");

    /// <summary>Once a day at <paramref name="hourUtc"/> (0–23): <c>cron(0 H ? * * *)</c>.</summary>
    public static MonitorSchedule DailyAt(int hourUtc) => new(string.Create(CultureInfo.InvariantCulture, $"cron(0 {hourUtc} ? * * *)"));

    /// <summary>Every <paramref name="hours"/> hours (1–24) from <paramref name="startHourUtc"/> (0–23): <c>cron(0 H/N ? * * *)</c>.</summary>
    public static MonitorSchedule Every(int hours, int startHourUtc = 0) =>
        new(string.Create(CultureInfo.InvariantCulture, $"cron(0 {startHourUtc}/{hours} ? * * *)"));

    /// <summary>A schedule written as SageMaker's expression; checked by the construct that uses it.</summary>
    public static MonitorSchedule Of(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new MonitorSchedule(expression);
    }

    /// <summary>The expression.</summary>
    public override string ToString() => Expression;

    /// <summary>Hours between two runs (1 hourly, 24 daily, N for every N hours), or null when <see cref="Expression"/> is
    /// not one of the recurring forms SageMaker accepts (an hour above 23, an interval outside 1–24, another form).</summary>
    public int? PeriodHours
    {
        get
        {
            var match = Cron().Match(Expression);
            if (!match.Success)
            {
                return null;
            }

            if (match.Groups["hourly"].Success)
            {
                return 1;
            }

            var start = int.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture);
            var every = match.Groups["every"].Success ? int.Parse(match.Groups["every"].Value, CultureInfo.InvariantCulture) : 24;
            return start is >= 0 and <= 23 && every is >= 1 and <= 24 ? every : null;
        }
    }

    /// <summary>What is allowed, for messages.</summary>
    internal const string Allowed =
        "must be a recurring schedule SageMaker Model Monitor accepts: hourly \"cron(0 * ? * * *)\", daily \"cron(0 H ? * * *)\" " +
        "(H 0-23) or every N hours \"cron(0 H/N ? * * *)\" (N 1-24), in UTC (MonitorSchedule.Hourly, DailyAt, Every); NOW runs once and is not a schedule";

    [GeneratedRegex(@"^cron\(0 (?:(?<hourly>\*)|(?<start>\d{1,2})(?:/(?<every>\d{1,2}))?) \? \* \* \*\)$")]
    private static partial Regex Cron();
}
