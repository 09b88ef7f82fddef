using Procurement.Cli.Input;

namespace Procurement.Cli.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("17d", 17 * 24 * 60)]
    [InlineData("36h", 36 * 60)]
    [InlineData("90m", 90)]
    [InlineData("1d12h", 36 * 60)]
    [InlineData("2h30m", 150)]
    public void Durations_are_read_as_people_type_them(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Durations.Parse(text));

    [Theory]
    [InlineData("17")]
    [InlineData("17x")]
    [InlineData("-3d")]
    [InlineData("0d")]
    [InlineData("")]
    [InlineData("h")]
    public void Anything_else_is_a_usage_error_that_shows_how_to_write_one(string text)
    {
        var error = Assert.Throws<CliException>(() => Durations.Parse(text));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith($"'{text}' is ", error.Message);
        Assert.Contains(text == "0d" ? "must be positive" : "e.g. 17d, 36h, 90m", error.Message);
    }

    [Fact]
    public void Durations_are_written_back_in_the_same_form() =>
        Assert.Equal(("17d", "1d12h", "1m30s"), (Durations.Format(TimeSpan.FromDays(17)), Durations.Format(TimeSpan.FromHours(36)), Durations.Format(TimeSpan.FromSeconds(90))));

    [Fact]
    public void An_instant_is_RFC_3339_or_a_time_from_now()
    {
        var now = new DateTimeOffset(2022, 9, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddDays(30), Durations.ParseInstant("+30d", now));
        Assert.Equal(new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero), Durations.ParseInstant("2022-10-31T12:00:00Z", now));
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => Durations.ParseInstant("next week", now)).ExitCode);
    }

    [Fact]
    public void Money_is_integer_pence_never_floating_point()
    {
        Assert.Equal(55_000_000, MoneyText.Parse("550000", "gbp").MinorUnits);
        Assert.Equal(4_066_650, MoneyText.Parse("£40,666.50", "GBP").MinorUnits);
        Assert.Equal("GBP", MoneyText.Parse("1", "gbp").Currency);
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => MoneyText.Parse("1.005", "GBP")).ExitCode);
        Assert.Equal("£1,000,000.00", MoneyText.Format(new() { MinorUnits = 100_000_000, Currency = "GBP" }));
    }
}
