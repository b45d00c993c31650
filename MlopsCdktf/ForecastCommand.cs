using MlopsCdktf.Forecast;

namespace MlopsCdktf;

/// <summary>
/// <c>make forecast BASE=&lt;folder&gt;</c>: the replacement forecast from an earlier synthesis (the base branch's, or the last
/// deployed one kept as an artefact) to this one. Prints the changes, writes <c>replacement-forecast.json</c> and
/// <c>replacement-forecast.md</c> next to the head stacks; exit code 0 either way (a forecast informs, the review decides).
/// </summary>
public static class ForecastCommand
{
    /// <summary>Compares <paramref name="baseOutdir"/> with <paramref name="headOutdir"/>, prints to <paramref name="output"/>.</summary>
    /// <returns>0, or 2 when a folder holds no synthesized stacks.</returns>
    public static int Run(string baseOutdir, string headOutdir, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (name, folder) in new[] { ("BASE", baseOutdir), ("head", headOutdir) })
        {
            if (!Directory.Exists(Path.Combine(folder, "stacks")))
            {
                Console.Error.WriteLine($"forecast: {name} folder '{folder}' holds no synthesized stacks (stacks/<name>/cdk.tf.json): give the output folder of a synthesis");
                return 2;
            }
        }

        var changes = ReplacementForecast.Compare(ReplacementForecast.ReadFolder(baseOutdir), ReplacementForecast.ReadFolder(headOutdir));
        File.WriteAllText(Path.Combine(headOutdir, ReplacementForecast.FileName), ReplacementForecast.ToJson(changes));
        File.WriteAllText(Path.Combine(headOutdir, ReplacementForecast.SummaryFileName), ReplacementForecast.ToMarkdown(changes));
        output.Write(ReplacementForecast.ToText(changes));
        return 0;
    }
}
