using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>The commissioning officer appoints the lot's panel: a chair and evaluators from the commissioner's office or force.</summary>
[Authorize(Roles = "commissioning_officer")]
public sealed class PanelModel(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders)
    : EvaluationPage(moderation, tenders)
{
    public const int EvaluatorSlots = 4;

    public sealed class MemberInput
    {
        public string? PersonId { get; set; }
        public string? Name { get; set; }
        /// <summary>"office" or "force".</summary>
        public string? Affiliation { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(PersonId) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Affiliation);
    }

    [BindProperty]
    public MemberInput Chair { get; set; } = new();

    [BindProperty]
    public List<MemberInput> Evaluators { get; set; } = [];

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        NewRequestId();
        Pad();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        Pad();
        Check(Chair, "chair", "the chair");
        var named = Evaluators.Select((e, i) => (e, i)).Where(x => !x.e.IsBlank).ToList();
        if (named.Count == 0) AddError("evaluators-0-id", "Enter at least one evaluator");
        foreach (var (member, index) in named) Check(member, $"evaluators-{index}", $"evaluator {index + 1}");
        if (Errors.Count > 0) return Page();

        var request = new AppointPanelRequest { EvaluationId = id, Chair = ToMember(Chair) };
        request.Evaluators.AddRange(named.Select(x => ToMember(x.e)));
        try
        {
            await Moderation.AppointPanelAsync(request, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, Fields(named.Select(x => x.i).ToList())))
        {
            return Page();
        }
        return Redirect($"/evaluations/{Uri.EscapeDataString(id)}?done=panel");
    }

    private void Pad()
    {
        while (Evaluators.Count < EvaluatorSlots) Evaluators.Add(new MemberInput());
        if (Evaluators.Count > EvaluatorSlots) Evaluators = Evaluators.Take(EvaluatorSlots).ToList();
    }

    private void Check(MemberInput member, string id, string who)
    {
        if (string.IsNullOrWhiteSpace(member.PersonId)) AddError($"{id}-id", $"Enter the user ID of {who}");
        else if (member.PersonId.Trim().Length > 200) AddError($"{id}-id", $"The user ID of {who} must be 200 characters or fewer");
        if (string.IsNullOrWhiteSpace(member.Name)) AddError($"{id}-name", $"Enter the name of {who}");
        else if (member.Name.Trim().Length > 200) AddError($"{id}-name", $"The name of {who} must be 200 characters or fewer");
        if (member.Affiliation is not ("office" or "force")) AddError($"{id}-affiliation", $"Select whether {who} is from the commissioner's office or the police force");
    }

    private PanelMember ToMember(MemberInput input) => new()
    {
        PersonId = input.PersonId!.Trim(),
        Name = input.Name!.Trim(),
        Affiliation = input.Affiliation == "force" ? Affiliation.Force : Affiliation.Office,
        Commissioner = Evaluation.Commissioner,
    };

    /// <summary>The service's field paths mapped to this form: evaluators[i] is the i-th named row, whichever slot it was in.</summary>
    private static Dictionary<string, (string, string)> Fields(IReadOnlyList<int> slots)
    {
        var fields = new Dictionary<string, (string, string)>
        {
            ["chair.person_id"] = ("chair-id", "The chair's user ID:"),
            ["chair.name"] = ("chair-name", "The chair's name:"),
            ["chair.commissioner"] = ("chair-id", "The chair:"),
            ["chair.affiliation"] = ("chair-affiliation", "The chair:"),
        };
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            fields[$"evaluators[{i}].person_id"] = ($"evaluators-{slot}-id", $"Evaluator {slot + 1}'s user ID:");
            fields[$"evaluators[{i}].name"] = ($"evaluators-{slot}-name", $"Evaluator {slot + 1}'s name:");
            fields[$"evaluators[{i}].commissioner"] = ($"evaluators-{slot}-id", $"Evaluator {slot + 1}:");
            fields[$"evaluators[{i}].affiliation"] = ($"evaluators-{slot}-affiliation", $"Evaluator {slot + 1}:");
        }
        return fields;
    }
}
