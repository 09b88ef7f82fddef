using Procurement.Contracts.Moderation.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>How an evaluation's parts are said on the pages.</summary>
public static class EvaluationText
{
    public static string Stage(Stage stage) => stage switch
    {
        Contracts.Moderation.V1.Stage.AwaitingPanel => "Awaiting panel",
        Contracts.Moderation.V1.Stage.Scoring => "Scoring",
        Contracts.Moderation.V1.Stage.Moderating => "Moderating",
        Contracts.Moderation.V1.Stage.Completed => "Completed",
        Contracts.Moderation.V1.Stage.Cancelled => "Cancelled",
        _ => "Unknown",
    };

    public static string StageTagClass(Stage stage) => stage switch
    {
        Contracts.Moderation.V1.Stage.AwaitingPanel => "govuk-tag--yellow",
        Contracts.Moderation.V1.Stage.Scoring => "govuk-tag--blue",
        Contracts.Moderation.V1.Stage.Moderating => "govuk-tag--purple",
        Contracts.Moderation.V1.Stage.Completed => "govuk-tag--green",
        _ => "govuk-tag--grey",
    };

    public static string Affiliation(Affiliation affiliation) => affiliation == Contracts.Moderation.V1.Affiliation.Force ? "Police force" : "Commissioner's office";

    public static string Kind(string kind) => kind switch
    {
        "quality" => "Quality",
        "social_value" => "Social value",
        "price" => "Price",
        _ => kind,
    };

    /// <summary>Exact decimal marks as the service gives them, rounded to 2 places for reading.</summary>
    public static string Marks(string marks) =>
        decimal.TryParse(marks, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)
            : marks;
}
