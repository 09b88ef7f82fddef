namespace Procurement.Awards.Domain;

/// <summary>
/// When the standstill ends: the contract may be entered into from the returned instant (UK midnight at
/// the end of the standstill's last day, in UTC). Days are UK days (Europe/London); working days are
/// neither Saturdays, Sundays nor bank holidays in England and Wales (<see cref="BankHolidays"/>).
/// <list type="bullet">
/// <item>Procurement Act 2023 s.51: "eight working days beginning with the day on which the contract award
/// notice is published". "Beginning with" counts the day of publication itself when it is a working day,
/// whatever the hour; a notice on a non-working day starts counting at the next working day. A notice on
/// Monday 23 January 2023 gives 23, 24, 25, 26, 27, 30, 31 January and 1 February: the standstill ends at
/// the end of Wednesday 1 February.</item>
/// <item>PCR 2015 reg 87: the period ends at midnight at the end of the 10th day after the day the notice
/// is sent electronically (the sending day is day 0). If that 10th day is not a working day the period runs
/// on to the end of the next working day (the periods rule of Regulation 1182/71 art 3(4), as the Cabinet
/// Office standstill guidance applies it). Sent on 23 January 2023: ends at the end of Thursday 2 February.</item>
/// </list>
/// These are the minimum periods; an authority may set a longer one, and a challenge suspends entry. Both are
/// the caller's business.
/// </summary>
public static class Standstill
{
    public const int ProcurementAct2023WorkingDays = 8;
    public const int Pcr2015Days = 10;

    /// <summary>The instant the standstill ends and the contract may be entered into.</summary>
    public static DateTimeOffset End(Regime regime, DateTimeOffset notifiedAt) => UkTime.StartOf(LastDay(regime, notifiedAt).AddDays(1));

    /// <summary>The UK day at whose end the standstill ends.</summary>
    public static DateOnly LastDay(Regime regime, DateTimeOffset notifiedAt)
    {
        var notified = UkTime.DayOf(notifiedAt);
        return regime switch
        {
            Regime.ProcurementAct2023 => NthWorkingDayFrom(notified, ProcurementAct2023WorkingDays),
            Regime.Pcr2015 => OnOrAfterWorkingDay(notified.AddDays(Pcr2015Days)),
            _ => throw new ArgumentOutOfRangeException(nameof(regime), regime, "Unknown procurement regime."),
        };
    }

    public static bool HasEnded(Regime regime, DateTimeOffset notifiedAt, DateTimeOffset now) => now >= End(regime, notifiedAt);

    /// <summary>The n-th working day of a period that begins with (includes) <paramref name="first"/>.</summary>
    private static DateOnly NthWorkingDayFrom(DateOnly first, int n)
    {
        var day = OnOrAfterWorkingDay(first);
        for (var counted = 1; counted < n; counted++)
            day = OnOrAfterWorkingDay(day.AddDays(1));
        return day;
    }

    private static DateOnly OnOrAfterWorkingDay(DateOnly day)
    {
        while (!BankHolidays.IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }
}
