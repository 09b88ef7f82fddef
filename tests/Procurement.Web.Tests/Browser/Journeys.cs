using System.Globalization;
using Microsoft.Playwright;

namespace Procurement.Web.Tests.Browser;

/// <summary>
/// The steps of the Kent + Essex procurement as its people take them in the portal, each in a browser context of its
/// own (signed in as the person), ending with a screenshot and axe check of the page the step ends on. The journey
/// tests check each step's refusals and details; the whole-procurement test strings the steps together.
/// </summary>
internal sealed class Journeys(PortalSuite suite, string prefix)
{
    private int _step;

    /// <summary>Runs <paramref name="step"/> as <paramref name="person"/> (script on) and checks the page it ends on.</summary>
    public async Task AsAsync(string person, string name, Func<IPage, Task> step)
    {
        await using var context = await suite.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = suite.Portal.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, person);
        await step(page);
        await PageChecks.CheckAsync(page, suite.Artefacts, $"{prefix}-{++_step:00}-{name}");
    }

    public static async Task FillDateAsync(IPage page, string id, DateTimeOffset moment, string? time)
    {
        var uk = TimeZoneInfo.ConvertTime(moment, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        await page.Locator($"#{id}-day").FillAsync(uk.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{id}-month").FillAsync(uk.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{id}-year").FillAsync(uk.Year.ToString(CultureInfo.InvariantCulture));
        if (time is not null) await page.Locator($"#{id}-time").FillAsync(time);
    }

    /// <summary>On a draft's task list: fills in a commissioner's lot (£500,000 a year, 3 years from <paramref name="start"/>, up to 2 more in 1-year steps) and its scoring.</summary>
    public static async Task FillLotAsync(IPage officer, string name, DateTimeOffset start, int qualityWeight, int priceWeight)
    {
        await officer.GetByRole(AriaRole.Link, new() { Name = $"{name}'s lot and contract", Exact = true }).ClickAsync();
        await officer.Locator("#lot-title").FillAsync($"Victims' support in {name}");
        await officer.Locator("#specification").FillAsync($"Advocacy and support for victims of crime in {name}.");
        await officer.Locator("#value").FillAsync("500,000");
        await FillDateAsync(officer, "start", start, null);
        await officer.Locator("#term").FillAsync("36");
        await officer.Locator("#allowance").FillAsync("24");
        await officer.Locator("#step").FillAsync("12");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await officer.GetByRole(AriaRole.Link, new() { Name = $"How {name}'s bids are scored", Exact = true }).ClickAsync();
        await officer.Locator("#criteria-0-title").FillAsync("Service delivery");
        await officer.Locator("#criteria-0-weight").FillAsync(qualityWeight.ToString(CultureInfo.InvariantCulture));
        await officer.Locator("#criteria-1-weight").FillAsync(priceWeight.ToString(CultureInfo.InvariantCulture));
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
    }

    /// <summary>A supplier bids for the tender's lots (by their place on the form) through the form and check-your-answers.</summary>
    public static async Task BidAsync(IPage supplier, string tenderId, params (int Lot, string Price, string Response)[] offers)
    {
        await supplier.GotoAsync($"/tenders/{tenderId}");
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Bid for this tender" }).ClickAsync();
        foreach (var (lot, price, response) in offers)
        {
            await supplier.Locator($"#lots-{lot}-included").CheckAsync();
            await supplier.Locator($"#lots-{lot}-price").FillAsync(price);
            await supplier.Locator($"#lots-{lot}-responses-0").FillAsync(response);
        }
        foreach (var declaration in new[] { "#accepts-terms", "#meets-requirements", "#no-conflicts" }) await supplier.Locator(declaration).CheckAsync();
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Send bid" }).ClickAsync();
        await Assertions.Expect(supplier.GetByRole(AriaRole.Heading, new() { Name = "Bid received" })).ToBeVisibleAsync();
    }

    /// <summary>The appointment form: a member's user ID, name and whether they work for the office or the force.</summary>
    public static async Task FillMemberAsync(IPage page, string id, string personId, string name, bool force)
    {
        await page.Locator($"#{id}-id").FillAsync(personId);
        await page.Locator($"#{id}-name").FillAsync(name);
        await page.Locator(force ? $"#{id}-affiliation-force" : $"#{id}-affiliation").CheckAsync();
    }

    /// <summary>A panel member declares no conflict with any bidder.</summary>
    public static async Task DeclareNoConflictsAsync(IPage member, string evaluationId)
    {
        await member.GotoAsync($"/evaluations/{evaluationId}");
        await member.GetByRole(AriaRole.Link, new() { Name = "Declare any conflicts of interest" }).ClickAsync();
        foreach (var radio in await member.GetByLabel("No", new() { Exact = true }).AllAsync()) await radio.CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Declare" }).ClickAsync();
        await Assertions.Expect(member.GetByText("Your declaration has been recorded")).ToBeVisibleAsync();
    }

    /// <summary>On the score page of a bid with one scored criterion: the score and its justification, saved.</summary>
    public static async Task ScoreAsync(IPage page, int score, string justification)
    {
        await page.Locator(score == 0 ? "#inputs-0-score" : $"#inputs-0-score-{score}").CheckAsync();
        await page.Locator("#inputs-0-justification").FillAsync(justification);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save scores" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your scores have been saved")).ToBeVisibleAsync();
    }

    /// <summary>An evaluator scores each bidder (one scored criterion) from the evaluation's task list and submits.</summary>
    public static async Task ScoreAndSubmitAsync(IPage evaluator, string evaluationId, IReadOnlyDictionary<string, int> scores)
    {
        await evaluator.GotoAsync($"/evaluations/{evaluationId}");
        foreach (var (supplier, score) in scores)
        {
            await evaluator.GetByRole(AriaRole.Link, new() { Name = $"Score {supplier}'s bid" }).ClickAsync();
            await ScoreAsync(evaluator, score, $"Evidence in the {supplier} response.");
        }
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "Submit your scores" }).ClickAsync();
        await Assertions.Expect(evaluator.GetByText("Your scores have been submitted")).ToBeVisibleAsync();
    }

    /// <summary>On a bid's moderation page with one scored criterion: the panel's score and rationale, saved.</summary>
    public static async Task ModerateAsync(IPage page, int score)
    {
        await page.Locator($"#inputs-0-score-{score}").CheckAsync();
        await page.Locator("#inputs-0-rationale").FillAsync("Agreed by the panel.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save moderated scores" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Scores", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>The chair moderates each bidder's score from the score matrix and completes the evaluation.</summary>
    public static async Task ModerateAndCompleteAsync(IPage chair, string evaluationId, IReadOnlyDictionary<string, int> moderated)
    {
        await chair.GotoAsync($"/evaluations/{evaluationId}/scores");
        foreach (var (supplier, score) in moderated)
        {
            await chair.GetByRole(AriaRole.Link, new() { Name = $"Moderate {supplier}'s scores" }).ClickAsync();
            await ModerateAsync(chair, score);
        }
        await chair.GotoAsync($"/evaluations/{evaluationId}");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Complete the evaluation" }).ClickAsync();
        await Assertions.Expect(chair.GetByText("The evaluation is complete")).ToBeVisibleAsync();
    }

    /// <summary>The commissioning officer drafts the Record of Decision (the recommendation as proposed).</summary>
    public static async Task DraftDecisionAsync(IPage officer, string awardId, string reference, string decision)
    {
        await officer.GotoAsync($"/awards/{awardId}");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Draft the Record of Decision" }).ClickAsync();
        await officer.Locator("#reference").FillAsync(reference);
        await officer.Locator("#title").FillAsync("Victims' support service: contract award");
        await officer.Locator("#summary").FillAsync("The commissioner commissions support services for victims of crime.");
        await officer.Locator("#decision-text").FillAsync(decision);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send for signature" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("The Record of Decision has been drafted")).ToBeVisibleAsync();
    }

    /// <summary>A signatory whose turn it is signs the Record of Decision with comments.</summary>
    public static async Task SignAsync(IPage signatory, string awardId, string comments)
    {
        await signatory.GotoAsync($"/awards/{awardId}");
        await signatory.GetByRole(AriaRole.Button, new() { Name = "Sign or refuse the decision" }).ClickAsync();
        await signatory.GetByLabel("Yes, I sign it").CheckAsync();
        await signatory.Locator("#comments").FillAsync(comments);
        await signatory.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(signatory.GetByText("You have signed the Record of Decision")).ToBeVisibleAsync();
    }

    /// <summary>The commissioning officer enters into the contract once standstill is over.</summary>
    public static async Task EnterContractAsync(IPage officer, string awardId)
    {
        await officer.GotoAsync($"/awards/{awardId}");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enter into the contract" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("The contract has been entered into")).ToBeVisibleAsync();
    }

    /// <summary>The commissioner extends the contract.</summary>
    public static async Task ExtendAsync(IPage commissioner, string awardId, string reference, int months, string annualValue, string comments)
    {
        await commissioner.GotoAsync($"/awards/{awardId}");
        await commissioner.GetByRole(AriaRole.Button, new() { Name = "Extend the contract" }).ClickAsync();
        await commissioner.Locator("#reference").FillAsync(reference);
        await commissioner.Locator("#months").FillAsync(months.ToString(CultureInfo.InvariantCulture));
        await commissioner.Locator("#annual-value").FillAsync(annualValue);
        await commissioner.Locator("#comments").FillAsync(comments);
        await commissioner.GetByRole(AriaRole.Button, new() { Name = "Extend the contract" }).ClickAsync();
        await Assertions.Expect(commissioner.GetByText("The contract has been extended")).ToBeVisibleAsync();
    }
}
