using System.Globalization;

namespace MlopsCdktf.Kubernetes;

/// <summary>
/// The shape of a CronJob schedule, checked at synth time: five fields (minute 0–59, hour 0–23, day of month 1–31,
/// month 1–12 or JAN–DEC, day of week 0–7 or SUN–SAT), each <c>*</c>, a value, a range <c>a-b</c>, a step <c>/n</c> or a
/// comma list of those; or one of <c>@yearly</c>, <c>@annually</c>, <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c>,
/// <c>@midnight</c>, <c>@hourly</c>.
/// </summary>
internal static class CronSchedule
{
    private static readonly string[] Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly (string Name, int Min, int Max, string[]? Names)[] Fields =
    [
        ("minute", 0, 59, null), ("hour", 0, 23, null), ("day of month", 1, 31, null), ("month", 1, 12, Months), ("day of week", 0, 7, Days),
    ];

    /// <summary>What is wrong with <paramref name="schedule"/>, as a sentence fragment, or null when its shape is valid.</summary>
    public static string? Problem(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return "is empty";
        }

        if (schedule.StartsWith('@'))
        {
            return Macros.Contains(schedule) ? null : $"is not one of {string.Join(", ", Macros)}";
        }

        var parts = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            return $"has {parts.Length} field(s), not 5 (minute hour day-of-month month day-of-week)";
        }

        for (var i = 0; i < 5; i++)
        {
            var (name, min, max, names) = Fields[i];
            if (!parts[i].Split(',').All(item => ValidItem(item, min, max, names)))
            {
                return $"has an invalid {name} field \"{parts[i]}\" (allowed: *, {min}-{max}{(names is null ? string.Empty : $" or {names[0]}-{names[^1]}")}, ranges a-b, steps /n, lists a,b)";
            }
        }

        return null;
    }

    private static bool ValidItem(string item, int min, int max, string[]? names)
    {
        var slash = item.Split('/');
        if (slash.Length > 2 || (slash.Length == 2 && !(int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step >= 1 && step <= max)))
        {
            return false;
        }

        var range = slash[0];
        if (range == "*")
        {
            return true;
        }

        var bounds = range.Split('-');
        if (bounds.Length > 2 || !bounds.All(b => Value(b, min, max, names) is not null))
        {
            return false;
        }

        return bounds.Length == 1 || Value(bounds[0], min, max, names) <= Value(bounds[1], min, max, names);
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
}
