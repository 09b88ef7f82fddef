namespace Procurement.Messaging.Tests.Contracts;

// Integration events as a contracts project would define them: past-tense records, ids and data.
public sealed record TenderPublished(Guid TenderId, string Title);

public sealed record BidSubmitted(Guid BidId, Guid TenderId);

public sealed record TenderWithdrawn(Guid TenderId, string Reason);
