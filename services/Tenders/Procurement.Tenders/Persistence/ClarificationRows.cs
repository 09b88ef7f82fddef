using Procurement.Tenders.Domain;

namespace Procurement.Tenders.Persistence;

/// <summary>Domain clarification ↔ stored row.</summary>
internal static class ClarificationRows
{
    public static Clarification ToDomain(this ClarificationRow row) => Clarification.Rehydrate(
        row.Id, row.TenderId, row.Question, row.AskedByOrganisation, row.AskedBy, row.AskedAt,
        row.Answer, row.AnsweredBy, row.AnsweredAt);

    /// <summary>Writes the clarification's state into the row (a new row, or the tracked one it was read from).</summary>
    public static ClarificationRow CopyFrom(this ClarificationRow row, Clarification clarification)
    {
        row.Id = clarification.Id;
        row.TenderId = clarification.TenderId;
        row.Question = clarification.Question;
        row.AskedByOrganisation = clarification.AskedByOrganisation;
        row.AskedBy = clarification.AskedBy;
        row.AskedAt = clarification.AskedAt;
        row.Answer = clarification.Answer;
        row.AnsweredBy = clarification.AnsweredBy;
        row.AnsweredAt = clarification.AnsweredAt;
        return row;
    }
}
