namespace Procurement.Identity.Tests;

public class RoleNamesTests
{
    [Theory]
    [InlineData("procurement_officer", Role.ProcurementOfficer)]
    [InlineData("supplier", Role.Supplier)]
    [InlineData("commissioning_officer", Role.CommissioningOfficer)]
    [InlineData("evaluator", Role.Evaluator)]
    [InlineData("finance_officer", Role.FinanceOfficer)]
    [InlineData("chief_executive", Role.ChiefExecutive)]
    [InlineData("commissioner", Role.Commissioner)]
    public void Each_role_of_the_domain_parses_and_prints_back(string name, Role role)
    {
        Assert.Equal(role, RoleNames.Parse(name));
        Assert.Equal(name, role.ToName());
    }

    [Fact]
    public void Every_enum_value_has_a_name()
    {
        Assert.Equal(Enum.GetValues<Role>().Length, RoleNames.All.Count);
        Assert.All(Enum.GetValues<Role>(), role => Assert.Contains(role.ToName(), RoleNames.All));
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("Supplier")]
    [InlineData("procurment_officer")]
    [InlineData("")]
    public void An_unknown_role_is_rejected_naming_it_and_the_known_roles(string name)
    {
        var error = Assert.Throws<FormatException>(() => RoleNames.Parse(name));
        Assert.Contains($"'{name}' is not a role", error.Message);
        Assert.Contains("procurement_officer", error.Message);
        Assert.False(RoleNames.TryParse(name, out _));
    }

    [Fact]
    public void A_value_outside_the_enum_has_no_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Role)99).ToName());
    }
}
