using Procurement.Contracts.Events;
using Procurement.Tenders.Domain;

namespace Procurement.Tenders.Grpc;

/// <summary>The integration events a change of the tender announces (Procurement.Contracts.Events).</summary>
internal static class TenderEvents
{
    public static TenderPublished Published(Tender tender) => new(
        tender.Id, tender.Content.Reference, tender.Content.Title, tender.ProcuringEntity, [.. tender.Content.Commissioners],
        tender.Content.Timetable.ClarificationDeadline!.Value, tender.SubmissionDeadline, Lots(tender),
        tender.Revision, tender.PublishedAt!.Value, RegimeName(tender.Content.Regime), tender.Content.Description);

    public static TenderAmended Amended(Tender tender, DateTimeOffset at) => new(
        tender.Id, tender.Revision, tender.Revisions[^1].Summary,
        tender.Content.Timetable.ClarificationDeadline!.Value, tender.SubmissionDeadline, Lots(tender), at,
        tender.Content.Title, tender.Content.Description);

    public static TenderCancelled Cancelled(Tender tender, DateTimeOffset at) => new(tender.Id, tender.CancellationReason ?? "", at);

    public static LotCancelled LotCancelled(Tender tender, string lotId, string reason, DateTimeOffset at) =>
        new(tender.Id, lotId, tender.Lot(lotId).Commissioner, reason, at);

    /// <summary>The lots still open to bids (cancelled ones are announced by LotCancelled).</summary>
    private static List<LotSummary> Lots(Tender tender) =>
    [
        .. tender.Content.Lots
            .Where(lot => tender.Lots.GetValueOrDefault(lot.Id)?.Status is null or LotStatus.Active)
            .Select(lot => new LotSummary(lot.Id, lot.Commissioner, lot.Title,
                [.. (lot.Evaluation?.Criteria ?? []).Select(c => new CriterionSummary(c.Id, KindName(c.Kind), c.WeightPercent))],
                lot.Evaluation?.Scale.Minimum ?? QualityScale.Default.Minimum,
                lot.Evaluation?.Scale.Maximum ?? QualityScale.Default.Maximum,
                lot.Evaluation?.MinimumQualityPercent,
                lot.Terms?.StartDate, lot.Terms?.InitialTermMonths ?? 0, lot.Terms?.ExtensionAllowanceMonths ?? 0, lot.Terms?.ExtensionStepMonths ?? 0,
                lot.EstimatedAnnualValue is { } value ? new Contracts.Events.Money(value.MinorUnits, value.Currency) : null,
                lot.Specification)),
    ];

    private static string RegimeName(Regime regime) => regime switch
    {
        Regime.ProcurementAct2023 => "procurement_act_2023",
        Regime.Pcr2015 => "pcr_2015",
        _ => "",
    };

    private static string KindName(CriterionKind kind) => kind switch
    {
        CriterionKind.Quality => "quality",
        CriterionKind.Price => "price",
        CriterionKind.SocialValue => "social_value",
        _ => "unspecified",
    };
}
