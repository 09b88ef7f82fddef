using System.Globalization;
using System.Text.Json.Nodes;

namespace Procurement.Awards.Domain;

/// <summary>
/// Builds the OCDS 1.1 release package Find a Tender style publishers expect, for one joint tender: one
/// release per stage reached — <c>tender</c> always, <c>award</c> once a lot is awarded, <c>contract</c> once a
/// contract exists — all under ocid "ocds-{prefix}-{tender id}". Lots use the lots extension
/// (<c>tender.lots</c>, <c>awards[].relatedLots</c>); each commissioner's own award and contract name it with the
/// contract-buyer extension (<c>awards[].buyers</c>, <c>contracts[].buyer</c>), because no single buyer stands
/// for a joint tender. So the release-level <c>buyer</c> is given only where the release has exactly one.
/// <list type="bullet">
/// <item>Parties: an organisation appears once per release, with every role it has there. The tender release
/// knows buyers, the procuring entity and tenderers; the award and contract releases add suppliers.</item>
/// <item>Amounts: exact pounds from integer pence (pence ÷ 100 as a decimal), never a float.</item>
/// <item>Instants are UTC with "Z". OCDS wants date-times where the suite has dates (contract periods): a
/// start date is published as 00:00:00Z of that date and an end date as 23:59:59Z, so the date part is the
/// contract's own date.</item>
/// <item>Release ids are "{ocid}-{tag}-{release date yyyyMMddTHHmmssZ}": a later award or contract makes a new
/// release rather than changing one already published.</item>
/// </list>
/// Inconsistent input (an award for an unknown lot, a contract for an unknown award or another buyer, an
/// organisation id with two names, a status outside the codelist) is a usage error (ArgumentException).
/// </summary>
public static class OcdsPackage
{
    public const string LotsExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json";
    public const string ContractBuyerExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_buyer_extension/master/extension.json";

    private static readonly string[] TenderStatuses = ["planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"];
    private static readonly string[] LotStatuses = ["planning", "planned", "active", "cancelled", "unsuccessful", "complete"];
    private static readonly string[] AwardStatuses = ["pending", "active", "cancelled", "unsuccessful"];
    private static readonly string[] ContractStatuses = ["pending", "active", "cancelled", "terminated"];

    public static JsonObject Build(OcdsInput input)
    {
        Validate(input);
        var ocid = $"ocds-{input.OcidPrefix}-{input.Tender.Id}";
        var releases = new JsonArray(TenderRelease(input, ocid));
        if (input.Awards.Count > 0) releases.Add(AwardRelease(input, ocid));
        if (input.Contracts.Count > 0) releases.Add(ContractRelease(input, ocid));
        return new JsonObject
        {
            ["uri"] = input.PackageUri,
            ["version"] = "1.1",
            ["publishedDate"] = Instant(input.PublishedAt),
            ["publisher"] = new JsonObject { ["name"] = input.PublisherName },
            ["extensions"] = new JsonArray(LotsExtension, ContractBuyerExtension),
            ["releases"] = releases,
        };
    }

    private static JsonObject TenderRelease(OcdsInput input, string ocid)
    {
        var tender = input.Tender;
        var release = Release(ocid, "tender", tender.PublishedAt, Parties(input, withSuppliers: false), tender.Buyers);
        var body = new JsonObject
        {
            ["id"] = tender.Id,
            ["title"] = tender.Title,
            ["description"] = tender.Description,
            ["status"] = tender.Status,
            ["procuringEntity"] = Reference(tender.ProcuringEntity),
            ["tenderPeriod"] = new JsonObject { ["endDate"] = Instant(tender.SubmissionDeadline) },
            ["lots"] = new JsonArray([.. tender.Lots.Select(Lot)]),
        };
        if (input.Tenderers.Count > 0)
        {
            body["tenderers"] = new JsonArray([.. input.Tenderers.Select(Reference)]);
            body["numberOfTenderers"] = input.Tenderers.Count;
        }
        release["tender"] = body;
        return release;
    }

