namespace Procurement.Tenders.Domain;

/// <summary>
/// A lot's evaluation model: criteria of kind quality, price or social value with whole-percent
/// weights summing to 100, exactly one price criterion (lowest price ÷ bid price × weight), and a sane scale.
/// </summary>
public static class EvaluationRules
{
    public static void Validate(EvaluationModel? model, string path, List<Violation> violations)
    {
        if (model is null)
        {
            violations.Add(new(path, "set the evaluation model"));
            return;
        }
        ValidateCriteria(model.Criteria, $"{path}.criteria", violations);
        ValidateScale(model.Scale, $"{path}.quality_scale", violations);
        if (model.MinimumQualityPercent is { } threshold)
        {
            if (threshold is < 0 or > 100)
                violations.Add(new($"{path}.minimum_quality_percent", $"must be between 0 and 100, not {threshold}"));
            else if (model.Criteria.All(c => c.Kind != CriterionKind.Quality))
                violations.Add(new($"{path}.minimum_quality_percent", "a quality threshold needs at least one quality criterion"));
        }
    }

    private static void ValidateCriteria(IReadOnlyList<Criterion> criteria, string path, List<Violation> violations)
    {
        if (criteria.Count == 0)
        {
            violations.Add(new(path, "add the evaluation criteria"));
            return;
        }
        var total = criteria.Sum(c => c.WeightPercent);
        if (total != 100)
            violations.Add(new(path, $"weights sum to {total}; they must sum to 100"));
        var prices = criteria.Count(c => c.Kind == CriterionKind.Price);
        if (prices != 1)
            violations.Add(new(path, $"has {prices} price criteria; a lot needs exactly one"));
        foreach (var duplicate in criteria.Where(c => !string.IsNullOrWhiteSpace(c.Id)).GroupBy(c => c.Id).Where(g => g.Count() > 1))
            violations.Add(new(path, $"criterion id '{duplicate.Key}' is used more than once"));

        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i];
            PublicationRules.Require(criterion.Id, $"{path}[{i}].id", violations);
            PublicationRules.Require(criterion.Title, $"{path}[{i}].title", violations);
            if (criterion.Kind == CriterionKind.Unspecified)
                violations.Add(new($"{path}[{i}].kind", "choose quality, price or social value"));
            if (criterion.WeightPercent is < 1 or > 100)
                violations.Add(new($"{path}[{i}].weight_percent", $"must be between 1 and 100, not {criterion.WeightPercent}"));
        }
    }

    private static void ValidateScale(QualityScale scale, string path, List<Violation> violations)
    {
        if (scale.Minimum < 0 || scale.Maximum <= scale.Minimum)
        {
            violations.Add(new(path, $"must run upwards from 0 or more (it is {scale.Minimum} to {scale.Maximum})"));
            return;
        }
        foreach (var descriptor in scale.Descriptors.Where(d => d.Score < scale.Minimum || d.Score > scale.Maximum))
            violations.Add(new($"{path}.descriptors", $"score {descriptor.Score} lies outside the scale {scale.Minimum} to {scale.Maximum}"));
        foreach (var duplicate in scale.Descriptors.GroupBy(d => d.Score).Where(g => g.Count() > 1))
            violations.Add(new($"{path}.descriptors", $"score {duplicate.Key} is described more than once"));
    }
}
