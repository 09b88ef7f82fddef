using Microsoft.Playwright;

namespace Procurement.Web.Tests.Browser;

/// <summary>
/// The procurement team creates the joint Kent + Essex tender in the portal: its details (without JavaScript, the
/// empty form refused first), publishing refused while parts are missing with each problem linked to where it is
/// fixed, the timetable, each commissioner's lot and scoring, then published; a supplier then finds it.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TenderJourneyTests(PortalSuite suite)
{
    [Fact]
    public async Task The_officer_creates_the_joint_tender_fixes_what_publishing_refuses_and_publishes_it()
    {
        var title = "Victims' support: created in the portal " + Guid.NewGuid().ToString("N")[..6];
        string draftAddress;
        await using (var noScript = await NewContextAsync(javaScript: false))
        {
            var page = await noScript.NewPageAsync();
            await PageChecks.SignInAsync(page, "Ola Officer");
            await page.GotoAsync("/tenders");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create a joint tender" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enter the tender's reference, for example 7F-2022-VICTIMS-001" })).ToHaveAttributeAsync("href", "#reference");
            await Assertions.Expect(page.Locator("#commissioners-error")).ToHaveTextAsync("Error: Enter the commissioners taking part, for example kent, essex");
            await PageChecks.ScreenshotAsync(page, suite.Artefacts, "tender-new-errors-no-javascript");

            await page.Locator("#reference").FillAsync("7F-PORTAL-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant());
            await page.Locator("#title").FillAsync(title);
            await page.Locator("#description").FillAsync("One procurement for Kent PCC and Essex PFCC; one lot each.");
            await page.Locator("#light-touch").CheckAsync();
            await page.Locator("#commissioners").FillAsync("kent, essex");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
            draftAddress = new Uri(page.Url).AbsolutePath;
        }

        await using var context = await NewContextAsync();
        var officer = await context.NewPageAsync();
        await PageChecks.SignInAsync(officer, "Ola Officer");
        await officer.GotoAsync(draftAddress);
        await CheckAsync(officer, "tender-draft");

        // Publishing now is refused: every problem listed, each linked to the page where it is fixed.
        await officer.GetByRole(AriaRole.Button, new() { Name = "Publish the tender" }).ClickAsync();
        var summary = officer.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("clarification deadline");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Kent's lot: the specification" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/draft/lots/kent#specification$"));
        await CheckAsync(officer, "tender-publish-errors");

        var now = await suite.NowAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Timetable", Exact = true }).ClickAsync();
        await Journeys.FillDateAsync(officer, "clarification", now.AddDays(5), "17:00");
        await Journeys.FillDateAsync(officer, "submission", now.AddDays(10), "5pm");
        await CheckAsync(officer, "tender-timetable");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await officer.GetByRole(AriaRole.Link, new() { Name = "Kent's lot and contract", Exact = true }).ClickAsync();
        await CheckAsync(officer, "tender-lot");
        await officer.GoBackAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "How Kent's bids are scored", Exact = true }).ClickAsync();
        await CheckAsync(officer, "tender-criteria");
        await officer.GoBackAsync();
        await Journeys.FillLotAsync(officer, "Kent", now.AddDays(120), qualityWeight: 60, priceWeight: 30);
        await Journeys.FillLotAsync(officer, "Essex", now.AddDays(120), qualityWeight: 60, priceWeight: 40);

        // Kent's weights add up to 90: publishing names it, against Kent's scoring.
        await officer.GetByRole(AriaRole.Button, new() { Name = "Publish the tender" }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("must sum to 100");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await officer.Locator("#criteria-1-weight").FillAsync("40");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await Assertions.Expect(officer.Locator(".govuk-task-list")).Not.ToContainTextAsync("Incomplete");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Publish the tender" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("The tender has been published to suppliers")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("Victims' support in Essex");
        await CheckAsync(officer, "tender-published");

        // A supplier finds it among the published tenders.
        var supplier = await context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString() });
        var bidder = await supplier.NewPageAsync();
        await PageChecks.SignInAsync(bidder, "Bidder for catch-22");
        await bidder.GotoAsync("/tenders");
        await bidder.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(bidder.GetByRole(AriaRole.Button, new() { Name = "Bid for this tender" })).ToBeVisibleAsync();
        await supplier.DisposeAsync();
    }

    private Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString(), JavaScriptEnabled = javaScript });

    private Task CheckAsync(IPage page, string name) => PageChecks.CheckAsync(page, suite.Artefacts, name);
}
