using System.Security.Claims;
using Procurement.Contracts.Award.V1;

namespace Procurement.Web.Pages.Awards;

/// <summary>How an award's parts are said on the pages, and which signatory a person signs as.</summary>
public static class AwardText
{
    public static string Stage(Stage stage) => stage switch
    {
        Contracts.Award.V1.Stage.NoAward => "No award",
        Contracts.Award.V1.Stage.Recommended => "Recommended",
        Contracts.Award.V1.Stage.Refused => "Refused",
        Contracts.Award.V1.Stage.Standstill => "Standstill",
        Contracts.Award.V1.Stage.Suspended => "Suspended by a challenge",
        Contracts.Award.V1.Stage.ReadyToContract => "Ready to contract",
        Contracts.Award.V1.Stage.Contracted => "Contracted",
        _ => "Unknown",
    };

    public static string StageTagClass(Stage stage) => stage switch
    {
        Contracts.Award.V1.Stage.Recommended => "govuk-tag--blue",
        Contracts.Award.V1.Stage.Refused or Contracts.Award.V1.Stage.Suspended => "govuk-tag--red",
        Contracts.Award.V1.Stage.Standstill => "govuk-tag--yellow",
        Contracts.Award.V1.Stage.ReadyToContract => "govuk-tag--turquoise",
        Contracts.Award.V1.Stage.Contracted => "govuk-tag--green",
        _ => "govuk-tag--grey",
    };

    public static string Signatory(Signatory signatory) => signatory switch
    {
        Contracts.Award.V1.Signatory.FinanceOfficer => "Chief Finance Officer",
        Contracts.Award.V1.Signatory.ChiefExecutive => "Chief Executive",
        Contracts.Award.V1.Signatory.Commissioner => "Commissioner",
        _ => "",
    };

    /// <summary>The signatories of a Record of Decision, in the order they sign.</summary>
    public static IReadOnlyList<Signatory> SigningOrder { get; } =
        [Contracts.Award.V1.Signatory.FinanceOfficer, Contracts.Award.V1.Signatory.ChiefExecutive, Contracts.Award.V1.Signatory.Commissioner];

    /// <summary>The signatory role the signed-in person holds (finance officer, chief executive or commissioner), if any.</summary>
    public static Signatory? SignsAs(ClaimsPrincipal user) =>
        user.IsInRole("finance_officer") ? Contracts.Award.V1.Signatory.FinanceOfficer
        : user.IsInRole("chief_executive") ? Contracts.Award.V1.Signatory.ChiefExecutive
        : user.IsInRole("commissioner") ? Contracts.Award.V1.Signatory.Commissioner
        : null;
}
