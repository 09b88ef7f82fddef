using Microsoft.EntityFrameworkCore;
using Procurement.Awards.Domain;
using Procurement.Awards.Persistence;
using Procurement.Contracts.Events;

namespace Procurement.Awards.Grpc;

/// <summary>
/// Assembles the OCDS input for one tender from what the award service holds: the tender as announced,
/// and only what has been published of its awards (notified decisions and entered contracts; a
/// recommendation still being signed is not public). Names come from configuration (Ocds:Names:{id}),
/// else the organisation id is shown.
/// </summary>
public sealed class ReleasePackages(AwardDb db, IConfiguration configuration, TimeProvider clock)
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

        var input = new OcdsInput(
            configuration["Ocds:Prefix"] ?? "procurement-dev",
            $"{(configuration["Ocds:BaseUri"] ?? "http://localhost:5100").TrimEnd('/')}/ocds/tenders/{tenderId}",
            configuration["Ocds:Publisher"] ?? Name(tender.ProcuringEntity),
            clock.GetUtcNow(),
            new OcdsTender(
                tenderId.ToString(), tender.Title, tender.Description,
                lots.All(l => tender.CancelledLots.Contains(l.LotId) || byLot.GetValueOrDefault(l.LotId)?.Contract is not null) ? "complete" : "active",
                Organisation(tender.ProcuringEntity),
                [.. tender.Commissioners.Select(Organisation)],
                [.. lots.Select(l => new OcdsLot(
                    l.LotId, l.Title, "",
                    tender.CancelledLots.Contains(l.LotId) ? "cancelled" : byLot.GetValueOrDefault(l.LotId)?.Contract is not null ? "complete" : "active",
                    new OcdsMoney(l.EstimatedAnnualValue?.MinorUnits ?? 0, l.EstimatedAnnualValue?.Currency ?? "GBP"),
                    l.ContractStart ?? DateOnly.FromDateTime(tender.PublishedAt.UtcDateTime),
                    (l.ContractStart ?? DateOnly.FromDateTime(tender.PublishedAt.UtcDateTime)).AddMonths(l.InitialTermMonths).AddDays(-1)))],
                tender.PublishedAt, tender.SubmissionDeadline),
            [.. notified.SelectMany(a => a.Ranking).Select(b => b.Supplier).Distinct().Order(StringComparer.Ordinal).Select(Organisation)],
            [.. notified.Select(a => new OcdsAward(
                a.Id.ToString(), a.LotId, "active", Organisation(a.Commissioner), [Organisation(a.Preferred!.Supplier)],
                new OcdsMoney(a.Preferred.AnnualPricePence, a.Preferred.Currency), a.NotifiedAt!.Value))],
            [.. notified.Where(a => a.Contract is not null).Select(a => new OcdsContract(
                a.Contract!.Id.ToString(), a.Id.ToString(), "active", Organisation(a.Commissioner),
                new OcdsMoney(a.Contract.AnnualValuePence, a.Contract.Currency), a.Contract.Start, a.Contract.CurrentEnd, a.Contract.EnteredAt))]);
        return OcdsPackage.Build(input).ToJsonString();
    }

    private OcdsOrganisation Organisation(string id) => new(id, Name(id));

    private string Name(string id) => configuration[$"Ocds:Names:{id}"] ?? id;
}
