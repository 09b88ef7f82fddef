using System.Text.Json.Nodes;

namespace Procurement.Awards.Domain;

/// <summary>
/// The parties of a release: each organisation once, with every role it has there, its name, and — when the
/// organisations register knows them — its primary identifier and address. Elsewhere in the release an
/// organisation is only referenced, by party id and name.
/// </summary>
internal static class OcdsParties
{
    /// <summary>Buyers, then the procuring entity, tenderers and suppliers; roles in that order.</summary>
    public static JsonArray Of(OcdsInput input, bool withSuppliers)
    {
        var roles = new List<(OcdsOrganisation Organisation, List<string> Roles)>();
        void Add(OcdsOrganisation organisation, string role)
        {
            var index = roles.FindIndex(r => r.Organisation.Id == organisation.Id);
            if (index < 0) roles.Add((organisation, [role]));
            else if (!roles[index].Roles.Contains(role)) roles[index].Roles.Add(role);
        }
        foreach (var buyer in input.Tender.Buyers) Add(buyer, "buyer");
        Add(input.Tender.ProcuringEntity, "procuringEntity");
        foreach (var tenderer in input.Tenderers) Add(tenderer, "tenderer");
        if (withSuppliers)
            foreach (var supplier in input.Awards.SelectMany(a => a.Suppliers)) Add(supplier, "supplier");
        return new JsonArray([.. roles.Select(r => (JsonNode)Party(r.Organisation, r.Roles))]);
    }

    public static JsonObject Reference(OcdsOrganisation organisation) => new() { ["id"] = organisation.PartyId, ["name"] = organisation.Name };

    private static JsonObject Party(OcdsOrganisation organisation, List<string> roles)
    {
        var party = Reference(organisation);
        if (organisation.Identifier is { } identifier)
        {
            var primary = new JsonObject { ["scheme"] = identifier.Scheme, ["id"] = identifier.Id };
            if (!string.IsNullOrWhiteSpace(identifier.LegalName)) primary["legalName"] = identifier.LegalName;
            if (!string.IsNullOrWhiteSpace(identifier.Uri)) primary["uri"] = identifier.Uri;
            party["identifier"] = primary;
        }
        if (organisation.Address is { } address)
        {
            var lines = new JsonObject();
            void Line(string name, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value)) lines[name] = value;
            }
            Line("streetAddress", address.StreetAddress);
            Line("locality", address.Locality);
            Line("region", address.Region);
            Line("postalCode", address.PostalCode);
            Line("countryName", address.CountryName);
            if (lines.Count > 0) party["address"] = lines;
        }
        party["roles"] = new JsonArray([.. roles.Select(role => (JsonNode)role)]);
        return party;
    }
}
