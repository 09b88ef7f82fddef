namespace Procurement.Awards.Domain;

/// <summary>
/// What the award service knows of one tender, to publish as an OCDS 1.1 release package
/// (<see cref="OcdsPackage"/>). Statuses are OCDS codes (tenderStatus, awardStatus, contractStatus, lot status).
/// Money comes in as the suite holds it (annual figures and terms in months); the package works out the totals.
/// </summary>
/// <param name="OcidPrefix">The publisher's registered OCID prefix, without "ocds-" (e.g. "b5fd17").</param>
public sealed record OcdsInput(
    string OcidPrefix,
    string PackageUri,
    string PublisherName,
    DateTimeOffset PublishedAt,
    OcdsTender Tender,
    IReadOnlyList<OcdsOrganisation> Tenderers,
    IReadOnlyList<OcdsAward> Awards,
    IReadOnlyList<OcdsContract> Contracts);

/// <summary>
/// An organisation as OCDS names it: the suite's organisation id (kent, victim-support), its name, and what the
/// organisations register knows of it. Without an identifier its party id is the suite's id.
/// </summary>
public sealed record OcdsOrganisation(string Id, string Name, OcdsIdentifier? Identifier = null, OcdsAddress? Address = null)
{
    /// <summary>OCDS builds a party id as {scheme}-{id} when the primary identifier is known.</summary>
    public string PartyId => Identifier is { } identifier ? $"{identifier.Scheme}-{identifier.Id}" : Id;
}

/// <param name="Scheme">An org-id.guide list code, e.g. GB-CHC (Charity Commission), GB-COH (Companies House).</param>
public sealed record OcdsIdentifier(string Scheme, string Id, string? LegalName = null, string? Uri = null);

public sealed record OcdsAddress(string? StreetAddress, string? Locality, string? Region, string? PostalCode, string? CountryName);

public sealed record OcdsMoney(long Pence, string Currency);

/// <param name="Buyers">One per commissioner taking part in the joint tender.</param>
/// <param name="Amendments">Each amendment of the published tender, oldest first.</param>
public sealed record OcdsTender(
    string Id,
    string Title,
    string Description,
    string Status,
    OcdsOrganisation ProcuringEntity,
    IReadOnlyList<OcdsOrganisation> Buyers,
    IReadOnlyList<OcdsLot> Lots,
    DateTimeOffset PublishedAt,
    DateTimeOffset SubmissionDeadline,
    IReadOnlyList<OcdsTenderAmendment>? Amendments = null);

/// <summary>An amendment of the published tender: the revision it made and the procurement team's summary.</summary>
public sealed record OcdsTenderAmendment(int Revision, string Summary, DateTimeOffset AmendedAt);

/// <param name="Description">The lot's specification.</param>
/// <param name="EstimatedAnnualValue">The tender's estimate per year; null when the tender gives none.</param>
/// <param name="ContractStart">First day of the contract (a date, not an instant).</param>
/// <param name="ExtensionAllowanceMonths">The most that extensions may add to the initial term.</param>
public sealed record OcdsLot(
    string Id, string Title, string Description, string Status, OcdsMoney? EstimatedAnnualValue,
    DateOnly ContractStart, int InitialTermMonths, int ExtensionAllowanceMonths);

/// <summary>One commissioner's award of one lot, at the winning bid's annual price (over the lot's initial term).</summary>
public sealed record OcdsAward(
    string Id,
    string LotId,
    string Status,
    OcdsOrganisation Buyer,
    IReadOnlyList<OcdsOrganisation> Suppliers,
    OcdsMoney AnnualValue,
    DateTimeOffset Date);

/// <param name="AnnualValue">The contract's annual value over its initial term.</param>
/// <param name="DateSigned">Null until the contract is signed.</param>
/// <param name="Extensions">Each extension decided, oldest first.</param>
public sealed record OcdsContract(
    string Id,
    string AwardId,
    string Status,
    OcdsOrganisation Buyer,
    OcdsMoney AnnualValue,
    DateOnly Start,
    int InitialTermMonths,
    int ExtensionAllowanceMonths,
    DateTimeOffset? DateSigned,
    IReadOnlyList<OcdsExtension>? Extensions = null);

/// <summary>An extension of a contract: its own decision, adding From..To at its own annual value.</summary>
public sealed record OcdsExtension(string Reference, int Months, OcdsMoney AnnualValue, DateTimeOffset DecidedAt, DateOnly From, DateOnly To, string Comments);
