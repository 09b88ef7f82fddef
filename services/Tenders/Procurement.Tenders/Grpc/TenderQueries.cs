using Microsoft.EntityFrameworkCore;
using Procurement.Contracts.Tender.V1;
using Procurement.Tenders.Persistence;

namespace Procurement.Tenders.Grpc;

/// <summary>ListTenders' filters: status, commissioner, and text in reference, title or description.</summary>
internal static class TenderQueries
{
    public static IQueryable<TenderRow> Filter(IQueryable<TenderRow> tenders, ListTendersRequest request)
    {
        if (TenderMapping.ToDomain(request.Status) is { } status)
            tenders = tenders.Where(t => t.Status == status);
        if (request.Commissioner.Length > 0)
        {
            var commissioner = request.Commissioner;
            tenders = tenders.Where(t => t.Commissioners.Contains(commissioner));
        }
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            var pattern = "%" + EscapeLike(request.Text.Trim()) + "%";
            tenders = tenders.Where(t => EF.Functions.ILike(t.Reference, pattern, @"\")
                                         || EF.Functions.ILike(t.Title, pattern, @"\")
                                         || EF.Functions.ILike(t.Description, pattern, @"\"));
        }
        return tenders;
    }

    /// <summary>The text is matched literally: % and _ typed by a person are not wildcards.</summary>
    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
