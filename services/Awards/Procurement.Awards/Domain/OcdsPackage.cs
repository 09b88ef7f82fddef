using System.Text.Json.Nodes;
using static Procurement.Awards.Domain.OcdsValues;

namespace Procurement.Awards.Domain;

/// <summary>
/// Builds the OCDS 1.1 release package Find a Tender style publishers expect, for one joint tender
/// (docs/ocds.md says field by field what it holds; decisions 0012 and 0020). All releases share ocid
/// "ocds-{prefix}-{tender id}"; there is one per stage reached:
/// <list type="bullet">
/// <item><c>tender</c> — or <c>tenderAmendment</c> once the tender has been amended, then with every amendment in
/// <c>tender.amendments</c>: the tender as it now stands (the award service keeps the latest revision only).</item>
/// <item><c>award</c> once a lot is awarded; <c>contract</c> once a contract exists, each contract as entered.</item>
/// <item><c>contractAmendment</c> once a contract is extended: the extended contracts as they now stand, every
/// extension in <c>contracts[].amendments</c>.</item>
/// </list>
/// Lots use the lots extension (<c>tender.lots</c>, <c>awards[].relatedLots</c>); each commissioner's award and
/// contract name it with the contract-buyer extension (<c>awards[].buyers</c>, <c>contracts[].buyer</c>), because no
/// single buyer stands for a joint tender, so the release-level <c>buyer</c> is given only where a release has one.
/// Values are OCDS's: an award's and a contract's <c>value</c> is the total over the initial term, a lot's the
/// maximum estimated value (the annual estimate over the initial term and the whole extension allowance); the annual
/// figure is kept beside each in <c>annualValue</c>. A release id is "{ocid}-{tag}-{release date yyyyMMddTHHmmssZ}",
/// so a later stage or amendment makes a new release rather than changing one already published.
/// Inconsistent input (an award for an unknown lot, a contract for an unknown award or another buyer, an
/// organisation id with two names, a status outside the codelist, an extension in another currency) is a usage
/// error (ArgumentException).
/// </summary>
public static class OcdsPackage
{
    public const string LotsExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json";
    public const string ContractBuyerExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_buyer_extension/master/extension.json";

    public static JsonObject Build(OcdsInput input)
    {
        OcdsValidation.Validate(input);
        var ocid = $"ocds-{input.OcidPrefix}-{input.Tender.Id}";
        var releases = new JsonArray(TenderRelease(input, ocid));
        if (input.Awards.Count > 0) releases.Add(AwardRelease(input, ocid));
        if (input.Contracts.Count > 0) releases.Add(ContractRelease(input, ocid));
        if (input.Contracts.Any(c => Extensions(c).Count > 0)) releases.Add(ContractAmendmentRelease(input, ocid));
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
        var amendments = tender.Amendments ?? [];
        var (tag, date) = amendments.Count == 0 ? ("tender", tender.PublishedAt) : ("tenderAmendment", amendments[^1].AmendedAt);
        var release = Release(ocid, tag, date, OcdsParties.Of(input, withSuppliers: false), tender.Buyers);
        var body = new JsonObject
        {
            ["id"] = tender.Id,
            ["title"] = tender.Title,
            ["description"] = tender.Description,
            ["status"] = tender.Status,
            ["procuringEntity"] = OcdsParties.Reference(tender.ProcuringEntity),
            ["tenderPeriod"] = new JsonObject { ["endDate"] = Instant(tender.SubmissionDeadline) },
            ["lots"] = new JsonArray([.. tender.Lots.Select(Lot)]),
        };
        if (input.Tenderers.Count > 0)
        {
            body["tenderers"] = new JsonArray([.. input.Tenderers.Select(t => (JsonNode)OcdsParties.Reference(t))]);
            body["numberOfTenderers"] = input.Tenderers.Count;
        }
        if (amendments.Count > 0) body["amendments"] = new JsonArray([.. amendments.Select((a, i) => TenderAmendment(ocid, tender, amendments, i))]);
        release["tender"] = body;
        return release;
    }

