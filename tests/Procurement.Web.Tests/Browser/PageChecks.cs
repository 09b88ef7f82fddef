using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Procurement.Web.Tests.Browser;

/// <summary>What the browser tests do with every page they visit: a screenshot kept as an artefact, and axe-core.</summary>
internal static class PageChecks
{
    /// <summary>axe-core with the WCAG 2.2 AA rules (and those of the earlier versions it includes), bounded in time.</summary>
    public static Task<AxeResult> AxeAsync(IPage page) => page.RunAxe(new AxeRunOptions
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }).WaitAsync(TestInfrastructure.Timeout);

    public static Task ScreenshotAsync(IPage page, string artefacts, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts, name + ".png"), FullPage = true });

    /// <summary>A screenshot of the page, then axe: no violation at WCAG 2.2 AA. Needs script on (axe runs in the page).</summary>
    public static async Task CheckAsync(IPage page, string artefacts, string name)
    {
        await ScreenshotAsync(page, artefacts, name);
        var results = await AxeAsync(page);
        Assert.True(results.Violations.Length == 0,
            $"{name}: " + string.Join("; ", results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }

    /// <summary>Signs in on the development "sign in as" page as the person named.</summary>
    public static async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel(name, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
