using Microsoft.Playwright;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Tests.Browser;

/// <summary>
/// The whole Kent + Essex procurement clicked through in the portal by its people, in the demo's order: the joint
/// tender created and published, both suppliers' bids for both lots, each commissioner's panel (conflicts, scores,
/// the chair's moderation), each Record of Decision signed in order, a bidder's assessment summary, both contracts
/// after standstill and Essex's extension, the OCDS package; and Kent's people kept out of Essex's pages. Only the
/// development clock is moved through the API (as the demo does). Every step's page is screenshotted (whole-NN-*.png)
/// and checked with axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class WholeProcurementTests(PortalSuite suite)
{
    [Fact]
    public async Task The_kent_and_essex_procurement_from_the_joint_tender_to_both_contracts_and_essexs_extension()
    {
        var steps = new Journeys(suite, "whole");
        var title = "Victims' support: the whole procurement " + Guid.NewGuid().ToString("N")[..6];
        var now = await suite.NowAsync();
        var tenderId = "";

        // The procurement unit creates the joint tender, one lot per commissioner, and publishes it.
        await steps.AsAsync("Ola Officer", "tender-published", async officer =>
        {
            await officer.GotoAsync("/tenders/new");
            await officer.Locator("#reference").FillAsync("7F-WHOLE-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant());
            await officer.Locator("#title").FillAsync(title);
            await officer.Locator("#light-touch").CheckAsync();
            await officer.Locator("#commissioners").FillAsync("kent, essex");
            await officer.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
            await officer.GetByRole(AriaRole.Link, new() { Name = "Timetable", Exact = true }).ClickAsync();
            await Journeys.FillDateAsync(officer, "clarification", now.AddDays(5), "17:00");
            await Journeys.FillDateAsync(officer, "submission", now.AddDays(10), "17:00");
            await officer.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
            await Journeys.FillLotAsync(officer, "Kent", now.AddDays(120), qualityWeight: 60, priceWeight: 40);
            await Journeys.FillLotAsync(officer, "Essex", now.AddDays(120), qualityWeight: 60, priceWeight: 40);
            await officer.GetByRole(AriaRole.Button, new() { Name = "Publish the tender" }).ClickAsync();
            await Assertions.Expect(officer.GetByText("The tender has been published to suppliers")).ToBeVisibleAsync();
            tenderId = new Uri(officer.Url).AbsolutePath.Split('/')[2];
        });

        // Both suppliers bid for both lots.
        await steps.AsAsync("Bidder for victim-support", "bid-victim-support", page => Journeys.BidAsync(page, tenderId,
            (0, "450,000", "Advocates in every Kent police station within a month."), (1, "480,000", "Support hubs in Chelmsford, Colchester and Southend.")));
        await steps.AsAsync("Bidder for catch-22", "bid-catch-22", page => Journeys.BidAsync(page, tenderId,
            (0, "430,000", "A county-wide helpline and outreach team."), (1, "455,000", "Trauma-informed support across Essex.")));

        // The submission deadline passes: the bids are opened and each lot's evaluation begins.
        var tender = await suite.Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tenderId }, suite.As(PortalSuite.Officer));
        var kent = await suite.CloseAndEvaluateAsync(tender, "kent", bids: 2);
        var essex = await suite.CloseAndEvaluateAsync(tender, "essex", bids: 2);

        // Kent's panel: appointed, declared, scored (5 against 3 on Victim Support: a spread to discuss), moderated.
        await steps.AsAsync("Kit Commissioning", "kent-panel", async officer =>
        {
            await officer.GotoAsync($"/evaluations/{kent.Id}/panel");
            await Journeys.FillMemberAsync(officer, "chair", "p-kchair", "Kate Chair", force: false);
            await Journeys.FillMemberAsync(officer, "evaluators-0", "p-kim", "Kim Evaluator", force: false);
            await Journeys.FillMemberAsync(officer, "evaluators-1", "p-kforce", "Kerry Force", force: true);
            await officer.GetByRole(AriaRole.Button, new() { Name = "Appoint the panel" }).ClickAsync();
            await Assertions.Expect(officer.GetByText("The panel has been appointed")).ToBeVisibleAsync();
        });
        foreach (var member in new[] { "Kim Evaluator", "Kerry Force", "Kate Chair" })
            await steps.AsAsync(member, "kent-declared", page => Journeys.DeclareNoConflictsAsync(page, kent.Id));
        await steps.AsAsync("Kim Evaluator", "kent-scored", page => Journeys.ScoreAndSubmitAsync(page, kent.Id, new Dictionary<string, int> { ["victim-support"] = 5, ["catch-22"] = 3 }));
        await steps.AsAsync("Kerry Force", "kent-scored", page => Journeys.ScoreAndSubmitAsync(page, kent.Id, new Dictionary<string, int> { ["victim-support"] = 3, ["catch-22"] = 3 }));
        await steps.AsAsync("Kate Chair", "kent-scores", async chair =>
        {
            await chair.GotoAsync($"/evaluations/{kent.Id}/scores");
            await Assertions.Expect(chair.GetByRole(AriaRole.Table, new() { Name = "victim-support (1 to discuss)" })).ToContainTextAsync("Discuss");
        });
        await steps.AsAsync("Kate Chair", "kent-completed", page => Journeys.ModerateAndCompleteAsync(page, kent.Id, new Dictionary<string, int> { ["victim-support"] = 4, ["catch-22"] = 3 }));

        // Essex's panel: Ezra chairs, Eve scores (Catch22 ahead).
        await steps.AsAsync("Eve Commissioning", "essex-panel", async officer =>
        {
            await officer.GotoAsync($"/evaluations/{essex.Id}/panel");
            await Journeys.FillMemberAsync(officer, "chair", "p-echair", "Ezra Chair", force: false);
            await Journeys.FillMemberAsync(officer, "evaluators-0", "p-eve", "Eve Evaluator", force: false);
            await officer.GetByRole(AriaRole.Button, new() { Name = "Appoint the panel" }).ClickAsync();
            await Assertions.Expect(officer.GetByText("The panel has been appointed")).ToBeVisibleAsync();
        });
        foreach (var member in new[] { "Eve Evaluator", "Ezra Chair" })
            await steps.AsAsync(member, "essex-declared", page => Journeys.DeclareNoConflictsAsync(page, essex.Id));
        await steps.AsAsync("Eve Evaluator", "essex-scored", page => Journeys.ScoreAndSubmitAsync(page, essex.Id, new Dictionary<string, int> { ["victim-support"] = 3, ["catch-22"] = 4 }));
        await steps.AsAsync("Ezra Chair", "essex-completed", page => Journeys.ModerateAndCompleteAsync(page, essex.Id, new Dictionary<string, int> { ["victim-support"] = 3, ["catch-22"] = 4 }));
        await steps.AsAsync("Ezra Chair", "essex-results", async chair =>
        {
            await chair.GotoAsync($"/evaluations/{essex.Id}/results");
            await Assertions.Expect(chair.GetByRole(AriaRole.Table, new() { Name = "Bids ranked by total marks" }).GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("catch-22");
        });

        // Each commissioner's award, recommended from its own panel's ranking; each Record of Decision signed in order.
        var kentAward = await AwardOfAsync(tenderId, "kent");
        var essexAward = await AwardOfAsync(tenderId, "essex");
        await steps.AsAsync("Kit Commissioning", "kent-decision", page => Journeys.DraftDecisionAsync(page, kentAward, "OPCC.D.032.23", "To award the contract to Victim Support."));
        foreach (var signatory in new[] { "Chief Finance Officer (Kent)", "Chief Executive (Kent)", "Police and Crime Commissioner for Kent" })
            await steps.AsAsync(signatory, "kent-signed", page => Journeys.SignAsync(page, kentAward, "Satisfied."));
        await steps.AsAsync("Eve Commissioning", "essex-decision", page => Journeys.DraftDecisionAsync(page, essexAward, "PFCC-2023-001", "To award the contract to Catch22."));
        foreach (var signatory in new[] { "Chief Finance Officer (Essex)", "Chief Executive (Essex)", "Police, Fire and Crime Commissioner for Essex" })
            await steps.AsAsync(signatory, "essex-signed", page => Journeys.SignAsync(page, essexAward, "Agreed."));

        // Catch22 reads its assessment summary for Kent's lot during standstill.
        await steps.AsAsync("Bidder for catch-22", "kent-assessment-summary", async page =>
        {
            await page.GotoAsync($"/tenders/{tenderId}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Your assessment summary for Victims' support in Kent" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("The contract is to be awarded to victim-support.");
        });

        // Past both standstill periods: both contracts are entered into, and the tender is complete.
        var standstills = await Task.WhenAll(new[] { ("kent", kentAward), ("essex", essexAward) }.Select(async a =>
            (await suite.Awards.GetAwardAsync(new GetAwardRequest { AwardId = a.Item2 }, suite.As(PortalSuite.Person(a.Item1 + "-officer")))).StandstillEnds.ToDateTimeOffset()));
        await suite.MoveClockToAsync(standstills.Max().AddMinutes(1));
        await steps.AsAsync("Kit Commissioning", "kent-contract", page => Journeys.EnterContractAsync(page, kentAward));
        await steps.AsAsync("Eve Commissioning", "essex-contract", page => Journeys.EnterContractAsync(page, essexAward));
        await Eventually.True(async () =>
            (await suite.Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tenderId }, suite.As(PortalSuite.Officer))).Status == TenderStatus.Complete,
            "the tender service hears of both contracts: the tender is complete");

        // Essex's PFCC extends Catch22's contract by 12 months at £550,000 a year; the term shows it.
        await steps.AsAsync("Police, Fire and Crime Commissioner for Essex", "essex-extended", async page =>
        {
            await Journeys.ExtendAsync(page, essexAward, "PFCC-2026-004", 12, "550,000", "One year, while the service is re-procured.");
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "The contract's term" })).ToContainTextAsync("Extension 1 (PFCC-2026-004)");
        });

        // The OCDS package, downloaded by the procurement unit: the tender, both awards, both contracts.
        await steps.AsAsync("Ola Officer", "tender-complete", async page =>
        {
            await page.GotoAsync($"/tenders/{tenderId}");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Complete");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the OCDS release package (JSON)" }).ClickAsync());
            var file = Path.Combine(suite.Artefacts, "whole-" + download.SuggestedFilename);
            await download.SaveAsAsync(file);
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var releases = json.RootElement.GetProperty("releases").EnumerateArray().ToList();
            Assert.Equal(2, releases.Where(r => r.TryGetProperty("awards", out _)).SelectMany(r => r.GetProperty("awards").EnumerateArray()).Count());
            Assert.Contains(releases, r => r.TryGetProperty("contracts", out var c) && c.GetArrayLength() == 2);
        });

        // Kent's people: nothing of Essex's, by link or typed address.
        foreach (var (person, path) in new[]
        {
            ("Kit Commissioning", $"/awards/{essexAward}"), ("Kate Chair", $"/evaluations/{essex.Id}/scores"),
            ("Police and Crime Commissioner for Kent", $"/awards/{essexAward}/extend"), ("Kim Evaluator", $"/evaluations/{essex.Id}/bids/{essex.Bids[0].BidId}/score"),
        })
        {
            await using var context = await suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString() });
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, person);
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        }
    }

    private async Task<string> AwardOfAsync(string tenderId, string lot)
    {
        Award? found = null;
        await Eventually.True(async () =>
        {
            var listed = await suite.Awards.ListAwardsAsync(new ListAwardsRequest { TenderId = tenderId }, suite.As(PortalSuite.Person(lot + "-officer")));
            found = listed.Awards.FirstOrDefault(a => a.LotId == lot);
            return found is not null;
        }, $"{lot}'s award recommended");
        return found!.Id;
    }
}
