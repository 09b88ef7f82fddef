using Microsoft.EntityFrameworkCore;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Tenders.Persistence;
using Clarification = Procurement.Contracts.Tender.V1.Clarification;
using DomainClarification = Procurement.Tenders.Domain.Clarification;

namespace Procurement.Tenders.Grpc;

/// <summary>
/// Clarifications: suppliers ask about a published tender, its procurement team answers once for
/// every supplier. Who asked is shown only to the procurement team and the asking organisation.
/// </summary>
public sealed partial class TenderGrpcService
{
    public override Task<Clarification> AskClarification(AskClarificationRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var caller = context.GetCaller();
        var tender = await LoadVisibleAsync(request.TenderId, context, tracked: false);
        var clarification = DomainClarification.Ask(
            Guid.NewGuid(), tender.ToDomain(), caller.Organisation, caller.PersonId, request.Question, clock.GetUtcNow());
        db.Clarifications.Add(new ClarificationRow().CopyFrom(clarification));
        await db.SaveChangesAsync(context.CancellationToken);
        return clarification.ToProto(caller.AsClarificationReader(tender));
    });

    public override Task<Clarification> AnswerClarification(AnswerClarificationRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var caller = context.GetCaller();
        if (!Guid.TryParse(request.ClarificationId, out var id))
            throw Refusals.Invalid("clarification_id", $"'{request.ClarificationId}' is not a clarification id");
        var row = await db.Clarifications.FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken);
        var tender = row is null ? null : await db.Tenders.AsNoTracking().FirstOrDefaultAsync(t => t.Id == row.TenderId, context.CancellationToken);
        if (row is null || tender is null || !caller.MaySee(tender)) throw Refusals.ClarificationNotFound(request.ClarificationId);
        if (!caller.MayChange(tender)) throw Refusals.NotProcuringEntity("answer its clarifications");

        var clarification = row.ToDomain();
        clarification.AnswerWith(tender.ToDomain(), request.Answer, caller.PersonId, clock.GetUtcNow());
        row.CopyFrom(clarification);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Refusals.Stale("clarification");   // answered by someone else meanwhile
        }
        return clarification.ToProto(caller.AsClarificationReader(tender));
    });

    public override Task<ListClarificationsResponse> ListClarifications(ListClarificationsRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var tender = await LoadVisibleAsync(request.TenderId, context, tracked: false);
        var reader = context.GetCaller().AsClarificationReader(tender);
        // A tender has tens of questions, not thousands: the visibility rule is applied here, in the domain's terms.
        var rows = await db.Clarifications.AsNoTracking().Where(c => c.TenderId == tender.Id)
            .OrderBy(c => c.AskedAt).ThenBy(c => c.Id).ToListAsync(context.CancellationToken);
        var response = new ListClarificationsResponse();
        response.Clarifications.AddRange(rows.Select(r => r.ToDomain()).Where(c => c.IsVisibleTo(reader)).Select(c => c.ToProto(reader)));
        return response;
    });
}
