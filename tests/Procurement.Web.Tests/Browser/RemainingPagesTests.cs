using Google.Protobuf.WellKnownTypes;
using Microsoft.Playwright;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Tests.Browser;

/// <summary>
/// The pages the journey tests pass through without checking, each checked with axe here: a new tender's first page,
/// a draft's details, the awards list, reconfirming after an amendment, a revised bid, and the error pages.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RemainingPagesTests(PortalSuite suite)
{
    [Fact]
    public async Task The_remaining_pages_pass_axe_and_a_revised_bid_gets_a_receipt_for_its_second_version()
    {
        await using var context = await suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString() });
        var officer = await context.NewPageAsync();
        await PageChecks.SignInAsync(officer, "Ola Officer");
        await officer.GotoAsync("/tenders/new");
        await CheckAsync(officer, "tender-new");
        var draft = await suite.TenderAsync("Victims' support: a draft (portal)", publish: false);
        await officer.GotoAsync($"/tenders/{draft.Id}/draft/details");
        await Assertions.Expect(officer.Locator("#commissioners")).ToHaveValueAsync("kent, essex");
        await CheckAsync(officer, "tender-details");
        foreach (var code in new[] { 403, 500, 503 })
        {
            await officer.GotoAsync($"/error/{code}");
            await CheckAsync(officer, $"error-{code}");
        }

        var kent = await context.NewPageAsync();
        await PageChecks.SignInAsync(kent, "Kit Commissioning");
        await kent.GotoAsync("/awards");
        await Assertions.Expect(kent.GetByRole(AriaRole.Heading, new() { Name = "Awards and contracts" })).ToBeVisibleAsync();
        await CheckAsync(kent, "awards");

        // A bid, revised through the portal: the form comes back filled in, and the receipt is for version 2.
        var tender = await suite.TenderAsync("Victims' support: revised and reconfirmed (portal)");
        await suite.BidAsync(tender, "victim-support", "kent", 450_000_00, "Advocates in every Kent police station within a month.");
        await using var supplierContext = await suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString() });
        var supplier = await supplierContext.NewPageAsync();
        await PageChecks.SignInAsync(supplier, "Bidder for victim-support");
        await supplier.GotoAsync($"/tenders/{tender.Id}");
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Revise your bid" }).ClickAsync();
        await Assertions.Expect(supplier.Locator("#lots-0-price")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("450,?000"));
        await CheckAsync(supplier, "bid-revise");
        await supplier.Locator("#lots-0-price").FillAsync("440,000");
        foreach (var declaration in new[] { "#accepts-terms", "#meets-requirements", "#no-conflicts" }) await supplier.Locator(declaration).CheckAsync();
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Send bid" }).ClickAsync();
        await Assertions.Expect(supplier.GetByRole(AriaRole.Heading, new() { Name = "Bid received" })).ToBeVisibleAsync();
        var mine = await suite.Bids.ListMyBidsAsync(new Procurement.Contracts.Bid.V1.ListMyBidsRequest { TenderId = tender.Id }, suite.As(PortalSuite.Person("victim-support")));
        Assert.Equal((2, 440_000_00), (mine.Bids.Single().Version, mine.Bids.Single().Offers.Single().AnnualPrice.MinorUnits));

        // The tender amended through the API; the supplier's reconfirmation page.
        var current = await suite.Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tender.Id }, suite.As(PortalSuite.Officer));
        var content = Procurement.Web.Pages.Drafts.DraftPage.ContentOf(current);
        content.Timetable.SubmissionDeadline = Timestamp.FromDateTimeOffset(content.Timetable.SubmissionDeadline.ToDateTimeOffset().AddDays(7));
        await suite.Tenders.AmendAsync(new AmendRequest { TenderId = tender.Id, ExpectedVersion = current.Version, Content = content, Summary = "Deadline extended by a week." }, suite.As(PortalSuite.Officer));
        await suite.BidReachesAsync(tender.Id, "victim-support", Procurement.Contracts.Bid.V1.BidStatus.NeedsReconfirmation);
        await supplier.GotoAsync($"/tenders/{tender.Id}/bid/reconfirm");
        await Assertions.Expect(supplier.Locator("main")).ToContainTextAsync("Deadline extended by a week.");
        await CheckAsync(supplier, "reconfirm");
    }

    private Task CheckAsync(IPage page, string name) => PageChecks.CheckAsync(page, suite.Artefacts, name);
}
