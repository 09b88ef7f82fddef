using Google.Protobuf.WellKnownTypes;
using Procurement.Tenders.Domain;
using V1 = Procurement.Contracts.Tender.V1;

namespace Procurement.Tenders.Grpc;

/// <summary>Domain → proto, as one reader may see it: the asker only where <see cref="Clarification.ShowsAskerTo"/> allows.</summary>
internal static class ClarificationMapping
{
    public static V1.Clarification ToProto(this Clarification clarification, ClarificationReader reader) => new()
    {
        Id = clarification.Id.ToString(),
        TenderId = clarification.TenderId.ToString(),
        Question = clarification.Question,
        Answer = clarification.Answer ?? "",
        AskedAt = Timestamp.FromDateTimeOffset(clarification.AskedAt),
        AnsweredAt = clarification.AnsweredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        AskedByOrganisation = clarification.ShowsAskerTo(reader) ? clarification.AskedByOrganisation : "",
    };
}
