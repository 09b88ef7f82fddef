using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Procurement.Moderation.Domain;
using V1 = Procurement.Contracts.Moderation.V1;

namespace Procurement.Moderation.Grpc;

/// <summary>Domain ↔ the messages of procurement.moderation.v1.</summary>
internal static class ModerationMapping
{
    public static V1.Evaluation ToProto(this Evaluation evaluation)
    {
        var message = new V1.Evaluation
        {
            Id = evaluation.Id.ToString(),
            TenderId = evaluation.TenderId.ToString(),
            LotId = evaluation.Lot.LotId,
            Commissioner = evaluation.Commissioner,
            Stage = evaluation.Stage switch
            {
                EvaluationStage.AwaitingPanel => V1.Stage.AwaitingPanel,
                EvaluationStage.Scoring => V1.Stage.Scoring,
                EvaluationStage.Moderating => V1.Stage.Moderating,
                EvaluationStage.Completed => V1.Stage.Completed,
                EvaluationStage.Cancelled => V1.Stage.Cancelled,
                _ => V1.Stage.Unspecified,
            },
            Chair = evaluation.Chair is { } chair ? ToProto(chair, evaluation) : null,
            Scale = new V1.ScaleInfo { Minimum = evaluation.Lot.Scale.Minimum, Maximum = evaluation.Lot.Scale.Maximum },
            OpenedAt = Timestamp.FromDateTimeOffset(evaluation.OpenedAt),
            CompletedAt = evaluation.CompletedAt is { } completed ? Timestamp.FromDateTimeOffset(completed) : null,
            CancelledAt = evaluation.CancelledAt is { } cancelled ? Timestamp.FromDateTimeOffset(cancelled) : null,
            CancellationReason = evaluation.CancellationReason ?? "",
        };
        if (evaluation.Lot.MinimumQualityPercent is { } minimum) message.MinimumQualityPercent = minimum;
        message.Evaluators.AddRange(evaluation.Evaluators.Select(e => ToProto(e, evaluation)));
        message.Bids.AddRange(evaluation.Bids.Select(b =>
        {
            var bid = new V1.EvaluatedBid { BidId = b.BidId.ToString(), Supplier = b.Supplier, CompliantAtOpening = b.CompliantAtOpening };
            bid.NonComplianceReasons.AddRange(b.NonComplianceReasons);
            return bid;
        }));
        message.Criteria.AddRange(evaluation.Lot.Criteria.Select(c => new V1.CriterionInfo { CriterionId = c.CriterionId, Kind = KindName(c.Kind), WeightPercent = c.WeightPercent }));
        return message;
    }

    public static PanelMember ToDomain(V1.PanelMember? member, string field, string commissioner)
    {
        if (member is null) throw Refusals.Invalid(field, "name the panel member");
        if (string.IsNullOrWhiteSpace(member.PersonId)) throw Refusals.Invalid($"{field}.person_id", "the person's id (their token's subject) is required");
        if (string.IsNullOrWhiteSpace(member.Name)) throw Refusals.Invalid($"{field}.name", "the person's name is required");
        if (member.Commissioner != commissioner)
            throw Refusals.Invalid($"{field}.commissioner",
                $"'{member.Commissioner}': the panel of a {commissioner} lot is drawn from {commissioner}'s office and force only");
        var affiliation = member.Affiliation switch
        {
            V1.Affiliation.Office => Affiliation.Office,
            V1.Affiliation.Force => Affiliation.Force,
            _ => throw Refusals.Invalid($"{field}.affiliation", "say whether the person is from the commissioner's office or its police force"),
        };
        return new PanelMember(member.PersonId, member.Name, affiliation);
    }

    public static V1.IndividualScore ToProto(this IndividualScore score) => new()
    {
        PersonId = score.PersonId,
        BidId = score.BidId.ToString(),
        CriterionId = score.CriterionId,
        Score = score.Score,
        Justification = score.Justification,
        At = Timestamp.FromDateTimeOffset(score.At),
    };

    public static V1.ModeratedScore ToProto(this ModeratedScore score) => new()
    {
        BidId = score.BidId.ToString(),
        CriterionId = score.CriterionId,
        Score = score.Score,
        Rationale = score.Rationale,
        By = score.By,
        At = Timestamp.FromDateTimeOffset(score.At),
    };

    public static V1.Results ToProto(this EvaluationResult result, Guid evaluationId)
    {
        var message = new V1.Results { EvaluationId = evaluationId.ToString(), TieBreak = EvaluationResults.TieBreak };
        message.Bids.AddRange(result.Bids.Select(b =>
        {
            var bid = new V1.BidResult
            {
                BidId = b.BidId.ToString(),
                Supplier = b.Supplier,
                AnnualPricePence = b.AnnualPricePence,
                QualityMarks = Text(b.QualityMarks),
                SocialValueMarks = Text(b.SocialValueMarks),
                PriceMarks = Text(b.PriceMarks),
                TotalMarks = Text(b.TotalMarks),
                Rank = b.Rank ?? 0,
                ExclusionReason = b.ExclusionReason ?? "",
            };
            bid.Marks.AddRange(b.Marks.Select(m =>
            {
                var mark = new V1.CriterionMark { CriterionId = m.CriterionId, Kind = KindName(m.Kind), Marks = Text(m.Marks) };
                if (m.ModeratedScore is { } score) mark.ModeratedScore = score;
                return mark;
            }));
            return bid;
        }));
        return message;
    }

    public static string KindName(CriterionKind kind) => kind switch
    {
        CriterionKind.Quality => "quality",
        CriterionKind.Price => "price",
        CriterionKind.SocialValue => "social_value",
        _ => "unspecified",
    };

    /// <summary>Exact decimal text, invariant culture, without trailing zeros ("24.5", "30").</summary>
    private static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static V1.PanelMember ToProto(PanelMember member, Evaluation evaluation) => new()
    {
        PersonId = member.PersonId,
        Name = member.Name,
        Affiliation = member.Affiliation == Affiliation.Office ? V1.Affiliation.Office : V1.Affiliation.Force,
        Commissioner = evaluation.Commissioner,
        Declared = evaluation.HasDeclared(member.PersonId),
        Submitted = evaluation.SubmittedBy.Contains(member.PersonId),
    };
}
