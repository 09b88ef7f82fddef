namespace Procurement.Web;

/// <summary>The names the portal shows: a service of police and crime commissioners, not of GOV.UK.</summary>
public static class Portal
{
    public const string OrganisationName = "Police and Crime Commissioners";
    public const string ServiceName = "Joint procurement";
}
