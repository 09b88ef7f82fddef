namespace Procurement.Tenders.Domain;

/// <summary>One thing wrong with a request: where (a path such as "lots[0].evaluation.criteria") and what to change.</summary>
public sealed record Violation(string Field, string Description)
{
    public override string ToString() => $"{Field}: {Description}";
}
