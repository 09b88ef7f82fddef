using System.Text.Json.Serialization;

namespace Procurement.Moderation.Domain;

public enum CriterionKind
{
    Quality,
    Price,
    SocialValue,
}

/// <summary>A criterion of the lot's evaluation model, as the tender published it.</summary>
public sealed record CriterionWeight(string CriterionId, CriterionKind Kind, int WeightPercent);

/// <summary>The scale quality and social-value criteria are scored on (0–5 by default).</summary>
public sealed record ScoringScale(int Minimum, int Maximum)
{
    public static ScoringScale Default { get; } = new(0, 5);

    public bool Contains(int score) => score >= Minimum && score <= Maximum;
}

/// <summary>What an evaluation needs of its lot: the criteria with weights, the scale, the optional quality threshold.</summary>
public sealed record LotModel(string LotId, string Commissioner, IReadOnlyList<CriterionWeight> Criteria, ScoringScale Scale, int? MinimumQualityPercent)
{
    /// <summary>The criteria evaluators score (quality and social value); price is scored by formula.</summary>
    [JsonIgnore]
    public IEnumerable<CriterionWeight> ScoredCriteria => Criteria.Where(c => c.Kind != CriterionKind.Price);
}
