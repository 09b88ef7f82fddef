using Procurement.Awards.Domain;

namespace Procurement.Awards.Tests.Domain;

public sealed class StandstillTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Kent_under_the_Procurement_Act_counts_the_day_of_the_notice_and_ends_at_the_end_of_Wednesday_1_February()
    {
        // Monday 23 January 2023 is working day 1; 24–27 Jan, 30, 31 Jan and 1 Feb are days 2–8.
        var notice = Utc(2023, 1, 23, 15);
        Assert.Equal(new DateOnly(2023, 2, 1), Standstill.LastDay(Regime.ProcurementAct2023, notice));
        Assert.Equal(Utc(2023, 2, 2), Standstill.End(Regime.ProcurementAct2023, notice));
    }

    [Fact]
    public void Kent_under_PCR_2015_ends_at_midnight_at_the_end_of_Thursday_2_February()
    {
        var notice = Utc(2023, 1, 23, 15);
        Assert.Equal(new DateOnly(2023, 2, 2), Standstill.LastDay(Regime.Pcr2015, notice));
        Assert.Equal(Utc(2023, 2, 3), Standstill.End(Regime.Pcr2015, notice));
    }

    [Fact]
    public void Over_Easter_2023_the_working_days_skip_Good_Friday_and_Easter_Monday()
    {
        // Thu 6 (1), Tue 11–Fri 14 (2–5), Mon 17–Wed 19 (6–8); 19 April is in BST, so midnight is 23:00Z.
        Assert.Equal(Utc(2023, 4, 19, 23), Standstill.End(Regime.ProcurementAct2023, Utc(2023, 4, 6, 9)));
    }

    [Fact]
    public void Under_PCR_2015_a_tenth_day_on_Good_Friday_runs_on_past_Easter_Monday()
    {
        // Sent Tue 28 March 2023: the 10th day is Good Friday 7 April; the next working day is Tue 11 April.
        Assert.Equal(new DateOnly(2023, 4, 11), Standstill.LastDay(Regime.Pcr2015, Utc(2023, 3, 28, 9)));
        Assert.Equal(Utc(2023, 4, 11, 23), Standstill.End(Regime.Pcr2015, Utc(2023, 3, 28, 9)));
    }

    [Fact]
    public void Over_Christmas_2022_the_count_skips_the_27th_and_the_New_Year_substitute()
    {
        // Tue 20–Fri 23 Dec (1–4), Wed 28–Fri 30 (5–7), not Mon 2 Jan 2023, Tue 3 Jan (8).
        Assert.Equal(Utc(2023, 1, 4), Standstill.End(Regime.ProcurementAct2023, Utc(2022, 12, 20, 11)));
        // PCR 2015 from Fri 16 Dec: the 10th day is Boxing Day, then the substitute Christmas Day; Wed 28 Dec ends it.
        Assert.Equal(Utc(2022, 12, 29), Standstill.End(Regime.Pcr2015, Utc(2022, 12, 16, 11)));
        Assert.Equal(Utc(2022, 12, 31), Standstill.End(Regime.Pcr2015, Utc(2022, 12, 20, 11)));
    }

    [Fact]
    public void A_notice_at_23_30Z_in_summer_is_already_the_next_day_in_London()
    {
        // 23:30Z on Monday 5 June 2023 is 00:30 BST on Tuesday 6 June.
        var lateMonday = Utc(2023, 6, 5, 23, 30);
        Assert.Equal(Utc(2023, 6, 15, 23), Standstill.End(Regime.ProcurementAct2023, lateMonday));
        Assert.Equal(Utc(2023, 6, 14, 23), Standstill.End(Regime.ProcurementAct2023, Utc(2023, 6, 5, 22, 59)));
        Assert.Equal(Utc(2023, 6, 16, 23), Standstill.End(Regime.Pcr2015, lateMonday));
    }

    [Fact]
    public void A_notice_at_23_30Z_in_winter_is_still_that_day_in_London() =>
        Assert.Equal(Utc(2023, 2, 2), Standstill.End(Regime.ProcurementAct2023, Utc(2023, 1, 23, 23, 30)));

    [Fact]
    public void A_notice_on_a_Friday()
    {
        // Fri 27 Jan (1), 30 Jan–3 Feb (2–6), Mon 6 and Tue 7 Feb (7, 8).
        Assert.Equal(Utc(2023, 2, 8), Standstill.End(Regime.ProcurementAct2023, Utc(2023, 1, 27, 16)));
        // The 10th day after is Monday 6 February, a working day.
        Assert.Equal(Utc(2023, 2, 7), Standstill.End(Regime.Pcr2015, Utc(2023, 1, 27, 16)));
    }

    [Fact]
    public void Under_PCR_2015_a_tenth_day_on_a_Saturday_runs_on_to_the_Monday() =>
        Assert.Equal(new DateOnly(2023, 2, 6), Standstill.LastDay(Regime.Pcr2015, Utc(2023, 1, 25, 10)));

    [Fact]
    public void A_notice_on_a_bank_holiday_or_a_Saturday_starts_counting_on_the_next_working_day()
    {
        // Spring bank holiday Mon 29 May 2023: Tue 30 May (1) … Thu 8 June (8).
        Assert.Equal(Utc(2023, 6, 8, 23), Standstill.End(Regime.ProcurementAct2023, Utc(2023, 5, 29, 10)));
        // Saturday 3 June: Mon 5 June (1) … Wed 14 June (8).
        Assert.Equal(Utc(2023, 6, 14, 23), Standstill.End(Regime.ProcurementAct2023, Utc(2023, 6, 3, 10)));
        // PCR 2015 counts calendar days from the bank holiday itself: 8 June.
        Assert.Equal(new DateOnly(2023, 6, 8), Standstill.LastDay(Regime.Pcr2015, Utc(2023, 5, 29, 10)));
    }

    [Fact]
    public void A_standstill_that_crosses_into_summer_time_ends_at_23_00Z()
    {
        // Thu 16 March 2023 (1) … Mon 27 March (8); clocks went forward on Sunday 26 March.
        Assert.Equal(Utc(2023, 3, 27, 23), Standstill.End(Regime.ProcurementAct2023, Utc(2023, 3, 16, 12)));
        // And back into winter time: sent Fri 20 Oct 2023, the 10th day is Mon 30 Oct, after the clocks went back on the 29th.
        Assert.Equal(Utc(2023, 10, 31), Standstill.End(Regime.Pcr2015, Utc(2023, 10, 20, 12)));
    }

    [Fact]
    public void The_standstill_has_ended_at_its_end_and_not_a_tick_before()
    {
        var notice = Utc(2023, 1, 23, 15);
        var end = Standstill.End(Regime.ProcurementAct2023, notice);
        Assert.False(Standstill.HasEnded(Regime.ProcurementAct2023, notice, end.AddTicks(-1)));
        Assert.True(Standstill.HasEnded(Regime.ProcurementAct2023, notice, end));
        Assert.True(Standstill.HasEnded(Regime.ProcurementAct2023, notice, end.ToOffset(TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Europe_London_resolves_with_invariant_globalization() =>
        Assert.Equal(TimeSpan.FromHours(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/London").GetUtcOffset(Utc(2023, 7, 1)));
}
