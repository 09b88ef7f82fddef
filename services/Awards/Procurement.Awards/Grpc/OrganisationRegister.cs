using Procurement.Awards.Domain;

namespace Procurement.Awards.Grpc;

/// <summary>
/// The organisations the OCDS package names, from the award service's configuration (Ocds:Organisations:{id},
/// keyed by the suite's organisation id): Name; Identifier:Scheme, :Id, :LegalName, :Uri (an org-id.guide scheme
/// such as GB-CHC or GB-COH); Address:StreetAddress, :Locality, :Region, :PostalCode, :CountryName. An office edits
/// it as it edits the rest of the service's settings (appsettings.json, environment, a Kubernetes ConfigMap), and a
/// restart picks it up. An organisation it does not list is published honestly: its id as name, no identifier.
/// </summary>
public sealed class OrganisationRegister(IConfiguration configuration)
{
    public OcdsOrganisation Find(string id)
    {
        var entry = configuration.GetSection($"Ocds:Organisations:{id}");
        var name = entry["Name"];
        if (string.IsNullOrWhiteSpace(name)) return new OcdsOrganisation(id, id);
        var identifier = entry.GetSection("Identifier");
        var address = entry.GetSection("Address");
        return new OcdsOrganisation(
            id, name,
            Present(identifier["Scheme"]) is { } scheme && Present(identifier["Id"]) is { } value
                ? new OcdsIdentifier(scheme, value, Present(identifier["LegalName"]), Present(identifier["Uri"]))
                : null,
            address.Exists()
                ? new OcdsAddress(Present(address["StreetAddress"]), Present(address["Locality"]), Present(address["Region"]),
                    Present(address["PostalCode"]), Present(address["CountryName"]))
                : null);
    }

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
