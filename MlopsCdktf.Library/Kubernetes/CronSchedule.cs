using System.Globalization;
using System.Text.RegularExpressions;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// A CronJob schedule, checked at synth time as the API server checks it (robfig/cron v3's standard parser) and refused
/// when it can never fire. Accepted: five fields separated by spaces (minute 0–59, hour 0–23, day of month 1–31, month
/// 1–12 or JAN–DEC, day of week 0–6 or SUN–SAT, names in any case), each <c>*</c> (or <c>?</c>), a value, a range
/// <c>a-b</c>, a step <c>/n</c> (n ≥ 1) or a comma list of those; the macros <c>@yearly</c>, <c>@annually</c>,
/// <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c>, <c>@midnight</c>, <c>@hourly</c>; and <c>@every &lt;duration&gt;</c> with a
/// positive Go duration (<c>@every 1h</c>, <c>@every 1h30m</c>).
/// </summary>
/// <remarks>
/// Refused although some cron dialects accept them: day of week 7 (the API server's parser accepts 0–6; Sunday is 0),
/// <c>TZ=</c>/<c>CRON_TZ=</c> prefixes (the API server refuses them: use the CronJob's time zone), and day-of-month and
/// month combinations that exist in no year (<c>0 0 31 2 *</c>, <c>0 0 30 2 *</c>, <c>0 0 31 4,6,9,11 *</c>) while the
/// day of week is <c>*</c>: Kubernetes accepts them and the job never runs. 29 February fires in leap years and is accepted.
/// </remarks>
internal static partial class CronSchedule
{
    /// <summary>The macros the standard parser accepts besides <c>@every</c>.</summary>
    public static readonly IReadOnlyList<string> Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>The most days each month has (February: 29, in leap years).</summary>
    private static readonly int[] DaysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private static readonly (string Name, int Min, int Max, string[]? Names)[] Fields =
    [
        ("minute", 0, 59, null), ("hour", 0, 23, null), ("day of month", 1, 31, null), ("month", 1, 12, Months), ("day of week", 0, 6, Days),
    ];

    /// <summary>What is wrong with <paramref name="schedule"/>, as a sentence fragment, or null when it is valid and fires.</summary>
    public static string? Problem(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return "is empty";
        }

        if (schedule.Contains("TZ", StringComparison.Ordinal))
        {
            return "sets a time zone (TZ= or CRON_TZ=), which the API server refuses in a schedule: set the CronJob's time zone instead";
        }

        if (schedule.StartsWith('@'))
        {
            return MacroProblem(schedule);
        }

