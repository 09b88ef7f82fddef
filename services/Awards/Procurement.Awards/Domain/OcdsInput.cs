namespace Procurement.Awards.Domain;

/// <summary>
/// What the award service knows of one tender, to publish as an OCDS 1.1 release package
/// (<see cref="OcdsPackage"/>). Statuses are OCDS codes (tenderStatus, awardStatus, contractStatus, lot status).
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

/// <summary>An organisation as OCDS references it; the id is the suite's organisation id (kent-opcc).</summary>
public sealed record OcdsOrganisation(string Id, string Name);

public sealed record OcdsMoney(long Pence, string Currency);

/// <param name="Buyers">One per commissioner taking part in the joint tender.</param>
public sealed record OcdsTender(
    string Id,
    string Title,
    string Description,
    string Status,
    OcdsOrganisation ProcuringEntity,
    IReadOnlyList<OcdsOrganisation> Buyers,
    IReadOnlyList<OcdsLot> Lots,
    DateTimeOffset PublishedAt,
    DateTimeOffset SubmissionDeadline);

/// <param name="ContractStart">First day of the contract (a date, not an instant).</param>
/// <param name="ContractEnd">Last day of the initial term.</param>
public sealed record OcdsLot(string Id, string Title, string Description, string Status, OcdsMoney Value, DateOnly ContractStart, DateOnly ContractEnd);

/// <summary>One commissioner's award of one lot.</summary>
public sealed record OcdsAward(
    string Id,
    string LotId,
    string Status,
    OcdsOrganisation Buyer,
    IReadOnlyList<OcdsOrganisation> Suppliers,
    OcdsMoney Value,
    DateTimeOffset Date);

/// <param name="DateSigned">Null until the contract is signed.</param>
public sealed record OcdsContract(
    string Id,
    string AwardId,
    string Status,
    OcdsOrganisation Buyer,
    OcdsMoney Value,
    DateOnly Start,
    DateOnly End,
    DateTimeOffset? DateSigned);
