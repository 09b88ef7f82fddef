using Microsoft.Extensions.Configuration;
using Procurement.Awards.Domain;
using Procurement.Awards.Grpc;

namespace Procurement.Awards.Tests.Domain;

public sealed class OrganisationRegisterTests
{
    private static OrganisationRegister Register(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void A_listed_organisation_has_its_name_identifier_and_address()
    {
        var register = Register(new()
        {
            ["Ocds:Organisations:catch-22:Name"] = "Catch22",
            ["Ocds:Organisations:catch-22:Identifier:Scheme"] = "GB-CHC",
            ["Ocds:Organisations:catch-22:Identifier:Id"] = "1124127",
            ["Ocds:Organisations:catch-22:Identifier:LegalName"] = "Catch22 Charity Limited",
            ["Ocds:Organisations:catch-22:Address:Locality"] = "London",
        });

        var found = register.Find("catch-22");

        Assert.Equal(("catch-22", "Catch22", "GB-CHC-1124127"), (found.Id, found.Name, found.PartyId));
        Assert.Equal(new OcdsIdentifier("GB-CHC", "1124127", "Catch22 Charity Limited"), found.Identifier);
        Assert.Equal(new OcdsAddress(null, "London", null, null, null), found.Address);
    }

    [Fact]
    public void An_unlisted_organisation_is_named_by_its_id_with_no_identifier()
    {
        var found = Register([]).Find("devon-support");

        Assert.Equal(new OcdsOrganisation("devon-support", "devon-support"), found);
        Assert.Equal("devon-support", found.PartyId);
    }

    [Fact]
    public void An_identifier_without_its_scheme_is_left_out_rather_than_half_published()
    {
        var found = Register(new() { ["Ocds:Organisations:kent:Name"] = "Police and Crime Commissioner for Kent", ["Ocds:Organisations:kent:Identifier:Id"] = "123" })
            .Find("kent");

        Assert.Equal(("Police and Crime Commissioner for Kent", null, "kent"), (found.Name, found.Identifier, found.PartyId));
    }

    [Fact]
    public void The_award_services_register_knows_the_demos_organisations()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false).Build();
        var register = new OrganisationRegister(settings);

        Assert.Equal(
        [
            ("7f-commercial", "7F Commercial"),
            ("kent", "Police and Crime Commissioner for Kent"),
            ("essex", "Police, Fire and Crime Commissioner for Essex"),
            ("GB-CHC-298028", "Victim Support"),
            ("GB-CHC-1124127", "Catch22"),
        ], new[] { "7f-commercial", "kent", "essex", "victim-support", "catch-22" }.Select(id => (register.Find(id).PartyId, register.Find(id).Name)));
    }
}
