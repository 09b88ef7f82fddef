using Procurement.Contracts.Award.V1;
using Procurement.Web.Pages.Awards;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Web.Tests.Unit;

public sealed class ContractTermTests
{
    private static Common.Date D(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>Essex's contract: 3 years from 1 April 2023, up to 2 years of extensions in 12-month steps.</summary>
    private static Contract Essex(int extendedMonths)
    {
        var contract = new Contract
        {
            Start = D(2023, 4, 1), InitialEnd = D(2026, 3, 31), CurrentEnd = D(2026 + extendedMonths / 12, 3, 31),
            ExtensionAllowanceMonths = 24, ExtensionStepMonths = 12, RemainingAllowanceMonths = 24 - extendedMonths,
        };
        if (extendedMonths > 0)
            contract.Extensions.Add(new Extension { Reference = "PFCC-2026-004", Months = 12, From = D(2026, 4, 1), To = D(2027, 3, 31) });
        return contract;
    }

    [Fact]
    public void The_initial_term_the_extensions_taken_and_the_allowance_left_share_the_bar_in_proportion()
    {
        var term = ContractTerm.Of(Essex(extendedMonths: 12), new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal([ContractTerm.Kind.Initial, ContractTerm.Kind.Extension, ContractTerm.Kind.Remaining], term.Segments.Select(s => s.Kind));
        Assert.Equal("Extension 1 (PFCC-2026-004)", term.Segments[1].Label);
        Assert.Equal((new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31)), (term.Segments[2].From, term.Segments[2].To));
        Assert.Equal(new DateOnly(2028, 3, 31), term.LatestEnd);
        // 3 of 5 years, then 1 and 1: the widths follow the days, and the bar is whole.
        Assert.Equal(0.6, term.Segments[0].Width, 2);
        Assert.Equal(0.2, term.Segments[1].Width, 2);
        Assert.Equal(1.0, term.Segments.Sum(s => s.Width), 6);
        Assert.Equal(term.Segments[0].Width, term.Segments[1].Left, 6);
        // 1 June 2026: two months into the first extension.
        Assert.InRange(term.Today!.Value, 0.61, 0.64);
    }

    [Fact]
    public void Without_an_allowance_left_there_is_no_remaining_part_and_today_outside_the_term_is_not_drawn()
    {
        var contract = Essex(extendedMonths: 24);
        contract.Extensions.Add(new Extension { Reference = "PFCC-2027-001", Months = 12, From = D(2027, 4, 1), To = D(2028, 3, 31) });

        var term = ContractTerm.Of(contract, new DateTimeOffset(2022, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain(term.Segments, s => s.Kind == ContractTerm.Kind.Remaining);
        Assert.Equal(2, term.Segments.Count(s => s.Kind == ContractTerm.Kind.Extension));
        Assert.Null(term.Today);
    }
}
