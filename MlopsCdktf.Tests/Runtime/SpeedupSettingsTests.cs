using MlopsCdktf.Runtime;

namespace MlopsCdktf.Tests.Runtime;

public sealed class SpeedupSettingsTests
{
    [TestCase(null, Speedups.All)]
    [TestCase("", Speedups.All)]
    [TestCase("all", Speedups.None)]
    [TestCase("type-index", Speedups.All & ~Speedups.TypeIndex)]
    [TestCase(" lazy-provider-index , single-resolution ", Speedups.All & ~(Speedups.LazyProviderIndex | Speedups.SingleResolution))]
    public void Names_in_the_variable_turn_speed_ups_off(string? disabled, Speedups expected)
    {
        Assert.That(SpeedupSettings.Parse(disabled), Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_name_is_an_error_not_a_silent_measurement_of_the_wrong_thing()
    {
        Assert.That(() => SpeedupSettings.Parse("lazy-index"), Throws.ArgumentException.With.Message.Contains("unknown speed-up 'lazy-index'"));
    }

    [Test]
    public void Names_round_trip()
    {
        Assert.That(SpeedupSettings.Names(Speedups.All), Is.EqualTo("lazy-provider-index,type-index,single-resolution,tarball-from-file,small-node-young-generation"));
        Assert.That(SpeedupSettings.Names(Speedups.None), Is.EqualTo("none"));
    }
}
