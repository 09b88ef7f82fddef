namespace Procurement.Awards.Domain;

/// <summary>
/// Bank holidays in England and Wales, computed from the rules rather than read from a downloaded
/// list, so a standstill in any year can be counted without a network call or a yearly refresh.
/// <list type="bullet">
/// <item>New Year's Day, Christmas Day and Boxing Day fall on their dates; one that falls on a Saturday or
/// Sunday is replaced by the next weekday not already a holiday (Christmas on a Saturday: Monday 27th for
/// Christmas and Tuesday 28th for Boxing Day; Christmas on a Sunday: Boxing Day Monday 26th, Christmas Tuesday 27th).</item>
/// <item>Good Friday and Easter Monday, from Easter Sunday by the Anonymous Gregorian (Meeus/Jones/Butcher) algorithm.</item>
/// <item>Early May (first Monday of May), Spring (last Monday of May), Summer (last Monday of August).</item>
/// <item>The one-off changes proclaimed for 2020–2027 (<see cref="OneOffs"/>). A change proclaimed later, or
/// one before 2020 (2011, 2012, 1999…), is not known here: add it to the table.</item>
/// </list>
/// The substitute day is the bank holiday, as gov.uk lists it: Sunday 25 December 2022 is not a bank
/// holiday, Tuesday 27 December 2022 is (neither is a working day).
/// </summary>
public static class BankHolidays
{
    /// <summary>
    /// Changes by royal proclamation, as gov.uk lists them. <c>Instead</c> is the rule's day that the change
    /// moves; where it is null the day is an extra bank holiday.
    /// </summary>
    private static readonly OneOff[] OneOffs =
    [
        new(new(2020, 5, 4), new(2020, 5, 8), "Early May bank holiday (VE day)"),
        new(new(2022, 5, 30), new(2022, 6, 2), "Spring bank holiday"),
        new(null, new(2022, 6, 3), "Platinum Jubilee bank holiday"),
        new(null, new(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),
        new(null, new(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
    ];

    /// <summary>The year's bank holidays in date order, with the names gov.uk gives them.</summary>
    public static IReadOnlyList<BankHoliday> Named(int year)
    {
        var easter = EasterSunday(year);
        var holidays = new List<BankHoliday>
        {
            new(easter.AddDays(-2), "Good Friday"),
            new(easter.AddDays(1), "Easter Monday"),
            new(FirstMonday(year, 5), "Early May bank holiday"),
            new(LastMonday(year, 5), "Spring bank holiday"),
            new(LastMonday(year, 8), "Summer bank holiday"),
        };
        AddWithSubstitutes(holidays, year, 1, [(1, "New Year’s Day")]);
        AddWithSubstitutes(holidays, year, 12, [(25, "Christmas Day"), (26, "Boxing Day")]);

        foreach (var change in OneOffs.Where(c => c.On.Year == year))
        {
            if (change.Instead is { } moved)
                holidays.RemoveAll(h => h.Date == moved);
            holidays.Add(new(change.On, change.Name));
        }
        return [.. holidays.OrderBy(h => h.Date)];
    }

    /// <summary>The year's bank holiday dates, in order.</summary>
    public static IReadOnlyList<DateOnly> In(int year) => [.. Named(year).Select(h => h.Date)];

    public static bool IsBankHoliday(DateOnly date) => Named(date.Year).Any(h => h.Date == date);

    /// <summary>Neither a Saturday, a Sunday nor a bank holiday in England and Wales.</summary>
    public static bool IsWorkingDay(DateOnly date) => !IsWeekend(date) && !IsBankHoliday(date);

    /// <summary>Easter Sunday in the Gregorian calendar (Anonymous Gregorian algorithm, Meeus).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new(year, month, day);
    }

    /// <summary>
    /// Weekday dates stand; each weekend date, in order, moves to the first weekday after the last of
    /// them that is not already taken, which gives both the Christmas and the New Year substitutes.
    /// </summary>
    private static void AddWithSubstitutes(List<BankHoliday> holidays, int year, int month, (int Day, string Name)[] dates)
    {
        var taken = dates.Select(d => new DateOnly(year, month, d.Day)).Where(d => !IsWeekend(d)).ToHashSet();
        var candidate = new DateOnly(year, month, dates[^1].Day).AddDays(1);
        foreach (var (day, name) in dates)
        {
            var date = new DateOnly(year, month, day);
            if (IsWeekend(date))
            {
                while (IsWeekend(candidate) || taken.Contains(candidate)) candidate = candidate.AddDays(1);
                taken.Add(candidate);
                holidays.Add(new(candidate, $"{name} (substitute day)"));
            }
            else
                holidays.Add(new(date, name));
        }
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private sealed record OneOff(DateOnly? Instead, DateOnly On, string Name);
}

/// <summary>One bank holiday in England and Wales.</summary>
public sealed record BankHoliday(DateOnly Date, string Name);
