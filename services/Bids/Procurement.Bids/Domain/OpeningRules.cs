namespace Procurement.Bids.Domain;

/// <summary>What an offer for a lot must answer: the lot's quality and social-value criteria.</summary>
public sealed record LotRequirements(string LotId, IReadOnlyList<string> ResponseCriterionIds, string Currency = "GBP");

public sealed record ComplianceAssessment(bool Compliant, IReadOnlyList<string> Reasons);

/// <summary>
/// At opening, each offer is checked for completeness. An incomplete one is still opened (its
/// supplier is told why), but marked non-compliant with every reason, not only the first.
/// </summary>
public static class OpeningRules
{
    public static ComplianceAssessment Assess(LotOffer offer, Declarations declarations, LotRequirements lot, bool awaitingReconfirmation)
    {
        var reasons = new List<string>();
        if (awaitingReconfirmation)
            reasons.Add("The bid was not reconfirmed after the tender was amended.");
        if (offer.AnnualPrice.MinorUnits <= 0)
            reasons.Add("The annual price must be more than zero.");
        if (offer.AnnualPrice.Currency != lot.Currency)
            reasons.Add($"The annual price must be in {lot.Currency}, not {offer.AnnualPrice.Currency}.");

        var answered = offer.Responses
            .Where(r => !string.IsNullOrWhiteSpace(r.Text))
            .Select(r => r.CriterionId)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var criterion in lot.ResponseCriterionIds.Where(c => !answered.Contains(c)))
            reasons.Add($"No response to criterion {criterion}.");

        if (!declarations.AcceptsTerms) reasons.Add("The supplier did not accept the contract terms.");
        if (!declarations.MeetsMandatoryRequirements) reasons.Add("The supplier did not declare that it meets the mandatory requirements.");
        if (!declarations.NoConflictsDeclared) reasons.Add("The supplier did not complete the conflict-of-interest declaration.");
        return new ComplianceAssessment(reasons.Count == 0, reasons);
    }
}
