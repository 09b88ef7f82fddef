using System.Globalization;
using Microsoft.Playwright;

namespace Procurement.Web.Tests.Browser;

/// <summary>
/// The procurement team amends a published tender (bidders are asked to reconfirm), a bidder reads what changed and
/// reconfirms without JavaScript, then the team cancels Essex's lot and finally the whole tender. axe on every page.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AmendmentTests(PortalSuite suite)
{
    [Fact]
    public async Task An_amendment_asks_bidders_to_reconfirm_and_a_lot_then_the_tender_can_be_cancelled()
    {
        var tender = await suite.TenderAsync("Victims' support: amended (portal)");
        await suite.BidAsync(tender, "catch-22", "kent", 430_000_00, "A county-wide helpline and outreach team.");

        await using var context = await NewContextAsync();
        var officer = await context.NewPageAsync();
        await PageChecks.SignInAsync(officer, "Ola Officer");
        await officer.GotoAsync($"/tenders/{tender.Id}");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Amend the tender" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Publish the amendment" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#summary-error")).ToHaveTextAsync("Error: Enter what changed; every supplier is shown it");
        await CheckAsync(officer, "amend-errors");
        var later = TimeZoneInfo.ConvertTime(tender.Timetable.SubmissionDeadline.ToDateTimeOffset().AddDays(7), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        await officer.Locator("#submission-day").FillAsync(later.Day.ToString(CultureInfo.InvariantCulture));
        await officer.Locator("#submission-month").FillAsync(later.Month.ToString(CultureInfo.InvariantCulture));
        await officer.Locator("#submission-year").FillAsync(later.Year.ToString(CultureInfo.InvariantCulture));
        await officer.Locator("#summary").FillAsync("Submission deadline extended by one week.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Publish the amendment" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("The amendment has been published; bidders are asked to reconfirm")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("Amended");

        // The bidder, without JavaScript: told to reconfirm (once the bid service has heard of the amendment), reads the summary, reconfirms.
        await suite.BidReachesAsync(tender.Id, "catch-22", Procurement.Contracts.Bid.V1.BidStatus.NeedsReconfirmation);
        await using (var noScript = await NewContextAsync(javaScript: false))
        {
            var page = await noScript.NewPageAsync();
            await PageChecks.SignInAsync(page, "Bidder for catch-22");
            await page.GotoAsync($"/tenders/{tender.Id}");
            await Assertions.Expect(page.Locator("#your-bid + p")).ToContainTextAsync("Reconfirm");
            await page.GetByRole(AriaRole.Link, new() { Name = "Read what changed and reconfirm your bid" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Submission deadline extended by one week.");
            await PageChecks.ScreenshotAsync(page, suite.Artefacts, "reconfirm-no-javascript");
            await page.GetByRole(AriaRole.Button, new() { Name = "Reconfirm version 1 of your bid" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Your bid has been reconfirmed")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Read what changed and reconfirm your bid" })).ToHaveCountAsync(0);
        }
        var mine = await suite.Bids.ListMyBidsAsync(new Procurement.Contracts.Bid.V1.ListMyBidsRequest { TenderId = tender.Id }, suite.As(PortalSuite.Person("catch-22")));
        Assert.Equal((Procurement.Contracts.Bid.V1.BidStatus.Submitted, 2), (mine.Bids.Single().Status, mine.Bids.Single().ConfirmedTenderRevision));

        // Essex's lot is cancelled (a reason is required), then the tender.
        await officer.GotoAsync($"/tenders/{tender.Id}");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Cancel this lot (Victims' support in Essex)" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Cancel Victims' support in Essex" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#reason-error")).ToHaveTextAsync("Error: Enter the reason for the cancellation; it is published");
        await CheckAsync(officer, "cancel-lot-errors");
        await officer.Locator("#reason").FillAsync("Essex will provide the service in house.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Cancel Victims' support in Essex" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("The lot has been cancelled")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("Cancelled: Essex will provide the service in house.");

        await officer.GetByRole(AriaRole.Link, new() { Name = "Cancel the tender" }).ClickAsync();
        await CheckAsync(officer, "cancel-tender");
        await officer.Locator("#reason").FillAsync("The requirement has changed.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Cancel the whole tender" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("The tender has been cancelled")).ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Button, new() { Name = "Amend the tender" })).ToHaveCountAsync(0);
        await CheckAsync(officer, "tender-cancelled");
    }

    private Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString(), JavaScriptEnabled = javaScript });

    private Task CheckAsync(IPage page, string name) => PageChecks.CheckAsync(page, suite.Artefacts, name);
}
