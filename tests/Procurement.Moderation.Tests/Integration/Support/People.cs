using Procurement.Contracts.Moderation.V1;
using Procurement.Identity;

namespace Procurement.Moderation.Tests.Integration.Support;

/// <summary>The people of the seed case: each commissioner's officers and panel, suppliers, the procurement unit.</summary>
public static class People
{
    public static Caller KentOfficer { get; } = Person("p-kit", "Kit Kent-Commissioning", "kent-opcc", "kent", Role.CommissioningOfficer);
    public static Caller KentChair { get; } = Person("p-kchair", "Kate Kent-Chair", "kent-opcc", "kent", Role.Evaluator);
    public static Caller KentOffice { get; } = Person("p-koffice", "Kamal Kent-Office", "kent-opcc", "kent", Role.Evaluator);
    public static Caller KentForce { get; } = Person("p-kforce", "Kerry Kent-Police", "kent-police", "kent", Role.Evaluator);
    /// <summary>An evaluator of Kent who is on no panel.</summary>
    public static Caller KentBystander { get; } = Person("p-kby", "Ken Kent-Bystander", "kent-police", "kent", Role.Evaluator);

    public static Caller EssexOfficer { get; } = Person("p-eo", "Eve Essex-Commissioning", "essex-pfcc", "essex", Role.CommissioningOfficer);
    public static Caller EssexChair { get; } = Person("p-echair", "Ezra Essex-Chair", "essex-pfcc", "essex", Role.Evaluator);
    public static Caller EssexOffice { get; } = Person("p-eoffice", "Esme Essex-Office", "essex-pfcc", "essex", Role.Evaluator);
    public static Caller EssexForce { get; } = Person("p-eforce", "Elliot Essex-Police", "essex-police", "essex", Role.Evaluator);

    public static Caller VictimSupport { get; } = Person("p-vs", "Bidder for victim-support", "victim-support", null, Role.Supplier);
    public static Caller Catch22 { get; } = Person("p-c22", "Bidder for catch-22", "catch-22", null, Role.Supplier);
    public static Caller ProcurementOfficer { get; } = Person("p-ola", "Ola Officer", "7f-commercial", null, Role.ProcurementOfficer);

    public static Caller Person(string id, string name, string organisation, string? commissioner, params Role[] roles) =>
        new(id, name, organisation, commissioner, roles.ToHashSet());

    /// <summary>A caller as a panel member in an appointment request.</summary>
    public static PanelMember Member(Caller person, Affiliation affiliation) => new()
    {
        PersonId = person.PersonId,
        Name = person.Name,
        Affiliation = affiliation,
        Commissioner = person.Commissioner ?? "",
    };
}
