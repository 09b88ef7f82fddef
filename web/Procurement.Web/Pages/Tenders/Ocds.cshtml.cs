using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Contracts.Award.V1;

namespace Procurement.Web.Pages.Tenders;

/// <summary>The tender's OCDS 1.1 release package (tender, award and contract releases), as the award service builds it, as a download.</summary>
[Authorize]
public sealed class OcdsModel(AwardService.AwardServiceClient awards) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id)
    {
        var package = await awards.GetReleasePackageAsync(new GetReleasePackageRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        var safe = new string(id.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        return File(System.Text.Encoding.UTF8.GetBytes(package.Json), "application/json", $"ocds-{safe}.json");
    }
}
