using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Drafts;

/// <summary>The procurement team starts a joint tender: its details and the commissioners taking part (a lot each). It is a draft until published.</summary>
[Authorize(Roles = "procurement_officer")]
public sealed class NewModel(TenderService.TenderServiceClient tenders) : DetailsForm(tenders)
{
    public void OnGet()
    {
        NewRequestId();
        Regime = "pcr2015";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Check()) return Page();
        try
        {
            var draft = await Tenders.CreateDraftAsync(new CreateDraftRequest { Content = Apply(new TenderContent { Timetable = new Timetable() }) }, ChangeOptions());
            return Redirect($"/tenders/{Uri.EscapeDataString(draft.Id)}/draft");
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, Fields))
        {
            return Page();
        }
    }
}
