using Procurement.Hosting.Idempotency;
using Microsoft.EntityFrameworkCore;
using Procurement.Contracts.Moderation.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Hosting;
using Procurement.Messaging.Outbox;
using Procurement.Moderation.Domain;
using Procurement.Moderation.Persistence;
using BidV1 = Procurement.Contracts.Bid.V1;
using DomainEvaluation = Procurement.Moderation.Domain.Evaluation;
using Evaluation = Procurement.Contracts.Moderation.V1.Evaluation;
using IndividualScore = Procurement.Contracts.Moderation.V1.IndividualScore;
using ModeratedScore = Procurement.Contracts.Moderation.V1.ModeratedScore;
using Results = Procurement.Contracts.Moderation.V1.Results;

namespace Procurement.Moderation.Grpc;

/// <summary>
/// procurement.moderation.v1.ModerationService. Every call first decides access (EvaluationAccess): another
/// commissioner's evaluation is NOT_FOUND. Each change locks the evaluation's row, applies the domain rule
/// and saves in one transaction, so changes to one evaluation apply one at a time.
/// </summary>
public sealed class ModerationGrpcService(
    ModerationDb db, IOutbox<ModerationDb> outbox, BidV1.OpenedBidService.OpenedBidServiceClient bids, TimeProvider clock) : ModerationService.ModerationServiceBase
{
    public override Task<ListEvaluationsResponse> ListEvaluations(ListEvaluationsRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var reader = Reader(context);
        var ct = context.CancellationToken;
        // Only the caller's commissioner; a commissioning officer sees all of them, an evaluator those of its panels.
        var rows = db.Evaluations.AsNoTracking().Where(e => e.Commissioner == reader.Commissioner);
        if (!reader.IsCommissioningOfficer) rows = rows.Where(e => e.Members.Contains(reader.PersonId));
        if (request.TenderId.Length > 0)
        {
            var tenderId = ParseId(request.TenderId, "tender_id");
            rows = rows.Where(e => e.TenderId == tenderId);
        }
        var ids = await rows.OrderByDescending(e => e.OpenedAt).ThenBy(e => e.Id).Select(e => e.Id).Take(200).ToListAsync(ct);
        var response = new ListEvaluationsResponse();
        response.Evaluations.AddRange((await db.LoadManyAsync(ids, ct))
            .Where(evaluation => EvaluationAccess.CanFollow(reader, evaluation).Allowed)
            .Select(evaluation => evaluation.ToProto()));
        return response;
    });

    public override Task<Evaluation> GetEvaluation(GetEvaluationRequest request, ServerCallContext context) => Guarded(async () =>
        (await ReadAsync(request.EvaluationId, context, EvaluationAccess.CanFollow)).ToProto());

    public override Task<Evaluation> AppointPanel(AppointPanelRequest request, ServerCallContext context) =>
        ChangeAsync(request.EvaluationId, context, EvaluationAccess.CanStaff, (evaluation, _, _) =>
        {
            evaluation.AppointPanel(
                ModerationMapping.ToDomain(request.Chair, "chair", evaluation.Commissioner),
                [.. request.Evaluators.Select((e, i) => ModerationMapping.ToDomain(e, $"evaluators[{i}]", evaluation.Commissioner))]);
            return evaluation.ToProto();
        });

    public override Task<Evaluation> AddEvaluator(AddEvaluatorRequest request, ServerCallContext context) =>
        ChangeAsync(request.EvaluationId, context, EvaluationAccess.CanStaff, (evaluation, _, _) =>
        {
            evaluation.AddEvaluator(ModerationMapping.ToDomain(request.Evaluator, "evaluator", evaluation.Commissioner));
            return evaluation.ToProto();
        });

    public override Task<Evaluation> ReplaceChair(ReplaceChairRequest request, ServerCallContext context) =>
        ChangeAsync(request.EvaluationId, context, EvaluationAccess.CanStaff, (evaluation, _, _) =>
        {
            evaluation.ReplaceChair(ModerationMapping.ToDomain(request.Chair, "chair", evaluation.Commissioner));
            return evaluation.ToProto();
        });

    public override Task<Evaluation> DeclareConflicts(DeclareConflictsRequest request, ServerCallContext context) =>
        ChangeAsync(request.EvaluationId, context, EvaluationAccess.CanActOnPanel, (evaluation, person, _) =>
        {
            evaluation.DeclareConflicts(person, [.. request.Declarations.Select(d => new Domain.ConflictDeclaration(d.Supplier, d.Conflicted, d.Note))]);
            return evaluation.ToProto();
        });

    /// <summary>
    /// THE gate to bid content (decision 0021): a member of this lot's panel who has declared sees the opened offers
    /// of the bids they are not conflicted on, fetched from the bid service's internal OpenedBidService with this
    /// service's own token. No other path of the public API returns an opened bid's content.
    /// </summary>
    public override Task<ListBidsToScoreResponse> ListBidsToScore(ListBidsToScoreRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var evaluation = await ReadAsync(request.EvaluationId, context, EvaluationAccess.CanActOnPanel);
        var visible = evaluation.BidsVisibleTo(context.GetCaller().PersonId);
        var response = new ListBidsToScoreResponse();
        if (visible.Count == 0) return response;

        var query = new BidV1.ListOpenedBidsRequest { TenderId = evaluation.TenderId.ToString(), LotId = evaluation.Lot.LotId };
        query.BidIds.AddRange(visible.Select(b => b.BidId.ToString()));
        try
        {
            // The member's deadline and cancellation travel with the call (the client's context propagation); this bounds a call without one.
            var opened = await bids.ListOpenedBidsAsync(query, deadline: DateTime.UtcNow + SuiteClients.CallTimeout);
            response.Offers.AddRange(opened.Offers);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The bid service could not be reached ({e.Status.Detail}); try again shortly."));
        }
        return response;
    });

    public override Task<IndividualScore> RecordScore(RecordScoreRequest request, ServerCallContext context) =>
        ChangeAsync(request.EvaluationId, context, EvaluationAccess.CanActOnPanel, (evaluation, person, now) =>
        {
            var bidId = ParseId(request.BidId, "bid_id");
            evaluation.RecordScore(person, bidId, request.CriterionId, request.Score, request.Justification, now);
            return evaluation.IndividualScores.Single(s => s.PersonId == person && s.BidId == bidId && s.CriterionId == request.CriterionId).ToProto();
        });

    public override Task<Evaluation> SubmitScores(SubmitScoresRequest request, ServerCallContext context) =>
        ChangeAsync(request.EvaluationId, context, EvaluationAccess.CanActOnPanel, (evaluation, person, _) =>
        {
            evaluation.SubmitScores(person);
            return evaluation.ToProto();
        });

    public override Task<ListScoresResponse> ListScores(ListScoresRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var evaluation = await ReadAsync(request.EvaluationId, context, EvaluationAccess.CanActOnPanel);
        var person = context.GetCaller().PersonId;
        var individual = evaluation.IndividualScoresVisibleTo(person).ToLookup(s => (s.BidId, s.CriterionId));
        // Moderated scores are shown with the individual ones: to the chair, and to evaluators once they have submitted.
        var seesModerated = evaluation.IsChair(person) || evaluation.SubmittedBy.Contains(person);
        var moderated = seesModerated ? evaluation.ModeratedScores.ToDictionary(m => (m.BidId, m.CriterionId)) : [];
        var response = new ListScoresResponse();
        foreach (var bid in evaluation.ScoredBids.Where(b => evaluation.MaySeeBid(person, b)))
        foreach (var criterion in evaluation.Lot.ScoredCriteria)
        {
            var key = (bid.BidId, criterion.CriterionId);
            var entry = new CriterionScores
            {
                BidId = bid.BidId.ToString(),
                CriterionId = criterion.CriterionId,
                Moderated = moderated.GetValueOrDefault(key)?.ToProto(),
                SpreadFlagged = seesModerated && evaluation.SpreadFlagged(bid.BidId, criterion.CriterionId),
            };
            entry.Individual.AddRange(individual[key].Select(s => s.ToProto()));
            response.Scores.Add(entry);
        }
        return response;
    });

    public override Task<ModeratedScore> RecordModeratedScore(RecordModeratedScoreRequest request, ServerCallContext context) =>
        ChangeAsync(request.EvaluationId, context, EvaluationAccess.CanActOnPanel, (evaluation, person, now) =>
        {
            var bidId = ParseId(request.BidId, "bid_id");
            evaluation.RecordModeratedScore(person, bidId, request.CriterionId, request.Score, request.Rationale, now);
            return evaluation.ModeratedScores.Single(m => m.BidId == bidId && m.CriterionId == request.CriterionId).ToProto();
        });

    public override Task<Evaluation> CompleteEvaluation(CompleteEvaluationRequest request, ServerCallContext context) =>
        ChangeAsync(request.EvaluationId, context, EvaluationAccess.CanActOnPanel, (evaluation, person, now) =>
        {
            evaluation.Complete(person, now);
            outbox.Add(EvaluationEvents.Completed(evaluation));
            return evaluation.ToProto();
        });

    public override Task<Results> GetResults(GetResultsRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var evaluation = await ReadAsync(request.EvaluationId, context, EvaluationAccess.CanFollow);
        return evaluation.Result is { } result
            ? result.ToProto(evaluation.Id)
            : throw new RpcException(new Status(StatusCode.FailedPrecondition, $"The evaluation is not complete yet (stage: {evaluation.Stage}); results come with completion."));
    });

    private static EvaluationReader Reader(ServerCallContext context)
    {
        var caller = context.GetCaller();
        return new EvaluationReader(caller.PersonId, caller.Commissioner, caller.HasRole(Role.CommissioningOfficer), caller.HasRole(Role.Evaluator));
    }

    private async Task<DomainEvaluation> ReadAsync(string evaluationId, ServerCallContext context, Func<EvaluationReader, DomainEvaluation, EvaluationAccessDecision> access)
    {
        var id = ParseId(evaluationId, "evaluation_id");
        var evaluation = await db.LoadAsync(id, context.CancellationToken) ?? throw Refusals.NotFound(evaluationId);
        var decision = access(Reader(context), evaluation);
        return decision.Allowed ? evaluation : throw Refusals.From(decision);
    }

    private Task<T> ChangeAsync<T>(
        string evaluationId, ServerCallContext context, Func<EvaluationReader, DomainEvaluation, EvaluationAccessDecision> access,
        Func<DomainEvaluation, string, DateTimeOffset, T> change) => Guarded(async () =>
    {
        var id = ParseId(evaluationId, "evaluation_id");
        var ct = context.CancellationToken;
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, ct);
        var loaded = await db.LoadForChangeAsync(id, ct) ?? throw Refusals.NotFound(evaluationId);
        var decision = access(Reader(context), loaded.Evaluation);
        if (!decision.Allowed) throw Refusals.From(decision);
        var result = change(loaded.Evaluation, context.GetCaller().PersonId, clock.GetUtcNow());
        loaded.Save(db);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    });

    private static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw Refusals.Invalid(field, $"'{value}' is not an id (a UUID)");

    private static async Task<T> Guarded<T>(Func<Task<T>> handle)
    {
        try
        {
            return await handle();
        }
        catch (ModerationException refusal)
        {
            throw Refusals.From(refusal);
        }
    }
}