    private static JsonObject AwardRelease(OcdsInput input, string ocid)
    {
        var release = Release(ocid, "award", input.Awards.Max(a => a.Date), Parties(input, withSuppliers: true), input.Awards.Select(a => a.Buyer));
        release["awards"] = new JsonArray([.. input.Awards.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a.Id,
            ["status"] = a.Status,
            ["date"] = Instant(a.Date),
            ["value"] = Money(a.Value),
            ["suppliers"] = new JsonArray([.. a.Suppliers.Select(Reference)]),
            ["relatedLots"] = new JsonArray(a.LotId),
            ["buyers"] = new JsonArray(Reference(a.Buyer)),
        })]);
        return release;
    }

    private static JsonObject ContractRelease(OcdsInput input, string ocid)
    {
        var signed = input.Contracts.Where(c => c.DateSigned is not null).Select(c => c.DateSigned!.Value).ToList();
        var date = signed.Count > 0 ? signed.Max() : input.PublishedAt;
        var release = Release(ocid, "contract", date, Parties(input, withSuppliers: true), input.Contracts.Select(c => c.Buyer));
        release["contracts"] = new JsonArray([.. input.Contracts.Select(c =>
        {
            var contract = new JsonObject
            {
                ["id"] = c.Id,
                ["awardID"] = c.AwardId,
                ["status"] = c.Status,
                ["buyer"] = Reference(c.Buyer),
                ["value"] = Money(c.Value),
                ["period"] = Period(c.Start, c.End),
            };
            if (c.DateSigned is { } dateSigned) contract["dateSigned"] = Instant(dateSigned);
            return (JsonNode)contract;
        })]);
        return release;
    }

    private static JsonObject Release(string ocid, string tag, DateTimeOffset date, JsonArray parties, IEnumerable<OcdsOrganisation> buyers)
    {
        var release = new JsonObject
        {
            ["ocid"] = ocid,
            ["id"] = $"{ocid}-{tag}-{date.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
            ["date"] = Instant(date),
            ["tag"] = new JsonArray(tag),
            ["initiationType"] = "tender",
            ["parties"] = parties,
        };
        var distinct = buyers.DistinctBy(b => b.Id).ToList();
        if (distinct.Count == 1) release["buyer"] = Reference(distinct[0]);
        return release;
    }

    /// <summary>Buyers, then the procuring entity, tenderers and suppliers; roles in that order, each organisation once.</summary>
    private static JsonArray Parties(OcdsInput input, bool withSuppliers)
    {
        var roles = new List<(OcdsOrganisation Organisation, List<string> Roles)>();
        void Add(OcdsOrganisation organisation, string role)
        {
            var index = roles.FindIndex(r => r.Organisation.Id == organisation.Id);
            if (index < 0) roles.Add((organisation, [role]));
            else if (!roles[index].Roles.Contains(role)) roles[index].Roles.Add(role);
        }
        foreach (var buyer in input.Tender.Buyers) Add(buyer, "buyer");
        Add(input.Tender.ProcuringEntity, "procuringEntity");
        foreach (var tenderer in input.Tenderers) Add(tenderer, "tenderer");
        if (withSuppliers)
            foreach (var supplier in input.Awards.SelectMany(a => a.Suppliers)) Add(supplier, "supplier");
        return new JsonArray([.. roles.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Organisation.Id,
            ["name"] = r.Organisation.Name,
            ["roles"] = new JsonArray([.. r.Roles.Select(role => (JsonNode)role)]),
        })]);
    }

    private static JsonNode Lot(OcdsLot lot) => new JsonObject
    {
        ["id"] = lot.Id,
        ["title"] = lot.Title,
        ["description"] = lot.Description,
        ["status"] = lot.Status,
        ["value"] = Money(lot.Value),
        ["contractPeriod"] = Period(lot.ContractStart, lot.ContractEnd),
    };

    private static JsonNode Reference(OcdsOrganisation organisation) => new JsonObject { ["id"] = organisation.Id, ["name"] = organisation.Name };

    private static JsonObject Money(OcdsMoney money) => new() { ["amount"] = money.Pence / 100m, ["currency"] = money.Currency };

    private static JsonObject Period(DateOnly start, DateOnly end) => new()
    {
        ["startDate"] = start.ToString("yyyy-MM-dd'T00:00:00Z'", CultureInfo.InvariantCulture),
        ["endDate"] = end.ToString("yyyy-MM-dd'T23:59:59Z'", CultureInfo.InvariantCulture),
    };

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Validate(OcdsInput input)
    {
        var tender = input.Tender;
        if (string.IsNullOrWhiteSpace(input.OcidPrefix)) throw new ArgumentException("An OCID prefix is needed.", nameof(input));
        Code(TenderStatuses, tender.Status, $"tender {tender.Id}");
        foreach (var lot in tender.Lots) Code(LotStatuses, lot.Status, $"lot {lot.Id}");
        foreach (var award in input.Awards)
        {
            Code(AwardStatuses, award.Status, $"award {award.Id}");
            if (tender.Lots.All(l => l.Id != award.LotId))
                throw new ArgumentException($"Award {award.Id} is for lot {award.LotId}, which tender {tender.Id} does not have.", nameof(input));
            if (tender.Buyers.All(b => b.Id != award.Buyer.Id))
                throw new ArgumentException($"Award {award.Id}'s buyer {award.Buyer.Id} is not a buyer of tender {tender.Id}.", nameof(input));
        }
        foreach (var contract in input.Contracts)
        {
            Code(ContractStatuses, contract.Status, $"contract {contract.Id}");
            var award = input.Awards.FirstOrDefault(a => a.Id == contract.AwardId)
                ?? throw new ArgumentException($"Contract {contract.Id} is for award {contract.AwardId}, which is not given.", nameof(input));
            if (award.Buyer.Id != contract.Buyer.Id)
                throw new ArgumentException($"Contract {contract.Id}'s buyer {contract.Buyer.Id} is not award {award.Id}'s buyer {award.Buyer.Id}.", nameof(input));
        }
        var organisations = tender.Buyers.Append(tender.ProcuringEntity).Concat(input.Tenderers)
            .Concat(input.Awards.SelectMany(a => a.Suppliers.Append(a.Buyer))).Concat(input.Contracts.Select(c => c.Buyer));
        foreach (var named in organisations.GroupBy(o => o.Id).Where(g => g.Select(o => o.Name).Distinct().Count() > 1))
            throw new ArgumentException($"Organisation {named.Key} is named both \"{string.Join("\" and \"", named.Select(o => o.Name).Distinct())}\".", nameof(input));
    }

    private static void Code(string[] codes, string code, string what)
    {
        if (!codes.Contains(code))
            throw new ArgumentException($"The status \"{code}\" of {what} is not an OCDS code ({string.Join(", ", codes)}).", "input");
    }
}