        var parts = schedule.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            return $"has {parts.Length} field(s), not 5 (minute hour day-of-month month day-of-week)";
        }

        var sets = new (bool[] Values, bool Star)[5];
        for (var i = 0; i < 5; i++)
        {
            var (name, min, max, names) = Fields[i];
            if (Parse(parts[i], min, max, names) is not { } set)
            {
                var dayOfWeek7 = i == 4 && parts[i].Split(',', '-', '/').Contains("7")
                    ? " — 7 is not a day: the API server's parser accepts 0-6, Sunday is 0"
                    : string.Empty;
                return $"has an invalid {name} field \"{parts[i]}\" (allowed: *, {min}-{max}{(names is null ? string.Empty : $" or {names[0]}-{names[^1]}")}, ranges a-b, steps /n, lists a,b){dayOfWeek7}";
            }

            sets[i] = set;
        }

        return NeverFires(sets[2], sets[3], sets[4]);
    }

    /// <summary>
    /// With the day of week <c>*</c>, a run needs a day of month that exists in a chosen month (the parser ANDs the two day
    /// fields when either is <c>*</c>, and ORs them when both are restricted, so a restricted day of week always fires).
    /// </summary>
    private static string? NeverFires((bool[] Values, bool Star) dayOfMonth, (bool[] Values, bool Star) month, (bool[] Values, bool Star) dayOfWeek)
    {
        if (!dayOfWeek.Star || dayOfMonth.Star)
        {
            return null;
        }

        for (var m = 1; m <= 12; m++)
        {
            for (var d = 1; d <= DaysInMonth[m - 1]; d++)
            {
                if (month.Values[m] && dayOfMonth.Values[d])
                {
                    return null;
                }
            }
        }

        var days = Enumerable.Range(1, 31).Where(d => dayOfMonth.Values[d]).ToList();
        var months = Enumerable.Range(1, 12).Where(m => month.Values[m]).Select(m => MonthNames[m - 1]).ToList();
        return $"never fires: day {string.Join(", ", days)} of the month does not exist in {string.Join(", ", months)} "
            + "(Kubernetes accepts the schedule and never runs the job)";
    }

    private static string? MacroProblem(string schedule)
    {
        if (Macros.Contains(schedule))
        {
            return null;
        }

        const string every = "@every ";
        if (!schedule.StartsWith(every, StringComparison.Ordinal))
        {
            return $"is not one of {string.Join(", ", Macros)} or @every <duration>";
        }

        var duration = schedule[every.Length..];
        return GoDurationSeconds(duration) switch
        {
            null => $"has \"{duration}\" after @every, which is not a Go duration such as 90s, 30m, 1h or 1h30m",
            <= 0 => $"has \"{duration}\" after @every: the interval must be positive",
            _ => null,
        };
    }

    /// <summary>The seconds of a Go duration (<c>time.ParseDuration</c>: <c>1h30m</c>, <c>1.5h</c>, <c>90s</c>), or null.</summary>
    internal static decimal? GoDurationSeconds(string text)
    {
        if (text == "0")
        {
            return 0;
        }

        var match = GoDuration().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var total = 0m;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['n', 'u', 'µ', 'μ', 'm', 's', 'h']);
            var number = part.Value[..unitStart];
            if (number is "." or "" || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            total += n * part.Value[unitStart..] switch
            {
                "ns" => 1e-9m,
                "us" or "µs" or "μs" => 1e-6m,
                "ms" => 1e-3m,
                "s" => 1m,
                "m" => 60m,
                _ => 3600m,
            };
        }

        return match.Groups["sign"].Value == "-" ? -total : total;
    }

    /// <summary>The values a field selects (index = value) and whether it starts with <c>*</c>/<c>?</c> without a step over 1 (the parser's star bit); null when invalid.</summary>
    private static (bool[] Values, bool Star)? Parse(string field, int min, int max, string[]? names)
    {
        var values = new bool[max + 1];
        var star = false;
        foreach (var item in field.Split(','))
        {
            var slash = item.Split('/');
            if (slash.Length > 2)
            {
                return null;
            }

            var step = 1;
            if (slash.Length == 2 && !(int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) && step >= 1))
            {
                return null;
            }

            int low, high;
            var itemStar = false;
            if (slash[0] is "*" or "?")
            {
                (low, high) = (min, max);
                itemStar = step == 1;
            }
            else
            {
                var bounds = slash[0].Split('-');
                if (bounds.Length > 2 || Value(bounds[0], min, max, names) is not { } first)
                {
                    return null;
                }

                low = first;
                if (bounds.Length == 2)
                {
                    if (Value(bounds[1], min, max, names) is not { } last || last < first)
                    {
                        return null;
                    }

                    high = last;
                }
                else
                {
                    // "N/step" means N to the field's maximum, every step.
                    high = slash.Length == 2 ? max : first;
                }
            }

            star |= itemStar;
            for (var value = low; value <= high; value += step)
            {
                values[value] = true;
            }
        }

        return (values, star);
    }

    private static int? Value(string text, int min, int max, string[]? names)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n >= min && n <= max ? n : null;
        }

        var index = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        return index < 0 ? null : index + (min == 1 ? 1 : 0);
    }

    [GeneratedRegex(@"^(?<sign>[-+]?)(?<part>([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+\z")]
    private static partial Regex GoDuration();
}
