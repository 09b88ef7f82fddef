namespace Procurement.Moderation.Domain;

/// <summary>Who is asking, as far as evaluation access cares (built from the caller's token by the service).</summary>
/// <param name="Commissioner">The commissioner the person acts for, if any.</param>
public sealed record EvaluationReader(string PersonId, string? Commissioner, bool IsCommissioningOfficer, bool IsEvaluator);

public enum EvaluationAccessOutcome
{
    Allowed,
    /// <summary>PERMISSION_DENIED: of the caller's commissioner, but not theirs to do.</summary>
    Denied,
    /// <summary>NOT_FOUND: another commissioner's evaluation does not exist as far as the caller is concerned.</summary>
    Hidden,
}

public sealed record EvaluationAccessDecision(EvaluationAccessOutcome Outcome, string Reason)
{
    public static readonly EvaluationAccessDecision Allow = new(EvaluationAccessOutcome.Allowed, "");
    public bool Allowed => Outcome == EvaluationAccessOutcome.Allowed;
}

/// <summary>
/// Isolation between commissioners (DOMAIN.md): people acting for one commissioner never see another's
/// evaluation, so to them it is NOT_FOUND, whatever they ask. Within the commissioner, the commissioning
/// officers follow and staff the evaluation; panel members act on it as their panel role allows.
/// </summary>
public static class EvaluationAccess
{
    /// <summary>Reading the evaluation (its panel, bids' suppliers, stage, and once complete its results).</summary>
    public static EvaluationAccessDecision CanFollow(EvaluationReader reader, Evaluation evaluation) =>
        OwnCommissioner(reader, evaluation) is { Allowed: false } hidden ? hidden
        : reader.IsCommissioningOfficer || (reader.IsEvaluator && evaluation.IsMember(reader.PersonId)) ? EvaluationAccessDecision.Allow
        : Deny("You are not on this evaluation's panel.");

    /// <summary>Appointing and changing the panel: the commissioner's commissioning officers.</summary>
    public static EvaluationAccessDecision CanStaff(EvaluationReader reader, Evaluation evaluation) =>
        OwnCommissioner(reader, evaluation) is { Allowed: false } hidden ? hidden
        : reader.IsCommissioningOfficer ? EvaluationAccessDecision.Allow
        : Deny("Only the commissioner's commissioning officers appoint the panel.");

    /// <summary>Declaring, scoring, moderating: a panel member acting as themselves (the domain then checks which).</summary>
    public static EvaluationAccessDecision CanActOnPanel(EvaluationReader reader, Evaluation evaluation) =>
        OwnCommissioner(reader, evaluation) is { Allowed: false } hidden ? hidden
        : reader.IsEvaluator && evaluation.IsMember(reader.PersonId) ? EvaluationAccessDecision.Allow
        : Deny("You are not on this evaluation's panel.");

    private static EvaluationAccessDecision OwnCommissioner(EvaluationReader reader, Evaluation evaluation) =>
        reader.Commissioner == evaluation.Commissioner
            ? EvaluationAccessDecision.Allow
            : new EvaluationAccessDecision(EvaluationAccessOutcome.Hidden, $"Evaluation {evaluation.Id} does not exist.");

    private static EvaluationAccessDecision Deny(string reason) => new(EvaluationAccessOutcome.Denied, reason);
}
