using Google.Protobuf.WellKnownTypes;
using Procurement.Web.Pages.Tenders;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Web.Tests.Unit;

public sealed class TenderTextTests
{
    [Theory]
    [InlineData("2022-09-30T22:59:00Z", "11:59pm on 30 September 2022")]   // British Summer Time
    [InlineData("2022-12-01T12:00:00Z", "12pm on 1 December 2022")]       // Greenwich Mean Time
    public void Deadlines_read_in_uk_time(string utc, string expected) =>
        Assert.Equal(expected, TenderText.Deadline(Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Commissioners_are_named_and_joined() =>
        Assert.Equal("Kent and Essex", TenderText.Commissioners(["kent", "essex"]));

    [Fact]
    public void Money_in_pounds_with_pence() =>
        Assert.Equal("£1,250,000.00", TenderText.Money(new Common.Money { MinorUnits = 125_000_000, Currency = "GBP" }));
}
