namespace Procurement.Awards.Domain;

/// <summary>What award access needs to know of a caller (built from the token by the service).</summary>
public sealed record AwardReader(
    string Organisation, string? Commissioner, bool CommissioningOfficer, bool FinanceOfficer, bool ChiefExecutive, bool IsCommissioner,
    bool ProcurementOfficer, bool Supplier)
{
    public bool ActsForCommissioner => CommissioningOfficer || FinanceOfficer || ChiefExecutive || IsCommissioner;

    public bool Holds(Signatory signatory) => signatory switch
    {
        Signatory.FinanceOfficer => FinanceOfficer,
        Signatory.ChiefExecutive => ChiefExecutive,
        _ => IsCommissioner,
    };
}

public enum AwardAccessOutcome
{
    Allowed,
    /// <summary>PERMISSION_DENIED: the caller may see the award but not do this.</summary>
    Denied,
    /// <summary>NOT_FOUND: another commissioner's award (or, to a supplier, anything but its own summary) does not exist for the caller.</summary>
    Hidden,
}

public sealed record AwardAccessDecision(AwardAccessOutcome Outcome, string Reason)
{
    public static readonly AwardAccessDecision Allow = new(AwardAccessOutcome.Allowed, "");
    public bool Allowed => Outcome == AwardAccessOutcome.Allowed;
}

/// <summary>
/// Who may see and do what with a lot's award (DOMAIN.md): the lot's own commissioner's people (the
/// commissioning officer drafts and enters the contract, the three signatories sign in their role, the
/// commissioner decides extensions); the procuring entity's procurement officers follow and record
/// challenges; nobody acting for another commissioner learns the award exists.
/// </summary>
public static class AwardAccess
{
    public static AwardAccessDecision CanRead(AwardReader reader, Award award, string procuringEntity) =>
        reader.ActsForCommissioner && reader.Commissioner == award.Commissioner ? AwardAccessDecision.Allow
        : reader.ProcurementOfficer && reader.Organisation == procuringEntity ? AwardAccessDecision.Allow
        : Hidden(award);

    public static AwardAccessDecision CanDraft(AwardReader reader, Award award, string procuringEntity) =>
        Then(CanRead(reader, award, procuringEntity), reader.CommissioningOfficer && reader.Commissioner == award.Commissioner,
            "Only the commissioner's commissioning officers draft its Record of Decision.");

    public static AwardAccessDecision CanSign(AwardReader reader, Award award, string procuringEntity, Signatory @as) =>
        Then(CanRead(reader, award, procuringEntity), reader.Commissioner == award.Commissioner && reader.Holds(@as),
            $"Signing as the {Award.Describe(@as)} needs that role, for {award.Commissioner}.");

    public static AwardAccessDecision CanHandleChallenge(AwardReader reader, Award award, string procuringEntity) =>
        Then(CanRead(reader, award, procuringEntity),
            (reader.ProcurementOfficer && reader.Organisation == procuringEntity) || (reader.CommissioningOfficer && reader.Commissioner == award.Commissioner),
            "Challenges are recorded by the procurement team or the commissioner's commissioning officers.");

    public static AwardAccessDecision CanEnterContract(AwardReader reader, Award award, string procuringEntity) =>
        Then(CanRead(reader, award, procuringEntity), reader.CommissioningOfficer && reader.Commissioner == award.Commissioner,
            "Only the commissioner's commissioning officers enter its contract.");

    public static AwardAccessDecision CanExtend(AwardReader reader, Award award, string procuringEntity) =>
        Then(CanRead(reader, award, procuringEntity), reader.IsCommissioner && reader.Commissioner == award.Commissioner,
            "An extension is the commissioner's own decision.");

    /// <summary>A supplier reads its own summary only; the commissioner's commissioning officers any bidder's.</summary>
    public static AwardAccessDecision CanReadSummary(AwardReader reader, Award award, string supplier) =>
        reader.CommissioningOfficer && reader.Commissioner == award.Commissioner ? AwardAccessDecision.Allow
        : reader.Supplier && reader.Organisation == supplier && award.Ranking.Any(b => b.Supplier == supplier) ? AwardAccessDecision.Allow
        : Hidden(award);

    private static AwardAccessDecision Then(AwardAccessDecision read, bool may, string reason) =>
        !read.Allowed ? read : may ? AwardAccessDecision.Allow : new AwardAccessDecision(AwardAccessOutcome.Denied, reason);

    private static AwardAccessDecision Hidden(Award award) => new(AwardAccessOutcome.Hidden, $"Award {award.Id} does not exist.");
}
