using MlopsCdktf.Kubernetes;
using static MlopsCdktf.Tests.Gcp.GcpTestData;
using static MlopsCdktf.Tests.Kubernetes.KubernetesTestData;

namespace MlopsCdktf.Tests.Kubernetes;

/// <summary>
/// Schedules as the API server parses them (robfig/cron v3, standard parser): what it accepts is accepted, what it
/// refuses or what never fires is refused at synth.
/// </summary>
public sealed class CronScheduleTests
{
    private static readonly int[] DaysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private static string Message(string schedule, string problem) =>
        $"Schedule was \"{schedule}\": must be a cron schedule that fires (five fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * 1\"; @hourly, @daily and friends; or @every 1h); it {problem}.";

    [TestCase("0 2 * * 1")]
    [TestCase("*/15 0-6 1,15 JAN-MAR mon-fri")]
    [TestCase("0 0 29 2 *")]
    [TestCase("0 0 31 2 1")]
    [TestCase("0 0 ? * 0")]
    [TestCase("*/60 * * * *")]
    [TestCase("0 0 31 */2 *")]
    [TestCase("0  2 *  * 1")]
    [TestCase("@every 1h")]
    [TestCase("@every 1h30m")]
    [TestCase("@every 90s")]
    [TestCase("@every 1.5h")]
    public void What_the_api_server_accepts_and_fires_is_accepted(string schedule) => Assert.That(CronSchedule.Problem(schedule), Is.Null);

    [Test]
    public void Every_macro_the_standard_parser_knows_is_accepted()
    {
        foreach (var macro in new[] { "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly" })
        {
            Assert.That(CronSchedule.Problem(macro), Is.Null, macro);
            Assert.DoesNotThrow(() => _ = new BatchJob(MlopsCdktf.Tests.Support.SynthHarness.BareStack(), "Job", Retrain with { Schedule = macro }), macro);
        }
    }

    [Test]
    public void Every_day_of_month_and_month_pair_fires_exactly_when_the_date_exists()
    {
        var wrong = new List<string>();
        for (var month = 1; month <= 12; month++)
        {
            for (var day = 1; day <= 31; day++)
            {
                var schedule = $"0 0 {day} {month} *";
                var exists = day <= DaysInMonth[month - 1];
                var problem = CronSchedule.Problem(schedule);
                if (exists != problem is null || (!exists && !problem!.StartsWith("never fires", StringComparison.Ordinal)))
                {
                    wrong.Add($"{schedule}: {problem ?? "accepted"}");
                }

                // A restricted day of week is ORed with the day of month: it always fires.
                if (CronSchedule.Problem($"0 0 {day} {month} 1") is { } withWeekday)
                {
                    wrong.Add($"0 0 {day} {month} 1: {withWeekday}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Day_of_week_is_0_to_6_and_7_is_refused_naming_the_parser_range()
    {
        for (var day = 0; day <= 6; day++)
        {
            Assert.That(CronSchedule.Problem($"0 2 * * {day}"), Is.Null, $"day {day}");
        }

        foreach (var schedule in new[] { "0 2 * * 7", "0 2 * * 5-7", "0 2 * * 1,7" })
        {
            var field = schedule.Split(' ')[4];
            var error = Reject<BatchJob>(stack => _ = new BatchJob(stack, "Retrain", Retrain with { Schedule = schedule }));
            Assert.That(error.Problems, Is.EqualTo(new[]
            {
                Message(schedule, $"has an invalid day of week field \"{field}\" (allowed: *, 0-6 or SUN-SAT, ranges a-b, steps /n, lists a,b) — 7 is not a day: the API server's parser accepts 0-6, Sunday is 0"),
            }));
        }
    }

    [TestCase("0 0 31 2 *", "never fires: day 31 of the month does not exist in February (Kubernetes accepts the schedule and never runs the job)")]
    [TestCase("0 0 30 2 *", "never fires: day 30 of the month does not exist in February (Kubernetes accepts the schedule and never runs the job)")]
    [TestCase("0 0 31 4,6,9,11 *", "never fires: day 31 of the month does not exist in April, June, September, November (Kubernetes accepts the schedule and never runs the job)")]
    [TestCase("0 0 30-31 feb *", "never fires: day 30, 31 of the month does not exist in February (Kubernetes accepts the schedule and never runs the job)")]
    [TestCase("0 2 * *", "has 4 field(s), not 5 (minute hour day-of-month month day-of-week)")]
    [TestCase("0 24 * * 1", "has an invalid hour field \"24\" (allowed: *, 0-23, ranges a-b, steps /n, lists a,b)")]
    [TestCase("*/0 * * * *", "has an invalid minute field \"*/0\" (allowed: *, 0-59, ranges a-b, steps /n, lists a,b)")]
    [TestCase("@fortnightly", "is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>")]
    [TestCase("@Daily", "is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>")]
    [TestCase("@every 1d", "has \"1d\" after @every, which is not a Go duration such as 90s, 30m, 1h or 1h30m")]
    [TestCase("@every 0s", "has \"0s\" after @every: the interval must be positive")]
    [TestCase("CRON_TZ=Europe/Amsterdam 0 2 * * 1", "sets a time zone (TZ= or CRON_TZ=), which the API server refuses in a schedule: set the CronJob's time zone instead")]
    public void Refused_schedules_name_what_is_wrong(string schedule, string problem)
    {
        var error = Reject<BatchJob>(stack => _ = new BatchJob(stack, "Retrain", Retrain with { Schedule = schedule }));
        Assert.That(error.Problems, Is.EqualTo(new[] { Message(schedule, problem) }));
    }

    [Test]
    public void Go_durations_are_read_as_time_ParseDuration_reads_them()
    {
        Assert.That(CronSchedule.GoDurationSeconds("1h30m"), Is.EqualTo(5400m));
        Assert.That(CronSchedule.GoDurationSeconds("1.5h"), Is.EqualTo(5400m));
        Assert.That(CronSchedule.GoDurationSeconds("90s"), Is.EqualTo(90m));
        Assert.That(CronSchedule.GoDurationSeconds("1500ms"), Is.EqualTo(1.5m));
        Assert.That(CronSchedule.GoDurationSeconds("-1h"), Is.EqualTo(-3600m));
        Assert.That(CronSchedule.GoDurationSeconds("0"), Is.EqualTo(0m));
        foreach (var bad in new[] { "", "h", "1", "1 h", "1H", "1hour", "1d", ".h" })
        {
            Assert.That(CronSchedule.GoDurationSeconds(bad), Is.Null, bad);
        }
    }
}
