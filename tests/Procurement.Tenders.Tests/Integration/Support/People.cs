using Procurement.Identity;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>Callers from DOMAIN.md's case.</summary>
public static class People
{
    public static Caller SevenFOfficer { get; } = new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });

    /// <summary>A procurement officer of another procurement unit.</summary>
    public static Caller OtherUnitOfficer { get; } = new("p-ozzy", "Ozzy Other", "south-west-unit", null, new HashSet<Role> { Role.ProcurementOfficer });

    public static Caller Supplier { get; } = new("p-sam", "Sam Supplier", "victim-support", null, new HashSet<Role> { Role.Supplier });
}
