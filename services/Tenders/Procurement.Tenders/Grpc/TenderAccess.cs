using System.Linq.Expressions;
using Procurement.Identity;
using Procurement.Tenders.Domain;
using Procurement.Tenders.Persistence;

namespace Procurement.Tenders.Grpc;

/// <summary>
/// Who sees what: a draft only its procuring entity's procurement officers; a published (or later)
/// tender any authenticated caller. Who changes what: the procuring entity's procurement officers.
/// </summary>
internal static class TenderAccess
{
    public static bool MayChange(this Caller caller, TenderRow tender) =>
        caller.HasRole(Role.ProcurementOfficer) && string.Equals(caller.Organisation, tender.ProcuringEntity, StringComparison.Ordinal);

    /// <summary>The procuring entity's officers read clarifications as the procurement team; anyone else as their organisation.</summary>
    public static ClarificationReader AsClarificationReader(this Caller caller, TenderRow tender) =>
        new(caller.Organisation, caller.MayChange(tender));

    public static bool MaySee(this Caller caller, TenderRow tender) => tender.Status != TenderStatus.Draft || caller.MayChange(tender);

    /// <summary><see cref="MaySee"/> as a query filter.</summary>
    public static Expression<Func<TenderRow, bool>> Visible(Caller caller)
    {
        if (!caller.HasRole(Role.ProcurementOfficer)) return t => t.Status != TenderStatus.Draft;
        var organisation = caller.Organisation;
        return t => t.Status != TenderStatus.Draft || t.ProcuringEntity == organisation;
    }
}