    /// <summary>amendsReleaseID and releaseID are the ids this package gave its tender release before and after the amendment.</summary>
    private static JsonNode TenderAmendment(string ocid, OcdsTender tender, IReadOnlyList<OcdsTenderAmendment> amendments, int index)
    {
        var amendment = amendments[index];
        var before = index == 0 ? ReleaseId(ocid, "tender", tender.PublishedAt) : ReleaseId(ocid, "tenderAmendment", amendments[index - 1].AmendedAt);
        var previousRevision = index == 0 ? 1 : amendments[index - 1].Revision;
        return new JsonObject
        {
            ["id"] = $"revision-{amendment.Revision}",
            ["date"] = Instant(amendment.AmendedAt),
            ["rationale"] = amendment.Summary,
            ["description"] = $"Revision {amendment.Revision} of the tender replaces revision {previousRevision}; bids made against an earlier revision must be reconfirmed.",
            ["amendsReleaseID"] = before,
            ["releaseID"] = ReleaseId(ocid, "tenderAmendment", amendment.AmendedAt),
        };
    }

    private static JsonObject AwardRelease(OcdsInput input, string ocid)
    {
        var release = Release(ocid, "award", input.Awards.Max(a => a.Date), OcdsParties.Of(input, withSuppliers: true), input.Awards.Select(a => a.Buyer));
        release["awards"] = new JsonArray([.. input.Awards.Select(a =>
        {
            var lot = input.Tender.Lots.Single(l => l.Id == a.LotId);
            return (JsonNode)new JsonObject
            {
                ["id"] = a.Id,
                ["status"] = a.Status,
                ["date"] = Instant(a.Date),
                ["value"] = Money(OverTerm(a.AnnualValue, lot.InitialTermMonths)),
                ["annualValue"] = Money(a.AnnualValue),
                ["contractPeriod"] = Period(lot.ContractStart, EndOfTerm(lot.ContractStart, lot.InitialTermMonths)),
                ["suppliers"] = new JsonArray([.. a.Suppliers.Select(s => (JsonNode)OcdsParties.Reference(s))]),
                ["relatedLots"] = new JsonArray(a.LotId),
                ["buyers"] = new JsonArray(OcdsParties.Reference(a.Buyer)),
            };
        })]);
        return release;
    }

    private static JsonObject ContractRelease(OcdsInput input, string ocid)
    {
        var release = Release(ocid, "contract", ContractReleaseDate(input), OcdsParties.Of(input, withSuppliers: true), input.Contracts.Select(c => c.Buyer));
        release["contracts"] = new JsonArray([.. input.Contracts.Select(c => (JsonNode)Contract(c, Money(OverTerm(c.AnnualValue, c.InitialTermMonths)),
            EndOfTerm(c.Start, c.InitialTermMonths)))]);
        return release;
    }

    /// <summary>The extended contracts as they now stand: the whole period so far, the total value over it, and each extension.</summary>
    private static JsonObject ContractAmendmentRelease(OcdsInput input, string ocid)
    {
        var extended = input.Contracts.Where(c => Extensions(c).Count > 0).ToList();
        var date = extended.SelectMany(Extensions).Max(e => e.DecidedAt);
        var release = Release(ocid, "contractAmendment", date, OcdsParties.Of(input, withSuppliers: true), extended.Select(c => c.Buyer));
        release["contracts"] = new JsonArray([.. extended.Select(c =>
        {
            var extensions = Extensions(c);
            var total = Sum(OverTerm(c.AnnualValue, c.InitialTermMonths), extensions.Select(e => OverTerm(e.AnnualValue, e.Months)));
            var contract = Contract(c, Money(total), extensions[^1].To);
            contract["amendments"] = new JsonArray([.. extensions.Select((e, i) => ContractAmendment(input, ocid, extensions, i))]);
            return (JsonNode)contract;
        })]);
        return release;
    }

