using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Drafts;

/// <summary>Changes a draft tender's details and the commissioners taking part.</summary>
[Authorize(Roles = "procurement_officer")]
public sealed class DetailsModel(TenderService.TenderServiceClient tenders) : DetailsForm(tenders)
{
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        Show(Draft);
        Version = Draft.Version;
        NewRequestId();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        if (!Check()) return Page();
        return await SaveAsync(Apply(ContentOf(Draft)), Fields) ? ToTaskList() : Page();
    }
}
