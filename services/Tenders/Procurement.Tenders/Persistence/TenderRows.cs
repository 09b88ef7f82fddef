using Procurement.Tenders.Domain;

namespace Procurement.Tenders.Persistence;

/// <summary>Domain tender ↔ stored row.</summary>
internal static class TenderRows
{
    public static Tender ToDomain(this TenderRow row) => Tender.Rehydrate(
        row.Id, row.ProcuringEntity, TenderJson.Read<TenderContent>(row.Content), row.Status, row.CreatedAt,
        row.PublishedAt, row.ClosedAt, row.CancellationReason,
        TenderJson.Read<List<TenderRevision>>(row.Revisions),
        TenderJson.Read<Dictionary<string, LotState>>(row.LotStates));

    /// <summary>Writes the tender's state into the row (a new row, or the tracked one it was read from).</summary>
    public static TenderRow CopyFrom(this TenderRow row, Tender tender, DateTimeOffset now)
    {
        row.Id = tender.Id;
        row.Reference = tender.Content.Reference;
        row.Title = tender.Content.Title;
        row.Description = tender.Content.Description;
        row.Status = tender.Status;
        row.ProcuringEntity = tender.ProcuringEntity;
        row.Commissioners = [.. tender.Content.Commissioners];
        row.SubmissionDeadline = tender.Content.Timetable.SubmissionDeadline;
        row.Revision = tender.Revision;
        row.Content = TenderJson.Write(tender.Content);
        row.LotStates = TenderJson.Write(tender.Lots);
        row.Revisions = TenderJson.Write(tender.Revisions);
        row.CreatedAt = tender.CreatedAt;
        row.UpdatedAt = now;
        row.PublishedAt = tender.PublishedAt;
        row.ClosedAt = tender.ClosedAt;
        row.CancellationReason = tender.CancellationReason;
        return row;
    }
}
