namespace Procurement.Identity;

/// <summary>What a caller may do (DOMAIN.md, "Identity and access"). The set is closed: tokens name these and no others.</summary>
public enum Role
{
    ProcurementOfficer,
    Supplier,
    CommissioningOfficer,
    Evaluator,
    FinanceOfficer,
    ChiefExecutive,
    Commissioner,
    /// <summary>One of the suite's own services calling another; never a person.</summary>
    SuiteService,
}
