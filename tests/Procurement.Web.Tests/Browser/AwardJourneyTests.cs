using Microsoft.Playwright;

namespace Procurement.Web.Tests.Browser;

/// <summary>
/// Essex's award in the portal, as in the demo: its commissioning officer drafts the Record of Decision, the Chief
/// Finance Officer refuses it once (it is redrafted), then the CFO, the Chief Executive and the PFCC sign in order; a
/// challenge during standstill suspends the award until resolved; after standstill the officer enters into the contract,
/// and the PFCC extends it by 12 months, which the contract's term shows. Kent's people cannot reach any of it. Every
/// page is checked with axe (script on); the draft and the signature are sent with JavaScript off.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AwardJourneyTests(PortalSuite suite)
{
    [Fact]
    public async Task Essexs_decision_is_signed_in_order_the_contract_entered_and_extended_and_kent_cannot_reach_it()
    {
        var tender = await suite.TenderAsync("Victims' support: the award (portal)", days: 10);
        await suite.BidAsync(tender, "victim-support", "essex", 480_000_00, "Support hubs in Chelmsford, Colchester and Southend.");
        await suite.BidAsync(tender, "catch-22", "essex", 455_000_00, "Trauma-informed support across Essex.");
        var evaluation = await suite.CloseAndEvaluateAsync(tender, "essex", bids: 2);
        var award = await suite.AwardedAsync(evaluation, "essex-chair", "essex-evaluator", new Dictionary<string, int> { ["victim-support"] = 3, ["catch-22"] = 4 });
        var at = $"/awards/{award.Id}";

        // The officer drafts without JavaScript: the empty reference refused against its field, then the decision sent.
        await using (var noScript = await NewContextAsync(javaScript: false))
        {
            var page = await noScript.NewPageAsync();
            await PageChecks.SignInAsync(page, "Eve Commissioning");
            await page.GotoAsync("/awards");
            await page.GetByRole(AriaRole.Link, new() { Name = "Victims' support in Essex" }).First.ClickAsync();
            await page.GotoAsync(at);
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "The panel's ranking" }).GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("catch-22");
            await page.GetByRole(AriaRole.Button, new() { Name = "Draft the Record of Decision" }).ClickAsync();
            await Assertions.Expect(page.Locator("#recommendation")).ToHaveValueAsync("Award the contract to catch-22.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send for signature" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enter the decision's reference" })).ToHaveAttributeAsync("href", "#reference");
            await PageChecks.ScreenshotAsync(page, suite.Artefacts, "decision-errors-no-javascript");
            await page.Locator("#reference").FillAsync("PFCC-2023-001");
            await page.Locator("#title").FillAsync("Victims' support service: contract award");
            await page.Locator("#summary").FillAsync("The PFCC commissions support services for victims of crime.");
            await page.Locator("#decision-text").FillAsync("To award the contract to Catch22 from 1 April 2023.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send for signature" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The Record of Decision has been drafted")).ToBeVisibleAsync();
        }

        // The CFO refuses once; the officer redrafts (script on, axe).
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, "Chief Finance Officer (Essex)");
            await page.GotoAsync(at);
            await CheckAsync(page, "award-cfo");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign or refuse the decision" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Assertions.Expect(page.Locator("#choice-error")).ToHaveTextAsync("Error: Select whether you sign or refuse the decision");
            await CheckAsync(page, "sign-errors");
            await page.GetByLabel("No, I refuse it").CheckAsync();
            await page.Locator("#reason").FillAsync("The funding line is missing from the summary.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Assertions.Expect(page.GetByText("You have refused the Record of Decision")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("The funding line is missing from the summary.");
        }
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, "Eve Commissioning");
            await page.GotoAsync(at);
            await page.GetByRole(AriaRole.Button, new() { Name = "Redraft the Record of Decision" }).ClickAsync();
            await CheckAsync(page, "decision");
            await page.Locator("#summary").FillAsync("The PFCC commissions support services for victims of crime. Funding is set aside for the whole term.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send for signature" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The Record of Decision has been drafted")).ToBeVisibleAsync();
        }

        // The Chief Executive may not sign before the CFO; then CFO (no JavaScript), Chief Executive and PFCC in order.
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, "Chief Executive (Essex)");
            await page.GotoAsync(at);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign or refuse the decision" })).ToHaveCountAsync(0);
        }
        await using (var noScript = await NewContextAsync(javaScript: false))
        {
            var page = await noScript.NewPageAsync();
            await PageChecks.SignInAsync(page, "Chief Finance Officer (Essex)");
            await page.GotoAsync(at + "/sign");
            await page.GetByLabel("Yes, I sign it").CheckAsync();
            await page.Locator("#comments").FillAsync("Agreed.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Assertions.Expect(page.GetByText("You have signed the Record of Decision")).ToBeVisibleAsync();
        }
        foreach (var signatory in new[] { "Chief Executive (Essex)", "Police, Fire and Crime Commissioner for Essex" })
        {
            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, signatory);
            await page.GotoAsync(at);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign or refuse the decision" }).ClickAsync();
            if (signatory.StartsWith("Police", StringComparison.Ordinal)) await CheckAsync(page, "sign");
            await page.GetByLabel("Yes, I sign it").CheckAsync();
            await page.Locator("#comments").FillAsync("Agreed.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Assertions.Expect(page.GetByText("You have signed the Record of Decision")).ToBeVisibleAsync();
        }

        // Notified: Victim Support reads its assessment summary, its marks beside Catch22's.
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, "Bidder for victim-support");
            await page.GotoAsync($"/tenders/{tender.Id}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Your assessment summary for Victims' support in Essex" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Your bid was not successful. The contract is to be awarded to catch-22.");
            var marks = page.GetByRole(AriaRole.Table, new() { Name = "Your marks beside the winning bid's" });
            await Assertions.Expect(marks.GetByRole(AriaRole.Row, new() { Name = "Service delivery" })).ToContainTextAsync("3");
            await Assertions.Expect(marks.GetByRole(AriaRole.Row, new() { Name = "Total" })).ToContainTextAsync("88");
            await CheckAsync(page, "assessment-summary");
        }

        // Standstill: Victim Support challenges, which suspends the award; the officer resolves it.
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, "Eve Commissioning");
            await page.GotoAsync(at);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Standstill ends");
            var signatures = page.GetByRole(AriaRole.Table, new() { Name = "Signatures, in the order they are given" });
            await Assertions.Expect(signatures.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Chief Finance Officer (Essex)");
            await Assertions.Expect(signatures.GetByRole(AriaRole.Row).Nth(3)).ToContainTextAsync("Police, Fire and Crime Commissioner for Essex");
            await page.GetByRole(AriaRole.Link, new() { Name = "Record a challenge" }).ClickAsync();
            await CheckAsync(page, "challenge");
            await page.GetByLabel("victim-support").CheckAsync();
            await page.Locator("#text").FillAsync("The price marks were computed on the wrong basis.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the challenge" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Suspended by a challenge")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Resolve the challenge" }).ClickAsync();
            await page.Locator("#text").FillAsync("The marks were checked and stand.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Resolve the challenge" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The challenge has been resolved")).ToBeVisibleAsync();

            // After standstill: the contract.
            var signed = await suite.Awards.GetAwardAsync(new Procurement.Contracts.Award.V1.GetAwardRequest { AwardId = award.Id }, suite.As(PortalSuite.Person("essex-officer")));
            await suite.MoveClockToAsync(signed.StandstillEnds.ToDateTimeOffset().AddMinutes(1));
            await page.GotoAsync(at);
            await page.GetByRole(AriaRole.Button, new() { Name = "Enter into the contract" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The contract has been entered into")).ToBeVisibleAsync();
            await CheckAsync(page, "award-contracted");
        }

        // The PFCC extends it by 12 months at £550,000 a year: the term's table and picture show the extension.
        await using (var context = await NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, "Police, Fire and Crime Commissioner for Essex");
            await page.GotoAsync(at);
            await page.GetByRole(AriaRole.Button, new() { Name = "Extend the contract" }).ClickAsync();
            await page.Locator("#months").FillAsync("36");
            await page.GetByRole(AriaRole.Button, new() { Name = "Extend the contract" }).ClickAsync();
            await Assertions.Expect(page.Locator("#reference-error")).ToHaveTextAsync("Error: Enter the extension decision's reference");
            await Assertions.Expect(page.Locator("#months-error")).ToContainTextAsync("24 months or fewer");
            await CheckAsync(page, "extend-errors");
            await page.Locator("#reference").FillAsync("PFCC-2026-004");
            await page.Locator("#months").FillAsync("12");
            await page.Locator("#annual-value").FillAsync("550,000");
            await page.Locator("#comments").FillAsync("One year, while the service is re-procured.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Extend the contract" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The contract has been extended")).ToBeVisibleAsync();
            var term = page.GetByRole(AriaRole.Table, new() { Name = "The contract's term" });
            await Assertions.Expect(term.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
            await Assertions.Expect(term).ToContainTextAsync("Extension 1 (PFCC-2026-004)");
            await Assertions.Expect(term).ToContainTextAsync("Extensions still allowed");
            await Assertions.Expect(page.Locator("svg.portal-term rect")).ToHaveCountAsync(3);
            await CheckAsync(page, "award-extended");

            // The OCDS release package, downloaded.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the tender's OCDS release package (JSON)" }).ClickAsync());
            var file = Path.Combine(suite.Artefacts, download.SuggestedFilename);
            await download.SaveAsAsync(file);
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.Contains(json.RootElement.GetProperty("releases").EnumerateArray(), r => r.GetProperty("tag").EnumerateArray().Any(t => t.GetString()!.StartsWith("contract", StringComparison.Ordinal)));
        }

        // Kent's people: Essex's award is not there for them, by link or typed address.
        foreach (var (person, path) in new[] { ("Kit Commissioning", at), ("Chief Finance Officer (Kent)", at + "/sign"), ("Police and Crime Commissioner for Kent", at + "/extend"), ("Kit Commissioning", at + "/decision") })
        {
            await using var context = await NewContextAsync();
            var page = await context.NewPageAsync();
            await PageChecks.SignInAsync(page, person);
            await page.GotoAsync("/awards");
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Victims' support in Essex");
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("catch-22");
        }
    }

    private Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString(), JavaScriptEnabled = javaScript, AcceptDownloads = true });

    private Task CheckAsync(IPage page, string name) => PageChecks.CheckAsync(page, suite.Artefacts, name);
}
