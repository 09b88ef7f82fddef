using Procurement.Contracts.Tender.V1;
using Procurement.Tenders.Grpc;
using Procurement.Tenders.Tests.Domain;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>Tender content as a client sends it.</summary>
public static class Drafts
{
    /// <summary>The Kent + Essex joint tender of the seed case (SeedCase), in its proto form.</summary>
    public static TenderContent JointTender() => SeedCase.JointTender().ToProto();

    public static TenderContent JointTender(string reference, string title, params string[] commissioners)
    {
        var content = JointTender();
        content.Reference = reference;
        content.Title = title;
        content.Commissioners.Clear();
        content.Commissioners.AddRange(commissioners);
        var lots = content.Lots.Where(l => commissioners.Contains(l.Commissioner)).ToList();
        content.Lots.Clear();
        content.Lots.AddRange(lots);
        return content;
    }
}
