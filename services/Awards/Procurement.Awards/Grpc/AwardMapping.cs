using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Procurement.Awards.Domain;
using Common = Procurement.Contracts.Common.V1;
using V1 = Procurement.Contracts.Award.V1;

namespace Procurement.Awards.Grpc;

/// <summary>Domain → the messages of procurement.award.v1.</summary>
internal static class AwardMapping
{
    public static V1.Award ToProto(this Award award, DateTimeOffset now)
    {
        var message = new V1.Award
        {
            Id = award.Id.ToString(),
            TenderId = award.TenderId.ToString(),
            LotId = award.LotId,
            Commissioner = award.Commissioner,
            Stage = award.StageAt(now) switch
            {
                AwardStage.NoAward => V1.Stage.NoAward,
                AwardStage.Recommended => V1.Stage.Recommended,
                AwardStage.Refused => V1.Stage.Refused,
                AwardStage.Standstill => V1.Stage.Standstill,
                AwardStage.Suspended => V1.Stage.Suspended,
                AwardStage.ReadyToContract => V1.Stage.ReadyToContract,
                AwardStage.Contracted => V1.Stage.Contracted,
                _ => V1.Stage.Unspecified,
            },
            Regime = award.Regime == Regime.ProcurementAct2023 ? "procurement_act_2023" : "pcr_2015",
            PreferredSupplier = award.Preferred?.Supplier ?? "",
            Decision = award.Decision is { } d
                ? new V1.DecisionText { Reference = d.Reference, Title = d.Title, ExecutiveSummary = d.ExecutiveSummary, Recommendation = d.Recommendation, Decision = d.Decision }
                : null,
            Refusal = award.Refusal is { } r
                ? new V1.Refusal { As = ToProto(r.As), PersonId = r.PersonId, Name = r.Name, Reason = r.Reason, At = Timestamp.FromDateTimeOffset(r.At) }
                : null,
            NextSignatory = award.NextSignatory is { } next ? ToProto(next) : V1.Signatory.Unspecified,
            NotifiedAt = Stamp(award.NotifiedAt),
            StandstillEnds = Stamp(award.StandstillEnds),
            Contract = award.Contract?.ToProto(award),
        };
        message.Ranking.AddRange(award.Ranking.Select(ToProto));
        message.Signatures.AddRange(award.Signatures.Select(s => new V1.Signature
            { As = ToProto(s.As), PersonId = s.PersonId, Name = s.Name, Comments = s.Comments, At = Timestamp.FromDateTimeOffset(s.At) }));
        message.Challenges.AddRange(award.Challenges.Select(c => new V1.Challenge
        {
            Supplier = c.Supplier, Grounds = c.Grounds, RecordedBy = c.RecordedBy, RecordedAt = Timestamp.FromDateTimeOffset(c.RecordedAt),
            Resolution = c.Resolution ?? "", ResolvedAt = Stamp(c.ResolvedAt),
        }));
        return message;
    }

    public static V1.Contract ToProto(this Contract contract, Award award)
    {
        var message = new V1.Contract
        {
            Id = contract.Id.ToString(),
            AwardId = award.Id.ToString(),
            TenderId = award.TenderId.ToString(),
            LotId = award.LotId,
            Supplier = contract.Supplier,
            Commissioner = contract.Commissioner,
            Start = ToProto(contract.Start),
            InitialEnd = ToProto(contract.InitialEnd),
            CurrentEnd = ToProto(contract.CurrentEnd),
            AnnualValue = new Common.Money { MinorUnits = contract.AnnualValuePence, Currency = contract.Currency },
            ExtensionAllowanceMonths = contract.ExtensionAllowanceMonths,
            ExtensionStepMonths = contract.ExtensionStepMonths,
            RemainingAllowanceMonths = contract.RemainingAllowanceMonths,
            EnteredAt = Timestamp.FromDateTimeOffset(contract.EnteredAt),
        };
        message.Extensions.AddRange(contract.Extensions.Select(e => new V1.Extension
        {
            Reference = e.Reference, Months = e.Months, AnnualValue = new Common.Money { MinorUnits = e.AnnualValuePence, Currency = contract.Currency },
            DecidedBy = e.DecidedBy, Comments = e.Comments, DecidedAt = Timestamp.FromDateTimeOffset(e.DecidedAt), From = ToProto(e.From), To = ToProto(e.To),
        }));
        return message;
    }

    public static V1.BidOutcome ToProto(this BidOutcome bid)
    {
        var message = new V1.BidOutcome
        {
            BidId = bid.BidId.ToString(),
            Supplier = bid.Supplier,
            AnnualPrice = new Common.Money { MinorUnits = bid.AnnualPricePence, Currency = bid.Currency },
            Rank = bid.Rank ?? 0,
            ExclusionReason = bid.ExclusionReason ?? "",
            TotalMarks = Text(bid.TotalMarks),
        };
        message.Criteria.AddRange(bid.Criteria.Select(c =>
        {
            var criterion = new V1.CriterionOutcome { CriterionId = c.CriterionId, Kind = c.Kind, WeightPercent = c.WeightPercent, Marks = Text(c.Marks) };
            if (c.ModeratedScore is { } score) criterion.ModeratedScore = score;
            return criterion;
        }));
        return message;
    }

    public static V1.Signatory ToProto(Signatory signatory) => signatory switch
    {
        Signatory.FinanceOfficer => V1.Signatory.FinanceOfficer,
        Signatory.ChiefExecutive => V1.Signatory.ChiefExecutive,
        _ => V1.Signatory.Commissioner,
    };

    public static Common.Date ToProto(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    private static Timestamp? Stamp(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    private static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
