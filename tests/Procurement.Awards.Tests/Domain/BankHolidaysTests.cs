using Procurement.Awards.Domain;

namespace Procurement.Awards.Tests.Domain;

public sealed class BankHolidaysTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void The_2022_list_is_gov_uks_with_the_moved_spring_holiday_the_jubilee_and_the_state_funeral() =>
        Assert.Equal(
        [
            new(D(2022, 1, 3), "New Year’s Day (substitute day)"),
            new(D(2022, 4, 15), "Good Friday"),
            new(D(2022, 4, 18), "Easter Monday"),
            new(D(2022, 5, 2), "Early May bank holiday"),
            new(D(2022, 6, 2), "Spring bank holiday"),
            new(D(2022, 6, 3), "Platinum Jubilee bank holiday"),
            new(D(2022, 8, 29), "Summer bank holiday"),
            new(D(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),
            new(D(2022, 12, 26), "Boxing Day"),
            new(D(2022, 12, 27), "Christmas Day (substitute day)"),
        ], BankHolidays.Named(2022));

    [Fact]
    public void The_2023_list_is_gov_uks_with_the_coronation() =>
        Assert.Equal(
        [
            new(D(2023, 1, 2), "New Year’s Day (substitute day)"),
            new(D(2023, 4, 7), "Good Friday"),
            new(D(2023, 4, 10), "Easter Monday"),
            new(D(2023, 5, 1), "Early May bank holiday"),
            new(D(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
            new(D(2023, 5, 29), "Spring bank holiday"),
            new(D(2023, 8, 28), "Summer bank holiday"),
            new(D(2023, 12, 25), "Christmas Day"),
            new(D(2023, 12, 26), "Boxing Day"),
        ], BankHolidays.Named(2023));

    [Fact]
    public void In_2020_VE_day_moved_the_early_May_holiday_to_Friday_8_May() =>
        Assert.Equal(
            [D(2020, 1, 1), D(2020, 4, 10), D(2020, 4, 13), D(2020, 5, 8), D(2020, 5, 25), D(2020, 8, 31), D(2020, 12, 25), D(2020, 12, 28)],
            BankHolidays.In(2020));

    [Fact]
    public void Easter_2022_and_2023() =>
        Assert.Equal(
            [(D(2022, 4, 15), D(2022, 4, 18)), (D(2023, 4, 7), D(2023, 4, 10))],
            new[] { 2022, 2023 }.Select(y => (BankHolidays.In(y)[1], BankHolidays.In(y)[2])));

    [Theory]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2038, 4, 25)] // the latest Easter can be
    [InlineData(2285, 3, 22)] // the earliest
    public void Easter_Sunday_by_the_anonymous_Gregorian_algorithm(int year, int month, int day) =>
        Assert.Equal(D(year, month, day), BankHolidays.EasterSunday(year));

    [Fact]
    public void Christmas_on_a_Sunday_moves_to_Tuesday_27th_behind_Boxing_Day()
    {
        Assert.Equal([D(2022, 12, 26), D(2022, 12, 27)], BankHolidays.In(2022).TakeLast(2));
        Assert.False(BankHolidays.IsBankHoliday(D(2022, 12, 25)));
        Assert.False(BankHolidays.IsWorkingDay(D(2022, 12, 25)));
    }

    [Fact]
    public void Christmas_on_a_Saturday_and_Boxing_Day_on_Sunday_move_to_Monday_27th_and_Tuesday_28th() =>
        Assert.Equal(
            [new(D(2021, 12, 27), "Christmas Day (substitute day)"), new(D(2021, 12, 28), "Boxing Day (substitute day)")],
            BankHolidays.Named(2021).TakeLast(2));

    [Fact]
    public void Boxing_Day_on_a_Saturday_moves_to_Monday_28th() =>
        Assert.Equal([D(2020, 12, 25), D(2020, 12, 28)], BankHolidays.In(2020).TakeLast(2));

    [Theory]
    [InlineData(2022, 3)] // Saturday 1 January
    [InlineData(2023, 2)] // Sunday 1 January
    [InlineData(2024, 1)]
    public void New_Years_Day_at_a_weekend_moves_to_the_Monday(int year, int day)
    {
        Assert.Equal(D(year, 1, day), BankHolidays.In(year)[0]);
        Assert.True(BankHolidays.IsBankHoliday(D(year, 1, day)));
    }

    [Fact]
    public void Years_without_one_offs_follow_the_rules() =>
        Assert.Equal(
            [D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30), D(2027, 12, 27), D(2027, 12, 28)],
            BankHolidays.In(2027));

    [Theory]
    [InlineData(2023, 1, 23, true)]   // Monday
    [InlineData(2023, 1, 28, false)]  // Saturday
    [InlineData(2023, 1, 29, false)]  // Sunday
    [InlineData(2023, 5, 8, false)]   // the coronation
    [InlineData(2022, 5, 30, true)]   // the Monday the 2022 spring holiday moved away from
    [InlineData(2022, 6, 2, false)]   // the Thursday it moved to
    [InlineData(2020, 5, 4, true)]
    [InlineData(2022, 9, 19, false)]  // the State Funeral
    public void Working_days_are_weekdays_that_are_not_bank_holidays(int year, int month, int day, bool working) =>
        Assert.Equal(working, BankHolidays.IsWorkingDay(D(year, month, day)));
}
