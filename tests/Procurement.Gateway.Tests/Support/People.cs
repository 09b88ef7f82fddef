using Procurement.Identity;

namespace Procurement.Gateway.Tests.Support;

public static class People
{
    public static readonly Caller Officer = new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });
    public static readonly Caller Supplier = new("s-sam", "Sam Supplier", "victim-support", null, new HashSet<Role> { Role.Supplier });
    public static readonly Caller OtherSupplier = new("s-tia", "Tia Supplier", "safe-spaces", null, new HashSet<Role> { Role.Supplier });
    public static readonly Caller Evaluator = new("e-eve", "Eve Evaluator", "kent-police", "kent", new HashSet<Role> { Role.Evaluator });
    public static readonly Caller KentCommissioningOfficer = new("c-kim", "Kim Commissioning", "kent-opcc", "kent", new HashSet<Role> { Role.CommissioningOfficer });
}