    /// <summary>
    /// An extension as a contract amendment. Beside OCDS's fields it carries what the extension added: its
    /// <c>period</c>, its <c>value</c> over that period and its <c>annualValue</c> (docs/ocds.md).
    /// </summary>
    private static JsonNode ContractAmendment(OcdsInput input, string ocid, IReadOnlyList<OcdsExtension> extensions, int index)
    {
        var extension = extensions[index];
        var before = index == 0 ? ReleaseId(ocid, "contract", ContractReleaseDate(input, extension.DecidedAt))
            : ReleaseId(ocid, "contractAmendment", extensions[index - 1].DecidedAt);
        return new JsonObject
        {
            ["id"] = extension.Reference,
            ["date"] = Instant(extension.DecidedAt),
            ["rationale"] = string.IsNullOrWhiteSpace(extension.Comments) ? "Extension under the contract's extension allowance." : extension.Comments,
            ["description"] = $"Extended by {extension.Months} months, {extension.From:yyyy-MM-dd} to {extension.To:yyyy-MM-dd}, " +
                              $"at {Describe(extension.AnnualValue)} a year (decision {extension.Reference}).",
            ["amendsReleaseID"] = before,
            ["releaseID"] = ReleaseId(ocid, "contractAmendment", extension.DecidedAt),
            ["period"] = Period(extension.From, extension.To),
            ["value"] = Money(OverTerm(extension.AnnualValue, extension.Months)),
            ["annualValue"] = Money(extension.AnnualValue),
        };
    }

    private static JsonObject Contract(OcdsContract c, JsonObject value, DateOnly end)
    {
        var contract = new JsonObject
        {
            ["id"] = c.Id,
            ["awardID"] = c.AwardId,
            ["status"] = c.Status,
            ["buyer"] = OcdsParties.Reference(c.Buyer),
            ["value"] = value,
            ["annualValue"] = Money(c.AnnualValue),
            ["period"] = Period(c.Start, end, EndOfTerm(c.Start, c.InitialTermMonths + c.ExtensionAllowanceMonths)),
        };
        if (c.DateSigned is { } dateSigned) contract["dateSigned"] = Instant(dateSigned);
        return contract;
    }

    /// <summary>The maximum estimated value: the annual estimate over the initial term and the whole extension allowance.</summary>
    private static JsonNode Lot(OcdsLot lot)
    {
        var node = new JsonObject { ["id"] = lot.Id, ["title"] = lot.Title };
        if (!string.IsNullOrWhiteSpace(lot.Description)) node["description"] = lot.Description;
        node["status"] = lot.Status;
        if (lot.EstimatedAnnualValue is { } annual)
        {
            node["value"] = Money(OverTerm(annual, lot.InitialTermMonths + lot.ExtensionAllowanceMonths));
            node["annualValue"] = Money(annual);
        }
        node["contractPeriod"] = Period(lot.ContractStart, EndOfTerm(lot.ContractStart, lot.InitialTermMonths),
            EndOfTerm(lot.ContractStart, lot.InitialTermMonths + lot.ExtensionAllowanceMonths));
        return node;
    }

    private static JsonObject Release(string ocid, string tag, DateTimeOffset date, JsonArray parties, IEnumerable<OcdsOrganisation> buyers)
    {
        var release = new JsonObject
        {
            ["ocid"] = ocid,
            ["id"] = ReleaseId(ocid, tag, date),
            ["date"] = Instant(date),
            ["tag"] = new JsonArray(tag),
            ["initiationType"] = "tender",
            ["parties"] = parties,
        };
        var distinct = buyers.DistinctBy(b => b.Id).ToList();
        if (distinct.Count == 1) release["buyer"] = OcdsParties.Reference(distinct[0]);
        return release;
    }

    private static string ReleaseId(string ocid, string tag, DateTimeOffset date) => $"{ocid}-{tag}-{Compact(date)}";

    /// <summary>The contract release's date as of <paramref name="asOf"/>: its latest signature then, else the package's date.</summary>
    private static DateTimeOffset ContractReleaseDate(OcdsInput input, DateTimeOffset? asOf = null)
    {
        var signed = input.Contracts.Select(c => c.DateSigned).OfType<DateTimeOffset>().Where(d => asOf is null || d <= asOf).ToList();
        return signed.Count > 0 ? signed.Max() : input.PublishedAt;
    }

    private static IReadOnlyList<OcdsExtension> Extensions(OcdsContract contract) => contract.Extensions ?? [];
}
