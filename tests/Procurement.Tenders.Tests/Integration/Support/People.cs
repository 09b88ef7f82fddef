using Procurement.Identity;

namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>Callers from DOMAIN.md's case.</summary>
public static class People
{
    public static Caller SevenFOfficer { get; } = new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });

    /// <summary>A procurement officer of another procurement unit.</summary>
    public static Caller OtherUnitOfficer { get; } = new("p-ozzy", "Ozzy Other", "south-west-unit", null, new HashSet<Role> { Role.ProcurementOfficer });

    public static Caller Supplier { get; } = new("p-sam", "Sam Supplier", "victim-support", null, new HashSet<Role> { Role.Supplier });

    /// <summary>Another person of the same supplier organisation as <see cref="Supplier"/>.</summary>
    public static Caller SupplierColleague { get; } = new("p-sue", "Sue Supplier", "victim-support", null, new HashSet<Role> { Role.Supplier });

    /// <summary>A competing supplier: must never learn who else asked or bid.</summary>
    public static Caller OtherSupplier { get; } = new("p-rob", "Rob Rival", "safer-futures", null, new HashSet<Role> { Role.Supplier });
}
