using Microsoft.Playwright;

namespace Procurement.Web.Tests.Browser;

/// <summary>
/// Kent's panel in the portal, as in the demo: the commissioning officer appoints it, each member declares, two
/// evaluators score both bids and submit, the chair sees the spread flagged, moderates and completes, and the results
/// rank the bids. Essex's people cannot reach any of it. Every page is checked with axe (script on); the officer's
/// appointment and an evaluator's scores are sent with JavaScript off.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PanelJourneyTests(PortalSuite suite) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async Task InitializeAsync() => _context = await suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString() });

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Kents_panel_scores_moderates_and_completes_and_essex_cannot_reach_it()
    {
        var tender = await suite.TenderAsync("Victims' support: the panel (portal)", days: 10);
        await suite.BidAsync(tender, "victim-support", "kent", 450_000_00, "Advocates in every Kent police station within a month.");
        await suite.BidAsync(tender, "catch-22", "kent", 430_000_00, "A county-wide helpline and outreach team.");
        var evaluation = await suite.CloseAndEvaluateAsync(tender, "kent", bids: 2);
        var at = $"/evaluations/{evaluation.Id}";

        // The officer appoints the panel, without JavaScript: nothing entered first, then Kate, Kim and Kerry.
        await using (var noScript = await suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString(), JavaScriptEnabled = false }))
        {
            var page = await noScript.NewPageAsync();
            await SignInAsync(page, "Kit Commissioning");
            await page.GotoAsync("/evaluations");
            await page.GetByRole(AriaRole.Link, new() { Name = "Victims' support in Kent" }).First.ClickAsync();
            await page.GotoAsync(at);
            await page.GetByRole(AriaRole.Link, new() { Name = "Appoint the panel" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Appoint the panel" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enter the user ID of the chair" })).ToHaveAttributeAsync("href", "#chair-id");
            await Assertions.Expect(page.Locator("#evaluators-0-id-error")).ToHaveTextAsync("Error: Enter at least one evaluator");
            await Shot(page, "panel-appoint-errors-no-javascript");

            await Journeys.FillMemberAsync(page, "chair", "p-kchair", "Kate Chair", force: false);
            await Journeys.FillMemberAsync(page, "evaluators-0", "p-kim", "Kim Evaluator", force: false);
            await Journeys.FillMemberAsync(page, "evaluators-1", "p-kforce", "Kerry Force", force: true);
            await page.GetByRole(AriaRole.Button, new() { Name = "Appoint the panel" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The panel has been appointed")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Kerry Force (Police force)");
        }

        // Each member declares no conflict (script on, axe on each page).
        var officer = await _context.NewPageAsync();
        await SignInAsync(officer, "Kit Commissioning");
        await officer.GotoAsync("/evaluations");
        await CheckAsync(officer, "evaluations");
        await officer.GotoAsync(at);
        await CheckAsync(officer, "evaluation-officer");
        await officer.GotoAsync(at + "/panel");
        await CheckAsync(officer, "panel-appoint");
        await officer.CloseAsync();

        foreach (var member in new[] { "Kim Evaluator", "Kerry Force", "Kate Chair" })
        {
            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            await SignInAsync(page, member);
            await page.GotoAsync(at);
            await page.GetByRole(AriaRole.Link, new() { Name = "Declare any conflicts of interest" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Declare" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Select whether you have a conflict of interest with catch-22" })).ToBeVisibleAsync();
            if (member == "Kim Evaluator") await CheckAsync(page, "conflicts-errors");
            foreach (var radio in await page.GetByLabel("No", new() { Exact = true }).AllAsync()) await radio.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Declare" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Your declaration has been recorded")).ToBeVisibleAsync();
        }

        // Kim scores with JavaScript off: 5 for Victim Support, 3 for Catch22; Kerry (script on) 3 and 3. Both submit.
        await using (var noScript = await suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString(), JavaScriptEnabled = false }))
        {
            var page = await noScript.NewPageAsync();
            await SignInAsync(page, "Kim Evaluator");
            await page.GotoAsync(at);
            await page.GetByRole(AriaRole.Link, new() { Name = "Score victim-support's bid" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save scores" }).ClickAsync();
            await Assertions.Expect(page.Locator("#inputs-0-score-error")).ToHaveTextAsync("Error: Select a score for Service delivery");
            await Assertions.Expect(page.Locator("#inputs-0-justification-error")).ToHaveTextAsync("Error: Enter why you gave this score for Service delivery");
            await Shot(page, "score-errors-no-javascript");
            await Journeys.ScoreAsync(page, 5, "Strong evidence of coverage in every station.");
            await page.GetByRole(AriaRole.Link, new() { Name = "Score catch-22's bid" }).ClickAsync();
            await Journeys.ScoreAsync(page, 3, "A helpline, with less presence in stations.");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Scored, not submitted");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit your scores" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Your scores have been submitted and can no longer change")).ToBeVisibleAsync();
        }
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await SignInAsync(page, "Kerry Force");
            await page.GotoAsync(at);
            await CheckAsync(page, "evaluation-evaluator");
            await page.GetByRole(AriaRole.Link, new() { Name = "Score victim-support's bid" }).ClickAsync();
            await CheckAsync(page, "score");
            await Journeys.ScoreAsync(page, 3, "Coverage is promised, but the plan is thin.");
            await page.GetByRole(AriaRole.Link, new() { Name = "Score catch-22's bid" }).ClickAsync();
            await Journeys.ScoreAsync(page, 3, "A sound helpline.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit your scores" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Your scores have been submitted")).ToBeVisibleAsync();
        }

        // The chair: the spread (5 against 3) flagged, the moderated scores beside the originals, then complete.
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await SignInAsync(page, "Kate Chair");
            await page.GotoAsync(at);
            await CheckAsync(page, "evaluation-chair");
            await page.GetByRole(AriaRole.Link, new() { Name = "Moderate the scores" }).ClickAsync();
            var victimSupport = page.GetByRole(AriaRole.Table, new() { Name = "victim-support (1 to discuss)" });
            await Assertions.Expect(victimSupport).ToContainTextAsync("Discuss");
            await Assertions.Expect(victimSupport.GetByRole(AriaRole.Row, new() { Name = "Service delivery" })).ToContainTextAsync("Not yet");
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "catch-22" })).Not.ToContainTextAsync("Discuss");
            await CheckAsync(page, "scores-matrix");

            await page.GetByRole(AriaRole.Link, new() { Name = "Moderate victim-support's scores" }).ClickAsync();
            await CheckAsync(page, "moderate");
            await Journeys.ModerateAsync(page, 4);
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "victim-support (1 to discuss)" })
                .GetByRole(AriaRole.Row, new() { Name = "Service delivery" })).ToContainTextAsync("4");
            await page.GetByRole(AriaRole.Link, new() { Name = "Moderate catch-22's scores" }).ClickAsync();
            await Journeys.ModerateAsync(page, 3);
            await CheckAsync(page, "scores-matrix-moderated");

            await page.GotoAsync(at);
            await page.GetByRole(AriaRole.Button, new() { Name = "Complete the evaluation" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The evaluation is complete")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Read the results" }).ClickAsync();
            var results = page.GetByRole(AriaRole.Table, new() { Name = "Bids ranked by total marks" });
            await Assertions.Expect(results.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("victim-support");
            await Assertions.Expect(results.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("catch-22");
            await CheckAsync(page, "results");
        }

        // Essex's people: Kent's evaluation is not there for them, by link or typed address.
        foreach (var (person, path) in new[] { ("Eve Commissioning", at), ("Eve Commissioning", at + "/results"), ("Ezra Chair", at + "/scores"), ("Eve Evaluator", at + "/conflicts") })
        {
            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            await SignInAsync(page, person);
            await page.GotoAsync("/evaluations");
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Victims' support in Kent");
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("victim-support");
        }
    }

    private Task<IBrowserContext> NewContextAsync() => suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString() });

    private static Task SignInAsync(IPage page, string name) => PageChecks.SignInAsync(page, name);

    private Task Shot(IPage page, string name) => PageChecks.ScreenshotAsync(page, suite.Artefacts, name);

    private Task CheckAsync(IPage page, string name) => PageChecks.CheckAsync(page, suite.Artefacts, name);
}
