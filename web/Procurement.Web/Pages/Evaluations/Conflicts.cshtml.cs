using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>A panel member declares, once and before seeing any bid, whether they have a conflict with each bidder.</summary>
[Authorize(Roles = "evaluator")]
public sealed class ConflictsModel(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders)
    : EvaluationPage(moderation, tenders)
{
    public const int NoteMaxLength = 2000;

    public sealed class Answer
    {
        /// <summary>"yes" or "no".</summary>
        public string? Conflicted { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>The bidders, in the order of the form.</summary>
    public IReadOnlyList<string> Suppliers { get; private set; } = [];

    [BindProperty]
    public List<Answer> Answers { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        await LoadAsync(id);
        if (Me is null) throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "Not on this panel."));
        if (Me.Declared) return Redirect($"/evaluations/{Uri.EscapeDataString(id)}");
        NewRequestId();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        if (Me is null) throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "Not on this panel."));
        while (Answers.Count < Suppliers.Count) Answers.Add(new Answer());
        for (var i = 0; i < Suppliers.Count; i++)
        {
            var answer = Answers[i];
            if (answer.Conflicted is not ("yes" or "no")) AddError($"answers-{i}-conflicted", $"Select whether you have a conflict of interest with {Suppliers[i]}");
            else if (answer.Conflicted == "yes" && string.IsNullOrWhiteSpace(answer.Note)) AddError($"answers-{i}-note", $"Describe your conflict of interest with {Suppliers[i]}");
            else if ((answer.Note?.Trim().Length ?? 0) > NoteMaxLength) AddError($"answers-{i}-note", $"Your description must be {NoteMaxLength:N0} characters or fewer");
        }
        if (Errors.Count > 0) return Page();

        var request = new DeclareConflictsRequest { EvaluationId = id };
        request.Declarations.AddRange(Suppliers.Select((supplier, i) => new ConflictDeclaration
        {
            Supplier = supplier,
            Conflicted = Answers[i].Conflicted == "yes",
            Note = Answers[i].Conflicted == "yes" ? Answers[i].Note!.Trim() : "",
        }));
        var fields = Suppliers.Select((_, i) => i).ToDictionary(i => $"declarations[{i}].note", i => ($"answers-{i}-note", "Your description:"));
        try
        {
            await Moderation.DeclareConflictsAsync(request, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, fields))
        {
            return Page();
        }
        return Redirect($"/evaluations/{Uri.EscapeDataString(id)}?done=declared");
    }

    private new async Task LoadAsync(string id)
    {
        await base.LoadAsync(id);
        Suppliers = Evaluation.Bids.Select(b => b.Supplier).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
