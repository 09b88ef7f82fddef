using Microsoft.EntityFrameworkCore;
using Procurement.Awards.Domain;
using Procurement.Awards.Persistence;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Events;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Messaging.Outbox;
using Award = Procurement.Contracts.Award.V1.Award;
using AssessmentSummary = Procurement.Contracts.Award.V1.AssessmentSummary;
using Contract = Procurement.Contracts.Award.V1.Contract;
using DomainAward = Procurement.Awards.Domain.Award;
using Signatory = Procurement.Awards.Domain.Signatory;

namespace Procurement.Awards.Grpc;

/// <summary>
/// procurement.award.v1.AwardService. Every call decides access first (AwardAccess): another
/// commissioner's award is NOT_FOUND. Each change loads the award, applies the domain rule and saves it
/// against its row version (ABORTED if someone else changed it meanwhile), with its events in the outbox.
/// </summary>
public sealed partial class AwardGrpcService(AwardDb db, IOutbox<AwardDb> outbox, ReleasePackages packages, TimeProvider clock) : AwardService.AwardServiceBase
{
    /// <summary>What is public of the tender and its awards, as OCDS 1.1: any signed-in caller may read it.</summary>
    public override Task<ReleasePackage> GetReleasePackage(GetReleasePackageRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var tenderId = ParseId(request.TenderId, "tender_id");
        var json = await packages.BuildJsonAsync(tenderId, context.CancellationToken) ?? throw Refusals.NotFound($"Tender {request.TenderId}");
        return new ReleasePackage { Json = json };
    });

    public override Task<ListAwardsResponse> ListAwards(ListAwardsRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var caller = context.GetCaller();
        var reader = Reader(caller);
        var ct = context.CancellationToken;
        var rows = db.Awards.AsNoTracking();
        if (request.TenderId.Length > 0)
        {
            var tenderId = ParseId(request.TenderId, "tender_id");
            rows = rows.Where(a => a.TenderId == tenderId);
        }
        // Narrow in the query to what the caller could see at all; AwardAccess then decides each.
        rows = reader.ProcurementOfficer
            ? rows.Where(a => db.Tenders.Any(t => t.TenderId == a.TenderId && t.ProcuringEntity == caller.Organisation) || a.Commissioner == caller.Commissioner)
            : rows.Where(a => a.Commissioner == caller.Commissioner);
        var list = await rows.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Take(200).ToListAsync(ct);
        var entities = await ProcuringEntitiesAsync(list.Select(a => a.TenderId), ct);
        var now = clock.GetUtcNow();
        var response = new ListAwardsResponse();
        response.Awards.AddRange(list.Select(row => row.ToDomain())
            .Where(a => AwardAccess.CanRead(reader, a, entities.GetValueOrDefault(a.TenderId, "")).Allowed)
            .Select(a => a.ToProto(now)));
        return response;
    });

    public override Task<Award> GetAward(GetAwardRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var (_, award, _) = await LoadAsync(request.AwardId, context, (reader, a, entity) => AwardAccess.CanRead(reader, a, entity), tracked: false);
        return award.ToProto(clock.GetUtcNow());
    });

    public override Task<Award> DraftDecision(DraftDecisionRequest request, ServerCallContext context) =>
        ChangeAsync(request.AwardId, context, (reader, a, entity) => AwardAccess.CanDraft(reader, a, entity), (award, _, _) =>
        {
            var d = request.Decision ?? throw Refusals.Invalid("decision", "pass the Record of Decision's text");
            award.DraftDecision(new Domain.DecisionText(d.Reference, d.Title, d.ExecutiveSummary, d.Recommendation, d.Decision));
        });

    public override Task<Award> SignDecision(SignDecisionRequest request, ServerCallContext context)
    {
        var @as = SignatoryOf(request.As, context.GetCaller());
        return ChangeAsync(request.AwardId, context, (reader, a, entity) => AwardAccess.CanSign(reader, a, entity, @as),
            (award, caller, now) => award.Sign(@as, caller.PersonId, caller.Name, request.Comments, now));
    }

    public override Task<Award> RefuseDecision(RefuseDecisionRequest request, ServerCallContext context)
    {
        var @as = SignatoryOf(request.As, context.GetCaller());
        return ChangeAsync(request.AwardId, context, (reader, a, entity) => AwardAccess.CanSign(reader, a, entity, @as),
            (award, caller, now) => award.RefuseToSign(@as, caller.PersonId, caller.Name, request.Reason, now));
    }

    public override Task<AssessmentSummary> GetAssessmentSummary(GetAssessmentSummaryRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var caller = context.GetCaller();
        var supplier = caller.HasRole(Role.Supplier) ? caller.Organisation : request.Supplier;
        if (string.IsNullOrWhiteSpace(supplier))
            throw Refusals.Invalid("supplier", "name the supplier whose assessment summary you want (its organisation id, e.g. victim-support)");
        var (_, award, _) = await LoadAsync(request.AwardId, context, (reader, a, _) => AwardAccess.CanReadSummary(reader, a, supplier), tracked: false);
        var summary = award.AssessmentSummaries().FirstOrDefault(s => s.Supplier == supplier)
                      ?? throw Refusals.NotFound($"An assessment summary for '{supplier}'");
        return new AssessmentSummary
        {
            AwardId = award.Id.ToString(), Supplier = summary.Supplier, Successful = summary.Successful,
            Own = summary.Own.ToProto(), Winner = summary.Winner.ToProto(),
            StandstillEnds = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(award.StandstillEnds!.Value),
        };
    });

    public override Task<Award> RecordChallenge(RecordChallengeRequest request, ServerCallContext context) =>
        ChangeAsync(request.AwardId, context, (reader, a, entity) => AwardAccess.CanHandleChallenge(reader, a, entity),
            (award, caller, now) => award.RecordChallenge(request.Supplier, request.Grounds, caller.PersonId, now));

    public override Task<Award> ResolveChallenge(ResolveChallengeRequest request, ServerCallContext context) =>
        ChangeAsync(request.AwardId, context, (reader, a, entity) => AwardAccess.CanHandleChallenge(reader, a, entity),
            (award, _, now) => award.ResolveChallenge(request.Resolution, now));

    public override async Task<Contract> EnterContract(EnterContractRequest request, ServerCallContext context)
    {
        DomainAward? entered = null;
        await ChangeAsync(request.AwardId, context, (reader, a, entity) => AwardAccess.CanEnterContract(reader, a, entity), (award, _, now) =>
        {
            var contract = award.EnterContract(Guid.NewGuid(), now);
            outbox.Add(new ContractAwarded(contract.Id, award.TenderId, award.LotId, award.Commissioner, contract.Supplier,
                new Money(contract.AnnualValuePence, contract.Currency), contract.Start, contract.InitialEnd,
                contract.ExtensionAllowanceMonths, contract.ExtensionStepMonths, now));
            entered = award;
        });
        return entered!.Contract!.ToProto(entered);
    }

    public override async Task<Contract> ExtendContract(ExtendContractRequest request, ServerCallContext context)
    {
        DomainAward? extended = null;
        var value = request.AnnualValue ?? throw Refusals.Invalid("annual_value", "the extension's annual value is required");
        await ChangeAsync(request.AwardId, context, (reader, a, entity) => AwardAccess.CanExtend(reader, a, entity), (award, caller, now) =>
        {
            if (award.Contract is { } contract && value.Currency != contract.Currency)
                throw Refusals.Invalid("annual_value.currency", $"the contract is in {contract.Currency}");
            award.Extend(request.Reference, request.Months, value.MinorUnits, caller.PersonId, request.Comments, now);
            extended = award;
        });
        return extended!.Contract!.ToProto(extended);
    }

    private static AwardReader Reader(Caller caller) => new(
        caller.Organisation, caller.Commissioner, caller.HasRole(Role.CommissioningOfficer), caller.HasRole(Role.FinanceOfficer),
        caller.HasRole(Role.ChiefExecutive), caller.HasRole(Role.Commissioner), caller.HasRole(Role.ProcurementOfficer), caller.HasRole(Role.Supplier));

    /// <summary>The role signed in: as asked, or the caller's only signatory role.</summary>
    private static Signatory SignatoryOf(Procurement.Contracts.Award.V1.Signatory asked, Caller caller)
    {
        if (asked != Procurement.Contracts.Award.V1.Signatory.Unspecified)
            return asked switch
            {
                Procurement.Contracts.Award.V1.Signatory.FinanceOfficer => Signatory.FinanceOfficer,
                Procurement.Contracts.Award.V1.Signatory.ChiefExecutive => Signatory.ChiefExecutive,
                _ => Signatory.Commissioner,
            };
        var held = new[] { (Role.FinanceOfficer, Signatory.FinanceOfficer), (Role.ChiefExecutive, Signatory.ChiefExecutive), (Role.Commissioner, Signatory.Commissioner) }
            .Where(r => caller.HasRole(r.Item1)).Select(r => r.Item2).ToList();
        return held.Count == 1 ? held[0]
            : throw Refusals.Invalid("as", held.Count == 0 ? "you hold no signatory role" : "you hold several signatory roles: say which you sign in");
    }

    private async Task<Dictionary<Guid, string>> ProcuringEntitiesAsync(IEnumerable<Guid> tenderIds, CancellationToken ct)
    {
        var ids = tenderIds.Distinct().ToList();
        return await db.Tenders.AsNoTracking().Where(t => ids.Contains(t.TenderId)).ToDictionaryAsync(t => t.TenderId, t => t.ProcuringEntity, ct);
    }

    private async Task<(AwardRow Row, DomainAward Award, Caller Caller)> LoadAsync(
        string awardId, ServerCallContext context, Func<AwardReader, DomainAward, string, AwardAccessDecision> access, bool tracked)
    {
        var id = ParseId(awardId, "award_id");
        var awards = tracked ? db.Awards : db.Awards.AsNoTracking();
        var row = await awards.FirstOrDefaultAsync(a => a.Id == id, context.CancellationToken) ?? throw Refusals.NotFound($"Award {awardId}");
        var award = row.ToDomain();
        var entity = await db.Tenders.AsNoTracking().Where(t => t.TenderId == row.TenderId).Select(t => t.ProcuringEntity).FirstOrDefaultAsync(context.CancellationToken) ?? "";
        var caller = context.GetCaller();
        var decision = access(Reader(caller), award, entity);
        return decision.Allowed ? (row, award, caller) : throw Refusals.From(decision);
    }

    private Task<Award> ChangeAsync(
        string awardId, ServerCallContext context, Func<AwardReader, DomainAward, string, AwardAccessDecision> access,
        Action<DomainAward, Caller, DateTimeOffset> change) => Guarded(async () =>
    {
        var (row, award, caller) = await LoadAsync(awardId, context, access, tracked: true);
        var now = clock.GetUtcNow();
        change(award, caller, now);
        row.CopyFrom(award, now);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Refusals.Stale();
        }
        return award.ToProto(now);
    });

    private static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw Refusals.Invalid(field, $"'{value}' is not an id (a UUID)");

    private static async Task<T> Guarded<T>(Func<Task<T>> handle)
    {
        try
        {
            return await handle();
        }
        catch (AwardException refusal)
        {
            throw Refusals.From(refusal);
        }
    }
}
