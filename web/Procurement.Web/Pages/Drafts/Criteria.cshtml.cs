using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Drafts;

/// <summary>How one lot's bids are scored: its criteria (quality, price, social value) with their weights, and an optional quality threshold.</summary>
[Authorize(Roles = "procurement_officer")]
public sealed class CriteriaModel(TenderService.TenderServiceClient tenders) : DraftPage(tenders)
{
    public const int Rows = 6, TitleMaxLength = 300, GuidanceMaxLength = 10000;

    public sealed class Row
    {
        public string? Id { get; set; }
        /// <summary>"quality", "price" or "social_value".</summary>
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? Weight { get; set; }
        public string? Guidance { get; set; }

        public bool IsBlank => new[] { Id, Kind, Title, Weight, Guidance }.All(string.IsNullOrWhiteSpace);
    }

    [BindProperty] public List<Row> Criteria { get; set; } = [];
    [BindProperty] public string? Threshold { get; set; }

    public Lot Lot { get; private set; } = new();
    public int Index { get; private set; }

    public int WeightTotal => Criteria.Sum(c => int.TryParse(c.Weight, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0);

    public async Task<IActionResult> OnGetAsync(string id, string lotId)
    {
        if (await LoadLotAsync(id, lotId) is { } elsewhere) return elsewhere;
        var model = Lot.Evaluation ?? new EvaluationModel();
        Criteria = model.Criteria.Select(c => new Row
        {
            Id = c.Id, Kind = Kind(c.Kind), Title = c.Title, Weight = c.WeightPercent.ToString(CultureInfo.InvariantCulture), Guidance = c.Guidance,
        }).ToList();
        if (Criteria.Count == 0)
            Criteria = [new Row { Id = "Q1", Kind = "quality" }, new Row { Id = "PRICE", Kind = "price", Title = "Price" }];
        Threshold = model.HasMinimumQualityPercent ? model.MinimumQualityPercent.ToString(CultureInfo.InvariantCulture) : null;
        Pad();
        Version = Draft.Version;
        NewRequestId();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string lotId)
    {
        if (await LoadLotAsync(id, lotId) is { } elsewhere) return elsewhere;
        Pad();
        var named = Criteria.Select((c, i) => (Row: c, Slot: i)).Where(x => !x.Row.IsBlank).ToList();
        if (named.Count == 0) AddError("criteria-0-id", "Enter at least one criterion");
        var model = new EvaluationModel { QualityScale = Lot.Evaluation?.QualityScale ?? new QualityScale { Minimum = 0, Maximum = 5 } };
        foreach (var (row, slot) in named)
        {
            var name = $"criterion {slot + 1}";
            if (string.IsNullOrWhiteSpace(row.Id)) AddError($"criteria-{slot}-id", $"Enter the ID of {name}, for example Q1");
            if (row.Kind is not ("quality" or "price" or "social_value")) AddError($"criteria-{slot}-kind", $"Select what {name} scores");
            if (string.IsNullOrWhiteSpace(row.Title)) AddError($"criteria-{slot}-title", $"Enter the title of {name}");
            else if (row.Title.Trim().Length > TitleMaxLength) AddError($"criteria-{slot}-title", $"The title of {name} must be {TitleMaxLength} characters or fewer");
            if (!int.TryParse(row.Weight?.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight is < 1 or > 100)
                AddError($"criteria-{slot}-weight", $"Enter the weight of {name} as a whole percentage from 1 to 100");
            if ((row.Guidance?.Trim().Length ?? 0) > GuidanceMaxLength) AddError($"criteria-{slot}-guidance", $"The guidance for {name} must be {GuidanceMaxLength:N0} characters or fewer");
            model.Criteria.Add(new Criterion
            {
                Id = row.Id?.Trim() ?? "", Title = row.Title?.Trim() ?? "", Guidance = row.Guidance?.Trim() ?? "", WeightPercent = weight,
                Kind = row.Kind switch { "quality" => CriterionKind.Quality, "price" => CriterionKind.Price, "social_value" => CriterionKind.SocialValue, _ => CriterionKind.Unspecified },
            });
        }
        if (!string.IsNullOrWhiteSpace(Threshold))
        {
            if (int.TryParse(Threshold.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var threshold) && threshold <= 100) model.MinimumQualityPercent = threshold;
            else AddError("threshold", "Enter the quality threshold as a whole percentage from 0 to 100, or leave it empty");
        }
        if (Errors.Count > 0) return Page();

        var content = ContentOf(Draft);
        content.Lots[Index].Evaluation = model;
        var path = $"lots[{Index}].evaluation";
        var fields = new Dictionary<string, (string, string)>
        {
            [$"{path}.criteria"] = ("criteria-0-weight", "The criteria:"),
            [$"{path}.minimum_quality_percent"] = ("threshold", "The quality threshold"),
        };
        for (var i = 0; i < named.Count; i++)
        {
            fields[$"{path}.criteria[{i}].kind"] = ($"criteria-{named[i].Slot}-kind", $"Criterion {named[i].Slot + 1}:");
            fields[$"{path}.criteria[{i}].weight_percent"] = ($"criteria-{named[i].Slot}-weight", $"The weight of criterion {named[i].Slot + 1}");
        }
        return await SaveAsync(content, fields) ? ToTaskList() : Page();
    }

    private static string Kind(CriterionKind kind) => kind switch
    {
        CriterionKind.Quality => "quality", CriterionKind.Price => "price", CriterionKind.SocialValue => "social_value", _ => "",
    };

    private void Pad()
    {
        while (Criteria.Count < Rows) Criteria.Add(new Row());
        if (Criteria.Count > Rows) Criteria = Criteria.Take(Rows).ToList();
    }

    private async Task<IActionResult?> LoadLotAsync(string id, string lotId)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        Index = Draft.Lots.ToList().FindIndex(l => l.Id == lotId);
        if (Index < 0) throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "No such lot."));
        Lot = Draft.Lots[Index];
        return null;
    }
}
