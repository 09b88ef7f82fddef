using Procurement.Identity.Tests.Support;

namespace Procurement.Identity.Tests;

public class CallerTests
{
    [Fact]
    public void A_supplier_is_supplier_of_its_own_organisation_only()
    {
        Assert.True(Callers.Supplier.IsSupplierOf("victim-support"));
        Assert.False(Callers.Supplier.IsSupplierOf("kent-police"));
    }

    [Fact]
    public void Belonging_to_an_organisation_without_the_supplier_role_is_not_being_its_supplier()
    {
        // A procurement officer of 7F Commercial must not pass a bid-ownership check for 7F Commercial.
        Assert.False(Callers.ProcurementOfficer.IsSupplierOf("7f-commercial"));
    }

    [Fact]
    public void Acts_for_its_own_commissioner_only()
    {
        Assert.True(Callers.KentFinanceOfficer.ActsFor("kent"));
        Assert.False(Callers.KentFinanceOfficer.ActsFor("essex"));
        Assert.False(Callers.KentFinanceOfficer.ActsFor("Kent"));
    }

    [Fact]
    public void A_caller_without_a_commissioner_acts_for_none()
    {
        Assert.Null(Callers.Supplier.Commissioner);
        Assert.False(Callers.Supplier.ActsFor("kent"));
        Assert.False(Callers.Supplier.ActsFor(""));
    }

    [Fact]
    public void HasRole_and_HasAnyRole_look_at_every_role_held()
    {
        var kim = Callers.KentOfficerAndEvaluator;
        Assert.True(kim.HasRole(Role.CommissioningOfficer));
        Assert.True(kim.HasRole(Role.Evaluator));
        Assert.False(kim.HasRole(Role.Supplier));
        Assert.True(kim.HasAnyRole(Role.Supplier, Role.Evaluator));
        Assert.False(kim.HasAnyRole(Role.Supplier, Role.Commissioner));
        Assert.False(kim.HasAnyRole());
    }

    [Fact]
    public void Callers_saying_the_same_are_equal_whatever_the_set_instance()
    {
        var copy = Callers.KentOfficerAndEvaluator with { Roles = new HashSet<Role> { Role.Evaluator, Role.CommissioningOfficer } };
        Assert.Equal(Callers.KentOfficerAndEvaluator, copy);
        Assert.NotEqual(Callers.KentOfficerAndEvaluator, copy with { Roles = new HashSet<Role> { Role.Evaluator } });
        Assert.NotEqual(Callers.KentFinanceOfficer, Callers.KentFinanceOfficer with { Commissioner = "essex" });
    }
}
