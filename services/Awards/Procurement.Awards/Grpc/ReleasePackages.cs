using Microsoft.EntityFrameworkCore;
using Procurement.Awards.Domain;
using Procurement.Awards.Persistence;
using Procurement.Contracts.Events;

namespace Procurement.Awards.Grpc;

/// <summary>
/// Assembles the OCDS input for one tender from what the award service holds: the tender as announced (its latest
/// revision, each amendment, the lots' specifications, estimates and terms), and only what has been published of its
/// awards (notified decisions, entered contracts and their extensions; a recommendation still being signed is not
/// public). Organisations are described by the <see cref="OrganisationRegister"/>.
/// </summary>
public sealed class ReleasePackages(AwardDb db, IConfiguration configuration, OrganisationRegister organisations, TimeProvider clock)
{
    public async Task<string?> BuildJsonAsync(Guid tenderId, CancellationToken cancellationToken)
    {
        var tender = await db.Tenders.AsNoTracking().FirstOrDefaultAsync(t => t.TenderId == tenderId, cancellationToken);
        if (tender is null) return null;
        var awards = (await db.Awards.AsNoTracking().Where(a => a.TenderId == tenderId).OrderBy(a => a.LotId).ToListAsync(cancellationToken))
            .Select(row => row.ToDomain()).ToList();
        var lots = AwardJson.Read<List<LotSummary>>(tender.Lots);
        var byLot = awards.ToDictionary(a => a.LotId);
        var notified = awards.Where(a => a.NotifiedAt is not null).ToList();
        var publishedOn = DateOnly.FromDateTime(tender.PublishedAt.UtcDateTime);

        var input = new OcdsInput(
            configuration["Ocds:Prefix"] ?? "procurement-dev",
            $"{(configuration["Ocds:BaseUri"] ?? "http://localhost:5100").TrimEnd('/')}/ocds/tenders/{tenderId}",
            configuration["Ocds:Publisher"] ?? organisations.Find(tender.ProcuringEntity).Name,
            clock.GetUtcNow(),
            new OcdsTender(
                tenderId.ToString(), tender.Title, tender.Description,
                lots.All(l => tender.CancelledLots.Contains(l.LotId) || byLot.GetValueOrDefault(l.LotId)?.Contract is not null) ? "complete" : "active",
                organisations.Find(tender.ProcuringEntity),
                [.. tender.Commissioners.Select(organisations.Find)],
                [.. lots.Select(l => new OcdsLot(
                    l.LotId, l.Title, l.Specification,
                    tender.CancelledLots.Contains(l.LotId) ? "cancelled" : byLot.GetValueOrDefault(l.LotId)?.Contract is not null ? "complete" : "active",
                    l.EstimatedAnnualValue is { } estimate ? new OcdsMoney(estimate.MinorUnits, estimate.Currency) : null,
                    l.ContractStart ?? publishedOn, l.InitialTermMonths, l.ExtensionAllowanceMonths))],
                tender.PublishedAt, tender.SubmissionDeadline,
                [.. AwardJson.Read<List<TenderAmendmentRecord>>(tender.Amendments).OrderBy(a => a.Revision)
                    .Select(a => new OcdsTenderAmendment(a.Revision, a.Summary, a.AmendedAt))]),
            [.. notified.SelectMany(a => a.Ranking).Select(b => b.Supplier).Distinct().Order(StringComparer.Ordinal).Select(organisations.Find)],
            [.. notified.Select(a => new OcdsAward(
                a.Id.ToString(), a.LotId, "active", organisations.Find(a.Commissioner), [organisations.Find(a.Preferred!.Supplier)],
                new OcdsMoney(a.Preferred.AnnualPricePence, a.Preferred.Currency), a.NotifiedAt!.Value))],
            [.. notified.Where(a => a.Contract is not null).Select(a => Contract(a, a.Contract!))]);
        return OcdsPackage.Build(input).ToJsonString();
    }

    private OcdsContract Contract(Award award, Contract contract) => new(
        contract.Id.ToString(), award.Id.ToString(), "active", organisations.Find(award.Commissioner),
        new OcdsMoney(contract.AnnualValuePence, contract.Currency), contract.Start, award.Terms.InitialTermMonths,
        contract.ExtensionAllowanceMonths, contract.EnteredAt,
        [.. contract.Extensions.Select(e => new OcdsExtension(
            e.Reference, e.Months, new OcdsMoney(e.AnnualValuePence, contract.Currency), e.DecidedAt, e.From, e.To, e.Comments))]);
}
